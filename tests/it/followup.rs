//! Follow-up: commitments and their yearly rhythm, deliverables through review, and the yearly
//! cycle and grants of a broad development partnership.

use kumppani_domain::role::Role;

use crate::both_databases;
use crate::support::*;

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    client.get(app.url(path)).send().await.unwrap().text().await.unwrap()
}

both_databases!(commitments_roll_over_yearly_and_show_when_overdue, |app| {
    let a = app.add_actor(&actor_input("A ry")).await;
    let b = app.add_actor(&actor_input("B ry")).await;
    let partnership = app.add_partnership(&partnership_input("Seurattava", &[a.id, b.id])).await;
    app.add_user("anna@a.fi", Role::Member, vec![a.id]).await;
    let member = app.login("anna@a.fi").await;
    let path = format!("/partnerships/{}", partnership.id);

    let for_other = post_form(
        &member,
        &app,
        &format!("{path}/commitments"),
        &[("title", "B:n lupaus"), ("actor_id", &b.id.to_string())],
    )
    .await;
    assert_eq!(for_other.status(), 422, "members commit only for their own organisation");
    assert!(
        for_other.text().await.unwrap().contains("Voit kirjata sitoumuksia vain omalle organisaatiollesi")
    );

    let added = post_form(
        &member,
        &app,
        &format!("{path}/commitments"),
        &[
            ("title", "Toimintakertomus"),
            ("actor_id", &a.id.to_string()),
            ("due_on", "31.3.2026"),
            ("yearly", "1"),
        ],
    )
    .await;
    assert_eq!(added.status(), 303);
    let body = page(&member, &app, &path).await;
    assert!(
        body.contains("Toimintakertomus") && body.contains("Myöhässä"),
        "31.3.2026 is past on 22.11.2026"
    );

    let commitment = app.store.commitments_of(partnership.id).await.unwrap().remove(0);
    let done = post_form(
        &member,
        &app,
        &format!("/commitments/{}", commitment.id),
        &[
            ("version", "1"),
            ("title", "Toimintakertomus"),
            ("actor_id", &a.id.to_string()),
            ("due_on", "2026-03-31"),
            ("yearly", "1"),
            ("status", "done"),
            ("evidence", "Kertomus lähetetty 30.3."),
        ],
    )
    .await;
    assert_eq!(done.status(), 303);
    let rolled = app.store.commitment(commitment.id).await.unwrap().unwrap();
    assert_eq!(rolled.details.due_on.unwrap().to_string(), "2027-03-31", "next year's occurrence opens");
    assert_eq!(rolled.details.status.as_str(), "not_started");
    let body = page(&member, &app, &path).await;
    assert!(!body.contains("Myöhässä"));
    assert!(body.contains("Sitoumuksen tilanne päivitettiin"), "the timeline records the update");

    let stale = post_form(
        &member,
        &app,
        &format!("/commitments/{}", commitment.id),
        &[("version", "1"), ("title", "Toimintakertomus"), ("status", "dropped")],
    )
    .await;
    assert_eq!(stale.status(), 422);
    assert!(stale.text().await.unwrap().contains("Joku muu tallensi"));
});

both_databases!(deliverable_is_locked_under_review_and_returned_with_comments, |app| {
    let city = app.add_actor(&actor_input("Kaupunki")).await;
    let association = app.add_actor(&actor_input("Yhdistys ry")).await;
    let mut input = partnership_input("Kehittämiskumppanuus", &[city.id, association.id]);
    input.parties[0].role = "coordinator".into();
    let partnership = app.add_partnership(&input).await;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    app.add_user("anna@yhdistys.fi", Role::Member, vec![association.id]).await;
    let staff = app.login("staff@turku.fi").await;
    let member = app.login("anna@yhdistys.fi").await;

    // The agreement coming into force creates this year's cycle.
    let mut terms = kumppani_domain::agreement::AgreementInput::from_partnership(&partnership.details, "fi");
    terms.valid_from = "1.1.2026".into();
    let agreement = kumppani::services::agreements::create(
        &app.store,
        Some(&app.staff_principal()),
        partnership.id,
        &terms,
        app.change(),
    )
    .await
    .unwrap();
    for actor in [city.id, association.id] {
        let signed = post_form(
            &staff,
            &app,
            &format!("/agreements/{}/paper", agreement.id),
            &[("actor_id", &actor.to_string()), ("signed_on", "1.11.2026")],
        )
        .await;
        assert_eq!(signed.status(), 303);
    }
    let deliverables = app.store.deliverables_of(partnership.id).await.unwrap();
    assert_eq!(deliverables.len(), 2, "report and plan of the year");
    let body = page(&member, &app, &format!("/partnerships/{}", partnership.id)).await;
    assert!(
        body.contains("Selvitys avustuksen käytöstä 2025")
            && body.contains("Toiminta- ja taloussuunnitelma 2027")
    );
    let plan = deliverables.iter().find(|d| d.kind.as_str() == "action_plan").unwrap();
    assert_eq!(plan.actor_id, Some(association.id), "the organisation delivers, the coordinator reviews");
    let path = format!("/deliverables/{}", plan.id);

    let without_budget =
        post_form(&member, &app, &format!("{path}/submit"), &[("text", "Suunnitelma")]).await;
    assert_eq!(without_budget.status(), 422);
    let body = without_budget.text().await.unwrap();
    assert!(body.contains("vähintään yksi talousarvion rivi") && body.contains("Suunnitelma"));

    let plan_form = [
        ("text", "Suunnitelma vuodelle 2027"),
        ("budget_lines[0].description", "Palkat"),
        ("budget_lines[0].amount", "24 000"),
        ("budget_lines[1].description", "Vuokrat"),
        ("budget_lines[1].amount", "1200,50"),
        ("indicators[0].name", "Kävijät"),
        ("indicators[0].kind", "volume"),
        ("indicators[0].target", "500"),
    ];
    // A file added to the plan can be taken back until the plan is submitted.
    let token = csrf_token(&member, &app.url(&path)).await;
    let attached = member
        .post(app.url(&format!("{path}/attachments")))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(multipart_body(&[("csrf_token", &token)], "liite.pdf", b"%PDF-1.7\n%plan"))
        .send()
        .await
        .unwrap();
    assert_eq!(attached.status(), 303);
    let body = page(&member, &app, &path).await;
    let file = extract(&body, "href=\"/attachments/", "\"").unwrap();
    assert!(body.contains(&format!("action=\"/attachments/{file}/delete\"")));

    assert_eq!(post_form(&member, &app, &format!("{path}/submit"), &plan_form).await.status(), 303);
    let body = page(&member, &app, &path).await;
    assert!(body.contains("25\u{a0}200,50\u{a0}€"), "budget total in Finnish format");
    for client in [&member, &staff] {
        let refused = post_form(client, &app, &format!("/attachments/{file}/delete"), &[]).await;
        assert_eq!(refused.status(), 403, "the submitted plan's files stay while it is reviewed");
    }
    assert!(!body.contains("action=\"/deliverables/"), "locked: no forms while under review");
    let again = post_form(&member, &app, &format!("{path}/submit"), &plan_form).await;
    assert_eq!(again.status(), 422, "a submitted deliverable is locked");

    let no_comment = post_form(&staff, &app, &format!("{path}/review"), &[("decision", "return")]).await;
    assert_eq!(no_comment.status(), 422);
    let returned = post_form(
        &staff,
        &app,
        &format!("{path}/review"),
        &[("decision", "return"), ("comment", "Lisää vapaaehtoisten määrä")],
    )
    .await;
    assert_eq!(returned.status(), 303);
    let body = page(&member, &app, &path).await;
    assert!(body.contains("Lisää vapaaehtoisten määrä") && body.contains("Palautettu korjattavaksi"));
    assert!(
        body.contains("value=\"24000,00\"") || body.contains("24000,00"),
        "the earlier submission prefills the form"
    );

    assert_eq!(post_form(&member, &app, &format!("{path}/submit"), &plan_form).await.status(), 303);
    assert_eq!(
        post_form(&staff, &app, &format!("{path}/review"), &[("decision", "accept")]).await.status(),
        303
    );
    let accepted = app.store.deliverable(plan.id).await.unwrap().unwrap();
    assert_eq!(accepted.status.as_str(), "accepted");
    let body = page(&staff, &app, &path).await;
    assert!(
        body.contains("Jätetty tarkastettavaksi") || body.contains("Toimitettava jätettiin tarkastettavaksi")
    );

    // Grants per year, in euros.
    let grant = post_form(
        &staff,
        &app,
        &format!("/partnerships/{}/grants", partnership.id),
        &[("year", "2027"), ("applied", "30 000"), ("granted", "25 200,50"), ("paid", "26 000")],
    )
    .await;
    assert_eq!(grant.status(), 422, "paid cannot exceed granted");
    assert!(grant.text().await.unwrap().contains("value=\"25 200,50\""), "typed values kept");
    let grant = post_form(
        &staff,
        &app,
        &format!("/partnerships/{}/grants", partnership.id),
        &[
            ("year", "2027"),
            ("applied", "30 000"),
            ("granted", "25 200,50"),
            ("decision_reference", "Sotelau 12/2026"),
        ],
    )
    .await;
    assert_eq!(grant.status(), 303);
    let body = page(&member, &app, &format!("/partnerships/{}", partnership.id)).await;
    assert!(body.contains("30\u{a0}000,00\u{a0}€") && body.contains("Sotelau 12/2026"));
});

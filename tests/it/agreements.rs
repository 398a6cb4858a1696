//! Agreements: acceptance by every party, signed papers, a funder's condition, versions that
//! replace each other, and attachments checked from their content.

use kumppani_domain::role::Role;

use crate::both_databases;
use crate::support::*;

async fn post_form(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    fields: &[(&str, String)],
) -> reqwest::Response {
    let token = csrf_token(client, &app.url("/partnerships")).await;
    let mut form = vec![("csrf_token".to_owned(), token)];
    form.extend(fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    client.post(app.url(path)).form(&form).send().await.unwrap()
}

fn agreement_form(title: &str, from: &str, until: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "original".into()),
        ("title", title.into()),
        ("valid_from", from.into()),
        ("valid_until", until.into()),
        ("notice_days", "60".into()),
        ("language", "fi".into()),
        ("aim", "Yhteinen tavoite".into()),
    ]
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned()
}

both_databases!(agreement_comes_into_force_when_every_party_accepts, |app| {
    let association = app.add_actor(&actor_input("Hopeasiipi ry")).await;
    let city = app.add_actor(&actor_input("Turun kaupunki")).await;
    let mut verbal = partnership_input("Hopeasiiven kerhot", &[association.id, city.id]);
    verbal.verbal = true;
    let partnership = app.add_partnership(&verbal).await;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    app.add_user("anna@hopeasiipi.fi", Role::Member, vec![association.id]).await;
    let staff = app.login("staff@turku.fi").await;

    let form_page = staff
        .get(app.url(&format!("/partnerships/{}/agreements/new", partnership.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form_page.contains("Hopeasiiven kerhot: yhteinen tavoite"), "prefilled from the partnership");

    let mut bad = agreement_form("Kerhosopimus", "1.1.2026", "31.12.2025");
    bad[6].1 = String::new();
    let refused =
        post_form(&staff, &app, &format!("/partnerships/{}/agreements", partnership.id), &bad).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Päättymispäivä ei voi olla ennen alkamispäivää"));
    assert!(body.contains("value=\"Kerhosopimus\""), "typed values kept");

    let created = post_form(
        &staff,
        &app,
        &format!("/partnerships/{}/agreements", partnership.id),
        &agreement_form("Kerhosopimus", "1.1.2026", "31.12.2026"),
    )
    .await;
    assert_eq!(created.status(), 303);
    let agreement_path = location(&created);
    let page = staff.get(app.url(&agreement_path)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Odottaa osapuolten hyväksyntää"));
    let partnership_page = staff
        .get(app.url(&format!("/partnerships/{}", partnership.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!partnership_page.contains("Suullinen sopimus."), "a written agreement ends the verbal state");
    assert!(partnership_page.contains("Suullinen sopimus kirjattiin kirjalliseksi"));

    // The member accepts for their own organisation only.
    let member = app.login("anna@hopeasiipi.fi").await;
    let page = member.get(app.url(&agreement_path)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Hyväksy sopimus toimijan Hopeasiipi ry puolesta"));
    assert!(!page.contains("Hyväksy sopimus toimijan Turun kaupunki puolesta"));
    let for_city =
        post_form(&member, &app, &format!("{agreement_path}/accept"), &[("actor_id", city.id.to_string())])
            .await;
    assert_eq!(for_city.status(), 403);
    let accepted = post_form(
        &member,
        &app,
        &format!("{agreement_path}/accept"),
        &[("actor_id", association.id.to_string())],
    )
    .await;
    assert_eq!(accepted.status(), 303);
    let again = post_form(
        &member,
        &app,
        &format!("{agreement_path}/accept"),
        &[("actor_id", association.id.to_string())],
    )
    .await;
    assert_eq!(again.status(), 422, "accepting twice changes nothing");

    // Staff record the city's signed paper; now every party has accepted.
    let future = post_form(
        &staff,
        &app,
        &format!("{agreement_path}/paper"),
        &[("actor_id", city.id.to_string()), ("signed_on", "1.1.2027".into())],
    )
    .await;
    assert_eq!(future.status(), 422);
    let paper = post_form(
        &staff,
        &app,
        &format!("{agreement_path}/paper"),
        &[("actor_id", city.id.to_string()), ("signed_on", "20.11.2026".into())],
    )
    .await;
    assert_eq!(paper.status(), 303);
    let page = member.get(app.url(&agreement_path)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("<strong>Voimassa</strong>"), "in force once everyone accepted");
    assert!(page.contains("Allekirjoitettu paperilla") && page.contains("Hyväksytty sovelluksessa"));
    assert!(page.contains("Seurantalistalla 1.11.2026 alkaen"), "notice 60 days before 31.12.");

    let list = member.get(app.url("/partnerships")).send().await.unwrap().text().await.unwrap();
    assert!(
        list.contains("Voimassa asti 31.12.2026"),
        "the list shows the validity of the agreement in force"
    );

    // A renewal replaces the agreement once it is in force, and the chain stays readable.
    let mut renewal = agreement_form("Kerhosopimus 2027", "1.1.2027", "31.12.2028");
    renewal[0].1 = "renewal".into();
    renewal.push(("previous_id", agreement_path.trim_start_matches("/agreements/").to_owned()));
    let renewed =
        post_form(&staff, &app, &format!("/partnerships/{}/agreements", partnership.id), &renewal).await;
    assert_eq!(renewed.status(), 303);
    let renewal_path = location(&renewed);
    for (actor, path) in [(association.id, "paper"), (city.id, "paper")] {
        let signed = post_form(
            &staff,
            &app,
            &format!("{renewal_path}/{path}"),
            &[("actor_id", actor.to_string()), ("signed_on", "21.11.2026".into())],
        )
        .await;
        assert_eq!(signed.status(), 303);
    }
    let original = staff.get(app.url(&agreement_path)).send().await.unwrap().text().await.unwrap();
    assert!(original.contains("Korvattu uudemmalla versiolla"));
    assert!(original.contains("Kerhosopimus 2027"), "the chain links to the renewal");
    let api: serde_json::Value = member
        .get(app.url(&format!("/api/v1/partnerships/{}/agreements", partnership.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api[0]["status"], "superseded");
    assert_eq!(api[1]["status"], "not_yet_valid");
    assert_eq!(api[1]["previous_id"], api[0]["id"]);
});

both_databases!(funder_decides_whether_a_project_agreement_comes_into_force, |app| {
    let a = app.add_actor(&actor_input("Hanke ry")).await;
    let b = app.add_actor(&actor_input("Kirjasto")).await;
    let funder = app.add_actor(&actor_input("STEA")).await;
    let mut input = partnership_input("Hanke", &[a.id, b.id, funder.id]);
    input.parties[2].role = "funder".into();
    let partnership = app.add_partnership(&input).await;
    let staff = app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let token =
        kumppani::services::accounts::create_token(&app.store, staff, "api", app.change()).await.unwrap();
    let client = app.client();
    let created: serde_json::Value = client
        .post(app.url(&format!("/api/v1/partnerships/{}/agreements", partnership.id)))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "kind": "original", "title": "Hankesopimus", "valid_from": "2026-01-01",
                                   "aim": "Hankkeen tavoite", "funder_condition": "STEA" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["acceptances"].as_array().unwrap().len(), 2, "the funder answers by its decision");
    assert_eq!(created["valid_from"], "2026-01-01", "the API answers dates as it takes them");
    for actor in [a.id, b.id] {
        let signed = client
            .post(app.url(&format!("/api/v1/agreements/{id}/acceptances")))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "actor_id": actor, "signed_on": "2026-11-01" }))
            .send()
            .await
            .unwrap();
        assert_eq!(signed.status(), 201);
    }
    let url = app.url(&format!("/api/v1/agreements/{id}"));
    let get = || async {
        client.get(&url).bearer_auth(&token).send().await.unwrap().json::<serde_json::Value>().await.unwrap()
    };
    assert_eq!(get().await["status"], "awaiting_funder");
    let decided = client
        .post(app.url(&format!("/api/v1/agreements/{id}/funder-decision")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "verdict": "positive", "decided_on": "2026-11-20", "reference": "STEA 2026/123" }))
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 201);
    assert_eq!(get().await["status"], "in_force");
    let twice = client
        .post(app.url(&format!("/api/v1/agreements/{id}/funder-decision")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "verdict": "negative", "decided_on": "2026-11-21", "reference": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 422, "a decision is recorded once");
});

both_databases!(attachments_are_checked_and_served_as_downloads, |app| {
    let a = app.add_actor(&actor_input("A ry")).await;
    let b = app.add_actor(&actor_input("B ry")).await;
    let partnership = app.add_partnership(&partnership_input("Liitekumppanuus", &[a.id, b.id])).await;
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
    app.add_user("anna@a.fi", Role::Member, vec![a.id]).await;
    let member = app.login("anna@a.fi").await;
    let path = format!("/agreements/{}", agreement.id);
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let member = member.clone();
        let url = app.url(&format!("{path}/attachments"));
        let page = app.url(&path);
        async move {
            let token = csrf_token(&member, &page).await;
            member
                .post(url)
                .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
                .body(multipart_body(&[("csrf_token", &token)], name, &bytes))
                .send()
                .await
                .unwrap()
        }
    };
    let html = upload("sopimus.pdf", b"<html><script>alert(1)</script></html>".to_vec()).await;
    assert_eq!(html.status(), 422);
    assert!(html.text().await.unwrap().contains("Tiedosto ei ole PDF-, ODT-, DOCX- tai XLSX-tiedosto"));
    let pdf = upload("../../Allekirjoitettu sopimus.pdf", b"%PDF-1.7\n%test".to_vec()).await;
    assert_eq!(pdf.status(), 303);
    let page = member.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    let href = extract(&page, "href=\"/attachments/", "\"").unwrap();
    let download = member.get(app.url(&format!("/attachments/{href}"))).send().await.unwrap();
    assert_eq!(download.headers()["content-type"], "application/pdf");
    let disposition = download.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment;") && disposition.contains("Allekirjoitettu sopimus.pdf"));
    assert!(download.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(download.bytes().await.unwrap().as_ref(), b"%PDF-1.7\n%test");
    let stored: Vec<_> = std::fs::read_dir(app.data_dir().join("attachments")).unwrap().collect();
    assert_eq!(stored.len(), 1, "the refused file was not kept");
    let anonymous = app.client().get(app.url(&format!("/attachments/{href}"))).send().await.unwrap();
    assert_eq!(anonymous.status(), 404);

    // A wrong file is removed while nobody has accepted the version; it asks first.
    assert!(page.contains(&format!("action=\"/attachments/{href}/delete\"")));
    assert!(page.contains(
        "data-confirm=\"Poistetaanko liite ”Allekirjoitettu sopimus.pdf”? Poistoa ei voi perua.\""
    ));
    let extra = upload("väärä.pdf", b"%PDF-1.7\n%wrong".to_vec()).await;
    assert_eq!(extra.status(), 303);
    let page = member.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    let wrong = page.split("href=\"/attachments/").nth(2).unwrap().split('"').next().unwrap().to_owned();
    let removed = post_form(&member, &app, &format!("/attachments/{wrong}/delete"), &[]).await;
    assert_eq!(removed.headers()["location"], format!("{path}?notice=attachment-removed").as_str());
    let page = member
        .get(app.url(&format!("{path}?notice=attachment-removed")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Liite poistettiin.") && !page.contains("väärä.pdf"));
    assert_eq!(member.get(app.url(&format!("/attachments/{wrong}"))).send().await.unwrap().status(), 404);
    assert_eq!(std::fs::read_dir(app.data_dir().join("attachments")).unwrap().count(), 1, "its file is gone");

    // Once a party has accepted, the version's files stay as they were accepted.
    let accepted =
        post_form(&member, &app, &format!("{path}/accept"), &[("actor_id", a.id.to_string())]).await;
    assert_eq!(accepted.status(), 303);
    let page = member.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("/delete\""), "no remove button after an acceptance");
    let refused = post_form(&member, &app, &format!("/attachments/{href}/delete"), &[]).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(member.get(app.url(&format!("/attachments/{href}"))).send().await.unwrap().status(), 200);
});

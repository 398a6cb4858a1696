//! The analysis and workshop II through their pages and API: challenges grouping notes, the
//! challenge × actor matrix with its lead suggestion, roles, actions with planned flows,
//! governance, a partnership started from the workshop, the memo for participants, re-runs.

use kumppani::services::workshop_analysis::{ChallengeEdit, save_challenge};
use kumppani::services::workshops::{NoteWriter, create, go_to, post_note};
use kumppani_domain::role::Role;
use kumppani_domain::value_network::analysis::ChallengeInput;
use kumppani_domain::value_network::workshop::{NoteInput, PlanActorInput, PlanInput};
use serde_json::Value;
use uuid::Uuid;

use crate::both_databases;
use crate::support::*;

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn api(client: &reqwest::Client, app: &TestApp, path: &str) -> Value {
    client.get(app.url(path)).send().await.unwrap().json().await.unwrap()
}

/// A small workshop built through the services, in workshop I.
struct Built {
    id: Uuid,
    code: String,
    /// Workshop actor ids: Yhdistykset and LINKKU (on the register), Opiskelijat (not).
    yhdistykset: Uuid,
    linkku: Uuid,
    opiskelijat: Uuid,
}

async fn build(app: &TestApp, title: &str, register: &[Uuid]) -> Built {
    let staff = app.staff_principal();
    let names = ["Yhdistykset", "LINKKU-hanke", "Opiskelijat"];
    let plan = PlanInput {
        title: title.into(),
        purposes: vec!["missing_service".into()],
        actors: names
            .iter()
            .enumerate()
            .map(|(i, name)| PlanActorInput {
                name: (*name).into(),
                register_id: register.get(i).map(Uuid::to_string).unwrap_or_default(),
                ..Default::default()
            })
            .collect(),
        clients_name: "Asukkaat".into(),
        ..Default::default()
    };
    let ws = create(&app.store, Some(&staff), &plan, app.change()).await.unwrap();
    for step in ["invitation", "workshop_1"] {
        go_to(&app.store, &app.live, Some(&staff), ws.workshop.id, step, app.change()).await.unwrap();
    }
    let actors = &ws.workshop.plan.actors;
    Built {
        id: ws.workshop.id,
        code: ws.workshop.join_code.as_str().to_owned(),
        yhdistykset: actors[0].id,
        linkku: actors[1].id,
        opiskelijat: actors[2].id,
    }
}

/// Writes a note for `author` on behalf of the facilitator; returns its id.
async fn note(
    app: &TestApp,
    workshop: Uuid,
    question: &str,
    author: Uuid,
    about: Option<Uuid>,
    text: &str,
) -> Uuid {
    let input = NoteInput {
        question: question.into(),
        author: author.to_string(),
        about: about.map(|a| a.to_string()).unwrap_or_default(),
        text: text.into(),
        tangibility: String::new(),
    };
    let staff = app.staff_principal();
    post_note(&app.store, &app.live, workshop, NoteWriter::Facilitator(Some(&staff)), &input, app.change())
        .await
        .unwrap()
        .note
        .id
}

async fn to_analysis(app: &TestApp, workshop: Uuid) {
    go_to(&app.store, &app.live, Some(&app.staff_principal()), workshop, "analysis", app.change())
        .await
        .unwrap();
}

both_databases!(challenges_group_notes_and_the_matrix_suggests_a_lead, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let w = build(&app, "Palvelubussi", &[]).await;
    let verkostot = note(&app, w.id, "3a", w.yhdistykset, None, "Verkostot").await;
    let kumppanit = note(&app, w.id, "3a", w.linkku, None, "Verkostot ja kumppanit").await;
    let oppiminen = note(&app, w.id, "3b", w.linkku, None, "Tarjoaa oppimisympäristöjä").await;
    note(&app, w.id, "3a", w.opiskelijat, None, "Innokkaat opettajat").await;
    let johtaminen = note(&app, w.id, "4a", w.yhdistykset, None, "Yhteistyön johtaminen").await;

    // Too early: challenges are made in the analysis.
    let early =
        post_form(&staff, &app, &format!("/workshops/{}/challenges", w.id), &[("name", "Yhteistyö")]).await;
    assert_eq!(early.status(), 422);
    assert!(early.text().await.unwrap().contains("Tämä ei onnistu työpajan nykyisessä vaiheessa."));
    to_analysis(&app, w.id).await;

    // Invalid input: errors beside the fields, typed values kept.
    let refused = post_form(
        &staff,
        &app,
        &format!("/workshops/{}/challenges", w.id),
        &[("name", " "), ("needs", "Tieto palveluista"), ("strengths", &johtaminen.to_string())],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("id=\"name-error\""), "the name's error sits beside it");
    assert!(body.contains("Valitse vahvuuksia koskevia lappuja (kysymykset 3a ja 3b)."));
    assert!(body.contains(">Tieto palveluista</textarea>"), "typed needs kept");

    let (_, analysis) = page(&staff, &app, &format!("/workshops/{}/analysis", w.id)).await;
    assert!(
        analysis.contains(&format!("id=\"st-{verkostot}\" name=\"strengths\" value=\"{verkostot}\"")),
        "strengths are checkboxes"
    );
    assert!(analysis.contains("<legend><span class=\"swatch"), "grouped by actor with the colour");

    let strengths = [verkostot, kumppanit, oppiminen].map(|id| id.to_string());
    let johtaminen_id = johtaminen.to_string();
    let mut fields = vec![
        ("name", "Yhteistyö ja sen johtaminen"),
        ("needs", "Verkostot\nJohtaminen"),
        ("challenge_notes", johtaminen_id.as_str()),
    ];
    fields.extend(strengths.iter().map(|s| ("strengths", s.as_str())));
    let created = post_form(&staff, &app, &format!("/workshops/{}/challenges", w.id), &fields).await;
    assert_eq!(created.status(), 303);

    // The matrix: Yhdistykset one strength, LINKKU two, Opiskelijat none linked; LINKKU leads.
    let (status, matrix) = page(&staff, &app, &format!("/workshops/{}/matrix", w.id)).await;
    assert_eq!(status, 200);
    assert!(
        matrix.contains("<caption id=\"matrix-caption\">")
            && matrix.contains("<th scope=\"row\">Yhteistyö ja sen johtaminen")
    );
    assert!(matrix.contains("<strong>LINKKU-hanke</strong>"), "the suggested lead");
    assert!(matrix.contains("Eniten liitettyjä vahvuuksia: 2.") && matrix.contains("Seuraavaksi eniten: 1."));
    assert!(matrix.contains("Innokkaat opettajat"), "unlinked strengths are listed");
    let json = api(&staff, &app, &format!("/api/v1/workshops/{}/matrix", w.id)).await;
    let row = &json["rows"][0];
    let cell = |i: usize| -> Vec<String> {
        row["cells"][i]["strengths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap().into())
            .collect()
    };
    assert_eq!(json["columns"][1]["node"], w.linkku.to_string());
    assert_eq!(cell(0), ["Verkostot"]);
    assert_eq!(cell(1), ["Verkostot ja kumppanit", "Tarjoaa oppimisympäristöjä"]);
    assert!(cell(2).is_empty());
    assert_eq!(row["suggestion"]["leads"][0], w.linkku.to_string());
    assert_eq!(row["suggestion"]["reasons"][0]["code"], "strengths");
    assert_eq!(row["suggestion"]["reasons"][1]["code"], "matches-needs", "Verkostot meets a need");

    // Roles recorded on the matrix.
    let challenge = json["rows"][0]["challenge_id"].as_str().unwrap().to_owned();
    let roles = [(format!("role-{}", w.linkku), "lead"), (format!("role-{}", w.yhdistykset), "partner")];
    let fields: Vec<(&str, &str)> = roles.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let saved =
        post_form(&staff, &app, &format!("/workshops/{}/challenges/{challenge}/roles", w.id), &fields).await;
    assert_eq!(saved.status(), 303);
    let bad = post_form(
        &staff,
        &app,
        &format!("/workshops/{}/challenges/{challenge}/roles", w.id),
        &[(format!("role-{}", w.linkku).as_str(), "boss")],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let challenges = api(&staff, &app, &format!("/api/v1/workshops/{}/challenges", w.id)).await;
    let item = &challenges["items"][0];
    assert_eq!(item["roles"][0]["node"], w.linkku.to_string());
    assert_eq!(item["roles"][0]["role"], "lead");
    assert_eq!(item["strengths"].as_array().unwrap().len(), 3, "editing roles keeps the links");
    let (_, matrix) = page(&staff, &app, &format!("/workshops/{}/matrix", w.id)).await;
    assert!(matrix.contains("Vetäjä: LINKKU-hanke"));

    // A challenge without actions can be deleted.
    let second =
        post_form(&staff, &app, &format!("/workshops/{}/challenges", w.id), &[("name", "Tiedonkulku")]).await;
    assert_eq!(second.status(), 303);
    let challenges = api(&staff, &app, &format!("/api/v1/workshops/{}/challenges", w.id)).await;
    let second = challenges["items"][1]["id"].as_str().unwrap().to_owned();
    let (status, edit) = page(&staff, &app, &format!("/workshops/{}/challenges/{second}", w.id)).await;
    assert!(status == 200 && edit.contains("value=\"Tiedonkulku\""));
    let deleted =
        post_form(&staff, &app, &format!("/workshops/{}/challenges/{second}/delete", w.id), &[]).await;
    assert_eq!(deleted.status(), 303);
    let challenges = api(&staff, &app, &format!("/api/v1/workshops/{}/challenges", w.id)).await;
    assert_eq!(challenges["items"].as_array().unwrap().len(), 1);
});

both_databases!(actions_governance_partnership_memo_and_rerun, |app| {
    let yhdistys = app.add_actor(&actor_input("Palvelubussiyhdistys ry")).await;
    let linkku = app.add_actor(&actor_input("LINKKU-hanke ry")).await;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    app.add_user("member@example.fi", Role::Member, vec![linkku.id]).await;
    let staff = app.login("staff@turku.fi").await;
    let member = app.login("member@example.fi").await;
    let w = build(&app, "Palvelubussin verkosto", &[yhdistys.id, linkku.id]).await;
    let other = build(&app, "Toinen työpaja", &[]).await;

    // Participants join both workshops in workshop I.
    let participant = app.client();
    let joining = [("name", "Maija"), ("represents", &w.yhdistykset.to_string())];
    let joined = post_form(&participant, &app, &format!("/join/{}", w.code), &joining).await;
    assert_eq!(joined.status(), 303);
    let outsider = app.client();
    let joining = [("name", "Pekka"), ("represents", &other.yhdistykset.to_string())];
    assert_eq!(post_form(&outsider, &app, &format!("/join/{}", other.code), &joining).await.status(), 303);

    note(&app, w.id, "1a", w.yhdistykset, Some(w.linkku), "Vapaaehtoisia kuljettajia").await;
    note(&app, w.id, "4b", w.linkku, None, "Palvelut eivät tavoita kaikkia").await;
    to_analysis(&app, w.id).await;
    to_analysis(&app, other.id).await;
    let challenge = save_challenge(
        &app.store,
        Some(&app.staff_principal()),
        w.id,
        None,
        ChallengeEdit::Details(ChallengeInput { name: "Saatavuus".into(), ..Default::default() }),
        app.change(),
    )
    .await
    .unwrap()
    .id
    .to_string();

    // An action with a mistake in a flow: errors by the fields, typed values kept.
    let (linkku_key, opiskelijat_key) = (w.linkku.to_string(), w.opiskelijat.to_string());
    let mut fields = vec![
        ("challenge_id", challenge.as_str()),
        ("title", "Terveyspisteet bussiin"),
        ("steps", "Opiskelijoiden vuorolista\nReitit yhdistysten kanssa"),
        ("owner", linkku_key.as_str()),
        ("follow_up_by", "Ohjausryhmä"),
        ("follow_up_how", "Käyntimäärät kuukausittain"),
        ("review_on", "1.10.2027"),
        ("flows[0].from", opiskelijat_key.as_str()),
        ("flows[0].to", opiskelijat_key.as_str()),
        ("flows[0].value", "Terveyspisteet bussissa"),
    ];
    let refused = post_form(&staff, &app, &format!("/workshops/{}/actions", w.id), &fields).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("id=\"flows-0-to-error\">Arvovirta kulkee kahden eri osapuolen välillä."));
    assert!(
        body.contains("value=\"Terveyspisteet bussissa\"")
            && body.contains("Reitit yhdistysten kanssa</textarea>")
    );
    fields[8] = ("flows[0].to", "clients");
    let created = post_form(&staff, &app, &format!("/workshops/{}/actions", w.id), &fields).await;
    assert_eq!(created.status(), 303);
    let actions = api(&staff, &app, &format!("/api/v1/workshops/{}/actions", w.id)).await;
    let action = &actions["items"][0];
    assert_eq!(action["owner"], w.linkku.to_string());
    assert_eq!(action["steps"].as_array().unwrap().len(), 2);
    assert_eq!(action["flows"][0]["to"], "clients");
    assert_eq!(action["flows"][0]["tangibility"], "intangible");
    assert_eq!(action["review_on"], "2027-10-01");

    let bad = post_form(
        &staff,
        &app,
        &format!("/workshops/{}/governance", w.id),
        &[("model", "king"), ("description", "Kaupunki kutsuu")],
    )
    .await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains(">Kaupunki kutsuu</textarea>"));
    let governance =
        [("model", "joint_leaders"), ("description", "Kaupunki kutsuu koolle kahdesti vuodessa")];
    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{}/governance", w.id), &governance).await.status(),
        303
    );

    // A challenge with actions stays until they are gone.
    let kept =
        post_form(&staff, &app, &format!("/workshops/{}/challenges/{challenge}/delete", w.id), &[]).await;
    assert_eq!(kept.status(), 422);

    // Starting the partnership: refused with too few register actors, then once only.
    let few = post_form(&staff, &app, &format!("/workshops/{}/partnership", other.id), &[]).await;
    assert_eq!(few.status(), 422);
    assert!(few.text().await.unwrap().contains("vähintään kaksi rekisterissä olevaa toimijaa"));
    let started = post_form(&staff, &app, &format!("/workshops/{}/partnership", w.id), &[]).await;
    assert_eq!(started.status(), 303);
    let location = started.headers()["location"].to_str().unwrap().to_owned();
    let partnership_id: Uuid =
        location.trim_start_matches("/partnerships/").split('?').next().unwrap().parse().unwrap();
    let partnership = app.store.partnership(partnership_id).await.unwrap().unwrap();
    assert_eq!(partnership.phase.as_str(), "establishment");
    assert_eq!(partnership.party_ids(), [yhdistys.id, linkku.id]);
    assert_eq!(partnership.details.aim.as_deref(), Some("Saatavuus"));
    let events: Vec<String> =
        app.store.partnership_events(partnership_id).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert!(
        events.contains(&"created".to_owned()) && events.contains(&"transition".to_owned()),
        "{events:?}"
    );
    let commitments = app.store.commitments_of(partnership_id).await.unwrap();
    assert_eq!(commitments.len(), 1);
    assert_eq!(commitments[0].details.title, "Terveyspisteet bussiin");
    assert_eq!(commitments[0].details.actor_id, Some(linkku.id), "the owner's register actor");
    assert_eq!(commitments[0].details.due_on.map(|d| d.to_string()).as_deref(), Some("2027-10-01"));
    assert_eq!(commitments[0].details.owner.as_deref(), Some("Ohjausryhmä"));
    assert_eq!(app.store.workshop(w.id).await.unwrap().unwrap().partnership_id, Some(partnership_id));
    let again = post_form(&staff, &app, &format!("/workshops/{}/partnership", w.id), &[]).await;
    assert_eq!(again.status(), 422);
    assert!(again.text().await.unwrap().contains("Työpajasta on jo perustettu kumppanuus."));
    let (_, show) = page(&staff, &app, &format!("/workshops/{}", w.id)).await;
    assert!(show.contains(&format!("href=\"/partnerships/{partnership_id}\"")), "workshop → partnership");
    let (_, partnership_page) = page(&staff, &app, &format!("/partnerships/{partnership_id}")).await;
    assert!(partnership_page.contains(&format!("href=\"/workshops/{}\"", w.id)), "partnership → workshop");

    // The memo: the facilitator and this workshop's participants, nobody else.
    let (status, memo) = page(&participant, &app, &format!("/workshops/{}/memo", w.id)).await;
    assert_eq!(status, 200);
    for text in
        ["Maija", "Vapaaehtoisia kuljettajia", "Terveyspisteet bussiin", "Kaupunki kutsuu koolle", "<svg"]
    {
        assert!(memo.contains(text), "the memo has {text}");
    }
    assert!(memo.contains("<th scope=\"col\">Keneltä</th>"), "the flows as a table");
    assert!(!memo.contains("Takaisin työpajaan"), "participants get no staff links");
    let download =
        participant.get(app.url(&format!("/workshops/{}/memo/download", w.id))).send().await.unwrap();
    assert_eq!(download.status(), 200);
    assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename="));
    let file = download.text().await.unwrap();
    assert!(file.contains("<style>"), "the file carries its stylesheet");
    assert!(file.contains("name=\"csrf_token\" value=\"\""), "and no session's token");
    let (_, phone) = page(&participant, &app, &format!("/workshops/{}/me", w.id)).await;
    assert!(phone.contains(&format!("href=\"/workshops/{}/memo\"", w.id)), "participants find the memo");
    assert_eq!(page(&outsider, &app, &format!("/workshops/{}/memo", w.id)).await.0, 404);
    assert_eq!(page(&member, &app, &format!("/workshops/{}/memo", w.id)).await.0, 404);
    assert_eq!(page(&app.client(), &app, &format!("/workshops/{}/memo", w.id)).await.0, 404);
    assert_eq!(page(&staff, &app, &format!("/workshops/{}/memo", w.id)).await.0, 200);

    // Re-running copies the plan and links back.
    let rerun = post_form(&staff, &app, &format!("/workshops/{}/rerun", w.id), &[]).await;
    assert_eq!(rerun.status(), 303);
    let location = rerun.headers()["location"].to_str().unwrap().to_owned();
    let new_id: Uuid = location.trim_start_matches("/workshops/").split('?').next().unwrap().parse().unwrap();
    let renewed = app.store.workshop(new_id).await.unwrap().unwrap();
    let previous = app.store.workshop(w.id).await.unwrap().unwrap();
    assert_eq!(renewed.previous_workshop_id, Some(w.id));
    assert_eq!(renewed.workshop.plan, previous.workshop.plan);
    assert_eq!(renewed.workshop.step.as_str(), "planning");
    assert_ne!(renewed.workshop.join_code, previous.workshop.join_code);
    let (_, show) = page(&staff, &app, &location).await;
    assert!(show.contains(&format!("Edellinen kierros: <a href=\"/workshops/{}\">", w.id)));
});

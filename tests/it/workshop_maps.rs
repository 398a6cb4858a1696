//! The value network map through its pages, exports and API: flows from workshop I's notes,
//! retagging, saved places and their reset, the filter, downloads and per-workshop access.

use kumppani_domain::role::Role;
use serde_json::Value;

use crate::both_databases;
use crate::support::*;

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// A workshop in workshop I with two actors; returns its id and the actors' keys.
async fn workshop(client: &reqwest::Client, app: &TestApp, title: &str) -> (String, String, String) {
    let fields = [
        ("title", title),
        ("purposes", "missing_service"),
        ("clients_name", "Asukkaat"),
        ("actors[0].name", "Yhdistykset"),
        ("actors[1].name", "Kirjasto"),
    ];
    let created = post_form(client, app, "/workshops", &fields).await;
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let id = location.trim_start_matches("/workshops/").split('?').next().unwrap().to_owned();
    for step in ["invitation", "workshop_1"] {
        assert_eq!(
            post_form(client, app, &format!("/workshops/{id}/step"), &[("step", step)]).await.status(),
            303
        );
    }
    let api: Value =
        client.get(app.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap().json().await.unwrap();
    let actor = |i: usize| api["workshop"]["plan"]["actors"][i]["id"].as_str().unwrap().to_owned();
    (id, actor(0), actor(1))
}

async fn note(client: &reqwest::Client, app: &TestApp, id: &str, fields: &[(&str, &str)]) {
    let posted = post_form(client, app, &format!("/workshops/{id}/notes"), fields).await;
    assert_eq!(posted.status(), 303, "{}", posted.text().await.unwrap());
}

/// The centre of a party's label in the page's drawing.
fn centre(body: &str, key: &str) -> (f64, f64) {
    let group = &body[body.find(&format!("data-node=\"{key}\"")).unwrap()..];
    let number = |name: &str| extract(group, &format!(" {name}=\""), "\"").unwrap().parse::<f64>().unwrap();
    (number("x") + number("width") / 2.0, number("y") + number("height") / 2.0)
}

fn svg_of(body: &str) -> String {
    let start = body.find("<svg xmlns").unwrap();
    let end = body[start..].find("</svg>").unwrap() + start;
    body[start..end].to_owned()
}

both_databases!(the_current_map_draws_merges_retags_and_keeps_places, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let (id, yhd, kirjasto) = workshop(&staff, &app, "Kartta").await;
    note(
        &staff,
        &app,
        &id,
        &[("question", "1a"), ("author", &yhd), ("about", &kirjasto), ("text", "Vapaaehtoisia")],
    )
    .await;
    // 2a by Kirjasto about Yhdistykset flows the same way, and names the same value.
    note(
        &staff,
        &app,
        &id,
        &[("question", "2a"), ("author", &kirjasto), ("about", &yhd), ("text", "vapaaehtoisia")],
    )
    .await;
    note(
        &staff,
        &app,
        &id,
        &[("question", "1a"), ("author", &yhd), ("about", &kirjasto), ("text", "Paikallistuntemus")],
    )
    .await;
    note(&staff, &app, &id, &[("question", "1b"), ("author", &kirjasto), ("text", "Kokoustilat")]).await;
    note(&staff, &app, &id, &[("question", "2b"), ("author", &yhd), ("text", "Palautetta toiminnasta")])
        .await;
    note(&staff, &app, &id, &[("question", "3a"), ("author", &yhd), ("text", "Verkostot")]).await;

    let (status, body) = page(&staff, &app, &format!("/workshops/{id}/map")).await;
    assert_eq!(status, 200);
    assert!(body.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"vn-current\""));
    assert!(body.contains("<title id=\"vn-current-title\">Arvoverkkokartta: Kartta</title>"));
    assert_eq!(
        table_rows(&body),
        [
            "Asukkaat | Yhdistykset | Palautetta toiminnasta | aineeton",
            "Kirjasto | Asukkaat | Kokoustilat | aineellinen",
            "Yhdistykset | Kirjasto | Paikallistuntemus | aineeton",
            "Yhdistykset | Kirjasto | Vapaaehtoisia | aineeton",
        ],
        "answers become flows, strengths do not; the same value said twice is one"
    );
    let merged = format!("data-from=\"{yhd}\" data-to=\"{kirjasto}\" data-values=\"2\"");
    assert!(body.contains(&merged), "1a and 2a the same way are one arrow of two values");
    assert!(body.contains("Kirjasto → Asukkaat: Kokoustilat (aineellinen)"));
    assert!(body.contains("tabindex=\"0\""), "parts of the drawing take focus");
    assert!(body.contains("src=\"/static/map.js\""));

    // Retagging a value changes every note naming it, the table and the drawing.
    let retag = [
        ("from", yhd.as_str()),
        ("to", kirjasto.as_str()),
        ("value", "Vapaaehtoisia"),
        ("tangibility", "tangible"),
    ];
    let retagged = post_form(&staff, &app, &format!("/workshops/{id}/map/retag"), &retag).await;
    assert_eq!(retagged.status(), 303);
    let retag = [
        ("from", kirjasto.as_str()),
        ("to", "clients"),
        ("value", "Kokoustilat"),
        ("tangibility", "intangible"),
    ];
    assert_eq!(post_form(&staff, &app, &format!("/workshops/{id}/map/retag"), &retag).await.status(), 303);
    let (_, body) = page(&staff, &app, &format!("/workshops/{id}/map?notice=saved")).await;
    assert!(table_rows(&body).contains(&"Yhdistykset | Kirjasto | Vapaaehtoisia | aineellinen".to_owned()));
    assert!(table_rows(&body).contains(&"Kirjasto | Asukkaat | Kokoustilat | aineeton".to_owned()));
    assert!(body.contains("Kirjasto → Asukkaat: Kokoustilat (aineeton)"));
    assert!(body.contains("data-values=\"2\" data-tangible=\"1\""));
    let notes: Value = staff
        .get(app.url(&format!("/api/v1/workshops/{id}/notes")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let volunteers: Vec<&str> = notes["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["text"].as_str().unwrap().eq_ignore_ascii_case("vapaaehtoisia"))
        .map(|n| n["tangibility"].as_str().unwrap())
        .collect();
    assert_eq!(volunteers, ["tangible", "tangible"], "both notes naming the value");
    let unknown =
        [("from", yhd.as_str()), ("to", kirjasto.as_str()), ("value", "Ei ole"), ("tangibility", "tangible")];
    assert_eq!(post_form(&staff, &app, &format!("/workshops/{id}/map/retag"), &unknown).await.status(), 404);

    // The filter shows one kind of value, also without script.
    let (_, tangible) = page(&staff, &app, &format!("/workshops/{id}/map?filter=1&tangible=1")).await;
    assert_eq!(table_rows(&tangible), ["Yhdistykset | Kirjasto | Vapaaehtoisia | aineellinen"]);
    assert!(
        tangible.contains("name=\"tangible\" value=\"1\" checked")
            && !tangible.contains("name=\"intangible\" value=\"1\" checked")
    );
    assert!(
        tangible.contains(&format!("/workshops/{id}/map.png?filter=1&#38;tangible=1")),
        "downloads keep the filter"
    );

    // Saved places are used on the next drawing; reset returns the automatic layout.
    let default_svg = svg_of(&body);
    assert!(!body.contains("value=\"reset\""), "nothing to reset yet");
    let places = [
        ("map", "current"),
        ("node", "clients"),
        ("x", "300"),
        ("y", "300"),
        ("node", yhd.as_str()),
        ("x", "800"),
        ("y", "300"),
        ("node", kirjasto.as_str()),
        ("x", "300"),
        ("y", "700.5"),
    ];
    let saved = post_form(&staff, &app, &format!("/workshops/{id}/map/positions"), &places).await;
    assert_eq!(saved.status(), 303);
    let (_, moved) = page(&staff, &app, &format!("/workshops/{id}/map")).await;
    let clients = centre(&moved, "clients");
    let (a, b) = (centre(&moved, &yhd), centre(&moved, &kirjasto));
    assert!(((a.0 - clients.0) - 500.0).abs() < 0.2 && (a.1 - clients.1).abs() < 0.2, "{a:?} {clients:?}");
    assert!(((b.1 - clients.1) - 400.5).abs() < 0.2 && (b.0 - clients.0).abs() < 0.2, "{b:?} {clients:?}");
    assert!(moved.contains("value=\"reset\""));
    let (_, again) = page(&staff, &app, &format!("/workshops/{id}/map")).await;
    assert_eq!(svg_of(&again), svg_of(&moved), "the same data draws the same");
    let bad = [("map", "current"), ("node", "clients"), ("x", "NaN"), ("y", "1")];
    assert_eq!(post_form(&staff, &app, &format!("/workshops/{id}/map/positions"), &bad).await.status(), 422);
    let reset = post_form(
        &staff,
        &app,
        &format!("/workshops/{id}/map/positions"),
        &[("map", "current"), ("action", "reset")],
    )
    .await;
    assert_eq!(reset.status(), 303);
    let (_, back) = page(&staff, &app, &format!("/workshops/{id}/map")).await;
    assert_eq!(svg_of(&back), default_svg);
    let filter = kumppani::store::audit::Filter {
        entity_type: Some("workshop_map".into()),
        entity_id: Some(uuid::Uuid::parse_str(&id).unwrap()),
        per_page: 50,
        ..Default::default()
    };
    let audit: Vec<String> =
        app.store.audit_entries(&filter).await.unwrap().0.into_iter().map(|e| e.action).collect();
    assert_eq!(audit, ["reset_layout", "save_layout"], "newest first");

    // Downloads.
    let svg = staff.get(app.url(&format!("/workshops/{id}/map.svg"))).send().await.unwrap();
    assert_eq!(svg.status(), 200);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    let disposition = svg.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"arvoverkkokartta-current-")
            && disposition.ends_with(".svg\"")
    );
    let text = svg.text().await.unwrap();
    assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && text.ends_with("</svg>"));
    assert!(
        text.contains("<title id=\"vn-current-title\">") && text.contains("<desc id=\"vn-current-desc\">")
    );
    assert!(!text.contains("tabindex"), "a file is a picture, not a page");
    let png = staff.get(app.url(&format!("/workshops/{id}/map.png"))).send().await.unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    assert!(png.headers()["content-disposition"].to_str().unwrap().ends_with(".png\""));
    assert!(png.bytes().await.unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
    let pdf = staff.get(app.url(&format!("/workshops/{id}/map.pdf"))).send().await.unwrap();
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));

    // The API.
    let map: Value = staff
        .get(app.url(&format!("/api/v1/workshops/{id}/map")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(map["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(map["nodes"][0]["node"], "clients");
    assert_eq!(map["flows"].as_array().unwrap().len(), 3);
    assert_eq!(map["value_count"], 4);
    let flow = map["flows"].as_array().unwrap().iter().find(|f| f["from"] == yhd.as_str()).unwrap();
    assert_eq!(flow["values"][1]["text"], "Vapaaehtoisia");
    assert_eq!(flow["values"][1]["tangibility"], "tangible");
    assert_eq!(flow["values"][1]["sources"].as_array().unwrap().len(), 2);
});

both_databases!(only_staff_and_the_workshops_own_participants_see_the_map, |app| {
    let actor = app.add_actor(&actor_input("Kirjasto")).await;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    app.add_user("member@example.fi", Role::Member, vec![actor.id]).await;
    let staff = app.login("staff@turku.fi").await;
    let (id, yhd, kirjasto) = workshop(&staff, &app, "Oma").await;
    note(
        &staff,
        &app,
        &id,
        &[("question", "1a"), ("author", &yhd), ("about", &kirjasto), ("text", "Tietoa")],
    )
    .await;
    let (other, other_yhd, _) = workshop(&staff, &app, "Toinen").await;

    let join = |workshop: String, represents: String| {
        let app = &app;
        async move {
            use kumppani_domain::value_network::workshop::JoinInput;
            let record =
                app.store.workshop(uuid::Uuid::parse_str(&workshop).unwrap()).await.unwrap().unwrap();
            let input = JoinInput {
                code: record.workshop.join_code.as_str().to_owned(),
                name: "Maija".into(),
                represents,
            };
            kumppani::services::workshops::join(&app.store, &app.live, &input, app.change())
                .await
                .unwrap()
                .token
        }
    };
    let mine = join(id.clone(), yhd.clone()).await;
    let theirs = join(other.clone(), other_yhd).await;
    let with_cookie = |token: &str, path: &str| {
        app.client().get(app.url(path)).header("cookie", format!("kumppani_participant={token}")).send()
    };
    let own = with_cookie(&mine, &format!("/workshops/{id}/map")).await.unwrap();
    assert_eq!(own.status(), 200);
    let body = own.text().await.unwrap();
    assert!(body.contains("Yhdistykset → Kirjasto: Tietoa (aineeton)") && body.contains("<tbody>"));
    assert!(
        !body.contains("/map/retag") && !body.contains("/map/positions") && !body.contains("map.png"),
        "read-only"
    );
    assert_eq!(with_cookie(&theirs, &format!("/workshops/{id}/map")).await.unwrap().status(), 404);
    assert_eq!(with_cookie(&mine, &format!("/workshops/{id}/map.svg")).await.unwrap().status(), 404);

    let member = app.login("member@example.fi").await;
    for path in [
        format!("/workshops/{id}/map"),
        format!("/workshops/{id}/map.svg"),
        format!("/workshops/{id}/map.pdf"),
        format!("/api/v1/workshops/{id}/map"),
    ] {
        assert_eq!(page(&member, &app, &path).await.0, 404, "{path}");
        assert_ne!(page(&app.client(), &app, &path).await.0, 200, "{path}");
    }
    assert_eq!(page(&app.client(), &app, &format!("/workshops/{id}/map")).await.0, 404);
    let retag =
        [("from", yhd.as_str()), ("to", kirjasto.as_str()), ("value", "Tietoa"), ("tangibility", "tangible")];
    assert_eq!(post_form(&member, &app, &format!("/workshops/{id}/map/retag"), &retag).await.status(), 404);
});

both_databases!(the_future_map_marks_what_actions_add_and_a_rerun_shows_what_changed, |app| {
    use kumppani::services::workshop_analysis::{ChallengeEdit, rerun, save_action, save_challenge};
    use kumppani_domain::value_network::actions::{ActionInput, PlannedFlowInput};
    use kumppani_domain::value_network::analysis::ChallengeInput;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let (id, yhd, kirjasto) = workshop(&staff, &app, "Tulevaisuus").await;
    note(
        &staff,
        &app,
        &id,
        &[("question", "1a"), ("author", &yhd), ("about", &kirjasto), ("text", "Vapaaehtoisia")],
    )
    .await;
    note(&staff, &app, &id, &[("question", "1b"), ("author", &kirjasto), ("text", "Kokoustilat")]).await;
    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", "analysis")]).await.status(),
        303
    );
    let workshop_id = uuid::Uuid::parse_str(&id).unwrap();
    let by = app.staff_principal();
    let challenge = save_challenge(
        &app.store,
        Some(&by),
        workshop_id,
        None,
        ChallengeEdit::Details(ChallengeInput { name: "Saatavuus".into(), ..Default::default() }),
        app.change(),
    )
    .await
    .unwrap();
    let flow = |from: &str, to: &str, value: &str| PlannedFlowInput {
        from: from.into(),
        to: to.into(),
        value: value.into(),
        tangibility: String::new(),
    };
    let action = ActionInput {
        challenge_id: challenge.id.to_string(),
        title: "Yhteinen kalenteri".into(),
        steps: vec!["Sovitaan vastuut".into()],
        owner: kirjasto.clone(),
        flows: vec![flow(&kirjasto, &yhd, "Tapahtumakalenteri"), flow(&yhd, &kirjasto, "Koulutusta")],
        ..Default::default()
    };
    save_action(&app.store, Some(&by), workshop_id, None, &action, app.change()).await.unwrap();

    let (status, future) = page(&staff, &app, &format!("/workshops/{id}/map/future")).await;
    assert_eq!(status, 200);
    assert!(future.contains("id=\"vn-future\""));
    assert!(future.contains(&format!(
        "data-from=\"{kirjasto}\" data-to=\"{yhd}\" data-values=\"1\" data-tangible=\"0\" data-status=\"new\""
    )));
    assert!(future.contains(&format!("data-from=\"{yhd}\" data-to=\"{kirjasto}\" data-values=\"2\" data-tangible=\"0\" data-status=\"strengthened\"")));
    assert!(
        future.contains(">uusi 1</text>") && future.contains(">2 (+1)</text>"),
        "marked in words, not colour only"
    );
    assert!(
        table_rows(&future).contains(&"Kirjasto | Yhdistykset | Tapahtumakalenteri | aineeton".to_owned())
    );
    // A value an action plans is retagged on the future map, in the action itself.
    let retag = [
        ("map", "future"),
        ("from", kirjasto.as_str()),
        ("to", yhd.as_str()),
        ("value", "Tapahtumakalenteri"),
        ("tangibility", "tangible"),
    ];
    let retagged = post_form(&staff, &app, &format!("/workshops/{id}/map/retag"), &retag).await;
    assert_eq!(retagged.headers()["location"], format!("/workshops/{id}/map/future?notice=saved").as_str());
    let (_, future) = page(&staff, &app, &format!("/workshops/{id}/map/future")).await;
    assert!(
        table_rows(&future).contains(&"Kirjasto | Yhdistykset | Tapahtumakalenteri | aineellinen".to_owned())
    );
    let actions = app.store.workshop_actions(workshop_id).await.unwrap();
    let planned = &actions[0].details.flows[0];
    assert_eq!((planned.value.as_str(), planned.tangibility.as_str()), ("Tapahtumakalenteri", "tangible"));
    assert!(future.contains(&format!("href=\"/workshops/{id}/map/future.pdf\"")));

    let (status, compare) = page(&staff, &app, &format!("/workshops/{id}/map/compare")).await;
    assert_eq!(status, 200);
    assert!(compare.contains("id=\"vn-current\"") && compare.contains("id=\"vn-future\""), "side by side");
    assert_eq!(
        table_rows(&compare),
        [
            "Kirjasto | Yhdistykset | <strong class=\"tag flow-new\">Uusi virta</strong> | <ul><li>Tapahtumakalenteri</li></ul>",
            "Yhdistykset | Kirjasto | <strong class=\"tag flow-strengthened\">Vahvistuva virta</strong> | <ul><li>Koulutusta</li></ul>",
        ]
    );
    let svg = staff.get(app.url(&format!("/workshops/{id}/map/future.svg"))).send().await.unwrap();
    assert!(svg.headers()["content-disposition"].to_str().unwrap().contains("-future-"));
    assert!(svg.text().await.unwrap().contains("data-status=\"new\""));
    let png = staff.get(app.url(&format!("/workshops/{id}/map/future.png"))).send().await.unwrap();
    assert!(png.bytes().await.unwrap().starts_with(b"\x89PNG"));

    // Each map keeps its own places.
    let places = [("map", "future"), ("node", "clients"), ("x", "10"), ("y", "10")];
    let saved = post_form(&staff, &app, &format!("/workshops/{id}/map/positions"), &places).await;
    assert_eq!(saved.headers()["location"], format!("/workshops/{id}/map/future?notice=saved").as_str());
    assert!(page(&staff, &app, &format!("/workshops/{id}/map/future")).await.1.contains("value=\"reset\""));
    assert!(!page(&staff, &app, &format!("/workshops/{id}/map")).await.1.contains("value=\"reset\""));

    // A re-run: its current map compared with the previous run's.
    assert_eq!(page(&staff, &app, &format!("/workshops/{id}/map/changes")).await.0, 404, "no previous run");
    let renewed =
        rerun(&app.store, Some(&by), workshop_id, app.change()).await.unwrap().workshop.id.to_string();
    for step in ["invitation", "workshop_1"] {
        assert_eq!(
            post_form(&staff, &app, &format!("/workshops/{renewed}/step"), &[("step", step)]).await.status(),
            303
        );
    }
    note(
        &staff,
        &app,
        &renewed,
        &[("question", "1a"), ("author", &yhd), ("about", &kirjasto), ("text", "Vapaaehtoisia")],
    )
    .await;
    note(
        &staff,
        &app,
        &renewed,
        &[("question", "1a"), ("author", &yhd), ("about", &kirjasto), ("text", "Mentorointia")],
    )
    .await;
    note(&staff, &app, &renewed, &[("question", "2b"), ("author", &kirjasto), ("text", "Palautetta")]).await;
    let (_, map) = page(&staff, &app, &format!("/workshops/{renewed}/map")).await;
    assert!(map.contains(&format!("href=\"/workshops/{renewed}/map/changes\"")));
    let (status, changes) = page(&staff, &app, &format!("/workshops/{renewed}/map/changes")).await;
    assert_eq!(status, 200);
    assert!(changes.contains("id=\"vn-previous\"") && changes.contains("id=\"vn-changed\""));
    assert_eq!(
        table_rows(&changes),
        [
            "Asukkaat | Kirjasto | <strong class=\"tag flow-new\">Uusi virta</strong> | <ul><li>Palautetta</li></ul>",
            "Yhdistykset | Kirjasto | <strong class=\"tag flow-strengthened\">Vahvistuva virta</strong> | <ul><li>Mentorointia</li></ul>",
        ]
    );
});

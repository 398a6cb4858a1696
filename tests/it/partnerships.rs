//! Partnerships through their pages and API: verbal to written, phases, checklists, the
//! public catalogue and the actor page.

use kumppani_domain::role::Role;

use crate::both_databases;
use crate::support::*;

both_databases!(verbal_agreement_is_written_down_with_two_parties, |app| {
    app.add_actor(&actor_input("Varissuon Vanhusten Ystävät ry")).await;
    app.add_actor(&actor_input("Turun kaupunki – hyvinvointitoimiala")).await;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let client = app.login("staff@turku.fi").await;

    let verbal = [
        ("name", "Ikäihmisten kerhot"),
        ("kind", "other"),
        ("verbal", "1"),
        ("parties[0].actor", "varissuon vanhusten  ystävät ry"),
        ("published", "1"),
    ];
    let created = post_form(&client, &app, "/partnerships", &verbal).await;
    assert_eq!(created.status(), 303, "a verbal agreement may have one party and no aim");
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let page = client.get(app.url(&location)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Suullinen sopimus"));
    assert!(page.contains("Kumppanuus kirjattiin"), "the timeline starts");
    let listed = client.get(app.url("/partnerships?verbal=1")).send().await.unwrap().text().await.unwrap();
    assert!(listed.contains("Ikäihmisten kerhot"));

    let id = location.trim_start_matches("/partnerships/").split('?').next().unwrap().to_owned();
    let edit =
        client.get(app.url(&format!("/partnerships/{id}/edit"))).send().await.unwrap().text().await.unwrap();
    assert!(edit.contains("value=\"Varissuon Vanhusten Ystävät ry\""), "parties are shown by name");
    let version = extract(&edit, "name=\"version\" value=\"", "\"").unwrap();

    let half_written = [
        ("version", version.as_str()),
        ("name", "Ikäihmisten kerhot"),
        ("kind", "other"),
        ("parties[0].actor", "Varissuon Vanhusten Ystävät ry"),
        ("parties[1].actor", "Tuntematon yhdistys"),
        ("parties[1].commitment", "Tilat maksutta"),
    ];
    let refused = post_form(&client, &app, &format!("/partnerships/{id}"), &half_written).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Toimijaa ei löytynyt"), "unknown party reported beside its field");
    assert!(body.contains("Kirjallisessa sopimuksessa on oltava tavoite"));
    assert!(body.contains("value=\"Tuntematon yhdistys\""), "typed values kept");
    assert!(body.contains("Tilat maksutta"));

    let written = [
        ("version", version.as_str()),
        ("name", "Ikäihmisten kerhot"),
        ("kind", "other"),
        ("aim", "Vähentää kotona asuvien ikäihmisten yksinäisyyttä"),
        ("parties[0].actor", "Varissuon Vanhusten Ystävät ry"),
        ("parties[0].role", "coordinator"),
        ("parties[1].actor", "Turun kaupunki – hyvinvointitoimiala"),
        ("parties[1].commitment", "Tilat maksutta"),
        ("parties[1].rep0_name", "Liisa Lähiö"),
        ("published", "1"),
    ];
    let saved = post_form(&client, &app, &format!("/partnerships/{id}"), &written).await;
    assert_eq!(saved.status(), 303);
    let page =
        client.get(app.url(&format!("/partnerships/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("Suullinen sopimus."), "no longer flagged as verbal");
    assert!(page.contains("Suullinen sopimus kirjattiin kirjalliseksi"), "timeline notes the change");
    assert!(page.contains("Liisa Lähiö"), "staff see representatives");

    let stale = post_form(&client, &app, &format!("/partnerships/{id}"), &written).await;
    assert_eq!(stale.status(), 409, "a save based on an old version is refused");
    assert!(stale.text().await.unwrap().contains("Joku muu tallensi"));

    let public =
        app.client().get(app.url(&format!("/partnerships/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(public.contains("Vähentää kotona asuvien ikäihmisten yksinäisyyttä"), "the aim is public");
    assert!(!public.contains("Liisa Lähiö"), "representatives are hidden by default");
    assert!(!public.contains("Tilat maksutta"), "the catalogue shows no commitments");
});

both_databases!(phases_follow_the_model_with_dated_transitions, |app| {
    let a = app.add_actor(&actor_input("A ry")).await;
    let b = app.add_actor(&actor_input("B ry")).await;
    let partnership = app.add_partnership(&partnership_input("Kehittämiskumppanuus", &[a.id, b.id])).await;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    app.add_user("member@a.fi", Role::Member, vec![a.id]).await;
    let staff = app.login("staff@turku.fi").await;
    let path = format!("/partnerships/{}", partnership.id);
    let transition = format!("{path}/transition");

    let refused = post_form(&staff, &app, &transition, &[("event", "evaluate")]).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Tätä siirtymää ei voi tehdä"));
    let future =
        post_form(&staff, &app, &transition, &[("event", "establish"), ("decided_on", "1.1.2027")]).await;
    assert_eq!(future.status(), 422);

    for (event, on) in [("establish", "1.3.2026"), ("launch", "2026-05-02"), ("evaluate", "1.10.2026")] {
        let moved = post_form(&staff, &app, &transition, &[("event", event), ("decided_on", on)]).await;
        assert_eq!(moved.status(), 303, "{event}");
    }
    let decided =
        post_form(&staff, &app, &transition, &[("event", "decide_reshape"), ("note", "Tavoitteet uusiksi")])
            .await;
    assert_eq!(decided.status(), 303);
    let page = staff.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Päättämis- ja uusiutumisvaihe → Tunnusteluvaihe"), "transition in the timeline");
    assert!(page.contains("Tavoitteet uusiksi"));
    assert!(page.contains("Viimeisin arviointipäätös 22.11.2026"), "decision dated today by default");
    assert!(page.contains("2.5.2026"), "the decision date given is kept");

    let staircase = post_form(&staff, &app, &format!("{path}/staircase"), &[("level", "4")]).await;
    assert_eq!(staircase.status(), 303);

    // The party's member ticks the checklist but cannot move phases; an outsider cannot tick.
    let member = app.login("member@a.fi").await;
    let ticked = post_form(
        &member,
        &app,
        &format!("{path}/checklist"),
        &[("code", "shared-needs-and-aim"), ("done", "1"), ("note", "Sovittu kokouksessa")],
    )
    .await;
    assert_eq!(ticked.status(), 303);
    let page = member.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Sovittu kokouksessa"));
    assert!(page.contains("Yhteistyö: 4") || page.contains("Toiminnallisesti suuntautunut yhteistyö"));
    assert!(!page.contains("name=\"event\""), "members get no transition form");
    let denied = post_form(&member, &app, &transition, &[("event", "establish")]).await;
    assert_eq!(denied.status(), 403);

    let api =
        app.client().get(app.url(&format!("/api/v1/partnerships/{}", partnership.id))).send().await.unwrap();
    let json: serde_json::Value = api.json().await.unwrap();
    assert_eq!(json["phase"], "exploration");
    assert_eq!(json["name"], "Kehittämiskumppanuus");
    assert!(json["staircase"].is_null(), "anonymous callers get the catalogue entry only");
});

both_databases!(list_filters_and_actor_page, |app| {
    let a = app.add_actor(&actor_input("Alfa ry")).await;
    let b = app.add_actor(&actor_input("Beeta ry")).await;
    let c = app.add_actor(&actor_input("Gamma ry")).await;
    let mut culture = partnership_input("Kulttuurikumppanuus", &[a.id, b.id]);
    culture.themes = vec!["Kulttuuri".into()];
    culture.kind = "project".into();
    app.add_partnership(&culture).await;
    let mut sport = partnership_input("Liikuntakumppanuus", &[b.id, c.id]);
    sport.themes = vec!["liikunta".into()];
    sport.private_fields = Some(vec!["themes".into()]);
    app.add_partnership(&sport).await;

    let client = app.client();
    let get = |path: String| {
        let client = client.clone();
        async move { client.get(path).send().await.unwrap().text().await.unwrap() }
    };
    let by_kind = get(app.url("/partnerships?kind=project")).await;
    assert!(by_kind.contains("Kulttuurikumppanuus") && !by_kind.contains("Liikuntakumppanuus"));
    let by_theme = get(app.url("/partnerships?theme=kulttuuri")).await;
    assert!(by_theme.contains("Kulttuurikumppanuus"));
    let hidden_theme = get(app.url("/partnerships?theme=liikunta")).await;
    assert!(!hidden_theme.contains("Liikuntakumppanuus"), "hidden themes cannot be probed by filtering");
    let by_actor = get(app.url(&format!("/partnerships?actor={}", c.id))).await;
    assert!(by_actor.contains("Liikuntakumppanuus") && !by_actor.contains("Kulttuurikumppanuus"));
    let by_text = get(app.url("/partnerships?q=kulttuuri")).await;
    assert!(by_text.contains("Kulttuurikumppanuus") && !by_text.contains("Liikuntakumppanuus"));
    let inside_a_compound = get(app.url("/partnerships?q=KUMPPANUU")).await;
    assert!(
        inside_a_compound.contains("Kulttuurikumppanuus") && inside_a_compound.contains("Liikuntakumppanuus"),
        "a text is found inside compound words, whatever its case"
    );
    let nowhere = get(app.url("/partnerships?q=kumppanuusx")).await;
    assert!(!nowhere.contains("Kulttuurikumppanuus"));
    let short = get(app.url("/partnerships?q=nt")).await;
    assert!(
        short.contains("Liikuntakumppanuus") && !short.contains("Kulttuurikumppanuus"),
        "two letters are searched too"
    );

    let actor_page = get(app.url(&format!("/actors/{}", b.id))).await;
    assert!(actor_page.contains("Kulttuurikumppanuus") && actor_page.contains("Liikuntakumppanuus"));
    assert!(actor_page.contains("Kaikki toimijan kumppanuudet (2)"), "the page says how many there are");
    assert!(actor_page.contains("Alfa ry") && actor_page.contains("Gamma ry"), "counterparts listed");

    let api: serde_json::Value = app
        .client()
        .get(app.url("/api/v1/partnerships?kind=project"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["total"], 1);
    assert_eq!(api["items"][0]["name"], "Kulttuurikumppanuus");
});

both_databases!(api_creates_updates_and_refuses_stale_versions, |app| {
    let a = app.add_actor(&actor_input("A ry")).await;
    let b = app.add_actor(&actor_input("B ry")).await;
    let staff = app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let token =
        kumppani::services::accounts::create_token(&app.store, staff, "api", app.change()).await.unwrap();
    let client = app.client();
    let body = serde_json::json!({
        "name": "API-kumppanuus", "kind": "premises", "aim": "Tilat käyttöön",
        "parties": [{ "actor_id": a.id, "role": "coordinator" }, { "actor_id": b.id }],
        "published": true
    });
    let created =
        client.post(app.url("/api/v1/partnerships")).bearer_auth(&token).json(&body).send().await.unwrap();
    assert_eq!(created.status(), 201);
    let json: serde_json::Value = created.json().await.unwrap();
    let id = json["id"].as_str().unwrap().to_owned();
    assert_eq!(json["parties"][0]["role"], "coordinator");

    let mut update = body.clone();
    update["version"] = 1.into();
    update["name"] = "Uusi nimi".into();
    let saved = client
        .put(app.url(&format!("/api/v1/partnerships/{id}")))
        .bearer_auth(&token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);
    let stale = client
        .put(app.url(&format!("/api/v1/partnerships/{id}")))
        .bearer_auth(&token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 409);

    let moved = client
        .post(app.url(&format!("/api/v1/partnerships/{id}/transitions")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "event": "establish", "note": "Sovittu" }))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 201);
    let refused = client
        .post(app.url(&format!("/api/v1/partnerships/{id}/transitions")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "event": "decide_end" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(error["fields"][0]["code"], "phase-transition-refused");
    let timeline: serde_json::Value = client
        .get(app.url(&format!("/api/v1/partnerships/{id}/timeline")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(timeline[0]["kind"], "transition");
    assert_eq!(timeline[0]["data"]["to"], "establishment");
});

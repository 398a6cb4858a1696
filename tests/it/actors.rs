//! The actor register through its pages: create with errors, edit, conflicts, search, overlap.

use kumppani_domain::role::Role;

use crate::both_databases;
use crate::support::*;

both_databases!(create_actor_with_an_error_corrected_on_the_way, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let client = app.login("staff@turku.fi").await;
    let token = csrf_token(&client, &app.url("/actors/new")).await;
    let mut form = vec![
        ("csrf_token", token.clone()),
        ("name_fi", "Varissuon Vanhusten Ystävät ry".to_owned()),
        ("business_id", "1234567-8".to_owned()),
        ("sector", "association".to_owned()),
        ("themes", "vanhukset, yksinäisyys".to_owned()),
        ("areas", "Turku, Varissuo".to_owned()),
        ("activities[0].what", "Kerhoilta".to_owned()),
        ("activities[0].when", "ti klo 17–19".to_owned()),
        ("contacts[0].name", "Maija Mallikas".to_owned()),
        ("contacts[0].email", "maija@example.fi".to_owned()),
        ("private_fields", "contacts".to_owned()),
        ("published", "1".to_owned()),
    ];
    let invalid = client.post(app.url("/actors")).form(&form).send().await.unwrap();
    assert_eq!(invalid.status(), 422);
    let body = invalid.text().await.unwrap();
    assert!(body.contains("Y-tunnuksen tarkistusmerkki ei täsmää"), "message beside the field");
    assert!(
        body.contains("aria-describedby=\"business_id-hint business_id-error\""),
        "error tied to the field"
    );
    assert!(body.contains("value=\"Varissuon Vanhusten Ystävät ry\""), "typed name kept");
    assert!(body.contains("ti klo 17–19"), "typed activity kept");

    form[2].1 = "0204819-8".into();
    let created = client.post(app.url("/actors")).form(&form).send().await.unwrap();
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("?notice=created"));
    let page = client.get(app.url(&location)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Toimija lisättiin."));
    assert!(page.contains("maija@example.fi"), "staff see contact persons");

    let anonymous = app.client().get(app.url(&location)).send().await.unwrap().text().await.unwrap();
    assert!(anonymous.contains("Varissuon Vanhusten Ystävät ry"));
    assert!(!anonymous.contains("maija@example.fi"), "contact persons are not public");

    let duplicate = client.post(app.url("/actors")).form(&form).send().await.unwrap();
    assert_eq!(duplicate.status(), 422, "the same Y-tunnus is refused");
    assert!(duplicate.text().await.unwrap().contains("Tällä Y-tunnuksella on jo toimija"));
});

both_databases!(search_understands_finnish_inflection, |app| {
    let mut elderly = actor_input("Vanhustyön keskusliitto");
    elderly.themes = vec!["vanhukset".into(), "järjestö".into()];
    elderly.target_groups = vec!["nuoret".into()];
    app.add_actor(&elderly).await;
    app.add_actor(&actor_input("Kauppakamari")).await;
    let client = app.client();
    for query in ["vanhusten", "vanhuksille", "nuorten", "järjestöjen", "VANHUKSET", "vanh"] {
        let url = app.url(&format!("/actors?q={query}"));
        let body = client.get(url).send().await.unwrap().text().await.unwrap();
        assert!(body.contains("Vanhustyön keskusliitto"), "query {query} should find it");
        assert!(!body.contains("Kauppakamari"), "query {query} should not find the other");
    }
});

both_databases!(list_filters_sort_and_paginate, |app| {
    for i in 0..30 {
        let mut input = actor_input(&format!("Yhdistys {i:02}"));
        input.themes = vec![if i % 2 == 0 { "liikunta" } else { "kulttuuri" }.into()];
        input.areas = vec!["Turku".into()];
        app.add_actor(&input).await;
    }
    let mut parish = actor_input("Åbo svenska församling");
    parish.sector = "parish".into();
    app.add_actor(&parish).await;
    let client = app.client();
    let first = client.get(app.url("/actors")).send().await.unwrap().text().await.unwrap();
    assert!(first.contains("Toimijoita: 31"));
    assert!(first.contains("Sivu 1 / 2"));
    let second = client.get(app.url("/actors?page=2")).send().await.unwrap().text().await.unwrap();
    assert!(second.contains("Åbo svenska församling"), "å sorts after z");
    let filtered = client.get(app.url("/actors?theme=LIIKUNTA")).send().await.unwrap().text().await.unwrap();
    assert!(filtered.contains("Toimijoita: 15"));
    let parishes = client.get(app.url("/actors?sector=parish")).send().await.unwrap().text().await.unwrap();
    assert!(parishes.contains("Toimijoita: 1"));
    let newest = client.get(app.url("/actors?sort=name_desc")).send().await.unwrap().text().await.unwrap();
    assert!(newest.find("Åbo").unwrap() < newest.find("Yhdistys 29").unwrap());
});

both_databases!(edit_conflict_shows_both_versions_and_overwrites_nothing, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let actor = app.add_actor(&actor_input("Kahden muokkaajan yhdistys")).await;
    let first = app.login("staff@turku.fi").await;
    let second = app.login("staff@turku.fi").await;
    let edit_url = app.url(&format!("/actors/{}/edit", actor.id));
    let token_1 = csrf_token(&first, &edit_url).await;
    let token_2 = csrf_token(&second, &edit_url).await;
    let form = |token: &str, purpose: &str| {
        vec![
            ("csrf_token", token.to_owned()),
            ("version", "1".to_owned()),
            ("name_fi", "Kahden muokkaajan yhdistys".to_owned()),
            ("sector", "association".to_owned()),
            ("purpose", purpose.to_owned()),
            ("published", "1".to_owned()),
        ]
    };
    let saved = first
        .post(app.url(&format!("/actors/{}", actor.id)))
        .form(&form(&token_1, "Ensimmäisen teksti"))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let conflict = second
        .post(app.url(&format!("/actors/{}", actor.id)))
        .form(&form(&token_2, "Toisen teksti"))
        .send()
        .await
        .unwrap();
    assert_eq!(conflict.status(), 409);
    let body = conflict.text().await.unwrap();
    assert!(body.contains("Joku muu tallensi toimijan sillä välin"));
    assert!(body.contains("Ensimmäisen teksti"), "their version is shown");
    assert!(body.contains("Toisen teksti"), "my typing is kept");
    let stored = app.store.actor(actor.id).await.unwrap().unwrap();
    assert_eq!(stored.details.purpose.as_deref(), Some("Ensimmäisen teksti"));
    assert_eq!(stored.version, 2);
});

both_databases!(similar_actors_are_listed_with_reasons, |app| {
    let mut a = actor_input("Ikäihmisten olohuone ry");
    a.target_groups = vec!["ikäihmiset".into()];
    a.themes = vec!["yksinäisyys".into(), "vertaistuki".into()];
    a.areas = vec!["Turku".into()];
    let a = app.add_actor(&a).await;
    let mut b = actor_input("Seniorikerho ry");
    b.target_groups = vec!["Ikäihmiset".into()];
    b.themes = vec!["vertaistuki".into()];
    b.areas = vec!["Turku".into()];
    app.add_actor(&b).await;
    let mut unrelated = actor_input("Turun Jalkapalloseura");
    unrelated.themes = vec!["jalkapallo".into()];
    unrelated.areas = vec!["Turku".into()];
    app.add_actor(&unrelated).await;
    let body =
        app.client().get(app.url(&format!("/actors/{}", a.id))).send().await.unwrap().text().await.unwrap();
    let similar = &body[body.find("similar-heading").unwrap()..];
    assert!(similar.contains("Seniorikerho ry"));
    assert!(similar.contains("ikäihmiset") && similar.contains("vertaistuki"));
    assert!(!similar.contains("Turun Jalkapalloseura"), "sharing only an area is not similarity");
});

both_databases!(archiving_keeps_the_record_and_audits_every_change, |app| {
    app.add_user("admin@turku.fi", Role::Admin, vec![]).await;
    let client = app.login("admin@turku.fi").await;
    let actor = app.add_actor(&actor_input("Arkistoitava yhdistys")).await;
    let token = csrf_token(&client, &app.url(&format!("/actors/{}", actor.id))).await;
    let archived = client
        .post(app.url(&format!("/actors/{}/archive", actor.id)))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(archived.status(), 303);
    let list = app.client().get(app.url("/actors")).send().await.unwrap().text().await.unwrap();
    assert!(!list.contains("Arkistoitava yhdistys"));
    assert_eq!(
        app.client().get(app.url(&format!("/actors/{}", actor.id))).send().await.unwrap().status(),
        404
    );
    let with_archived = client.get(app.url("/actors?archived=1")).send().await.unwrap().text().await.unwrap();
    assert!(with_archived.contains("Arkistoitava yhdistys"));
    let audit = client
        .get(app.url(&format!("/admin/audit?entity_id={}", actor.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(audit.contains("archive") && audit.contains("create"));
    assert!(audit.contains("admin@turku.fi"), "who archived it");
});

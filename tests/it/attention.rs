//! The attention list: what appears on it and for whom, its JSON, and the calendar feed.

use kumppani_domain::role::Role;
use time::Duration;

use crate::both_databases;
use crate::support::*;

both_databases!(nothing_slips_staff_see_everything_members_their_own, |app| {
    let city = app.add_actor(&actor_input("Kaupunki")).await;
    let ours = app.add_actor(&actor_input("Oma ry")).await;
    let other = app.add_actor(&actor_input("Muu ry")).await;
    let staff_principal = app.staff_principal();

    // Our partnership: an agreement ending within its notice period, and an overdue commitment.
    let ending = app.add_partnership(&partnership_input("Päättyvä kumppanuus", &[city.id, ours.id])).await;
    let mut terms = kumppani_domain::agreement::AgreementInput::from_partnership(&ending.details, "fi");
    terms.valid_from = "1.1.2025".into();
    terms.valid_until = "31.12.2026".into();
    terms.notice_days = "60".into();
    let agreement = kumppani::services::agreements::create(
        &app.store,
        Some(&staff_principal),
        ending.id,
        &terms,
        app.change(),
    )
    .await
    .unwrap();
    for actor in [city.id, ours.id] {
        kumppani::services::agreements::record_paper(
            &app.store,
            Some(&staff_principal),
            agreement.id,
            &actor.to_string(),
            "1.1.2025",
            app.change(),
        )
        .await
        .unwrap();
    }
    let overdue = kumppani_domain::commitment::CommitmentInput {
        actor_id: ours.id.to_string(),
        title: "Kävijätilasto".into(),
        due_on: "1.11.2026".into(),
        ..Default::default()
    };
    kumppani::services::followup::add_commitment(
        &app.store,
        Some(&staff_principal),
        ending.id,
        &overdue,
        app.change(),
    )
    .await
    .unwrap();

    // Someone else's verbal agreement.
    let mut verbal = partnership_input("Toisten suullinen sopimus", &[city.id, other.id]);
    verbal.verbal = true;
    app.add_partnership(&verbal).await;

    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    app.add_user("anna@oma.fi", Role::Member, vec![ours.id]).await;
    let staff = app.login("staff@turku.fi").await;
    let member = app.login("anna@oma.fi").await;

    // On 22.11.2026 the notice period (from 1.11.2026) has begun.
    let page = staff.get(app.url("/attention")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Irtisanomis- tai uusimisajalla olevat sopimukset"), "ending agreement listed");
    assert!(page.contains("päättyy 31.12.2026"));
    assert!(page.contains("Kävijätilasto") && page.contains("21 pv myöhässä"));
    assert!(page.contains("Toisten suullinen sopimus"), "staff see the whole city");
    assert!(
        page.contains(&format!("href=\"/agreements/{}\"", agreement.id)),
        "each line links to what needs doing"
    );

    let page = member.get(app.url("/attention")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Kävijätilasto") && page.contains("Päättyvä kumppanuus"));
    assert!(!page.contains("Toisten suullinen sopimus"), "members see only their own partnerships");

    let json: serde_json::Value =
        member.get(app.url("/api/v1/attention")).send().await.unwrap().json().await.unwrap();
    assert_eq!(json["counts"]["commitment_overdue"], 1);
    assert_eq!(json["counts"]["agreement_ending"], 1);
    assert!(json["counts"].get("verbal_not_written").is_none());
    assert_eq!(json["items"][0]["link"], format!("/partnerships/{}#commitments", ending.id));
    assert_eq!(app.client().get(app.url("/api/v1/attention")).send().await.unwrap().status(), 401);

    // Time moves past the end: the agreement has expired and leaves the list.
    app.clock.advance(Duration::days(45));
    let json: serde_json::Value =
        member.get(app.url("/api/v1/attention")).send().await.unwrap().json().await.unwrap();
    assert!(json["counts"].get("agreement_ending").is_none(), "{json}");
});

both_databases!(an_agreement_enters_the_list_when_its_notice_period_begins, |app| {
    let a = app.add_actor(&actor_input("A ry")).await;
    let b = app.add_actor(&actor_input("B ry")).await;
    let partnership = app.add_partnership(&partnership_input("Kumppanuus", &[a.id, b.id])).await;
    let mut terms = kumppani_domain::agreement::AgreementInput::from_partnership(&partnership.details, "fi");
    terms.valid_from = "1.1.2026".into();
    terms.valid_until = "31.3.2027".into();
    terms.notice_days = "90".into();
    let staff_principal = app.staff_principal();
    let agreement = kumppani::services::agreements::create(
        &app.store,
        Some(&staff_principal),
        partnership.id,
        &terms,
        app.change(),
    )
    .await
    .unwrap();
    for actor in [a.id, b.id] {
        kumppani::services::agreements::record_paper(
            &app.store,
            Some(&staff_principal),
            agreement.id,
            &actor.to_string(),
            "1.1.2026",
            app.change(),
        )
        .await
        .unwrap();
    }
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let counts = |staff: reqwest::Client| {
        let url = app.url("/api/v1/attention");
        async move {
            staff.get(url).send().await.unwrap().json::<serde_json::Value>().await.unwrap()["counts"].clone()
        }
    };
    let before = counts(staff.clone()).await;
    assert!(
        before.is_object() && before.get("agreement_ending").is_none(),
        "notice begins on 31.12.2026: {before}"
    );
    app.clock.advance(Duration::days(39));
    let staff = app.login("staff@turku.fi").await;
    assert_eq!(counts(staff.clone()).await["agreement_ending"], 1, "on 31.12.2026 it needs renewing");
});

both_databases!(calendar_feed_has_the_deadlines_and_can_be_revoked, |app| {
    let a = app.add_actor(&actor_input("A ry")).await;
    let b = app.add_actor(&actor_input("B ry")).await;
    let partnership = app.add_partnership(&partnership_input("Kalenterikumppanuus", &[a.id, b.id])).await;
    let due = kumppani_domain::commitment::CommitmentInput {
        actor_id: a.id.to_string(),
        title: "Raportti, välivaihe".into(),
        due_on: "10.12.2026".into(),
        ..Default::default()
    };
    kumppani::services::followup::add_commitment(
        &app.store,
        Some(&app.staff_principal()),
        partnership.id,
        &due,
        app.change(),
    )
    .await
    .unwrap();
    app.add_user("anna@a.fi", Role::Member, vec![a.id]).await;
    let member = app.login("anna@a.fi").await;
    let token = csrf_token(&member, &app.url("/account/calendar")).await;
    let page = member
        .post(app.url("/account/calendar"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let address = extract(&page, "<code class=\"token\">", "</code>").unwrap();
    let path = address.trim_start_matches(&app.url(""));
    let feed = app.client().get(app.url(path)).send().await.unwrap();
    assert_eq!(feed.headers()["content-type"], "text/calendar; charset=utf-8");
    let body = feed.text().await.unwrap();
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(body.contains("DTSTART;VALUE=DATE:20261210"));
    assert!(body.contains("Raportti\\, välivaihe"), "text escaped as iCalendar requires");

    let revoke = member
        .post(app.url("/account/calendar/revoke"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), 303);
    assert_eq!(app.client().get(app.url(path)).send().await.unwrap().status(), 404, "revoked at once");
});

both_databases!(each_kind_has_pages_of_its_own_and_the_feed_has_every_deadline, |app| {
    let a = app.add_actor(&actor_input("A ry")).await;
    let b = app.add_actor(&actor_input("B ry")).await;
    let partnership = app.add_partnership(&partnership_input("Paljon tehtävää", &[a.id, b.id])).await;
    for day in 1..=52 {
        let commitment = kumppani_domain::commitment::CommitmentInput {
            actor_id: a.id.to_string(),
            title: format!("Tehtävä {day:02}"),
            due_on: format!("{}.{}.2026", (day - 1) % 28 + 1, (day - 1) / 28 + 1),
            ..Default::default()
        };
        kumppani::services::followup::add_commitment(
            &app.store,
            Some(&app.staff_principal()),
            partnership.id,
            &commitment,
            app.change(),
        )
        .await
        .unwrap();
    }
    app.add_user("anna@a.fi", Role::Member, vec![a.id]).await;
    let member = app.login("anna@a.fi").await;

    let overview = member.get(app.url("/attention")).send().await.unwrap().text().await.unwrap();
    assert!(
        overview.contains("Tehtävä 01") && !overview.contains("Tehtävä 11"),
        "the overview shows the first ten"
    );
    assert!(overview.contains("href=\"/attention?kind=commitment_overdue\">Näytä kaikki (52)"));

    let first =
        member.get(app.url("/attention?kind=commitment_overdue")).send().await.unwrap().text().await.unwrap();
    assert!(first.contains("Tehtävä 50") && !first.contains("Tehtävä 51"), "fifty lines a page");
    assert!(first.contains("href=\"/attention?kind=commitment_overdue&amp;page=2\""));
    let second = member
        .get(app.url("/attention?kind=commitment_overdue&page=2"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(second.contains("Tehtävä 52") && !second.contains("Tehtävä 49"));

    let json: serde_json::Value = member
        .get(app.url("/api/v1/attention?kind=commitment_overdue&page=2"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((json["page"].as_i64(), json["pages"].as_i64()), (Some(2), Some(2)));
    assert_eq!(json["today"], "2026-11-22", "dates are ISO 8601, as the API document says");
    assert_eq!(json["items"][0]["date"], "2026-02-23");
    assert_eq!(json["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["counts"]["commitment_overdue"], 52);

    let token = csrf_token(&member, &app.url("/account/calendar")).await;
    let page = member
        .post(app.url("/account/calendar"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let address = extract(&page, "<code class=\"token\">", "</code>").unwrap();
    let path = address.trim_start_matches(&app.url(""));
    let feed = app.client().get(app.url(path)).send().await.unwrap().text().await.unwrap();
    assert_eq!(feed.matches("BEGIN:VEVENT").count(), 52, "the feed is not cut at the overview's ten");
});

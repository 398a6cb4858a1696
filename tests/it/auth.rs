//! First administrator, login, sessions, CSRF and throttling.

use kumppani_domain::role::Role;

use crate::both_databases;
use crate::support::*;

const SETUP_TOKEN: &str = "setuptoken-setuptoken-setuptoken-setuptoke";

both_databases!(setup_link_creates_the_first_admin_once, |app| {
    let hash = kumppani::services::secrets::token_hash(SETUP_TOKEN);
    app.store.setting_or_insert("setup_token_hash", &hash).await.unwrap();
    let client = app.client();
    let setup = app.url(&format!("/setup/{SETUP_TOKEN}"));
    assert_eq!(client.get(app.url("/setup/wrong-token")).send().await.unwrap().status(), 404);
    let token = csrf_token(&client, &setup).await;

    let weak = client
        .post(&setup)
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "anna@turku.fi"),
            ("display_name", "Anna"),
            ("password", "salasana123"),
            ("password_again", "salasana123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), 422);
    let body = weak.text().await.unwrap();
    assert!(
        body.contains("Salasanassa on oltava vähintään 12 merkkiä"),
        "{}",
        &body[body.find("<main").unwrap_or(0)..]
    );
    assert!(body.contains("value=\"anna@turku.fi\""), "typed e-mail is kept");

    let done = client
        .post(&setup)
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "anna@turku.fi"),
            ("display_name", "Anna"),
            ("password", PASSWORD),
            ("password_again", PASSWORD),
            ("load_demo", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    let actors = client.get(app.url("/actors")).send().await.unwrap().text().await.unwrap();
    assert!(actors.contains("Turun Kaupunkilähetys ry"), "demo data loaded");
    assert!(actors.contains("Esittelyaineisto"), "demo data is marked");
    let partnerships = client.get(app.url("/partnerships")).send().await.unwrap().text().await.unwrap();
    assert!(
        partnerships.contains("Kehittämiskumppanuus: Turun Kaupunkilähetys ry"),
        "demo partnerships loaded"
    );
    assert!(partnerships.contains("Tilakumppanuus: MLL:n Varsinais-Suomen piiri"));
    let verbal = client.get(app.url("/partnerships?verbal=1")).send().await.unwrap().text().await.unwrap();
    assert!(verbal.contains("Runosmäen ikäihmisten olohuone"));
    let attention: serde_json::Value =
        client.get(app.url("/api/v1/attention")).send().await.unwrap().json().await.unwrap();
    for kind in [
        "deliverable_overdue",
        "awaiting_review",
        "agreement_ending",
        "awaiting_funder",
        "verbal_not_written",
        "no_evaluation_decision",
        "commitment_overdue",
        "commitment_upcoming",
    ] {
        assert_eq!(attention["counts"][kind], 1, "demo shows one {kind}: {}", attention["counts"]);
    }
    assert_eq!(client.get(&setup).send().await.unwrap().status(), 404, "the link works once");
});

both_databases!(login_logout_and_session_rotation, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let client = app.client();
    let before = client.get(app.url("/login")).send().await.unwrap();
    let anonymous_cookie = before.headers()["set-cookie"].to_str().unwrap().to_owned();
    let token = extract(&before.text().await.unwrap(), "name=\"csrf_token\" value=\"", "\"").unwrap();
    let response = client
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "STAFF@turku.fi"),
            ("password", PASSWORD),
            ("next", "/actors/new"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/actors/new");
    let session_cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert_ne!(
        anonymous_cookie.split(';').next(),
        session_cookie.split(';').next(),
        "a new session id at login"
    );
    assert_eq!(client.get(app.url("/actors/new")).send().await.unwrap().status(), 200);

    let token = csrf_token(&client, &app.url("/actors")).await;
    let out = client.post(app.url("/logout")).form(&[("csrf_token", token.as_str())]).send().await.unwrap();
    assert_eq!(out.status(), 303);
    let after = client.get(app.url("/actors/new")).send().await.unwrap();
    assert_eq!(after.status(), 303, "signed out on the server");
    assert!(after.headers()["location"].to_str().unwrap().starts_with("/login"));
});

both_databases!(sessions_expire_after_idle_and_absolute_timeouts, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let client = app.login("staff@turku.fi").await;
    app.clock.advance(time::Duration::minutes(29));
    assert_eq!(client.get(app.url("/actors/new")).send().await.unwrap().status(), 200);
    app.clock.advance(time::Duration::minutes(31));
    assert_eq!(client.get(app.url("/actors/new")).send().await.unwrap().status(), 303, "idle timeout");

    let client = app.login("staff@turku.fi").await;
    for _ in 0..25 {
        app.clock.advance(time::Duration::minutes(29));
        let _ = client.get(app.url("/actors/new")).send().await.unwrap();
    }
    assert_eq!(client.get(app.url("/actors/new")).send().await.unwrap().status(), 303, "absolute timeout");
});

both_databases!(wrong_password_gives_the_same_answer_and_is_throttled, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let client = app.client();
    let token = csrf_token(&client, &app.url("/login")).await;
    let attempt = |email: &'static str| {
        let client = client.clone();
        let token = token.clone();
        let url = app.url("/login");
        async move {
            client
                .post(url)
                .form(&[("csrf_token", token.as_str()), ("email", email), ("password", "väärä salasana 123")])
                .send()
                .await
                .unwrap()
        }
    };
    let unknown = attempt("nobody@turku.fi").await;
    let wrong = attempt("staff@turku.fi").await;
    assert_eq!(unknown.status(), wrong.status());
    let (unknown, wrong) = (unknown.text().await.unwrap(), wrong.text().await.unwrap());
    assert!(wrong.contains("Sähköpostiosoite tai salasana on väärin"));
    assert!(unknown.contains("Sähköpostiosoite tai salasana on väärin"));
    for _ in 0..4 {
        attempt("staff@turku.fi").await;
    }
    let blocked = attempt("staff@turku.fi").await;
    assert_eq!(blocked.status(), 429);
    assert!(blocked.text().await.unwrap().contains("Liian monta"));
});

both_databases!(state_changes_need_a_csrf_token_and_same_origin, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let client = app.login("staff@turku.fi").await;
    let missing = client
        .post(app.url("/actors"))
        .form(&[("name_fi", "Ilman tokenia ry"), ("sector", "association")])
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 403);
    let forged = client
        .post(app.url("/actors"))
        .form(&[("csrf_token", "forged"), ("name_fi", "Väärennetty ry"), ("sector", "association")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let token = csrf_token(&client, &app.url("/actors/new")).await;
    let cross_site = client
        .post(app.url("/actors"))
        .header("origin", "https://evil.example")
        .form(&[
            ("csrf_token", token.as_str()),
            ("name_fi", "Toiselta sivustolta ry"),
            ("sector", "association"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    let page = app
        .store
        .list_actors(&kumppani::store::actors::ActorQuery::new(
            kumppani::store::actors::Visibility::Everything,
        ))
        .await
        .unwrap();
    assert_eq!(page.total, 0, "nothing was created");
});

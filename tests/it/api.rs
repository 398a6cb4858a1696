//! The JSON API: tokens, validation as JSON, malformed and oversized bodies.

use kumppani_domain::role::Role;
use serde_json::{Value, json};

use crate::both_databases;
use crate::support::*;

both_databases!(api_creates_reads_updates_and_reports_errors_as_json, |app| {
    let staff = app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let token =
        kumppani::services::accounts::create_token(&app.store, staff, "test", app.change()).await.unwrap();
    let client = app.client();

    let unauthorised =
        client.post(app.url("/api/v1/actors")).json(&json!({"name_fi": "X"})).send().await.unwrap();
    assert_eq!(unauthorised.status(), 401);
    let bad_token = client.get(app.url("/api/v1/actors")).bearer_auth("kmp_wrong").send().await.unwrap();
    assert_eq!(bad_token.status(), 401);

    let invalid = client
        .post(app.url("/api/v1/actors"))
        .bearer_auth(&token)
        .json(&json!({"name_fi": "", "sector": "association", "business_id": "0204819-9"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.status(), 422);
    let body: Value = invalid.json().await.unwrap();
    assert_eq!(body["code"], "invalid-input");
    let fields: Vec<&str> =
        body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["name_fi", "business_id"]);

    let malformed = client
        .post(app.url("/api/v1/actors"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"name_fi\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let body: Value = malformed.json().await.unwrap();
    assert_eq!(body["code"], "bad-request");
    assert!(body["reason"].as_str().unwrap().contains("EOF"), "{body}");

    let huge = "x".repeat(2 * 1024 * 1024);
    let oversized = client
        .post(app.url("/api/v1/actors"))
        .bearer_auth(&token)
        .json(&json!({"name_fi": huge}))
        .send()
        .await
        .unwrap();
    assert_eq!(oversized.status(), 413);

    let created = client
        .post(app.url("/api/v1/actors"))
        .bearer_auth(&token)
        .json(&json!({"name_fi": "Rajapintayhdistys ry", "sector": "association", "themes": ["nuoret"], "published": true,
            "contacts": [{"name": "Pekka Puhelin"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let actor: Value = created.json().await.unwrap();
    let id = actor["id"].as_str().unwrap().to_owned();
    assert_eq!(actor["version"], 1);

    let public: Value =
        client.get(app.url(&format!("/api/v1/actors/{id}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(public["contacts"], json!([]), "contacts are not public");
    let listed: Value =
        client.get(app.url("/api/v1/actors?q=nuorten")).send().await.unwrap().json().await.unwrap();
    assert_eq!(listed["total"], 1);

    let update =
        json!({"version": 1, "name_fi": "Rajapintayhdistys ry", "sector": "association", "published": true});
    let updated = client
        .put(app.url(&format!("/api/v1/actors/{id}")))
        .bearer_auth(&token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status(), 200);
    let stale = client
        .put(app.url(&format!("/api/v1/actors/{id}")))
        .bearer_auth(&token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 409);
    assert_eq!(stale.json::<Value>().await.unwrap()["code"], "edit-conflict");

    let missing =
        client.get(app.url(&format!("/api/v1/actors/{}", uuid::Uuid::now_v7()))).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.json::<Value>().await.unwrap()["code"], "not-found");

    let spec: Value = client.get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/actors/{id}"]["put"].is_object());
});

both_databases!(revoked_tokens_stop_working, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let client = app.login("staff@turku.fi").await;
    let csrf = csrf_token(&client, &app.url("/account/tokens")).await;
    let page = client
        .post(app.url("/account/tokens"))
        .form(&[("csrf_token", csrf.as_str()), ("name", "raportointi")])
        .send()
        .await
        .unwrap();
    let body = page.text().await.unwrap();
    let token = extract(&body, "<code class=\"token\">", "</code>").unwrap();
    let api = app.client();
    let ok = api
        .post(app.url("/api/v1/actors"))
        .bearer_auth(&token)
        .json(&json!({"name_fi": "", "sector": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 422, "token works");
    let token_id = extract(&body, "/account/tokens/", "/revoke").unwrap();
    let revoked = client
        .post(app.url(&format!("/account/tokens/{token_id}/revoke")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 303);
    let denied =
        api.post(app.url("/api/v1/actors")).bearer_auth(&token).json(&json!({})).send().await.unwrap();
    assert_eq!(denied.status(), 401);
});

/// Every route under /api/v1 in the router, with each of its methods, is in the OpenAPI document.
#[test]
fn openapi_describes_every_api_route() {
    let spec = kumppani::web::controllers::api::openapi::document();
    let router = std::fs::read_to_string("src/web/mod.rs").unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for call in router.split(".route(").skip(1) {
        let Some(path) = call.trim_start().strip_prefix("\"/api/v1").and_then(|s| s.split('"').next()) else {
            continue;
        };
        if path == "/openapi.json" {
            continue;
        }
        let handlers = call.split(".route(").next().unwrap_or_default();
        for method in ["get", "post", "put", "delete"] {
            let routed = handlers.contains(&format!("{method}(api::"))
                || handlers.contains(&format!(".{method}(api::"));
            if routed {
                checked += 1;
                if !spec["paths"][path][method].is_object() {
                    missing.push(format!("{} {path}", method.to_uppercase()));
                }
            }
        }
    }
    assert!(checked >= 17, "the router's API routes were found ({checked})");
    assert!(missing.is_empty(), "not in the OpenAPI document: {missing:?}");
}

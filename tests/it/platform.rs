//! Health, headers, languages, errors.

use crate::both_databases;
use crate::support::*;

both_databases!(health_and_security_headers, |app| {
    let client = app.client();
    assert_eq!(client.get(app.url("/healthz")).send().await.unwrap().status(), 200);
    assert_eq!(client.get(app.url("/readyz")).send().await.unwrap().status(), 200);
    let response = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'")
            && csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(headers.contains_key("referrer-policy"));
    assert!(headers.contains_key("x-request-id"));
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
});

both_databases!(finnish_by_default_and_language_switch_is_remembered, |app| {
    let client = app.client();
    let body = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(body.contains("<html lang=\"fi\">"));
    let swedish = client.get(app.url("/")).header("accept-language", "sv-FI,sv;q=0.9").send().await.unwrap();
    assert!(swedish.text().await.unwrap().contains("<html lang=\"sv\">"));
    let token = csrf_token(&client, &app.url("/")).await;
    let response = client
        .post(app.url("/language"))
        .form(&[("csrf_token", token.as_str()), ("lang", "en"), ("next", "/actors")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/actors");
    let body = client.get(app.url("/actors")).send().await.unwrap().text().await.unwrap();
    assert!(body.contains("<html lang=\"en\">"));
});

both_databases!(unknown_pages_are_404_in_the_users_language, |app| {
    let client = app.client();
    let response = client.get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Sivua ei löytynyt"));
    let response = client.get(app.url("/actors/not-a-uuid")).send().await.unwrap();
    assert_eq!(response.status(), 404);
});

both_databases!(audit_log_cannot_be_altered_even_in_sql, |app| {
    app.add_actor(&actor_input("Lokiyhdistys ry")).await;
    let db = &app.store.db;
    let update = match db {
        kumppani::store::Db::Sqlite(pool) => {
            sqlx::query("UPDATE audit_log SET summary = 'x'").execute(pool).await.map(|_| ())
        }
        kumppani::store::Db::Postgres(pool) => {
            sqlx::query("UPDATE audit_log SET summary = 'x'").execute(pool).await.map(|_| ())
        }
    };
    assert!(update.is_err(), "the audit log accepted an UPDATE");
    let delete = match db {
        kumppani::store::Db::Sqlite(pool) => {
            sqlx::query("DELETE FROM audit_log").execute(pool).await.map(|_| ())
        }
        kumppani::store::Db::Postgres(pool) => {
            sqlx::query("DELETE FROM audit_log").execute(pool).await.map(|_| ())
        }
    };
    assert!(delete.is_err(), "the audit log accepted a DELETE");
});

#[test]
fn migrations_are_kept_in_step() {
    let names = |dir: &str| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("migrations/sqlite"), names("migrations/postgres"));
}

/// Every key of every translation file of one language.
fn ftl_keys(lang: &str) -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(format!("locales/{lang}")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for key in text.lines().filter_map(|line| line.split_once(" = ").map(|(key, _)| key)) {
            if !key.starts_with(' ') && !key.starts_with('#') {
                assert!(keys.insert(key.to_owned()), "{lang}: {key} is defined twice");
            }
        }
    }
    keys
}

/// The text of every file under `dir`, recursively.
fn sources_under(dir: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources_under(path.to_str().unwrap(), out);
        } else {
            out.push(std::fs::read_to_string(path).unwrap());
        }
    }
}

/// Error codes the domain reports (`errors.add(field, "code")`), each needing `error-<code>`.
fn domain_error_codes() -> std::collections::BTreeSet<String> {
    let mut sources = Vec::new();
    sources_under("crates/domain/src", &mut sources);
    sources_under("src/services", &mut sources);
    let mut codes = std::collections::BTreeSet::new();
    for source in &sources {
        // `add(field, code)` may choose its code with an `if`; `add_with` has parameters after it.
        let calls = source
            .split(".add(")
            .skip(1)
            .map(|piece| (piece, usize::MAX))
            .chain(source.split(".add_with(").skip(1).map(|piece| (piece, 1)));
        for (piece, literals) in calls {
            // The call's arguments: up to the parenthesis that closes it.
            let mut depth = 1;
            let end = piece
                .char_indices()
                .find(|(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(piece.len(), |(i, _)| i);
            let call = &piece[..end];
            let Some((_, after_field)) = call.split_once(',') else { continue };
            if literals == 1 && !after_field.trim_start().starts_with('"') {
                continue;
            }
            for literal in after_field.split('"').skip(1).step_by(2).take(literals) {
                if !literal.is_empty() && literal.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    codes.insert(literal.to_owned());
                }
            }
        }
    }
    codes
}

#[test]
fn swedish_and_english_translate_every_finnish_string() {
    let finnish = ftl_keys("fi");
    for lang in ["sv", "en"] {
        let other = ftl_keys(lang);
        let missing: Vec<_> = finnish.difference(&other).collect();
        let extra: Vec<_> = other.difference(&finnish).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, extra {extra:?}");
    }
}

#[test]
fn every_string_the_pages_use_is_translated() {
    use kumppani_domain::actor::{ActorField, ResourceKind, Sector, Tangibility};
    let keys = ftl_keys("fi");
    let mut used = std::collections::BTreeSet::new();
    let mut sources = Vec::new();
    sources_under("templates", &mut sources);
    sources_under("src/web", &mut sources);
    for source in &sources {
        for marker in [".t(\"", ".t1(\"", ".crumb(\"", "Page::new(&ctx, \"", "Page::new(ctx, \""] {
            for piece in source.split(marker).skip(1) {
                let key = piece.split('"').next().unwrap();
                if key.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                    && !key.is_empty()
                {
                    used.insert(key.to_owned());
                }
            }
        }
    }
    for sector in Sector::ALL {
        used.insert(format!("sector-{}", sector.as_str()));
    }
    for kind in ResourceKind::ALL {
        used.insert(format!("resource-{}", kind.as_str()));
    }
    for t in Tangibility::ALL {
        used.insert(format!("tangibility-{}", t.as_str()));
    }
    for field in ActorField::ALL {
        used.insert(format!("private-{}", field.as_str()));
    }
    {
        use kumppani_domain::agreement::{AcceptanceMethod, AgreementKind, AgreementStatus, FunderVerdict};
        use kumppani_domain::attention::AttentionKind;
        use kumppani_domain::commitment::{
            CommitmentStatus, DeliverableKind, DeliverableStatus, IndicatorKind,
        };
        use kumppani_domain::partnership::*;
        use kumppani_domain::value_network::workshop::{Purpose, Question, Step, TimerStatus};
        let coded: [(&str, Vec<&str>); 25] = [
            ("attention-kind", AttentionKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("attention-hint", AttentionKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("commitment-status", CommitmentStatus::ALL.iter().map(|v| v.as_str()).collect()),
            ("deliverable-status", DeliverableStatus::ALL.iter().map(|v| v.as_str()).collect()),
            ("deliverable-kind-label", DeliverableKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("indicator-kind", IndicatorKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("agreement-kind", AgreementKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("agreement-status", AgreementStatus::ALL.iter().map(|v| v.as_str()).collect()),
            ("funder-verdict", FunderVerdict::ALL.iter().map(|v| v.as_str()).collect()),
            ("acceptance-method", AcceptanceMethod::ALL.iter().map(|v| v.as_str()).collect()),
            ("timeline", EventKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("partnership-kind", PartnershipKind::ALL.iter().map(|v| v.as_str()).collect()),
            ("phase", Phase::ALL.iter().map(|v| v.as_str()).collect()),
            ("phase-event", PhaseEvent::ALL.iter().map(|v| v.as_str()).collect()),
            ("party-role", PartyRole::ALL.iter().map(|v| v.as_str()).collect()),
            ("depth", Depth::ALL.iter().map(|v| v.as_str()).collect()),
            ("steering", SteeringRelation::ALL.iter().map(|v| v.as_str()).collect()),
            ("leadership", LeadershipModel::ALL.iter().map(|v| v.as_str()).collect()),
            ("partnership-field", PartnershipField::ALL.iter().map(|v| v.as_str()).collect()),
            ("turku-step", TurkuStep::ALL.iter().map(|v| v.as_str()).collect()),
            ("workshop-step", Step::ALL.iter().map(|v| v.as_str()).collect()),
            ("workshop-step-asks", Step::ALL.iter().map(|v| v.as_str()).collect()),
            ("purpose", Purpose::ALL.iter().map(|v| v.as_str()).collect()),
            ("question", Question::ALL.iter().map(|v| v.as_str()).collect()),
            ("timer-status", TimerStatus::ALL.iter().map(|v| v.as_str()).collect()),
        ];
        used.extend(
            kumppani_domain::value_network::analysis::ChallengeRole::ALL
                .iter()
                .map(|r| format!("challenge-role-{}", r.as_str())),
        );
        used.extend(
            ["strengths", "matches-needs", "tied", "no-strengths"]
                .iter()
                .map(|code| format!("lead-reason-{code}")),
        );
        for (prefix, codes) in coded {
            used.extend(codes.iter().map(|code| format!("{prefix}-{code}")));
        }
        used.extend(Phase::ALL.iter().flat_map(|p| p.checklist()).map(|code| format!("checklist-{code}")));
        used.extend((1..=6).map(|level| format!("staircase-{level}")));
    }
    used.extend(domain_error_codes().iter().map(|code| format!("error-{code}")));
    for role in kumppani_domain::role::Role::ALL {
        used.insert(format!("role-{}", role.as_str()));
    }
    for code in [
        "not-found",
        "forbidden",
        "unauthorized",
        "invalid-input",
        "edit-conflict",
        "bad-request",
        "payload-too-large",
        "csrf",
        "too-many-attempts",
        "internal",
    ] {
        used.insert(format!("failure-{code}"));
        used.insert(format!("failure-{code}-title"));
    }
    let missing: Vec<_> = used.iter().filter(|k| !keys.contains(*k)).collect();
    assert!(missing.is_empty(), "keys used but not translated: {missing:?}");
}

//! Checks across pages: every form that deletes or revokes asks first, in the reader's language
//! and naming what goes (WCAG 3.3.4), and every table scrolls in a box of its own that keyboard
//! users can reach and screen readers announce by name (WCAG 1.4.10, 2.1.1, 4.1.2).

use std::collections::{BTreeSet, VecDeque};

use kumppani::services::workshop_analysis;
use kumppani::services::workshop_attachments::{self, Upload};
use kumppani::services::{accounts, attention, demo};
use kumppani_domain::role::Role;
use uuid::Uuid;

use crate::both_databases;
use crate::support::*;

/// An attribute's value as the browser reads it: the template writes `&`, `<`, `>` and quotes
/// as numeric character references.
fn unescape(value: &str) -> String {
    let mut text = String::new();
    let mut rest = value;
    while let Some(at) = rest.find("&#") {
        text.push_str(&rest[..at]);
        let (code, after) = rest[at + 2..].split_once(';').unwrap();
        text.push(char::from_u32(code.parse().unwrap()).unwrap());
        rest = after;
    }
    text + rest
}

/// The opening tag of every form on the page that posts to a path ending in one of `ends`.
fn forms_posting_to<'a>(body: &'a str, ends: &[&str]) -> Vec<&'a str> {
    body.split("<form ")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap()])
        .filter(|tag| {
            extract(tag, "action=\"", "\"").is_some_and(|action| ends.iter().any(|end| action.ends_with(end)))
        })
        .collect()
}

/// Every form in the templates that deletes, revokes or archives carries `data-confirm`, so
/// a form added later cannot leave it out unnoticed.
#[test]
fn every_destructive_form_in_the_templates_asks_first() {
    let mut checked = 0;
    let mut stack = vec![std::path::PathBuf::from("templates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for tag in forms_posting_to(&text, &["/delete", "/revoke", "/archive"]) {
                assert!(
                    tag.contains(" data-confirm=\""),
                    "{}: <form {tag}> posts without asking",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 7, "only {checked} destructive forms found");
}

/// The demonstration data with a background file on its workshop, and a signed-in
/// administrator: every kind of record a page can list.
async fn demo_with_a_background_file(app: &TestApp) -> (Uuid, reqwest::Client, Uuid) {
    demo::load(&app.store, app.change()).await.unwrap();
    let admin_id = app.add_user("admin@turku.fi", Role::Admin, vec![]).await;
    let admin = app.login("admin@turku.fi").await;
    let workshop = app.store.workshops().await.unwrap().remove(0).workshop.id;
    let upload = Upload { description: "Asukaskysely", filename: "kysely.pdf", bytes: b"%PDF-1.4\n" };
    let staff = app.staff_principal();
    workshop_attachments::add(&app.store, app.data_dir(), Some(&staff), workshop, upload, app.change())
        .await
        .unwrap();
    (admin_id, admin, workshop)
}

both_databases!(deleting_and_revoking_ask_first_in_each_language, |app| {
    let (admin_id, admin, workshop) = demo_with_a_background_file(&app).await;
    let staff = app.staff_principal();
    let analysis = workshop_analysis::analysis(&app.store, Some(&staff), workshop).await.unwrap();
    let challenge = &analysis.challenges[0];
    let action = &analysis.actions[0];
    accounts::create_token(&app.store, admin_id, "Raportit & tilastot", app.change()).await.unwrap();
    attention::renew_calendar(&app.store, admin_id, app.change()).await.unwrap();

    let (file, named, title) = ("kysely.pdf", &challenge.details.name, &action.details.title);
    let pages = [
        (format!("/workshops/{workshop}/plan"), "/delete"),
        (format!("/workshops/{workshop}/challenges/{}", challenge.id), "/delete"),
        (format!("/workshops/{workshop}/actions/{}", action.id), "/delete"),
        ("/account/tokens".to_owned(), "/revoke"),
        ("/account/calendar".to_owned(), "/revoke"),
    ];
    let asked = [
        (
            "fi",
            [
                format!("Poistetaanko taustamateriaali ”{file}”? Poistoa ei voi perua."),
                format!("Poistetaanko haaste ”{named}”? Poistoa ei voi perua."),
                format!("Poistetaanko toimenpide ”{title}”? Poistoa ei voi perua."),
                "Perutaanko avain ”Raportit & tilastot”? Sitä käyttävät ohjelmat eivät enää pääse rajapintaan, \
                 eikä avainta voi ottaa uudelleen käyttöön."
                    .to_owned(),
                "Poistetaanko kalenteriosoite käytöstä? Kalenterit, joihin se on tilattu, eivät enää päivity."
                    .to_owned(),
            ],
        ),
        (
            "sv",
            [
                format!("Vill du ta bort bakgrundsmaterialet ”{file}”? Det går inte att ångra."),
                format!("Vill du ta bort utmaningen ”{named}”? Det går inte att ångra."),
                format!("Vill du ta bort åtgärden ”{title}”? Det går inte att ångra."),
                "Vill du återkalla nyckeln ”Raportit & tilastot”? Program som använder den kommer inte längre åt \
                 gränssnittet, och nyckeln kan inte tas i bruk igen."
                    .to_owned(),
                "Vill du ta kalenderadressen ur bruk? Kalendrar som prenumererar på den uppdateras inte längre."
                    .to_owned(),
            ],
        ),
        (
            "en",
            [
                format!("Remove the background file “{file}”? This cannot be undone."),
                format!("Delete the challenge “{named}”? This cannot be undone."),
                format!("Delete the action “{title}”? This cannot be undone."),
                "Revoke the key “Raportit & tilastot”? Programs using it will no longer reach the API, and the key \
                 cannot be used again."
                    .to_owned(),
                "Disable the calendar address? Calendars subscribed to it will stop updating.".to_owned(),
            ],
        ),
    ];
    for (lang, questions) in asked {
        assert_eq!(
            post_form(&admin, &app, "/language", &[("lang", lang), ("next", "/")]).await.status(),
            303
        );
        for ((path, end), question) in pages.iter().zip(questions) {
            let response = admin.get(app.url(path)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            let body = response.text().await.unwrap();
            let forms = forms_posting_to(&body, &[end]);
            assert_eq!(forms.len(), 1, "{lang} {path}: {forms:?}");
            let confirm = extract(forms[0], "data-confirm=\"", "\"").map(|text| unescape(&text));
            assert_eq!(confirm.as_deref(), Some(question.as_str()), "{lang} {path}");
        }
    }
});

/// Where the crawl starts: the navigation's pages and the signed-in user's own.
const START: [&str; 9] = [
    "/",
    "/actors",
    "/partnerships",
    "/workshops",
    "/attention",
    "/admin/users",
    "/admin/audit",
    "/account/tokens",
    "/account/calendar",
];

/// A path with its ids as `{id}`: which kind of page it is.
fn kind_of(path: &str) -> String {
    path.split('/')
        .map(|part| if Uuid::parse_str(part).is_ok() { "{id}" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

/// The app's own pages a page links to, without query or fragment; scripts, styles and the
/// API are not pages.
fn links(body: &str) -> Vec<String> {
    body.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| href.split(['?', '#']).next().unwrap().to_owned())
        .filter(|path| !path.starts_with("/static/") && !path.starts_with("/api/"))
        .collect()
}

/// The name `aria-labelledby="ids"` gives: the text of each element named, each of which is on
/// the page once; `None` if one is missing, repeated or empty.
fn region_name(body: &str, ids: &str) -> Option<String> {
    let mut words = Vec::new();
    for id in ids.split_whitespace() {
        let attribute = format!(" id=\"{id}\"");
        let mut labels = body.split(&attribute).skip(1);
        let text = labels.next()?.split_once('>')?.1.split('<').next()?.trim();
        if labels.next().is_some() || text.is_empty() {
            return None;
        }
        words.push(text);
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// What is wrong with the page's tables, if anything: every table sits directly in a
/// `.table-scroll` box, and every such box is focusable and a region named by an element on the
/// page. Returns how many boxes the page has, or the problems.
fn table_problems(body: &str) -> Result<usize, Vec<String>> {
    let mut problems = Vec::new();
    let mut boxes = 0;
    for (at, _) in body.match_indices("<table") {
        if !body[..at].trim_end().rsplit('<').next().unwrap().contains("class=\"table-scroll\"") {
            problems.push(format!(
                "a table outside a .table-scroll box: {}",
                &body[at..(at + 80).min(body.len())]
            ));
        }
    }
    let mut names = BTreeSet::new();
    for piece in body.split("class=\"table-scroll\"").skip(1) {
        boxes += 1;
        let tag = &piece[..piece.find('>').unwrap()];
        let name = extract(tag, "aria-labelledby=\"", "\"").and_then(|ids| region_name(body, &ids));
        match name {
            Some(name) if tag.contains("role=\"region\"") && tag.contains("tabindex=\"0\"") => {
                if !names.insert(name.clone()) {
                    problems.push(format!("two regions named “{name}”"));
                }
            }
            _ => problems.push(format!("a .table-scroll box without focus, role or name: {tag}")),
        }
    }
    if problems.is_empty() { Ok(boxes) } else { Err(problems) }
}

both_databases!(every_table_scrolls_in_a_named_region, |app| {
    let (admin_id, admin, _) = demo_with_a_background_file(&app).await;
    accounts::create_token(&app.store, admin_id, "Raportointi", app.change()).await.unwrap();

    // Every page the administrator can reach by following links, once for each path.
    let mut seen: BTreeSet<String> = START.iter().map(|path| (*path).to_owned()).collect();
    let mut queue: VecDeque<String> = seen.iter().cloned().collect();
    let mut with_tables = BTreeSet::new();
    let mut problems = Vec::new();
    while let Some(path) = queue.pop_front() {
        let response = admin.get(app.url(&path)).send().await.unwrap();
        assert!(!response.status().is_server_error(), "{path}: {}", response.status());
        let html =
            response.headers().get("content-type").is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
        if !response.status().is_success() || !html {
            continue;
        }
        let body = response.text().await.unwrap();
        match table_problems(&body) {
            Ok(0) => {}
            Ok(_) => {
                with_tables.insert(kind_of(&path));
            }
            Err(found) => problems.extend(found.into_iter().map(|problem| format!("{path}: {problem}"))),
        }
        for link in links(&body) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
    }
    // The report of an import with a mistake in it is the answer to a post, not a link.
    let token = csrf_token(&admin, &app.url("/actors/import")).await;
    let file = "nimi;sektori\n;yhdistys\n";
    let report = admin
        .post(app.url("/actors/import"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(multipart_body(&[("csrf_token", &token)], "toimijat.csv", file.as_bytes()))
        .send()
        .await
        .unwrap();
    match table_problems(&report.text().await.unwrap()) {
        Ok(boxes) => assert_eq!(boxes, 1, "the import's problems are a table"),
        Err(found) => problems.extend(found.into_iter().map(|problem| format!("import report: {problem}"))),
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let expected = [
        "/account/tokens",
        "/actors/{id}",
        "/admin/audit",
        "/admin/users",
        "/agreements/{id}",
        "/deliverables/{id}",
        "/partnerships/{id}",
        "/workshops",
        "/workshops/{id}/map",
        "/workshops/{id}/map/compare",
        "/workshops/{id}/matrix",
        "/workshops/{id}/memo",
        "/workshops/{id}/plan",
    ];
    let missing: Vec<_> = expected.iter().filter(|kind| !with_tables.contains(**kind)).collect();
    assert!(
        missing.is_empty(),
        "no tables seen on {missing:?}; seen on {with_tables:?} of {} pages",
        seen.len()
    );
});

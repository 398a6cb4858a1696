//! Checks across pages: every form that deletes or revokes asks first, in the reader's language
//! and naming what goes (WCAG 3.3.4).

use kumppani::services::workshop_analysis;
use kumppani::services::workshop_attachments::{self, Upload};
use kumppani::services::{accounts, attention, demo};
use kumppani_domain::role::Role;

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

both_databases!(deleting_and_revoking_ask_first_in_each_language, |app| {
    demo::load(&app.store, app.change()).await.unwrap();
    let admin_id = app.add_user("admin@turku.fi", Role::Admin, vec![]).await;
    let admin = app.login("admin@turku.fi").await;
    let staff = app.staff_principal();
    let workshop = app.store.workshops().await.unwrap().remove(0).workshop.id;
    let upload = Upload { description: "Asukaskysely", filename: "kysely.pdf", bytes: b"%PDF-1.4\n" };
    workshop_attachments::add(&app.store, app.data_dir(), Some(&staff), workshop, upload, app.change())
        .await
        .unwrap();
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

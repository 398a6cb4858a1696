//! CSV import through its pages (a dry run, then all rows or only the valid ones) and the
//! CSV, JSON and XLSX exports with the list's visibility.

use kumppani::services::transfer::{self, ImportMode, ImportOptions, Requester};
use kumppani::store::audit::Filter;
use kumppani_domain::actor::{ContactInput, Sector};
use kumppani_domain::role::Role;

use crate::both_databases;
use crate::support::*;

/// Posts `file` as the upload form does (multipart/form-data, with the CSRF token).
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    file: &[u8],
    default_sector: &str,
) -> reqwest::Response {
    let token = csrf_token(client, &app.url("/actors/import")).await;
    let body =
        multipart_body(&[("csrf_token", &token), ("default_sector", default_sector)], "toimijat.csv", file);
    client
        .post(app.url("/actors/import"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Presses a button of the confirmation form on a dry-run page.
async fn confirm(
    app: &TestApp,
    client: &reqwest::Client,
    dry_run_page: &str,
    action: &str,
) -> reqwest::Response {
    let token = extract(dry_run_page, "name=\"csrf_token\" value=\"", "\"").unwrap();
    let id =
        extract(dry_run_page, "name=\"upload\" value=\"", "\"").expect("an upload waiting for confirmation");
    let sector = extract(dry_run_page, "name=\"default_sector\" value=\"", "\"").unwrap_or_default();
    client
        .post(app.url("/actors/import/confirm"))
        .form(&[("csrf_token", token), ("upload", id), ("default_sector", sector), ("action", action.into())])
        .send()
        .await
        .unwrap()
}

async fn staff_client(app: &TestApp) -> reqwest::Client {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    app.login("staff@turku.fi").await
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let filter = Filter { entity_type: Some("actor".into()), page: 1, per_page: 200, ..Filter::default() };
    let (entries, _) = app.store.audit_entries(&filter).await.unwrap();
    entries.into_iter().map(|e| e.action).collect()
}

both_databases!(utf8_file_with_bom_and_semicolons_is_checked_then_imported, |app| {
    let client = staff_client(&app).await;
    let file = "\u{feff}Nimi;Y-tunnus;Sektori;Teemat;Alueet;Jäsenmäärä\r\n\
                Varissuon Vanhusten Ystävät ry;0204819-8;yhdistys;ikäihmiset, yksinäisyys;Turku;120\r\n\
                Östra Åbo förening;;Förening;kulttuuri;Turku | Åbo;40\r\n";
    let response = upload(&app, &client, file.as_bytes(), "").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("Uusia toimijoita</dt><dd>2</dd>"), "{page}");
    assert!(page.contains(">Tuo toimijat</button>"));
    assert!(page.contains("UTF-8, erotin ;"));
    assert!(page.contains("eikä niitä tuoda: Jäsenmäärä"), "unknown columns are reported");
    assert!(page.contains("Uusia rivejä ilman Y-tunnusta: 1."), "re-importing would add them again");
    assert_eq!(app.store.live_actor_count().await.unwrap(), 0, "a dry run imports nothing");

    let done = confirm(&app, &client, &page, "import").await;
    assert_eq!(done.status(), 200);
    let result = done.text().await.unwrap();
    assert!(result.contains("Tuonti onnistui."));
    assert_eq!(app.store.live_actor_count().await.unwrap(), 2);
    let actor = app.store.actor_by_business_id("0204819-8").await.unwrap().unwrap();
    assert_eq!(actor.details.name_fi, "Varissuon Vanhusten Ystävät ry");
    assert_eq!(actor.details.themes, vec!["ikäihmiset", "yksinäisyys"]);
    assert_eq!(actor.details.sector, Sector::Association);
    assert!(!actor.details.published, "imported actors wait for someone to publish them");
    let search = client.get(app.url("/actors?q=åbo")).send().await.unwrap().text().await.unwrap();
    assert!(search.contains("Östra Åbo förening"), "imported actors are searchable");
    let filtered = client.get(app.url("/actors?area=%C3%85bo")).send().await.unwrap().text().await.unwrap();
    assert!(filtered.contains("Östra Åbo förening"), "imported tags filter");
    assert_eq!(audit_actions(&app).await, vec!["create", "create"]);

    let again = confirm(&app, &client, &page, "import").await;
    assert_eq!(again.status(), 422, "a used upload is gone");
    assert!(again.text().await.unwrap().contains("Ladattu tiedosto ei ole enää tallessa"));
});

both_databases!(windows_1252_file_with_commas_is_imported, |app| {
    let client = staff_client(&app).await;
    let (file, _, _) = encoding_rs::WINDOWS_1252
        .encode("nimi,y-tunnus,kotipaikka,teemat\r\nÄänekosken Öljymäen kyläyhdistys ry,0201256-6,Äänekoski,kylätoiminta | yhteisöllisyys\r\n");
    assert!(std::str::from_utf8(&file).is_err(), "the test file really is Windows-1252");
    let page = upload(&app, &client, &file, "association").await.text().await.unwrap();
    assert!(page.contains("Windows-1252, erotin ,"), "{page}");
    assert_eq!(confirm(&app, &client, &page, "import").await.status(), 200);
    let listed = client.get(app.url("/actors?q=öljymäen")).send().await.unwrap().text().await.unwrap();
    assert!(listed.contains("Äänekosken Öljymäen kyläyhdistys ry"), "{listed}");
    let actor = app.store.actor_by_business_id("0201256-6").await.unwrap().unwrap();
    assert_eq!(actor.details.areas, vec!["Äänekoski"]);
    assert_eq!(actor.details.themes, vec!["kylätoiminta", "yhteisöllisyys"]);
    assert_eq!(actor.details.sector, Sector::Association, "the chosen sector for rows without one");
});

both_databases!(dry_run_lists_every_bad_row_and_valid_rows_can_be_imported_alone, |app| {
    let client = staff_client(&app).await;
    let file = "nimi;y-tunnus;sektori;sähköposti\n\
                Hyvä yhdistys ry;;yhdistys;\n\
                ;0737546-2;yhdistys;\n\
                Väärä tunnus ry;1234567-8;yhdistys;\n\
                Linna ry;;linna;\n\
                Posti ry;;säätiö;ei-osoite\n";
    let response = upload(&app, &client, file.as_bytes(), "").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    for row in [
        "<td>3</td><td>nimi</td><td>Täytä tämä kenttä.</td>",
        "<td>4</td><td>y-tunnus</td><td>Y-tunnuksen tarkistusmerkki ei täsmää. Tarkista numero.</td>",
        "<td>5</td><td>sektori</td><td>Tuntematon sektori ”linna”.",
        "<td>6</td><td>sähköposti</td><td>Anna sähköpostiosoite muodossa nimi@esimerkki.fi.</td>",
    ] {
        assert!(page.contains(row), "missing {row} in {page}");
    }
    assert!(page.contains("Tiedostossa on virheellisiä rivejä: 4"));
    assert!(page.contains("<th scope=\"col\">Rivi</th>"), "problems are a table with headers");
    assert!(page.contains(">Tuo vain virheettömät rivit</button>"));
    assert_eq!(app.store.live_actor_count().await.unwrap(), 0);

    let refused = confirm(&app, &client, &page, "import").await;
    assert_eq!(refused.status(), 422, "all rows or none");
    assert_eq!(app.store.live_actor_count().await.unwrap(), 0);
    let page = refused.text().await.unwrap();

    let done = confirm(&app, &client, &page, "import-valid").await;
    assert_eq!(done.status(), 200);
    assert_eq!(app.store.live_actor_count().await.unwrap(), 1);
    let listed = client.get(app.url("/actors")).send().await.unwrap().text().await.unwrap();
    assert!(listed.contains("Hyvä yhdistys ry") && !listed.contains("Posti ry"));
});

both_databases!(the_same_y_tunnus_updates_the_actor_instead_of_duplicating_it, |app| {
    let client = staff_client(&app).await;
    let mut existing = actor_input("Vanha Nimi ry");
    existing.business_id = "0204819-8".into();
    existing.themes = vec!["liikunta".into()];
    let stored = app.add_actor(&existing).await;

    let file = "Y-tunnus;Nimi;Tarkoitus\n0204819-8;Uusi Nimi ry;Liikuntaa kaikille\n737546-2;Toinen ry;\n";
    let page = upload(&app, &client, file.as_bytes(), "association").await.text().await.unwrap();
    assert!(page.contains("Päivitettäviä toimijoita</dt><dd>1</dd>"), "{page}");
    assert!(page.contains("Uusia toimijoita</dt><dd>1</dd>"));
    assert_eq!(confirm(&app, &client, &page, "import").await.status(), 200);

    assert_eq!(app.store.live_actor_count().await.unwrap(), 2);
    let updated = app.store.actor_by_business_id("0204819-8").await.unwrap().unwrap();
    assert_eq!(updated.id, stored.id);
    assert_eq!(updated.version, 2);
    assert_eq!(updated.details.name_fi, "Uusi Nimi ry");
    assert_eq!(updated.details.purpose.as_deref(), Some("Liikuntaa kaikille"));
    assert_eq!(updated.details.themes, vec!["liikunta"], "columns the file lacks are kept");
    assert!(app.store.actor_by_business_id("0737546-2").await.unwrap().is_some(), "six-digit IDs are padded");
    let mut actions = audit_actions(&app).await;
    actions.sort();
    assert_eq!(actions, vec!["create", "create", "update"]);

    let again = upload(&app, &client, file.as_bytes(), "association").await.text().await.unwrap();
    assert!(again.contains("Ennallaan</dt><dd>2</dd>"), "a second run changes nothing");
    assert!(again.contains("Tiedostossa ei ole mitään tuotavaa"));

    let twice = "Y-tunnus;Nimi\n0204819-8;A\n0204819-8;B\n";
    let page = upload(&app, &client, twice.as_bytes(), "").await.text().await.unwrap();
    assert!(
        page.contains("<td>2</td><td>Y-tunnus</td><td>Sama Y-tunnus on tiedostossa myös rivillä 3.</td>")
    );
    assert!(
        page.contains("<td>3</td><td>Y-tunnus</td><td>Sama Y-tunnus on tiedostossa myös rivillä 2.</td>")
    );
});

both_databases!(an_import_that_fails_midway_leaves_nothing, |app| {
    let mut existing = actor_input("Pysyvä ry");
    existing.business_id = "0204819-8".into();
    app.add_actor(&existing).await;
    // The database refuses one row's audit entry, after earlier rows were already written.
    match &app.store.db {
        kumppani::store::Db::Sqlite(pool) => {
            sqlx::raw_sql(
                "CREATE TRIGGER fail_import BEFORE INSERT ON audit_log WHEN NEW.summary = 'Kaatuva ry'
                 BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
            )
            .execute(pool)
            .await
            .unwrap();
        }
        kumppani::store::Db::Postgres(pool) => {
            sqlx::raw_sql(
                "CREATE FUNCTION fail_import() RETURNS trigger AS $$
                 BEGIN
                   IF NEW.summary = 'Kaatuva ry' THEN RAISE EXCEPTION 'simulated failure'; END IF;
                   RETURN NEW;
                 END $$ LANGUAGE plpgsql;
                 CREATE TRIGGER fail_import BEFORE INSERT ON audit_log
                 FOR EACH ROW EXECUTE FUNCTION fail_import();",
            )
            .execute(pool)
            .await
            .unwrap();
        }
    }
    let file = "y-tunnus;nimi;sektori\n0204819-8;Muutettu ry;yhdistys\n;Ensimmäinen ry;yhdistys\n\
                ;Kaatuva ry;yhdistys\n;Viimeinen ry;yhdistys\n";
    let options = ImportOptions { mode: ImportMode::AllOrNothing, default_sector: None };
    let result = transfer::import_actors(
        &app.store,
        Requester::CommandLine,
        file.as_bytes().to_vec(),
        options,
        app.change(),
        &mut |_, _| {},
    )
    .await;
    assert!(result.is_err());
    assert_eq!(app.store.live_actor_count().await.unwrap(), 1);
    let kept = app.store.actor_by_business_id("0204819-8").await.unwrap().unwrap();
    assert_eq!((kept.details.name_fi.as_str(), kept.version), ("Pysyvä ry", 1));
    assert_eq!(audit_actions(&app).await, vec!["create"], "no audit entry survives either");
});

both_databases!(uploads_are_limited_and_bound_to_the_session, |app| {
    let client = staff_client(&app).await;
    let empty = upload(&app, &client, b"", "").await;
    assert_eq!(empty.status(), 422);
    assert!(empty.text().await.unwrap().contains("Täytä tämä kenttä."));
    let no_name = upload(&app, &client, b"foo;bar\n1;2\n", "").await;
    assert_eq!(no_name.status(), 422);
    assert!(no_name.text().await.unwrap().contains("Tiedostosta ei löytynyt nimi- eikä Y-tunnussaraketta"));

    let page =
        upload(&app, &client, "nimi;sektori\nA ry;yhdistys\n".as_bytes(), "").await.text().await.unwrap();
    app.add_user("other@turku.fi", Role::Staff, vec![]).await;
    let other = app.login("other@turku.fi").await;
    let token = csrf_token(&other, &app.url("/actors/import")).await;
    let id = extract(&page, "name=\"upload\" value=\"", "\"").unwrap();
    let stolen = other
        .post(app.url("/actors/import/confirm"))
        .form(&[("csrf_token", token), ("upload", id), ("action", "import".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(stolen.status(), 422, "another session cannot use the upload id");
    assert_eq!(app.store.live_actor_count().await.unwrap(), 0);
    let cancelled = confirm(&app, &client, &page, "cancel").await.text().await.unwrap();
    assert!(cancelled.contains("Tuonti peruttiin."));
    assert_eq!(confirm(&app, &client, &page, "import").await.status(), 422, "cancel removes the upload");

    let page =
        upload(&app, &client, "nimi;sektori\nB ry;yhdistys\n".as_bytes(), "").await.text().await.unwrap();
    let (first, second) =
        tokio::join!(confirm(&app, &client, &page, "import"), confirm(&app, &client, &page, "import"));
    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 422], "a double submission imports once");
    assert_eq!(app.store.live_actor_count().await.unwrap(), 1);

    let mut huge = b"nimi\n".to_vec();
    huge.resize(kumppani::web::controllers::actors::import::UPLOAD_LIMIT + 1024, b'a');
    let response = upload(&app, &client, &huge, "").await;
    assert_eq!(response.status(), 413);
});

both_databases!(csv_export_is_for_finnish_excel_and_neutralises_formulas, |app| {
    let client = staff_client(&app).await;
    let mut formula = actor_input("=cmd|' /C calc'!A0");
    formula.purpose = "@SUM(1+1)".into();
    app.add_actor(&formula).await;
    // More than one page of the list (200), so the export has to read them all.
    let mut many = String::from("nimi;sektori;julkaistu\n");
    for i in 0..205 {
        many.push_str(&format!("Yhdistys {i:03};yhdistys;kyllä\n"));
    }
    let options = ImportOptions { mode: ImportMode::AllOrNothing, default_sector: None };
    let change = app.change();
    transfer::import_actors(
        &app.store,
        Requester::CommandLine,
        many.into_bytes(),
        options,
        change,
        &mut |_, _| {},
    )
    .await
    .unwrap();
    let response = client.get(app.url("/actors/export.csv")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"toimijat-2026-11-22.csv\"");
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("Tunniste;Nimi;Nimi ruotsiksi;"), "{text}");
    assert!(text.contains(";'=cmd|' /C calc'!A0;"), "{text}");
    assert!(text.contains(";'@SUM(1+1);"));
    assert!(!text.contains(";=cmd") && !text.contains(";@SUM"));
    assert_eq!(text.matches("\r\n").count(), 207, "a header and every actor, all pages, CRLF");

    let filtered =
        client.get(app.url("/actors/export.csv?q=yhdistys")).send().await.unwrap().text().await.unwrap();
    assert_eq!(filtered.matches("\r\n").count(), 206, "the list's filters apply");
});

both_databases!(exports_show_others_only_what_the_list_shows, |app| {
    let mut public = actor_input("Julkinen yhdistys ry");
    public.contacts = vec![ContactInput { name: "Piilotettu Henkilö".into(), ..ContactInput::default() }];
    app.add_actor(&public).await;
    let mut hidden = actor_input("Julkaisematon yhdistys ry");
    hidden.published = false;
    app.add_actor(&hidden).await;
    let anonymous = app.client();
    let staff = staff_client(&app).await;

    for format in ["csv", "json"] {
        let url = app.url(&format!("/actors/export.{format}"));
        let body = anonymous.get(&url).send().await.unwrap().text().await.unwrap();
        assert!(body.contains("Julkinen yhdistys ry"), "{format}");
        assert!(!body.contains("Julkaisematon"), "{format}: unpublished actors are left out");
        assert!(!body.contains("Piilotettu Henkilö"), "{format}: contact persons are not public");
        let body = staff.get(&url).send().await.unwrap().text().await.unwrap();
        assert!(body.contains("Julkaisematon") && body.contains("Piilotettu Henkilö"), "{format}");
    }
    let json: serde_json::Value =
        anonymous.get(app.url("/actors/export.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["contacts"], serde_json::json!([]));

    let xlsx = anonymous.get(app.url("/actors/export.xlsx")).send().await.unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(
        xlsx.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"), "an XLSX file is a zip archive");
});

#[test]
fn sector_names_in_files_match_the_pages() {
    use kumppani::web::i18n::Lang;
    use kumppani_domain::actor_csv::{parse_sector, sector_label};
    for sector in Sector::ALL {
        for lang in Lang::ALL {
            let label = lang.t(&format!("sector-{}", sector.as_str()));
            assert_eq!(sector_label(*sector, lang.code()), label);
            assert_eq!(parse_sector(&label), Some(*sector));
        }
    }
}

/// 100,000 rows into SQLite, for the performance target (≤ 10 s in a release build):
/// `cargo test --release --test it transfer::import_speed -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a benchmark; run in release mode"]
async fn import_speed() {
    use std::fmt::Write;
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let mut file = String::from("nimi;y-tunnus;sektori;tarkoitus;teemat;kohderyhmät;alueet;toiminta\n");
    let themes = ["liikunta", "kulttuuri", "vertaistuki", "ikäihmiset", "nuoret", "lapsiperheet"];
    for i in 0..100_000u32 {
        let business_id = business_id(i);
        writeln!(
            file,
            "Yhdistys {i} ry;{business_id};yhdistys;Edistää asukkaiden hyvinvointia ja yhteisöllisyyttä alueella {i};\
             {}, {};{};Turku, Kaarina;Kerhoilta / ti klo 17 / Varissuo",
            themes[i as usize % 6],
            themes[(i as usize + 1) % 6],
            themes[(i as usize + 3) % 6]
        )
        .unwrap();
    }
    let started = std::time::Instant::now();
    let options = ImportOptions { mode: ImportMode::AllOrNothing, default_sector: None };
    let report = transfer::import_actors(
        &app.store,
        Requester::CommandLine,
        file.into_bytes(),
        options,
        app.change(),
        &mut |_, _| {},
    )
    .await
    .unwrap();
    let elapsed = started.elapsed();
    eprintln!("imported {} rows in {:.2} s", report.new, elapsed.as_secs_f64());
    assert_eq!((report.new, report.invalid_rows), (100_000, 0));
    assert!(cfg!(debug_assertions) || elapsed.as_secs_f64() <= 10.0, "took {elapsed:?}");
}

/// A valid Y-tunnus for half of the rows (the others have none), from a running number.
fn business_id(i: u32) -> String {
    if i % 2 == 1 {
        return String::new();
    }
    let number = format!("{:07}", 1_000_000 + i);
    let weights = [7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = number.bytes().zip(weights).map(|(d, w)| u32::from(d - b'0') * w).sum();
    match sum % 11 {
        0 => format!("{number}-0"),
        1 => String::new(),
        r => format!("{number}-{}", 11 - r),
    }
}

//! A workshop's background files on its planning page and through the API: upload with a
//! description, the list, download, removal with its audit entries, refusals beside the fields
//! in the reader's language, and nobody but staff reaching them.

use kumppani::services::workshop_attachments::{self, Upload};
use kumppani_domain::attachment::MAX_BYTES;
use kumppani_domain::role::Role;
use serde_json::Value;

use crate::both_databases;
use crate::support::*;

/// Posts the planning page's upload form as a browser does.
async fn upload(
    client: &reqwest::Client,
    app: &TestApp,
    id: &str,
    description: &str,
    name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let token = csrf_token(client, &app.url("/")).await;
    client
        .post(app.url(&format!("/workshops/{id}/attachments")))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(multipart_body(&[("csrf_token", &token), ("description", description)], name, bytes))
        .send()
        .await
        .unwrap()
}

async fn text(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// A workshop planned through the form, with two actors; returns its id.
async fn workshop(staff: &reqwest::Client, app: &TestApp) -> String {
    let fields = [
        ("title", "Runosmäen palvelut"),
        ("clients_name", "Asukkaat"),
        ("actors[0].name", "Yhdistykset"),
        ("actors[1].name", "Kirjasto"),
    ];
    let created = post_form(staff, app, "/workshops", &fields).await;
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    location.trim_start_matches("/workshops/").split('?').next().unwrap().to_owned()
}

fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(len, b' ');
    bytes
}

both_databases!(staff_add_list_download_and_remove_background_files, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let admin_id = app.add_user("admin@turku.fi", Role::Admin, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let id = workshop(&staff, &app).await;
    let (_, plan) = text(&staff, &app, &format!("/workshops/{id}/plan")).await;
    assert!(plan.contains("Taustamateriaalia ei ole vielä liitetty."));

    let survey = pdf(1_572_864);
    let added = upload(&staff, &app, &id, "Asukaskysely 2025", "../Runosmäki kysely.pdf", &survey).await;
    assert_eq!(added.status(), 303);
    assert_eq!(
        added.headers()["location"],
        format!("/workshops/{id}/plan?notice=attached#background-files").as_str()
    );
    let (_, plan) = text(&staff, &app, &format!("/workshops/{id}/plan?notice=attached")).await;
    assert!(plan.contains("Liite lisätty."));
    let rows = table_rows(&plan);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].starts_with("Asukaskysely 2025 | "), "{}", rows[0]);
    assert!(
        rows[0].contains(">Runosmäki kysely.pdf</a> | PDF | 1,50\u{a0}Mt | staff | 22.11.2026"),
        "{}",
        rows[0]
    );

    let file_id = extract(&plan, &format!("href=\"/workshops/{id}/attachments/"), "\"").unwrap();
    let file_path = format!("/workshops/{id}/attachments/{file_id}");
    let download = staff.get(app.url(&file_path)).send().await.unwrap();
    assert_eq!(download.status(), 200);
    let headers = download.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"Runosm_ki kysely.pdf\"")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(download.bytes().await.unwrap().as_ref(), survey.as_slice());

    // The memo lists them for staff; the copy passed on to participants does not.
    let (_, memo) = text(&staff, &app, &format!("/workshops/{id}/memo")).await;
    assert!(memo.contains("Asukaskysely 2025"));
    let (_, passed_on) = text(&staff, &app, &format!("/workshops/{id}/memo/download")).await;
    assert!(!passed_on.contains("Asukaskysely 2025"));

    // Refusals come back beside their fields, what was typed kept; nothing is kept of them.
    let html = upload(&staff, &app, &id, "Alueen tilastot", "tilastot.pdf", b"<html><script></script>").await;
    assert_eq!(html.status(), 422);
    let body = html.text().await.unwrap();
    assert!(body.contains(
        "id=\"file-error\">Tiedosto ei ole PDF-, ODT-, DOCX- tai XLSX-tiedosto. Tallenna se jossakin näistä muodoista."
    ));
    assert!(body.contains("name=\"description\" value=\"Alueen tilastot\""));
    let empty = upload(&staff, &app, &id, " ", "", b"").await;
    assert_eq!(empty.status(), 422);
    let body = empty.text().await.unwrap();
    assert!(body.contains("id=\"description-error\">Täytä tämä kenttä."));
    assert!(body.contains("id=\"file-error\">Valitse lähetettävä tiedosto."));
    let big = upload(&staff, &app, &id, "Iso tilasto", "iso.pdf", &pdf(MAX_BYTES + 1)).await;
    assert_eq!(big.status(), 422);
    assert!(big.text().await.unwrap().contains("Tiedosto on liian suuri."));

    // The same through the API, with the administrator's token.
    let token = kumppani::services::accounts::create_token(&app.store, admin_id, "taustat", app.change())
        .await
        .unwrap();
    let api = app.client();
    let list_url = app.url(&format!("/api/v1/workshops/{id}/attachments"));
    let list: Value = api.get(&list_url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "refused uploads left nothing: {list}");
    assert_eq!(items[0]["description"], "Asukaskysely 2025");
    assert_eq!(items[0]["file_type"], "pdf");
    assert_eq!(items[0]["size_bytes"], 1_572_864);
    assert_eq!(items[0]["uploaded_by_name"], "staff");
    let api_upload = |description: &'static str, bytes: Vec<u8>| {
        api.post(&list_url)
            .bearer_auth(&token)
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(multipart_body(&[("description", description)], "tilasto.pdf", &bytes))
            .send()
    };
    let refused = api_upload("Tilasto", b"PK\x03\x04".to_vec()).await.unwrap();
    assert_eq!(refused.status(), 422);
    let refused: Value = refused.json().await.unwrap();
    assert_eq!(refused["fields"][0]["field"], "file");
    assert_eq!(refused["fields"][0]["code"], "attachment-type");
    let created = api_upload("Alueen tilastot", pdf(2048)).await.unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["uploaded_by_name"], "admin");
    let file_url = app.url(created["download"].as_str().unwrap());
    let fetched = api.get(&file_url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.bytes().await.unwrap().len(), 2048);
    assert_eq!(api.delete(&file_url).bearer_auth(&token).send().await.unwrap().status(), 204);
    assert_eq!(api.get(&file_url).bearer_auth(&token).send().await.unwrap().status(), 404);

    // Removing on the page: the record, the file on disk, and an audit entry for each change.
    assert_eq!(items[0]["id"], file_id.as_str());
    let removed = post_form(&staff, &app, &format!("{file_path}/delete"), &[]).await;
    assert_eq!(removed.status(), 303);
    let (_, plan) = text(&staff, &app, &format!("/workshops/{id}/plan")).await;
    assert!(plan.contains("Taustamateriaalia ei ole vielä liitetty."));
    assert_eq!(text(&staff, &app, &file_path).await.0, 404);
    let kept = std::fs::read_dir(app.data_dir().join("attachments")).unwrap().count();
    assert_eq!(kept, 0, "no file outlives its record");
    let admin = app.login("admin@turku.fi").await;
    let (_, audit) = text(&admin, &app, "/admin/audit?entity_type=workshop_attachment").await;
    for entry in [
        "create</td>\n    <td>workshop_attachment: Asukaskysely 2025 (Runosmäki kysely.pdf)",
        "delete</td>\n    <td>workshop_attachment: Asukaskysely 2025 (Runosmäki kysely.pdf)",
        "delete</td>\n    <td>workshop_attachment: Alueen tilastot (tilasto.pdf)",
    ] {
        assert!(audit.contains(entry), "audit lacks {entry}");
    }

    // In the reader's language.
    assert_eq!(post_form(&staff, &app, "/language", &[("lang", "sv"), ("next", "/")]).await.status(), 303);
    let swedish = upload(&staff, &app, &id, "", "kysely.pdf", b"Ei PDF").await;
    assert_eq!(swedish.status(), 422);
    let body = swedish.text().await.unwrap();
    assert!(body.contains("Filen är inte en PDF-, ODT-, DOCX- eller XLSX-fil."));
    assert!(body.contains("Fyll i det här fältet."));
});

both_databases!(participants_and_members_do_not_reach_background_files, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let actor = app.add_actor(&actor_input("Runosmäen yhdistys")).await;
    app.add_user("member@example.fi", Role::Member, vec![actor.id]).await;
    let staff = app.login("staff@turku.fi").await;
    let id = workshop(&staff, &app).await;
    let workshop_id = id.parse().unwrap();
    let upload_input =
        Upload { description: "Henkilöstön näkemykset", filename: "nakemykset.pdf", bytes: b"%PDF-1.4" };
    let principal = app.staff_principal();
    let file = workshop_attachments::add(
        &app.store,
        app.data_dir(),
        Some(&principal),
        workshop_id,
        upload_input,
        app.change(),
    )
    .await
    .unwrap();
    let file_path = format!("/workshops/{id}/attachments/{}", file.id);

    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", "invitation")]).await.status(),
        303
    );
    let shown: Value =
        staff.get(app.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap().json().await.unwrap();
    let code = shown["workshop"]["join_code"].as_str().unwrap().to_owned();
    let actor_key = shown["workshop"]["plan"]["actors"][0]["id"].as_str().unwrap().to_owned();
    let phone = app.client();
    let joined =
        post_form(&phone, &app, &format!("/join/{code}"), &[("name", "Maija"), ("represents", &actor_key)])
            .await;
    assert_eq!(joined.status(), 303);
    assert_eq!(text(&phone, &app, &format!("/workshops/{id}/me")).await.0, 200, "the participant is in");
    assert_eq!(text(&phone, &app, &file_path).await.0, 404);
    assert_eq!(text(&phone, &app, &format!("/workshops/{id}/plan")).await.0, 404);
    let (status, memo) = text(&phone, &app, &format!("/workshops/{id}/memo")).await;
    assert_eq!(status, 200, "participants read the memo");
    assert!(!memo.contains("Henkilöstön näkemykset"), "but not the background files");

    let member = app.login("member@example.fi").await;
    assert_eq!(text(&member, &app, &file_path).await.0, 404);
    let tried = upload(&member, &app, &id, "Oma liite", "oma.pdf", b"%PDF-1.4 oma").await;
    assert_eq!(tried.status(), 404);
    let removed = post_form(&member, &app, &format!("{file_path}/delete"), &[]).await;
    assert_eq!(removed.status(), 404);
    let files = workshop_attachments::list(&app.store, Some(&principal), workshop_id).await.unwrap();
    let descriptions: Vec<&str> = files.iter().map(|f| f.description.as_str()).collect();
    assert_eq!(descriptions, ["Henkilöstön näkemykset"], "the member changed nothing");
});

//! The demonstration data set's value network workshop: the LINKKU pilot of figure 7, loaded
//! once, completed, with its matrix and its current, future and compared maps.

use kumppani::services::demo::{self, Loaded};
use kumppani_domain::role::Role;
use serde_json::Value;

use crate::both_databases;
use crate::support::*;

const TITLE: &str = "LINKKU-palvelubussin, yhdistysten ja oppilaitosten yhteistyö";

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// A challenge's row of the matrix: its name and the strengths in each actor's cell.
type MatrixRow = (String, Vec<Vec<String>>);

/// The matrix table: the column headings and the challenges' rows.
fn matrix(body: &str) -> (Vec<String>, Vec<MatrixRow>) {
    let head = extract(body, "<thead>", "</thead>").unwrap();
    let columns: Vec<String> =
        head.split("</span> ").skip(1).map(|c| c.split("</th>").next().unwrap().to_owned()).collect();
    let items = |cell: &str| -> Vec<String> {
        cell.split("<li>").skip(1).map(|li| li.split("</li>").next().unwrap().to_owned()).collect()
    };
    let rows = extract(body, "<tbody>", "</tbody>")
        .unwrap()
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let name = extract(row, "<th scope=\"row\">", "<").unwrap();
            let cells = row
                .split("<td>")
                .skip(1)
                .take(columns.len())
                .map(|cell| items(cell.split("</td>").next().unwrap()))
                .collect();
            (name, cells)
        })
        .collect();
    (columns, rows)
}

both_databases!(the_demo_workshop_is_figure_7_loaded_once, |app| {
    // The set-up page and `kumppani demo` at the same moment: one of them loads it all.
    let (first, second) =
        tokio::join!(demo::load(&app.store, app.change()), demo::load(&app.store, app.change()));
    let (first, second) = (first.unwrap(), second.unwrap());
    let loaded = if first == Loaded::default() { second } else { first };
    assert_eq!(loaded.workshops, 1);
    assert!(loaded.actors > 0 && loaded.partnerships > 0);
    assert!(first == Loaded::default() || second == Loaded::default(), "nothing twice: {first:?} {second:?}");
    assert_eq!(demo::load(&app.store, app.change()).await.unwrap(), Loaded::default(), "nor later");

    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let list = get_json(&staff, &app.url("/api/v1/workshops")).await;
    let pilots: Vec<&Value> =
        list["items"].as_array().unwrap().iter().filter(|w| w["title"] == TITLE).collect();
    assert_eq!(pilots.len(), 1, "one demo workshop");
    assert_eq!(pilots[0]["step"], "workshop_2", "completed: workshop II reached");
    let id = pilots[0]["id"].as_str().unwrap().to_owned();
    let workshops = page(&staff, &app, "/workshops").await;
    assert!(workshops.contains("Esittelyaineisto"), "marked as demonstration data");

    let shown = get_json(&staff, &app.url(&format!("/api/v1/workshops/{id}"))).await;
    assert_eq!(shown["participants"].as_array().unwrap().len(), 6);
    assert_eq!(shown["state"]["joining_open"], false);
    let actors: Vec<&Value> = shown["workshop"]["plan"]["actors"].as_array().unwrap().iter().collect();
    assert!(actors.iter().all(|a| a["register_id"].is_null()), "none of them is on the Turku register");
    let notes = get_json(&staff, &app.url(&format!("/api/v1/workshops/{id}/notes"))).await;
    let mut questions: Vec<&str> = notes["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["visible"] == true)
        .map(|n| n["question"].as_str().unwrap())
        .collect();
    questions.sort_unstable();
    questions.dedup();
    assert_eq!(questions, ["1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b"], "every question answered");

    let (columns, rows) = matrix(&page(&staff, &app, &format!("/workshops/{id}/matrix")).await);
    assert_eq!(columns, ["Yhdistykset", "LINKKU", "Opiskelijat"]);
    let strengths = |cells: &[&[&str]]| -> Vec<Vec<String>> {
        cells.iter().map(|c| c.iter().map(|s| (*s).to_owned()).collect()).collect()
    };
    assert_eq!(
        rows,
        [
            (
                "Yhteistyö ja sen johtaminen".to_owned(),
                strengths(&[
                    &["Verkostot", "Yhteistyöhalukkuus", "Joustavuus"],
                    &["Verkostot", "Tarjoaa oppimisympäristöjä"],
                    &[
                        "Sitoutuminen hankkeistettuun oppimiseen",
                        "Innokkaat opettajat",
                        "LAMK:n pedagogiset linjaukset"
                    ],
                ])
            ),
            (
                "Asenteet".to_owned(),
                strengths(&[
                    &[
                        "Luotettavuus, pitkät perinteet toiminnassa",
                        "Helposti lähestyttävä",
                        "Tiedotus/viestintä"
                    ],
                    &[],
                    &[],
                ])
            ),
            (
                "Palvelujen saatavuus".to_owned(),
                strengths(&[&["Paikallistuntemus"], &["Mahdollisuus viedä osaamista minne vain"], &[]])
            ),
        ]
    );

    let current = table_rows(&page(&staff, &app, &format!("/workshops/{id}/map")).await);
    assert_eq!(current.len(), 17, "{current:#?}");
    assert!(current.contains(&"LINKKU | Yhdistykset | Tilat tapahtumille bussissa | aineellinen".to_owned()));
    assert!(!current.iter().any(|r| r.contains("Terveyspisteet bussissa")), "not there yet");
    let future = table_rows(&page(&staff, &app, &format!("/workshops/{id}/map/future")).await);
    assert_eq!(future.len(), 20, "one value for each agreed action's flow: {future:#?}");
    assert!(
        future
            .contains(&"Opiskelijat | Asiakkaat / asukkaat | Terveyspisteet bussissa | aineeton".to_owned())
    );
    let compare = page(&staff, &app, &format!("/workshops/{id}/map/compare")).await;
    let changes = table_rows(&compare);
    assert!(
        changes.iter().any(|r| r.starts_with("Opiskelijat | Asiakkaat / asukkaat | ")
            && r.contains("flow-new")
            && r.contains("Terveyspisteet bussissa")),
        "{changes:#?}"
    );
    let memo = page(&staff, &app, &format!("/workshops/{id}/memo")).await;
    assert!(memo.contains("Kyläillat: bussi tutuksi") && memo.contains("Raili"));
});

//! Value network workshops through their pages, stream and API: planning with errors, steps,
//! invitation, joining by code, notes on the wall and on a live stream, replay after a
//! dropped connection, per-workshop access, note management and the timer on the test clock.

use std::time::Duration;

use kumppani_domain::role::Role;
use serde_json::Value;

use crate::both_databases;
use crate::support::*;

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Creates a workshop with the given actors through the planning form; returns its id.
async fn plan(client: &reqwest::Client, app: &TestApp, title: &str, actors: &[&str]) -> String {
    let mut fields = vec![("title", title), ("purposes", "missing_service"), ("clients_name", "Asukkaat")];
    let names: Vec<String> = (0..actors.len()).map(|i| format!("actors[{i}].name")).collect();
    for (name, actor) in names.iter().zip(actors) {
        fields.push((name.as_str(), actor));
    }
    let created = post_form(client, app, "/workshops", &fields).await;
    assert_eq!(created.status(), 303, "{}", created.text().await.unwrap());
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    location.trim_start_matches("/workshops/").split('?').next().unwrap().to_owned()
}

/// The value of the option whose label is `label` in a page's form.
fn option_value(body: &str, label: &str) -> String {
    let end = body.find(&format!("\">{label}</option>")).unwrap_or_else(|| panic!("no option {label}"));
    let start = body[..end].rfind("value=\"").unwrap() + "value=\"".len();
    body[start..end].to_owned()
}

/// Reads a server-sent event stream until `needle` arrives; fails after five seconds.
async fn read_until(stream: &mut reqwest::Response, seen: &mut String, needle: &str) {
    let found = tokio::time::timeout(Duration::from_secs(5), async {
        while !seen.contains(needle) {
            match stream.chunk().await.unwrap() {
                Some(bytes) => seen.push_str(&String::from_utf8_lossy(&bytes)),
                None => break,
            }
        }
    })
    .await;
    assert!(found.is_ok() && seen.contains(needle), "{needle} did not arrive; got:\n{seen}");
}

both_databases!(planning_errors_stay_beside_the_fields_and_inviting_needs_two_actors, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let refused = post_form(
        &staff,
        &app,
        "/workshops",
        &[("title", " "), ("purposes", "other"), ("actors[0].name", "Yhdistykset"), ("place", "Kirjasto")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Täytä tämä kenttä."), "the title is required");
    assert!(body.contains("Kerro, mikä muu syy on."));
    assert!(body.contains("id=\"purpose_other-error\""), "the message sits beside its field");
    assert!(
        body.contains("value=\"Yhdistykset\"") && body.contains("value=\"Kirjasto\""),
        "typed values kept"
    );

    let id = plan(&staff, &app, "Palvelubussi", &["Yhdistykset"]).await;
    let refused = post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", "invitation")]).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Työpajaan tarvitaan vähintään kaksi toimijaa."));
    let skipped = post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", "analysis")]).await;
    assert_eq!(skipped.status(), 422, "only the next or the previous step");
});

both_databases!(participants_join_by_code_and_their_notes_reach_the_wall_live, |app| {
    let linkku = app.add_actor(&actor_input("LINKKU-hanke")).await;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    app.add_user("member@example.fi", Role::Member, vec![linkku.id]).await;
    let staff = app.login("staff@turku.fi").await;
    let id =
        plan(&staff, &app, "Palvelubussin verkosto", &["Yhdistykset", "LINKKU-hanke", "Opiskelijat"]).await;
    let (_, show) = page(&staff, &app, &format!("/workshops/{id}")).await;
    assert!(show.contains("Suunnittelupalaverissa"), "the stepper says what the method asks");
    let (_, plan_form) = page(&staff, &app, &format!("/workshops/{id}/plan")).await;
    assert!(plan_form.contains("value=\"LINKKU-hanke\""));
    let api: Value =
        staff.get(app.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap().json().await.unwrap();
    let actors = api["workshop"]["plan"]["actors"].as_array().unwrap().clone();
    assert_eq!(actors[1]["register_id"], linkku.id.to_string(), "the register actor is linked");
    let code = api["workshop"]["join_code"].as_str().unwrap().to_owned();

    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", "invitation")]).await.status(),
        303
    );
    let (status, invitation) = page(&staff, &app, &format!("/workshops/{id}/invitation")).await;
    assert_eq!(status, 200);
    assert!(invitation.contains(&format!("{}/join/{code}", app.address)), "the join link");
    assert!(
        invitation.contains(&format!("mene osoitteeseen {}/join ja", app.address)),
        "where to type the code"
    );
    assert!(invitation.contains(&code) && invitation.contains("<svg") && invitation.contains("class=\"qr\""));

    // Joining: a wrong code, then closed joining, then in.
    let phone = app.client();
    let wrong = post_form(&phone, &app, "/join", &[("code", "ZZZZZZ")]).await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong.text().await.unwrap().contains("Tällä koodilla ei löytynyt avointa työpajaa."));
    let found = post_form(&phone, &app, "/join", &[("code", &code.to_lowercase())]).await;
    assert_eq!(found.headers()["location"], format!("/join/{code}").as_str());
    let (_, details) = page(&phone, &app, &format!("/join/{code}")).await;
    assert!(details.contains("Yhdistykset") && details.contains("swatch-"), "actors with their colours");
    let yhdistykset = actors[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{id}/joining"), &[("open", "0")]).await.status(),
        303
    );
    let joining = [("name", "Maija"), ("represents", yhdistykset.as_str())];
    let closed = post_form(&phone, &app, &format!("/join/{code}"), &joining).await;
    assert_eq!(closed.status(), 422);
    assert!(closed.text().await.unwrap().contains("Työpajaan liittyminen on suljettu."));
    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{id}/joining"), &[("open", "1")]).await.status(),
        303
    );
    let joined = post_form(&phone, &app, &format!("/join/{code}"), &joining).await;
    assert_eq!(joined.status(), 303);
    assert_eq!(joined.headers()["location"], format!("/workshops/{id}/me").as_str());
    let cookie = joined.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains(&format!("Path=/workshops/{id}")) && cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"));
    let participant_token = extract(&cookie, "kumppani_participant=", ";").unwrap();

    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", "workshop_1")]).await.status(),
        303
    );
    let (status, me) = page(&phone, &app, &format!("/workshops/{id}/me")).await;
    assert_eq!(status, 200);
    assert!(me.contains("Mitä voit tarjota nyt kullekin toiselle läsnä olevalle toimijalle?"), "question 1a");
    let linkku_key = option_value(&me, "LINKKU-hanke");
    let note_form = &me[me.find("id=\"note-form\"").unwrap()..];
    let me_csrf = extract(note_form, "name=\"csrf_token\" value=\"", "\"").unwrap();
    let session_form = csrf_token(&phone, &app.url("/join")).await;
    assert_ne!(me_csrf, session_form, "the participant's token is bound to the participant cookie");

    // Another client follows the stream before the note is posted.
    let mut stream = staff.get(app.url(&format!("/workshops/{id}/events"))).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let mut seen = String::new();
    read_until(&mut stream, &mut seen, "event: state").await;
    assert!(seen.contains("retry:"), "the browser is told when to reconnect");

    let note = |text: &'static str, about: String, csrf: String| {
        vec![("csrf_token", csrf), ("question", "1a".into()), ("about", about), ("text", text.to_owned())]
    };
    let forged = phone
        .post(app.url(&format!("/workshops/{id}/me/notes")))
        .form(&note("Väärennetty", linkku_key.clone(), session_form.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403, "a session token is not the participant's");
    let posted = phone
        .post(app.url(&format!("/workshops/{id}/me/notes")))
        .form(&note("Vapaaehtoisia bussin tapahtumiin", linkku_key.clone(), me_csrf.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 303);
    read_until(&mut stream, &mut seen, "Vapaaehtoisia bussin tapahtumiin").await;
    assert!(seen.contains("event: note\nid: 1\n") || seen.contains("id: 1\nevent: note"), "{seen}");
    let (_, wall) = page(&staff, &app, &format!("/workshops/{id}/wall")).await;
    assert!(wall.contains("Vapaaehtoisia bussin tapahtumiin") && wall.contains("→ LINKKU-hanke"));
    let (_, me) = page(&phone, &app, &format!("/workshops/{id}/me")).await;
    assert!(me.contains("Vapaaehtoisia bussin tapahtumiin"), "the participant sees their own notes");
    let missing_about = phone
        .post(app.url(&format!("/workshops/{id}/me/notes")))
        .form(&note("Tietoa", String::new(), me_csrf.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(missing_about.status(), 422);
    let body = missing_about.text().await.unwrap();
    assert!(body.contains("Valitse, ketä vastaus koskee.") && body.contains(">Tietoa</textarea>"));

    // A connection dropped after note 1 resumes with what it missed, from the database.
    drop(stream);
    for text in ["Kokoustiloja kylillä", "Kokoustiloja kylillä!"] {
        let response = phone
            .post(app.url(&format!("/workshops/{id}/me/notes")))
            .form(&note(text, linkku_key.clone(), me_csrf.clone()))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
    }
    let mut resumed = staff
        .get(app.url(&format!("/workshops/{id}/events")))
        .header("Last-Event-ID", "1")
        .send()
        .await
        .unwrap();
    let mut replayed = String::new();
    read_until(&mut resumed, &mut replayed, "Kokoustiloja kylillä!").await;
    assert!(replayed.contains("Kokoustiloja kylillä\""), "note 2 replayed");
    assert!(!replayed.contains("Vapaaehtoisia"), "what the client had is not sent again");
    let mut since = staff.get(app.url(&format!("/workshops/{id}/events?since=2"))).send().await.unwrap();
    let mut from_two = String::new();
    read_until(&mut since, &mut from_two, "id: 3").await;
    assert!(!from_two.contains("id: 2\n"));

    // The facilitator merges the duplicate, hides one and moves one; the stream follows.
    let notes: Value = staff
        .get(app.url(&format!("/api/v1/workshops/{id}/notes")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id_of = |text: &str| {
        notes["items"].as_array().unwrap().iter().find(|n| n["text"] == text).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (first, second, third) = (
        id_of("Vapaaehtoisia bussin tapahtumiin"),
        id_of("Kokoustiloja kylillä"),
        id_of("Kokoustiloja kylillä!"),
    );
    let merged = post_form(
        &staff,
        &app,
        &format!("/workshops/{id}/notes/merge"),
        &[("target", &second), ("source", &third)],
    )
    .await;
    assert_eq!(merged.status(), 303);
    read_until(&mut resumed, &mut replayed, "\"merged_into\":\"").await;
    let hidden =
        post_form(&staff, &app, &format!("/workshops/{id}/notes/{first}"), &[("action", "hide")]).await;
    assert_eq!(hidden.status(), 303);
    let opiskelijat = actors[2]["id"].as_str().unwrap();
    let moved = post_form(
        &staff,
        &app,
        &format!("/workshops/{id}/notes/{second}"),
        &[("action", "move"), ("question", "2a"), ("about", opiskelijat)],
    )
    .await;
    assert_eq!(moved.status(), 303);
    let (_, wall) = page(&staff, &app, &format!("/workshops/{id}/wall?q=1a")).await;
    assert!(
        !wall.contains("Vapaaehtoisia") && !wall.contains("Kokoustiloja"),
        "hidden, merged and moved away"
    );
    let (_, wall) = page(&staff, &app, &format!("/workshops/{id}/wall?q=2a&read=1")).await;
    assert!(wall.contains("Kokoustiloja kylillä") && wall.contains("→ Opiskelijat"));
    assert!(wall.contains("class=\"read-text\""), "read aloud one by one");
    let edited = post_form(
        &staff,
        &app,
        &format!("/workshops/{id}/notes/{second}"),
        &[("action", "edit"), ("text", "Kokoustiloja kylillä maksutta"), ("tangibility", "tangible")],
    )
    .await;
    assert_eq!(edited.status(), 303);
    let linkku_actor = actors[1]["id"].as_str().unwrap();
    let added = post_form(
        &staff,
        &app,
        &format!("/workshops/{id}/notes"),
        &[("question", "3a"), ("author", linkku_actor), ("text", "Asiantuntemus kulkee bussin mukana")],
    )
    .await;
    assert_eq!(added.status(), 303, "the facilitator writes for an actor");
    let (_, wall) = page(&staff, &app, &format!("/workshops/{id}/wall?q=3a")).await;
    assert!(wall.contains("Asiantuntemus kulkee bussin mukana"));
    let (_, overview) = page(&staff, &app, &format!("/workshops/{id}/wall?q=all")).await;
    let at = |text: &str| overview.find(text).unwrap_or_else(|| panic!("{text} not on the wall"));
    assert!(
        at("data-question=\"1a\"") < at("data-question=\"2a\"")
            && at("data-question=\"2a\"") < at("Asiantuntemus")
    );
    assert!(
        at("Kokoustiloja kylillä maksutta") < at("data-question=\"3a\""),
        "grouped by question, then by actor"
    );
    let notes: Value = staff
        .get(app.url(&format!("/api/v1/workshops/{id}/notes")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let edited =
        notes["items"].as_array().unwrap().iter().find(|n| n["id"] == second.as_str()).unwrap().clone();
    assert_eq!(
        (edited["text"].as_str(), edited["tangibility"].as_str()),
        (Some("Kokoustiloja kylillä maksutta"), Some("tangible"))
    );
    assert_eq!(edited["question"], "2a", "an edit keeps where the note was moved");
    let (_, managed) = page(&staff, &app, &format!("/workshops/{id}/notes")).await;
    assert!(
        managed.contains("Vapaaehtoisia") && managed.contains("piilotettu") && managed.contains("yhdistetty")
    );
    let same_sheet = post_form(
        &staff,
        &app,
        &format!("/workshops/{id}/notes/merge"),
        &[("target", &first), ("source", &second)],
    )
    .await;
    assert_eq!(same_sheet.status(), 422, "notes of different sheets stay apart");

    // Access: another workshop, a member and an anonymous visitor see nothing.
    let other = plan(&staff, &app, "Toinen työpaja", &["Seurakunta", "Kirjasto"]).await;
    let (status, _) = page(&phone, &app, &format!("/workshops/{other}/me")).await;
    assert_eq!(status, 404);
    let stranger = app.client();
    let borrowed = stranger
        .get(app.url(&format!("/workshops/{other}/me")))
        .header("cookie", format!("kumppani_participant={participant_token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(borrowed.status(), 404, "the cookie of workshop X opens nothing in workshop Y");
    let events = stranger
        .get(app.url(&format!("/workshops/{other}/events")))
        .header("cookie", format!("kumppani_participant={participant_token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 404);
    let member = app.login("member@example.fi").await;
    for path in
        [format!("/workshops/{id}/me"), format!("/workshops/{id}/wall"), format!("/workshops/{id}/events")]
    {
        assert_eq!(page(&member, &app, &path).await.0, 404, "{path}");
        assert_eq!(page(&app.client(), &app, &path).await.0, 404, "{path}");
    }

    // After workshop I the participant's page is read-only.
    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", "analysis")]).await.status(),
        303
    );
    let (status, me) = page(&phone, &app, &format!("/workshops/{id}/me")).await;
    assert_eq!(status, 200);
    assert!(me.contains("Työpaja I on päättynyt") && !me.contains("id=\"note-form\""));
    let late = phone
        .post(app.url(&format!("/workshops/{id}/me/notes")))
        .form(&note("Myöhässä", linkku_key.clone(), me_csrf.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), 422);
    assert!(late.text().await.unwrap().contains("Tämä ei onnistu työpajan nykyisessä vaiheessa."));
});

both_databases!(the_timer_pauses_resumes_and_takes_more_time_on_the_test_clock, |app| {
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let id = plan(&staff, &app, "Ajastettu", &["Yhdistykset", "Kirjasto"]).await;
    for step in ["invitation", "workshop_1"] {
        assert_eq!(
            post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", step)]).await.status(),
            303
        );
    }
    let timer = |app: &TestApp, staff: &reqwest::Client| {
        let (app, staff) = (app.url(&format!("/api/v1/workshops/{id}")), staff.clone());
        async move {
            let state: Value = staff.get(app).send().await.unwrap().json().await.unwrap();
            (
                state["state"]["timer"]["status"].as_str().unwrap().to_owned(),
                state["state"]["timer"]["remaining_ms"].as_i64().unwrap(),
            )
        }
    };
    let act = |action: &'static str| [("action", action)];
    let refused = post_form(&staff, &app, &format!("/workshops/{id}/timer"), &act("pause")).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Ajastin ei ole käynnissä."));
    assert_eq!(post_form(&staff, &app, &format!("/workshops/{id}/timer"), &act("start")).await.status(), 303);
    app.clock.advance(time::Duration::minutes(4));
    assert_eq!(timer(&app, &staff).await, ("running".into(), 360_000));
    let (_, live) = page(&staff, &app, &format!("/workshops/{id}/live")).await;
    assert!(live.contains("6:00") && live.contains("data-ends-at=\""), "the countdown and its end time");
    let (_, wall) = page(&staff, &app, &format!("/workshops/{id}/wall")).await;
    assert!(
        wall.contains("id=\"timer-clock\" aria-live=\"off\">6:00<"),
        "the wall following the question shows its timer"
    );
    assert!(wall.contains("data-paused=\"tauolla\""), "with the words for each state, for the script");
    let (_, every_question) = page(&staff, &app, &format!("/workshops/{id}/wall?q=all")).await;
    assert!(
        !every_question.contains("id=\"timer\""),
        "the timer belongs to the question shown, not to them all"
    );
    assert_eq!(post_form(&staff, &app, &format!("/workshops/{id}/timer"), &act("pause")).await.status(), 303);
    app.clock.advance(time::Duration::minutes(30));
    assert_eq!(timer(&app, &staff).await, ("paused".into(), 360_000));
    assert_eq!(
        post_form(&staff, &app, &format!("/workshops/{id}/timer"), &act("resume")).await.status(),
        303
    );
    assert_eq!(post_form(&staff, &app, &format!("/workshops/{id}/timer"), &act("add")).await.status(), 303);
    app.clock.advance(time::Duration::minutes(1));
    assert_eq!(timer(&app, &staff).await, ("running".into(), 360_000));
    let shown = post_form(&staff, &app, &format!("/workshops/{id}/question"), &[("question", "next")]).await;
    assert_eq!(shown.status(), 303);
    let state: Value =
        staff.get(app.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(state["state"]["question"], "1b");
    assert_eq!(timer(&app, &staff).await, ("ready".into(), 600_000), "a new question gets a fresh timer");
    let list: Value = staff.get(app.url("/api/v1/workshops")).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["items"][0]["step"], "workshop_1");
});

/// Writes a strength note for the workshop's first actor through the services, announcing it on `hub`.
async fn strength(app: &TestApp, hub: &kumppani::services::live::Hub, workshop_id: uuid::Uuid, text: &str) {
    use kumppani::services::workshops::{NoteWriter, post_note};
    let record = app.store.workshop(workshop_id).await.unwrap().unwrap();
    let input = kumppani_domain::value_network::workshop::NoteInput {
        question: "3a".into(),
        author: record.workshop.plan.actors[0].id.to_string(),
        text: text.into(),
        ..Default::default()
    };
    let principal = app.staff_principal();
    post_note(&app.store, hub, workshop_id, NoteWriter::Facilitator(Some(&principal)), &input, app.change())
        .await
        .unwrap();
}

both_databases!(a_stream_never_drops_notes_when_events_are_missed_or_it_falls_behind, |app| {
    use std::sync::Arc;

    use kumppani::services::live::{Hub, LiveEvent};
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let id = plan(&staff, &app, "Kestävä virta", &["Yhdistykset", "Kirjasto"]).await;
    for step in ["invitation", "workshop_1"] {
        assert_eq!(
            post_form(&staff, &app, &format!("/workshops/{id}/step"), &[("step", step)]).await.status(),
            303
        );
    }
    let workshop_id = uuid::Uuid::parse_str(&id).unwrap();
    let mut stream = staff.get(app.url(&format!("/workshops/{id}/events"))).send().await.unwrap();
    let mut seen = String::new();
    read_until(&mut stream, &mut seen, "event: state").await;

    // Two writes whose events never reach the hub (as if the server stopped between commit and
    // publish), then one that does: the gap in the sequence makes the stream read the database.
    let elsewhere = Hub::default();
    strength(&app, &elsewhere, workshop_id, "Vahvuus 1").await;
    strength(&app, &elsewhere, workshop_id, "Vahvuus 2").await;
    strength(&app, &app.live, workshop_id, "Vahvuus 3").await;
    read_until(&mut stream, &mut seen, "Vahvuus 3").await;
    assert!(seen.contains("Vahvuus 1") && seen.contains("Vahvuus 2"), "{seen}");

    // A stream further behind than the broadcast keeps: published without a pause, more events
    // than the channel holds push note 5's out; the stream replays it from the database.
    strength(&app, &elsewhere, workshop_id, "Vahvuus 4").await;
    strength(&app, &app.live, workshop_id, "Vahvuus 5").await;
    let filler = Arc::new(serde_json::json!({ "step": "workshop_1", "filler": true }));
    for _ in 0..300 {
        app.live.publish(workshop_id, LiveEvent::State(filler.clone()));
    }
    read_until(&mut stream, &mut seen, "Vahvuus 5").await;
    assert!(seen.contains("Vahvuus 4"), "the note whose event was lost too");
    for n in 1..=5 {
        assert_eq!(seen.matches(&format!("Vahvuus {n}\"")).count(), 1, "note {n} exactly once");
    }
});

/// When the signed-in user's session was last marked used.
async fn session_last_seen(app: &TestApp) -> time::OffsetDateTime {
    use kumppani::store::{Db, Timestamp};
    let sql = "SELECT last_seen_at FROM sessions WHERE user_id IS NOT NULL";
    let seen: Timestamp = match &app.store.db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
    };
    seen.get()
}

both_databases!(a_projector_stream_keeps_its_session_alive_and_ends_at_sign_out, |app| {
    use kumppani::clock::Clock;
    app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let staff = app.login("staff@turku.fi").await;
    let id = plan(&staff, &app, "Pitkä työpaja", &["Yhdistykset", "Kirjasto"]).await;
    let mut stream = staff.get(app.url(&format!("/workshops/{id}/events"))).send().await.unwrap();
    let mut seen = String::new();
    read_until(&mut stream, &mut seen, "event: state").await;

    // Nobody clicks for 25 minutes, then 25 more: the open stream has kept the session in use.
    app.clock.advance(time::Duration::minutes(25));
    let touched_at = app.clock.now().get();
    tokio::time::timeout(Duration::from_secs(5), async {
        while session_last_seen(&app).await != touched_at {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the stream marks the session used");
    app.clock.advance(time::Duration::minutes(25));
    assert_eq!(page(&staff, &app, "/workshops").await.0, 200, "still signed in after 50 idle minutes");

    // Signing out ends the projector's stream too.
    let token = csrf_token(&staff, &app.url("/workshops")).await;
    assert_eq!(
        staff.post(app.url("/logout")).form(&[("csrf_token", token)]).send().await.unwrap().status(),
        303
    );
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        while stream.chunk().await.unwrap().is_some() {}
    })
    .await;
    assert!(ended.is_ok(), "the stream ends with its session");
});

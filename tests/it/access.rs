//! The access-control matrix: every route, for an anonymous visitor, a member of actor A, a
//! member of actor B, city staff and an administrator.

use std::collections::BTreeSet;

use kumppani_domain::role::Role;
use reqwest::Method;

use crate::both_databases;
use crate::support::*;

const ANON: usize = 0;
const MEMBER_A: usize = 1;
const MEMBER_B: usize = 2;
const STAFF: usize = 3;
const ADMIN: usize = 4;

/// Expected outcome: a status, where 303 means "sent to the login page" unless `ok_redirect`.
struct Case {
    method: Method,
    route: &'static str,
    path: String,
    api: bool,
    form: Vec<(&'static str, String)>,
    expect: [u16; 5],
}

fn case(method: Method, route: &'static str, path: String, expect: [u16; 5]) -> Case {
    Case { method, route, path, api: route.starts_with("/api/"), form: Vec::new(), expect }
}

both_databases!(every_route_checks_access_per_record, |app| {
    let mut private_a = actor_input("A-yhdistys");
    private_a.published = false;
    private_a.contacts =
        vec![kumppani_domain::actor::ContactInput { name: "Salainen Henkilö".into(), ..Default::default() }];
    let a = app.add_actor(&private_a).await;
    let mut private_b = actor_input("B-yhdistys");
    private_b.published = false;
    let b = app.add_actor(&private_b).await;
    let mut public_p = actor_input("Julkinen yhdistys");
    public_p.contacts = vec![kumppani_domain::actor::ContactInput {
        name: "Piilotettu Yhteyshenkilö".into(),
        ..Default::default()
    }];
    let p = app.add_actor(&public_p).await;

    // A non-public partnership of A and the public actor, and a published one of B whose
    // coordination is hidden from outsiders.
    let mut private_pa = partnership_input("Salainen kumppanuus", &[a.id, p.id]);
    private_pa.published = false;
    let pa = app.add_partnership(&private_pa).await;
    let mut public_pb = partnership_input("Julkinen kumppanuus", &[b.id, p.id]);
    public_pb.coordination = "Piilotettu koordinointi".into();
    public_pb.private_fields = Some(vec!["coordination".into()]);
    let pb = app.add_partnership(&public_pb).await;

    let mut terms = kumppani_domain::agreement::AgreementInput::from_partnership(&pa.details, "fi");
    terms.valid_from = "1.1.2026".into();
    terms.aim = "Salainen sopimusteksti".into();
    let staff_principal = app.staff_principal();
    let ga = kumppani::services::agreements::create(
        &app.store,
        Some(&staff_principal),
        pa.id,
        &terms,
        app.change(),
    )
    .await
    .unwrap();
    let file = kumppani::services::attachments::add(
        &app.store,
        app.data_dir(),
        pa.id,
        kumppani::services::attachments::Owner::Agreement(ga.id),
        "sopimus.pdf",
        b"%PDF-1.4 Salainen sopimusteksti",
        app.change(),
    )
    .await
    .unwrap();

    let doomed_file = kumppani::services::attachments::add(
        &app.store,
        app.data_dir(),
        pa.id,
        kumppani::services::attachments::Owner::Agreement(ga.id),
        "luonnos.pdf",
        b"%PDF-1.4 Luonnos",
        app.change(),
    )
    .await
    .unwrap();

    let commitment_input = kumppani_domain::commitment::CommitmentInput {
        actor_id: a.id.to_string(),
        title: "Salainen sitoumus".into(),
        ..Default::default()
    };
    let cm = kumppani::services::followup::add_commitment(
        &app.store,
        Some(&staff_principal),
        pa.id,
        &commitment_input,
        app.change(),
    )
    .await
    .unwrap();
    let deliverable_input = kumppani_domain::commitment::DeliverableInput {
        actor_id: a.id.to_string(),
        title: "Vuosiraportti".into(),
        due_on: "31.3.2027".into(),
    };
    let dv = kumppani::services::followup::add_deliverable(
        &app.store,
        Some(&staff_principal),
        pa.id,
        &deliverable_input,
        app.change(),
    )
    .await
    .unwrap();

    // A workshop in workshop I with one note the facilitator wrote.
    let hub = kumppani::services::live::Hub::default();
    let plan = kumppani_domain::value_network::workshop::PlanInput {
        title: "Matriisityöpaja".into(),
        actors: ["Yhdistykset", "Kirjasto"]
            .iter()
            .map(|name| kumppani_domain::value_network::workshop::PlanActorInput {
                name: (*name).into(),
                ..Default::default()
            })
            .collect(),
        clients_name: "Asukkaat".into(),
        ..Default::default()
    };
    let ws = kumppani::services::workshops::create(&app.store, Some(&staff_principal), &plan, app.change())
        .await
        .unwrap();
    let ws_id = ws.workshop.id;
    for step in ["invitation", "workshop_1"] {
        kumppani::services::workshops::go_to(
            &app.store,
            &hub,
            Some(&staff_principal),
            ws_id,
            step,
            app.change(),
        )
        .await
        .unwrap();
    }
    let note_input = kumppani_domain::value_network::workshop::NoteInput {
        question: "3a".into(),
        author: ws.workshop.plan.actors[0].id.to_string(),
        text: "Verkostot".into(),
        ..Default::default()
    };
    let ws_note = kumppani::services::workshops::post_note(
        &app.store,
        &hub,
        ws_id,
        kumppani::services::workshops::NoteWriter::Facilitator(Some(&staff_principal)),
        &note_input,
        app.change(),
    )
    .await
    .unwrap();
    let ws_code = ws.workshop.join_code.as_str().to_owned();
    // Its background files: one to read, one to remove on the page and one through the API.
    let mut ws_files = Vec::new();
    for description in ["Salainen asukaskysely", "Poistettava tilasto", "Poistettava rajapinnassa"] {
        let upload = kumppani::services::workshop_attachments::Upload {
            description,
            filename: "tausta.pdf",
            bytes: b"%PDF-1.4 Salainen asukaskysely",
        };
        let file = kumppani::services::workshop_attachments::add(
            &app.store,
            app.data_dir(),
            Some(&staff_principal),
            ws_id,
            upload,
            app.change(),
        )
        .await
        .unwrap();
        ws_files.push(file.id);
    }
    let (ws_file, ws_doomed_file, ws_api_doomed_file) = (ws_files[0], ws_files[1], ws_files[2]);

    // A second workshop in the analysis with a challenge and two actions, one to delete.
    let wa = kumppani::services::workshops::create(&app.store, Some(&staff_principal), &plan, app.change())
        .await
        .unwrap();
    let wa_id = wa.workshop.id;
    for step in ["invitation", "workshop_1", "analysis"] {
        kumppani::services::workshops::go_to(
            &app.store,
            &hub,
            Some(&staff_principal),
            wa_id,
            step,
            app.change(),
        )
        .await
        .unwrap();
    }
    let wa_challenge = kumppani::services::workshop_analysis::save_challenge(
        &app.store,
        Some(&staff_principal),
        wa_id,
        None,
        kumppani::services::workshop_analysis::ChallengeEdit::Details(
            kumppani_domain::value_network::analysis::ChallengeInput {
                name: "Saatavuus".into(),
                ..Default::default()
            },
        ),
        app.change(),
    )
    .await
    .unwrap()
    .id;
    let action_input = kumppani_domain::value_network::actions::ActionInput {
        challenge_id: wa_challenge.to_string(),
        title: "Palvelubussi".into(),
        owner: wa.workshop.plan.actors[0].id.to_string(),
        ..Default::default()
    };
    let mut wa_actions = Vec::new();
    for _ in 0..2 {
        let action = kumppani::services::workshop_analysis::save_action(
            &app.store,
            Some(&staff_principal),
            wa_id,
            None,
            &action_input,
            app.change(),
        )
        .await
        .unwrap();
        wa_actions.push(action.id);
    }
    let (wa_action, wa_doomed) = (wa_actions[0], wa_actions[1]);

    let member_a = app.add_user("a@example.fi", Role::Member, vec![a.id]).await;
    let member_b = app.add_user("b@example.fi", Role::Member, vec![b.id]).await;
    let staff = app.add_user("staff@turku.fi", Role::Staff, vec![]).await;
    let admin = app.add_user("admin@turku.fi", Role::Admin, vec![]).await;
    let mut tokens = vec![String::new()];
    for user in [member_a, member_b, staff, admin] {
        tokens.push(
            kumppani::services::accounts::create_token(&app.store, user, "matrix", app.change())
                .await
                .unwrap(),
        );
    }
    let clients = [
        app.client(),
        app.login("a@example.fi").await,
        app.login("b@example.fi").await,
        app.login("staff@turku.fi").await,
        app.login("admin@turku.fi").await,
    ];

    // The public list and API must not reveal unpublished actors to others.
    for (who, client) in clients.iter().enumerate() {
        let list = client.get(app.url("/actors")).send().await.unwrap().text().await.unwrap();
        assert_eq!(list.contains("A-yhdistys"), who != ANON && who != MEMBER_B, "list as #{who}");
        assert_eq!(
            list.contains("B-yhdistys"),
            who == MEMBER_B || who == STAFF || who == ADMIN,
            "list as #{who}"
        );
    }
    let id = |x: &kumppani_domain::actor::Actor| x.id.to_string();
    let actor_form = |version: i64| {
        vec![
            ("version", version.to_string()),
            ("name_fi", "Muokattu nimi".to_owned()),
            ("sector", "association".to_owned()),
        ]
    };
    let mut cases = vec![
        case(Method::GET, "/", "/".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/accessibility", "/accessibility".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/actors", "/actors".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/actors/new", "/actors/new".into(), [303, 404, 404, 200, 200]),
        case(Method::GET, "/actors/{id}", format!("/actors/{}", id(&a)), [404, 200, 404, 200, 200]),
        case(Method::GET, "/actors/{id}", format!("/actors/{}", id(&p)), [200, 200, 200, 200, 200]),
        case(Method::GET, "/actors/{id}/edit", format!("/actors/{}/edit", id(&a)), [404, 200, 404, 200, 200]),
        case(Method::GET, "/actors/{id}/edit", format!("/actors/{}/edit", id(&p)), [303, 403, 403, 200, 200]),
        case(Method::GET, "/actors/import", "/actors/import".into(), [303, 404, 404, 200, 200]),
        case(Method::GET, "/actors/export.csv", "/actors/export.csv".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/actors/export.json", "/actors/export.json".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/actors/export.xlsx", "/actors/export.xlsx".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/login", "/login".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/setup/{token}", "/setup/not-the-token".into(), [404, 404, 404, 404, 404]),
        case(Method::GET, "/account/tokens", "/account/tokens".into(), [303, 200, 200, 200, 200]),
        case(Method::GET, "/admin/audit", "/admin/audit".into(), [303, 404, 404, 404, 200]),
        case(Method::GET, "/admin/users", "/admin/users".into(), [303, 404, 404, 404, 200]),
        case(Method::GET, "/api/v1/openapi.json", "/api/v1/openapi.json".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/api/v1/actors", "/api/v1/actors".into(), [200, 200, 200, 200, 200]),
        case(
            Method::GET,
            "/api/v1/actors/{id}",
            format!("/api/v1/actors/{}", id(&a)),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/actors/{id}",
            format!("/api/v1/actors/{}", id(&b)),
            [404, 404, 200, 200, 200],
        ),
        case(Method::GET, "/partnerships", "/partnerships".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/partnerships/new", "/partnerships/new".into(), [303, 404, 404, 200, 200]),
        case(
            Method::GET,
            "/partnerships/{id}",
            format!("/partnerships/{}", pa.id),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/partnerships/{id}",
            format!("/partnerships/{}", pb.id),
            [200, 200, 200, 200, 200],
        ),
        case(
            Method::GET,
            "/partnerships/{id}/edit",
            format!("/partnerships/{}/edit", pa.id),
            [404, 403, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/partnerships/{id}/edit",
            format!("/partnerships/{}/edit", pb.id),
            [303, 403, 403, 200, 200],
        ),
        case(Method::GET, "/api/v1/partnerships", "/api/v1/partnerships".into(), [200, 200, 200, 200, 200]),
        case(
            Method::GET,
            "/api/v1/partnerships/{id}",
            format!("/api/v1/partnerships/{}", pa.id),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/partnerships/{id}",
            format!("/api/v1/partnerships/{}", pb.id),
            [200, 200, 200, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/partnerships/{id}/timeline",
            format!("/api/v1/partnerships/{}/timeline", pa.id),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/partnerships/{id}/timeline",
            format!("/api/v1/partnerships/{}/timeline", pb.id),
            [404, 404, 200, 200, 200],
        ),
        case(
            Method::GET,
            "/partnerships/{id}/agreements/new",
            format!("/partnerships/{}/agreements/new", pa.id),
            [404, 403, 404, 200, 200],
        ),
        case(Method::GET, "/agreements/{id}", format!("/agreements/{}", ga.id), [404, 200, 404, 200, 200]),
        case(
            Method::GET,
            "/attachments/{id}",
            format!("/attachments/{}", file.id),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/partnerships/{id}/agreements",
            format!("/api/v1/partnerships/{}/agreements", pa.id),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/agreements/{id}",
            format!("/api/v1/agreements/{}", ga.id),
            [404, 200, 404, 200, 200],
        ),
        case(Method::GET, "/deliverables/{id}", format!("/deliverables/{dv}"), [404, 200, 404, 200, 200]),
        case(
            Method::GET,
            "/api/v1/partnerships/{id}/commitments",
            format!("/api/v1/partnerships/{}/commitments", pa.id),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/partnerships/{id}/deliverables",
            format!("/api/v1/partnerships/{}/deliverables", pa.id),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/deliverables/{id}",
            format!("/api/v1/deliverables/{dv}"),
            [404, 200, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/partnerships/{id}/grants",
            format!("/api/v1/partnerships/{}/grants", pa.id),
            [404, 200, 404, 200, 200],
        ),
        case(Method::GET, "/attention", "/attention".into(), [303, 200, 200, 200, 200]),
        case(Method::GET, "/api/v1/attention", "/api/v1/attention".into(), [401, 200, 200, 200, 200]),
        case(Method::GET, "/account/calendar", "/account/calendar".into(), [303, 200, 200, 200, 200]),
        case(
            Method::GET,
            "/calendar/{file}",
            "/calendar/not-a-real-address.ics".into(),
            [404, 404, 404, 404, 404],
        ),
        case(Method::GET, "/workshops", "/workshops".into(), [303, 404, 404, 200, 200]),
        case(Method::GET, "/workshops/new", "/workshops/new".into(), [303, 404, 404, 200, 200]),
        case(Method::GET, "/workshops/{id}", format!("/workshops/{ws_id}"), [404, 404, 404, 200, 200]),
        case(
            Method::GET,
            "/workshops/{id}/plan",
            format!("/workshops/{ws_id}/plan"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/attachments/{attachment_id}",
            format!("/workshops/{ws_id}/attachments/{ws_file}"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/workshops/{id}/attachments",
            format!("/api/v1/workshops/{ws_id}/attachments"),
            [401, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/workshops/{id}/attachments/{attachment_id}",
            format!("/api/v1/workshops/{ws_id}/attachments/{ws_file}"),
            [401, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/invitation",
            format!("/workshops/{ws_id}/invitation"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/live",
            format!("/workshops/{ws_id}/live"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/wall",
            format!("/workshops/{ws_id}/wall"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/notes",
            format!("/workshops/{ws_id}/notes"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/events",
            format!("/workshops/{ws_id}/events"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/analysis",
            format!("/workshops/{wa_id}/analysis"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/challenges/{challenge_id}",
            format!("/workshops/{wa_id}/challenges/{wa_challenge}"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/matrix",
            format!("/workshops/{wa_id}/matrix"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/actions",
            format!("/workshops/{wa_id}/actions"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/actions/{action_id}",
            format!("/workshops/{wa_id}/actions/{wa_action}"),
            [404, 404, 404, 200, 200],
        ),
        // Staff and the workshop's participants (by cookie, tested in workshop_analysis.rs).
        case(
            Method::GET,
            "/workshops/{id}/memo",
            format!("/workshops/{wa_id}/memo"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/memo/download",
            format!("/workshops/{wa_id}/memo/download"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/workshops/{id}/challenges",
            format!("/api/v1/workshops/{wa_id}/challenges"),
            [401, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/workshops/{id}/matrix",
            format!("/api/v1/workshops/{wa_id}/matrix"),
            [401, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/workshops/{id}/actions",
            format!("/api/v1/workshops/{wa_id}/actions"),
            [401, 404, 404, 200, 200],
        ),
        // Only participants, by their workshop's cookie, reach the phone page.
        case(Method::GET, "/workshops/{id}/me", format!("/workshops/{ws_id}/me"), [404, 404, 404, 404, 404]),
        case(Method::GET, "/join", "/join".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/join/{code}", format!("/join/{ws_code}"), [200, 200, 200, 200, 200]),
        case(Method::GET, "/api/v1/workshops", "/api/v1/workshops".into(), [401, 404, 404, 200, 200]),
        case(
            Method::GET,
            "/api/v1/workshops/{id}",
            format!("/api/v1/workshops/{ws_id}"),
            [401, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/workshops/{id}/notes",
            format!("/api/v1/workshops/{ws_id}/notes"),
            [401, 404, 404, 200, 200],
        ),
        case(Method::GET, "/static/workshop.js", "/static/workshop.js".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/static/map.js", "/static/map.js".into(), [200, 200, 200, 200, 200]),
        case(
            Method::GET,
            "/workshops/{id}/map",
            format!("/workshops/{ws_id}/map"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/map/future",
            format!("/workshops/{ws_id}/map/future"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/map/compare",
            format!("/workshops/{ws_id}/map/compare"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/map/future.svg",
            format!("/workshops/{ws_id}/map/future.svg"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/map/future.png",
            format!("/workshops/{ws_id}/map/future.png"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/map/future.pdf",
            format!("/workshops/{ws_id}/map/future.pdf"),
            [404, 404, 404, 200, 200],
        ),
        // The workshop is no renewal, so there is no previous run to compare with.
        case(
            Method::GET,
            "/workshops/{id}/map/changes",
            format!("/workshops/{ws_id}/map/changes"),
            [404, 404, 404, 404, 404],
        ),
        case(
            Method::GET,
            "/workshops/{id}/map.svg",
            format!("/workshops/{ws_id}/map.svg"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/map.png",
            format!("/workshops/{ws_id}/map.png"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/workshops/{id}/map.pdf",
            format!("/workshops/{ws_id}/map.pdf"),
            [404, 404, 404, 200, 200],
        ),
        case(
            Method::GET,
            "/api/v1/workshops/{id}/map",
            format!("/api/v1/workshops/{ws_id}/map"),
            [401, 404, 404, 200, 200],
        ),
        case(Method::GET, "/static/app.css", "/static/app.css".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/static/app.js", "/static/app.js".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/healthz", "/healthz".into(), [200, 200, 200, 200, 200]),
        case(Method::GET, "/readyz", "/readyz".into(), [200, 200, 200, 200, 200]),
    ];
    // Writes that fail validation on purpose (422) prove the request got past access control
    // without changing anything; denied ones must not reach validation.
    let mut write = |method: Method,
                     route: &'static str,
                     path: String,
                     form: Vec<(&'static str, String)>,
                     expect: [u16; 5]| {
        cases.push(Case { method, route, api: route.starts_with("/api/"), path, form, expect });
    };
    write(
        Method::POST,
        "/actors",
        "/actors".into(),
        vec![("name_fi", String::new())],
        [303, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/actors/{id}",
        format!("/actors/{}", id(&a)),
        vec![("version", "1".into()), ("name_fi", String::new())],
        [303, 422, 404, 422, 422],
    );
    write(
        Method::POST,
        "/actors/{id}",
        format!("/actors/{}", id(&p)),
        actor_form(1),
        [303, 403, 403, 303, 409],
    );
    write(
        Method::POST,
        "/actors/{id}/archive",
        format!("/actors/{}/archive", id(&b)),
        vec![],
        [404, 404, 403, 303, 403],
    );
    // A post without a file, and a confirmation of an upload that does not exist.
    write(Method::POST, "/actors/import", "/actors/import".into(), vec![], [303, 404, 404, 422, 422]);
    write(
        Method::POST,
        "/actors/import/confirm",
        "/actors/import/confirm".into(),
        vec![("upload", "no-such-upload".into()), ("action", "import".into())],
        [303, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/login",
        "/login".into(),
        vec![("email", "x@example.fi".into()), ("password", "väärä salasana 1".into())],
        [422, 422, 422, 422, 422],
    );
    write(Method::POST, "/setup/{token}", "/setup/not-the-token".into(), vec![], [404, 404, 404, 404, 404]);
    write(
        Method::POST,
        "/language",
        "/language".into(),
        vec![("lang", "fi".into()), ("next", "/".into())],
        [303, 303, 303, 303, 303],
    );
    write(
        Method::POST,
        "/account/tokens",
        "/account/tokens".into(),
        vec![("name", String::new())],
        [303, 200, 200, 200, 200],
    );
    write(
        Method::POST,
        "/account/tokens/{id}/revoke",
        format!("/account/tokens/{}/revoke", uuid::Uuid::nil()),
        vec![],
        [303, 404, 404, 404, 404],
    );
    write(
        Method::POST,
        "/admin/users",
        "/admin/users".into(),
        vec![("email", String::new())],
        [303, 404, 404, 404, 422],
    );
    write(Method::POST, "/api/v1/actors", "/api/v1/actors".into(), vec![], [401, 404, 404, 422, 422]);
    write(
        Method::PUT,
        "/api/v1/actors/{id}",
        format!("/api/v1/actors/{}", id(&a)),
        vec![("version", "1".into())],
        [401, 422, 404, 422, 422],
    );
    write(
        Method::POST,
        "/api/v1/actors/{id}/archive",
        format!("/api/v1/actors/{}/archive", id(&a)),
        vec![],
        [401, 403, 404, 200, 403],
    );

    write(
        Method::POST,
        "/partnerships",
        "/partnerships".into(),
        vec![("name", String::new())],
        [303, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/partnerships/{id}",
        format!("/partnerships/{}", pa.id),
        vec![("version", "1".into()), ("name", String::new())],
        [303, 403, 404, 422, 422],
    );
    // Evaluating is refused from exploration: the model's refusal proves access was granted.
    write(
        Method::POST,
        "/partnerships/{id}/transition",
        format!("/partnerships/{}/transition", pa.id),
        vec![("event", "evaluate".into())],
        [303, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/partnerships/{id}/staircase",
        format!("/partnerships/{}/staircase", pa.id),
        vec![("level", "9".into())],
        [303, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/partnerships/{id}/checklist",
        format!("/partnerships/{}/checklist", pa.id),
        vec![("code", "no-such-item".into())],
        [303, 422, 404, 422, 422],
    );
    write(
        Method::POST,
        "/partnerships/{id}/archive",
        format!("/partnerships/{}/archive", pb.id),
        vec![],
        [303, 403, 403, 303, 403],
    );
    write(
        Method::POST,
        "/api/v1/partnerships",
        "/api/v1/partnerships".into(),
        vec![],
        [401, 404, 404, 422, 422],
    );
    write(
        Method::PUT,
        "/api/v1/partnerships/{id}",
        format!("/api/v1/partnerships/{}", pa.id),
        vec![("version", "1".into())],
        [401, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/api/v1/partnerships/{id}/transitions",
        format!("/api/v1/partnerships/{}/transitions", pa.id),
        vec![("event", "evaluate".into())],
        [401, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/api/v1/partnerships/{id}/staircase",
        format!("/api/v1/partnerships/{}/staircase", pa.id),
        vec![("level", "ylin".into())],
        [401, 403, 404, 422, 422],
    );

    write(
        Method::POST,
        "/partnerships/{id}/agreements",
        format!("/partnerships/{}/agreements", pa.id),
        vec![("title", String::new())],
        [303, 403, 404, 422, 422],
    );
    // Nobody here speaks for the public actor, so nobody may accept on its behalf.
    write(
        Method::POST,
        "/agreements/{id}/accept",
        format!("/agreements/{}/accept", ga.id),
        vec![("actor_id", p.id.to_string())],
        [303, 403, 404, 403, 403],
    );
    write(
        Method::POST,
        "/agreements/{id}/paper",
        format!("/agreements/{}/paper", ga.id),
        vec![("actor_id", String::new())],
        [303, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/agreements/{id}/funder-decision",
        format!("/agreements/{}/funder-decision", ga.id),
        vec![],
        [303, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/agreements/{id}/attachments",
        format!("/agreements/{}/attachments", ga.id),
        vec![],
        [303, 422, 404, 422, 422],
    );
    // A's member removes a file from the version nobody has accepted yet; then it is gone.
    write(
        Method::POST,
        "/attachments/{id}/delete",
        format!("/attachments/{}/delete", doomed_file.id),
        vec![],
        [404, 303, 404, 404, 404],
    );
    write(
        Method::POST,
        "/api/v1/partnerships/{id}/agreements",
        format!("/api/v1/partnerships/{}/agreements", pa.id),
        vec![],
        [401, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/api/v1/agreements/{id}/acceptances",
        format!("/api/v1/agreements/{}/acceptances", ga.id),
        vec![("actor_id", p.id.to_string())],
        [401, 403, 404, 403, 403],
    );
    write(
        Method::POST,
        "/api/v1/agreements/{id}/funder-decision",
        format!("/api/v1/agreements/{}/funder-decision", ga.id),
        vec![],
        [401, 403, 404, 422, 422],
    );

    write(
        Method::POST,
        "/partnerships/{id}/commitments",
        format!("/partnerships/{}/commitments", pa.id),
        vec![("title", String::new())],
        [303, 422, 404, 422, 422],
    );
    write(
        Method::POST,
        "/commitments/{id}",
        format!("/commitments/{}", cm.id),
        vec![("version", "1".into()), ("title", String::new())],
        [303, 422, 404, 422, 422],
    );
    write(
        Method::POST,
        "/partnerships/{id}/deliverables",
        format!("/partnerships/{}/deliverables", pa.id),
        vec![("title", String::new())],
        [303, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/partnerships/{id}/grants",
        format!("/partnerships/{}/grants", pa.id),
        vec![("year", String::new())],
        [303, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/partnerships/{id}/cycle",
        format!("/partnerships/{}/cycle", pa.id),
        vec![("year", "2027".into())],
        [303, 403, 404, 422, 422],
    );
    // Only the delivering party submits; only staff review.
    write(
        Method::POST,
        "/deliverables/{id}/submit",
        format!("/deliverables/{dv}/submit"),
        vec![("text", String::new())],
        [303, 422, 404, 403, 403],
    );
    write(
        Method::POST,
        "/deliverables/{id}/review",
        format!("/deliverables/{dv}/review"),
        vec![("decision", String::new())],
        [303, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/deliverables/{id}/attachments",
        format!("/deliverables/{dv}/attachments"),
        vec![],
        [303, 422, 404, 422, 422],
    );
    write(
        Method::POST,
        "/api/v1/partnerships/{id}/commitments",
        format!("/api/v1/partnerships/{}/commitments", pa.id),
        vec![],
        [401, 422, 404, 422, 422],
    );
    write(
        Method::PUT,
        "/api/v1/commitments/{id}",
        format!("/api/v1/commitments/{}", cm.id),
        vec![("version", "1".into())],
        [401, 422, 404, 422, 422],
    );
    write(
        Method::POST,
        "/api/v1/partnerships/{id}/deliverables",
        format!("/api/v1/partnerships/{}/deliverables", pa.id),
        vec![],
        [401, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/api/v1/deliverables/{id}/submission",
        format!("/api/v1/deliverables/{dv}/submission"),
        vec![],
        [401, 422, 404, 403, 403],
    );
    write(
        Method::POST,
        "/api/v1/deliverables/{id}/review",
        format!("/api/v1/deliverables/{dv}/review"),
        vec![],
        [401, 403, 404, 422, 422],
    );
    write(
        Method::POST,
        "/api/v1/partnerships/{id}/grants",
        format!("/api/v1/partnerships/{}/grants", pa.id),
        vec![],
        [401, 403, 404, 422, 422],
    );

    write(Method::POST, "/account/calendar", "/account/calendar".into(), vec![], [303, 200, 200, 200, 200]);
    write(
        Method::POST,
        "/account/calendar/revoke",
        "/account/calendar/revoke".into(),
        vec![],
        [303, 303, 303, 303, 303],
    );

    write(
        Method::POST,
        "/workshops",
        "/workshops".into(),
        vec![("title", String::new())],
        [303, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/plan",
        format!("/workshops/{ws_id}/plan"),
        vec![("version", "3".into()), ("title", String::new())],
        [404, 404, 404, 422, 422],
    );
    // A post without a file changes nothing.
    write(
        Method::POST,
        "/workshops/{id}/attachments",
        format!("/workshops/{ws_id}/attachments"),
        vec![("description", String::new())],
        [404, 404, 404, 422, 422],
    );
    // Staff removes it; the administrator then finds it gone.
    write(
        Method::POST,
        "/workshops/{id}/attachments/{attachment_id}/delete",
        format!("/workshops/{ws_id}/attachments/{ws_doomed_file}/delete"),
        vec![],
        [404, 404, 404, 303, 404],
    );
    write(
        Method::POST,
        "/api/v1/workshops/{id}/attachments",
        format!("/api/v1/workshops/{ws_id}/attachments"),
        vec![],
        [401, 404, 404, 422, 422],
    );
    write(
        Method::DELETE,
        "/api/v1/workshops/{id}/attachments/{attachment_id}",
        format!("/api/v1/workshops/{ws_id}/attachments/{ws_api_doomed_file}"),
        vec![],
        [401, 404, 404, 204, 404],
    );
    write(
        Method::POST,
        "/workshops/{id}/step",
        format!("/workshops/{ws_id}/step"),
        vec![("step", "planning".into())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/question",
        format!("/workshops/{ws_id}/question"),
        vec![("question", "9z".into())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/timer",
        format!("/workshops/{ws_id}/timer"),
        vec![("action", "pause".into())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/joining",
        format!("/workshops/{ws_id}/joining"),
        vec![("open", "1".into())],
        [404, 404, 404, 303, 303],
    );
    write(
        Method::POST,
        "/workshops/{id}/notes",
        format!("/workshops/{ws_id}/notes"),
        vec![("question", "3a".into()), ("text", String::new())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/map/retag",
        format!("/workshops/{ws_id}/map/retag"),
        vec![("from", "clients".into()), ("to", "clients".into()), ("tangibility", "heavy".into())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/map/positions",
        format!("/workshops/{ws_id}/map/positions"),
        vec![("map", "current".into()), ("node", "nobody".into()), ("x", "1".into()), ("y", "1".into())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/notes/merge",
        format!("/workshops/{ws_id}/notes/merge"),
        vec![("target", ws_note.note.id.to_string()), ("source", ws_note.note.id.to_string())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/notes/{note_id}",
        format!("/workshops/{ws_id}/notes/{}", ws_note.note.id),
        vec![("action", "edit".into()), ("text", String::new())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/challenges",
        format!("/workshops/{wa_id}/challenges"),
        vec![("name", String::new())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/challenges/{challenge_id}",
        format!("/workshops/{wa_id}/challenges/{wa_challenge}"),
        vec![("name", String::new())],
        [404, 404, 404, 422, 422],
    );
    // Refused while the challenge has actions.
    write(
        Method::POST,
        "/workshops/{id}/challenges/{challenge_id}/delete",
        format!("/workshops/{wa_id}/challenges/{wa_challenge}/delete"),
        vec![],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/challenges/{challenge_id}/roles",
        format!("/workshops/{wa_id}/challenges/{wa_challenge}/roles"),
        vec![("role-clients", "boss".into())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/actions",
        format!("/workshops/{wa_id}/actions"),
        vec![("title", String::new())],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/actions/{action_id}",
        format!("/workshops/{wa_id}/actions/{wa_action}"),
        vec![("title", String::new())],
        [404, 404, 404, 422, 422],
    );
    // Staff deletes it; the administrator then finds it gone.
    write(
        Method::POST,
        "/workshops/{id}/actions/{action_id}/delete",
        format!("/workshops/{wa_id}/actions/{wa_doomed}/delete"),
        vec![],
        [404, 404, 404, 303, 404],
    );
    write(
        Method::POST,
        "/workshops/{id}/governance",
        format!("/workshops/{wa_id}/governance"),
        vec![("model", "king".into())],
        [404, 404, 404, 422, 422],
    );
    // Its actors are not on the register.
    write(
        Method::POST,
        "/workshops/{id}/partnership",
        format!("/workshops/{wa_id}/partnership"),
        vec![],
        [404, 404, 404, 422, 422],
    );
    write(
        Method::POST,
        "/workshops/{id}/rerun",
        format!("/workshops/{wa_id}/rerun"),
        vec![],
        [404, 404, 404, 303, 303],
    );
    write(
        Method::POST,
        "/workshops/{id}/me/notes",
        format!("/workshops/{ws_id}/me/notes"),
        vec![("text", "Ilman evästettä".into())],
        [404, 404, 404, 404, 404],
    );
    write(Method::POST, "/join", "/join".into(), vec![("code", String::new())], [422, 422, 422, 422, 422]);
    write(
        Method::POST,
        "/join/{code}",
        format!("/join/{ws_code}"),
        vec![("name", String::new())],
        [422, 422, 422, 422, 422],
    );

    // Last, as it ends each session.
    write(Method::POST, "/logout", "/logout".into(), vec![], [303, 303, 303, 303, 303]);

    let mut failures = Vec::new();
    for case in &cases {
        for (who, client) in clients.iter().enumerate() {
            let url = app.url(&case.path);
            let response = if case.api {
                let mut request = app.client().request(case.method.clone(), url);
                if who != ANON {
                    request = request.bearer_auth(&tokens[who]);
                }
                if case.method != Method::GET {
                    let body: serde_json::Map<String, serde_json::Value> = case
                        .form
                        .iter()
                        .map(|(k, v)| {
                            (
                                k.to_string(),
                                v.parse::<i64>()
                                    .map(serde_json::Value::from)
                                    .unwrap_or_else(|_| v.clone().into()),
                            )
                        })
                        .collect();
                    request = request.json(&body);
                }
                request.send().await.unwrap()
            } else if case.method == Method::GET {
                client.get(url).send().await.unwrap()
            } else {
                let token = csrf_token(client, &app.url("/")).await;
                let mut form = vec![("csrf_token", token)];
                form.extend(case.form.iter().cloned());
                client.request(case.method.clone(), url).form(&form).send().await.unwrap()
            };
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned())
                .unwrap_or_default();
            // A live stream never ends by itself: its status is what the matrix checks.
            let streaming = response
                .headers()
                .get("content-type")
                .is_some_and(|t| t.to_str().unwrap_or("").starts_with("text/event-stream"));
            let body = if streaming { String::new() } else { response.text().await.unwrap_or_default() };
            if status != case.expect[who] {
                failures.push(format!(
                    "{} {} as #{who}: expected {}, got {status} {location}",
                    case.method, case.path, case.expect[who]
                ));
            }
            if who == ANON
                && status == 303
                && !case.path.starts_with("/language")
                && !location.starts_with("/login")
            {
                failures.push(format!(
                    "{} {} as anonymous redirected to {location}, not to login",
                    case.method, case.path
                ));
            }
            let secrets = [
                "Salainen Henkilö",
                "Piilotettu Yhteyshenkilö",
                "Salainen kumppanuus",
                "Piilotettu koordinointi",
                "Salainen asukaskysely",
            ];
            for secret in secrets {
                let allowed = match secret {
                    "Salainen Henkilö" | "Salainen kumppanuus" => {
                        who == MEMBER_A || who == STAFF || who == ADMIN
                    }
                    "Piilotettu koordinointi" => who == MEMBER_B || who == STAFF || who == ADMIN,
                    _ => who == STAFF || who == ADMIN,
                };
                if body.contains(secret) && !allowed {
                    failures.push(format!("{} {} as #{who} leaked {secret}", case.method, case.path));
                }
            }
        }
    }
    assert!(failures.is_empty(), "access matrix failures:\n{}", failures.join("\n"));

    // Every route the router knows is in the matrix.
    let router = std::fs::read_to_string("src/web/mod.rs").unwrap();
    let routes: BTreeSet<&str> = router
        .split(".route(")
        .skip(1)
        .filter_map(|s| s.trim_start().strip_prefix('"')?.split('"').next())
        .collect();
    let covered: BTreeSet<&str> = cases.iter().map(|c| c.route).collect();
    let missing: Vec<_> = routes.difference(&covered).collect();
    assert!(missing.is_empty(), "routes missing from the access matrix: {missing:?}");
});

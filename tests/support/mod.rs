//! Test support: starts the real server on a random port against a fresh database, SQLite or
//! PostgreSQL, with a clock the test controls.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "test support shared by several test binaries"
)]

use std::sync::Arc;

use kumppani::clock::ManualClock;
use kumppani::config::Config;
use kumppani::services::live::Hub;
use kumppani::services::{Change, accounts};
use kumppani::store::Store;
use kumppani_domain::role::Role;
use time::macros::datetime;
use uuid::Uuid;

pub const PASSWORD: &str = "kolme iloista kumppania";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub store: Store,
    pub clock: ManualClock,
    pub backend: Backend,
    /// The server's live hub, for tests that write through the services directly.
    pub live: Arc<Hub>,
    _dir: tempdir::TempDir,
    pg_database: Option<String>,
}

fn required(what: &str) -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
    if ci {
        panic!("{what} is required when CI=true");
    }
    false
}

pub fn postgres_admin_url() -> String {
    std::env::var("KUMPPANI_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Creates a database of its own on the PostgreSQL server; `None` (with a message) where no
/// server runs and CI is not set.
async fn postgres_database() -> Option<(String, String)> {
    use sqlx::Connection;
    let admin_url = postgres_admin_url();
    let mut admin = match sqlx::PgConnection::connect(&admin_url).await {
        Ok(conn) => conn,
        Err(e) => {
            required(&format!("PostgreSQL at {admin_url} ({e})"));
            println!("SKIPPED: PostgreSQL run skipped, no server at {admin_url}: {e}");
            return None;
        }
    };
    let name = format!("kumppani_test_{}", Uuid::new_v4().simple());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await.unwrap();
    let base = admin_url.rsplit_once('/').map(|(base, _)| base.to_owned()).unwrap();
    Some((format!("{base}/{name}"), name))
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        let dir = tempdir::TempDir::new();
        let (url, pg_database) = match backend {
            Backend::Sqlite => (format!("sqlite://{}", dir.path().join("test.db").display()), None),
            Backend::Postgres => {
                let (url, name) = postgres_database().await?;
                (url, Some(name))
            }
        };
        let store = Store::connect(&url).await.unwrap();
        let clock = ManualClock::new(datetime!(2026-11-22 10:00 UTC));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let config = Config::from_pairs(&[
            ("DATABASE_URL".into(), url),
            ("KUMPPANI_DATA_DIR".into(), dir.path().display().to_string()),
            ("KUMPPANI_PUBLIC_URL".into(), address.clone()),
        ])
        .unwrap();
        let mut state = kumppani::web::state(store.clone(), config, Arc::new(clock.clone())).await.unwrap();
        // Streams keep their sessions alive every 5 minutes; tests do not wait that long.
        state.live = Arc::new(Hub::with_session_refresh(std::time::Duration::from_millis(50)));
        let live = state.live.clone();
        tokio::spawn(kumppani::web::serve(listener, state, std::future::pending()));
        Some(TestApp { address, store, clock, backend, live, _dir: dir, pg_database })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// Where the server keeps attachments and other files.
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// Someone from city staff, for calling services directly.
    pub fn staff_principal(&self) -> kumppani_domain::role::Principal {
        kumppani_domain::role::Principal { user_id: Uuid::nil(), role: Role::Staff, actor_ids: Vec::new() }
    }

    pub fn change(&self) -> Change {
        use kumppani::clock::Clock;
        Change { user_id: None, now: self.clock.now() }
    }

    pub async fn add_user(&self, email: &str, role: Role, actor_ids: Vec<Uuid>) -> Uuid {
        let input = accounts::NewAccount {
            email: email.into(),
            display_name: email.split('@').next().unwrap().into(),
            password: PASSWORD.into(),
            password_again: PASSWORD.into(),
            role: role.as_str().into(),
            actor_ids,
        };
        accounts::create_user(&self.store, None, &input, self.change()).await.unwrap()
    }

    /// Signs in through the login form and returns the client holding the session.
    pub async fn login(&self, email: &str) -> reqwest::Client {
        let client = self.client();
        let token = csrf_token(&client, &self.url("/login")).await;
        let response = client
            .post(self.url("/login"))
            .form(&[("csrf_token", token.as_str()), ("email", email), ("password", PASSWORD), ("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "login of {email} failed");
        client
    }

    pub async fn add_actor(
        &self,
        input: &kumppani_domain::actor::ActorInput,
    ) -> kumppani_domain::actor::Actor {
        let details = input.validate(false).unwrap();
        let mut tx = self.store.begin().await.unwrap();
        let actor = kumppani::services::actors::insert_in(&mut tx, &details, self.change()).await.unwrap();
        tx.commit().await.unwrap();
        actor
    }

    /// Records a partnership directly, as staff would, in the exploration phase.
    pub async fn add_partnership(
        &self,
        input: &kumppani_domain::partnership::PartnershipInput,
    ) -> kumppani_domain::partnership::Partnership {
        let details = input.validate(false).unwrap();
        let mut tx = self.store.begin().await.unwrap();
        let partnership = kumppani::services::partnerships::insert_in(
            &mut tx,
            &details,
            kumppani_domain::partnership::Phase::Exploration,
            self.change(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        partnership
    }
}

/// A written partnership between the given actors, published, with an aim.
pub fn partnership_input(name: &str, parties: &[Uuid]) -> kumppani_domain::partnership::PartnershipInput {
    kumppani_domain::partnership::PartnershipInput {
        name: name.into(),
        kind: "broad_development".into(),
        aim: format!("{name}: yhteinen tavoite"),
        parties: parties
            .iter()
            .map(|id| kumppani_domain::partnership::PartyInput {
                actor_id: id.to_string(),
                ..Default::default()
            })
            .collect(),
        published: true,
        ..Default::default()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(name) = self.pg_database.take() {
            // Best effort: a leftover test database is harmless and named as such.
            let url = postgres_admin_url();
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut admin) = sqlx::PgConnection::connect(&url).await {
                        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                        let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut admin).await;
                    }
                });
            })
            .join()
            .ok();
        }
    }
}

pub const BOUNDARY: &str = "kumppani-test-boundary-5f1c";

/// A multipart/form-data body as a browser sends it: text fields, then the file in `file`.
pub fn multipart_body(fields: &[(&str, &str)], file_name: &str, file: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .bytes(),
        );
    }
    body.extend(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .bytes(),
    );
    body.extend_from_slice(file);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").bytes());
    body
}

/// Posts a form as the page's browser would, with the session's CSRF token.
pub async fn post_form(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = csrf_token(client, &app.url("/")).await;
    let mut form = vec![("csrf_token".to_owned(), token)];
    form.extend(fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    client.post(app.url(path)).form(&form).send().await.unwrap()
}

/// A JSON answer of the API at `url`, whatever its status.
pub async fn get_json(client: &reqwest::Client, url: &str) -> serde_json::Value {
    client.get(url).send().await.unwrap().json().await.unwrap()
}

/// Reads the CSRF token from a page's form.
pub async fn csrf_token(client: &reqwest::Client, url: &str) -> String {
    let body = client.get(url).send().await.unwrap().text().await.unwrap();
    extract(&body, "name=\"csrf_token\" value=\"", "\"").unwrap_or_else(|| panic!("no CSRF token on {url}"))
}

pub fn extract(body: &str, start: &str, end: &str) -> Option<String> {
    let from = body.find(start)? + start.len();
    let to = body[from..].find(end)? + from;
    Some(body[from..to].to_owned())
}

/// The cells of each row of the page's first table body, joined by ` | `; a cell with a
/// select shows the option selected (a map's flows table: from, to, value, tangibility).
pub fn table_rows(body: &str) -> Vec<String> {
    let Some(table) = extract(body, "<tbody>", "</tbody>") else { return Vec::new() };
    table
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let cells: Vec<String> = row
                .split("<td>")
                .skip(1)
                .map(|cell| {
                    let cell = cell.split("</td>").next().unwrap();
                    match extract(cell, " selected>", "</option>") {
                        Some(selected) => selected,
                        None => cell.trim().to_owned(),
                    }
                })
                .collect();
            cells.join(" | ")
        })
        .collect()
}

pub fn actor_input(name: &str) -> kumppani_domain::actor::ActorInput {
    kumppani_domain::actor::ActorInput {
        name_fi: name.into(),
        sector: "association".into(),
        published: true,
        private_fields: None,
        ..Default::default()
    }
}

/// Runs a test body against SQLite and PostgreSQL, as two tests.
#[macro_export]
macro_rules! both_databases {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::support::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                if let Some(app) = $crate::support::TestApp::spawn($crate::support::Backend::Sqlite).await {
                    run(app).await;
                }
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) = $crate::support::TestApp::spawn($crate::support::Backend::Postgres).await {
                    run(app).await;
                }
            }
        }
    };
}

/// A temporary directory removed on drop, without another dependency.
pub mod tempdir {
    pub struct TempDir(std::path::PathBuf);

    impl TempDir {
        pub fn new() -> Self {
            let path = std::env::temp_dir().join(format!("kumppani-test-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(&path).unwrap();
            Self(path)
        }

        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

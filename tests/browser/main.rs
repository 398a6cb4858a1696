//! Browser tests: a real Chromium, driven over WebDriver by fantoccini, walks through the app as
//! a person would — first administrator, a new actor with a mistake in it, languages, search, a
//! workshop with three phones of their own and an analysis done by keyboard alone — and axe-core
//! checks every kind of page against WCAG 2.1 A and AA.
//!
//! Needs Debian's `chromium` and `chromium-driver` and `npm ci` in tests/browser (axe-core).
//! Without them the test is skipped, unless CI is set, in which case it fails.
#![allow(clippy::unwrap_used, clippy::print_stdout, reason = "test code reports and fails loudly")]

#[path = "../support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::WindowHandle;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use support::{Backend, TestApp};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const AXE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/node_modules/axe-core/axe.min.js");

/// How long to wait for a page or an element before failing.
const WAIT: Duration = Duration::from_secs(15);

/// The one-time set-up link's token (43 URL-safe characters, like the real ones).
const SETUP_TOKEN: &str = "kumppani-browser-test-setup-token-abcdefghi";

const ADMIN_EMAIL: &str = "paakayttaja@example.fi";
const ADMIN_NAME: &str = "Testi Pääkäyttäjä";
const ACTOR: &str = "Hopeasiipi ry";
const OTHER_ACTOR: &str = "Turun Kirjastoystävät ry";
const BAD_BUSINESS_ID: &str = "1234567-8";
const GOOD_BUSINESS_ID: &str = "0204819-8";

/// Runs axe with the WCAG 2.0/2.1 A and AA rules and hands back only what a report needs.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then(function (result) {
    done({passes: result.passes.length, violations: result.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map(function (n) { return {target: n.target, html: n.html}; })};
    })});
  })
  .catch(function (e) { done({error: String(e)}); });
"#;

/// Skips the test where a tool is missing, or fails it when CI is set.
fn missing(what: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
    assert!(!ci, "{what} is required when CI is set");
    println!("SKIPPED: {what}");
}

/// A chromedriver child process, shut down (and its browsers with it) on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts chromedriver on a port it picks itself and reads the port from its greeting, so
    /// there is neither a race for a free port nor a wait for it to start listening.
    fn start() -> Driver {
        let mut child = Command::new(CHROMEDRIVER)
            .args(["--port=0", "--allowed-ips=127.0.0.1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {CHROMEDRIVER}: {e}"));
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut greeting = Vec::new();
        let port = loop {
            let Some(Ok(line)) = lines.next() else {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromedriver exited before it started listening:\n{}", greeting.join("\n"));
            };
            if let Some(rest) = line.split_once("started successfully on port ").map(|(_, rest)| rest) {
                break rest.trim_end_matches('.').trim().parse::<u16>().unwrap();
            }
            greeting.push(line);
        };
        // Keep draining its output so chromedriver never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Driver { child, port }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Asks chromedriver to close its sessions and exit; best effort, used on drop.
    fn shutdown(&self) {
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], self.port));
        if let Ok(mut stream) = std::net::TcpStream::connect_timeout(&address, Duration::from_secs(2)) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let request = format!(
                "GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                self.port
            );
            if stream.write_all(request.as_bytes()).is_ok() {
                let _ = stream.read_to_end(&mut Vec::new());
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.shutdown();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A Chromium session with a profile of its own (cookies included), a window of `size` pixels
/// ("1280,900"), whose pages ask for `lang`.
async fn connect(driver: &str, profile: &Path, lang: &str, size: &str) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                format!("--lang={lang}"),
                format!("--window-size={size}"),
                format!("--user-data-dir={}", profile.display()),
            ],
            // Headless Chromium ignores --lang for Accept-Language; this is what sites see.
            "prefs": {"intl.accept_languages": format!("{lang}-FI,{lang}")},
        }),
    );
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(driver)
        .await
        .unwrap_or_else(|e| panic!("could not open a Chromium session through chromedriver: {e}"))
}

/// More browser sessions on the journey's chromedriver, each with a profile of its own, so that
/// they share no cookies, and a phone-sized window: the phones of different people.
#[derive(Clone)]
struct Sessions {
    driver: String,
    opened: Arc<Mutex<Vec<(Client, support::tempdir::TempDir)>>>,
}

impl Sessions {
    async fn open(&self, lang: &str) -> Client {
        let profile = support::tempdir::TempDir::new();
        let client = connect(&self.driver, profile.path(), lang, "390,844").await;
        self.opened.lock().unwrap().push((client.clone(), profile));
        client
    }

    /// Closes every session opened so far, and only then removes their profiles.
    async fn close_all(&self) {
        let opened = std::mem::take(&mut *self.opened.lock().unwrap());
        for (client, profile) in opened {
            let _ = client.close().await;
            drop(profile);
        }
    }
}

/// Starts the app on SQLite, chromedriver and a Chromium session, runs `journey`, and closes
/// the browser whether the journey passes or fails.
async fn with_browser<F, Fut>(name: &str, journey: F)
where
    F: FnOnce(Client, TestApp, Checks) -> Fut,
    Fut: Future<Output = usize> + Send + 'static,
{
    with_browsers(name, move |c, app, checks, _| journey(c, app, checks)).await;
}

/// As [`with_browser`], with [`Sessions`] for more browsers on the same chromedriver; they are
/// closed at the end too.
async fn with_browsers<F, Fut>(name: &str, journey: F)
where
    F: FnOnce(Client, TestApp, Checks, Sessions) -> Fut,
    Fut: Future<Output = usize> + Send + 'static,
{
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        missing("browser tests need chromium and chromium-driver (apt-get install chromium chromium-driver)");
        return;
    }
    let Ok(axe_source) = std::fs::read_to_string(AXE) else {
        missing("browser tests need axe-core (run `npm ci` in tests/browser)");
        return;
    };
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let started = Instant::now();
    let profile = support::tempdir::TempDir::new();
    let driver = Driver::start();
    let client = connect(&driver.url(), profile.path(), "fi", "1280,900").await;
    let sessions = Sessions { driver: driver.url(), opened: Arc::default() };

    // The journey runs as a task of its own, so that the browser is closed even when it fails.
    let checks = Checks { axe_source, pages: 0, failures: Vec::new() };
    let outcome = tokio::spawn(journey(client.clone(), app, checks, sessions.clone())).await;
    let _ = client.close().await;
    sessions.close_all().await;
    drop(driver);
    match outcome {
        Ok(pages) => println!("{name}: {pages} pages checked with axe in {:.1?}", started.elapsed()),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("{name} did not finish: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_through_the_app_is_accessible() {
    with_browser("browser journey", journey).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verbal_agreement_is_written_down_accepted_and_followed() {
    with_browser("partnership journey", partnership_journey).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn value_network_workshop_is_planned_joined_and_followed_live() {
    with_browser("workshop journey", workshop_journey).await;
}

/// The whole journey; returns how many pages axe checked.
async fn journey(c: Client, app: TestApp, mut checks: Checks) -> usize {
    // --- Before anyone has an account: front page, login, 404, the set-up page. -------------
    open(&c, &app.url("/"), "h1").await;
    assert_eq!(attr(&c, "html", "lang").await, "fi", "Chromium asks for Finnish, so the page is in Finnish");
    assert_eq!(text(&c, "h1").await, "Kumppanuudet näkyviin");
    checks.axe(&c, "fi: front page, signed out").await;

    open(&c, &app.url("/login"), "#email").await;
    checks.axe(&c, "fi: login form").await;
    fill(&c, "email", "ei.ketaan@example.fi").await;
    fill(&c, "password", "väärä salasana").await;
    click(&c, "main form button[type=submit]").await;
    let error = wait(&c, "the login error", Locator::Css("#password-error")).await;
    assert_eq!(error.text().await.unwrap(), "Sähköpostiosoite tai salasana on väärin.");
    assert_eq!(attr(&c, "#password", "aria-describedby").await, "password-error");
    assert_eq!(value(&c, "email").await, "ei.ketaan@example.fi", "the email stays filled in");
    checks.axe(&c, "fi: login form with the login error").await;

    open(&c, &app.url("/ei-tallaista-sivua"), "h1").await;
    assert_eq!(text(&c, "h1").await, "Sivua ei löytynyt");
    checks.axe(&c, "fi: 404 page").await;

    // --- The first administrator, through the one-time link. ---------------------------------
    let hash = kumppani::services::secrets::token_hash(SETUP_TOKEN);
    app.store.setting_or_insert("setup_token_hash", &hash).await.unwrap();
    open(&c, &app.url(&format!("/setup/{SETUP_TOKEN}")), "#email").await;
    assert_eq!(text(&c, "h1").await, "Ensimmäinen pääkäyttäjä");
    checks.axe(&c, "fi: setup page").await;
    fill(&c, "email", ADMIN_EMAIL).await;
    fill(&c, "display_name", ADMIN_NAME).await;
    fill(&c, "password", support::PASSWORD).await;
    fill(&c, "password_again", support::PASSWORD).await;
    let load_demo = c.find(Locator::Id("load_demo")).await.unwrap();
    assert!(load_demo.is_selected().await.unwrap(), "loading the demonstration data is offered by default");
    load_demo.click().await.unwrap(); // an empty register keeps the test quick and its counts exact
    assert!(!load_demo.is_selected().await.unwrap());
    click(&c, "main form button[type=submit]").await;
    wait(&c, "the signed-in header", Locator::Css("a.user-name")).await;
    assert_eq!(text(&c, "a.user-name").await, ADMIN_NAME, "the header shows who is signed in");
    assert_eq!(c.current_url().await.unwrap().path(), "/");
    // Not fatal, so that one run reports everything: the front page should confirm the sign-in.
    let notice = notice_xpath("Olet kirjautunut sisään.");
    checks.expect(
        !c.find_all(Locator::XPath(&notice)).await.unwrap().is_empty(),
        "fi: front page after set-up (/?notice=signed-in): the notice “Olet kirjautunut sisään.” is not shown",
    );
    checks.axe(&c, "fi: front page, signed in as administrator").await;

    // Someone else's actor, so that the search below has something to leave out.
    let mut other = support::actor_input(OTHER_ACTOR);
    other.themes = vec!["kirjastot".into()];
    app.add_actor(&other).await;

    // --- The actor list, with and without results. --------------------------------------------
    open(&c, &app.url("/actors"), "#results").await;
    assert_eq!(text(&c, ".result-count").await, "Toimijoita: 1");
    assert_eq!(card_names(&c).await, [OTHER_ACTOR]);
    checks.axe(&c, "fi: actor list with results").await;

    open(&c, &app.url("/actors?q=olematonhakusana"), "#results").await;
    wait(&c, "the empty-state message", Locator::Css("#results .empty-state")).await;
    assert_eq!(text(&c, ".result-count").await, "Toimijoita: 0");
    checks.axe(&c, "fi: actor list without results").await;

    // --- A new actor: first with a wrong Y-tunnus, then corrected. -------------------------
    open(&c, &app.url("/actors/new"), "#name_fi").await;
    assert_eq!(text(&c, "h1").await, "Lisää toimija");
    checks.axe(&c, "fi: actor form, empty").await;
    fill(&c, "name_fi", ACTOR).await;
    c.find(Locator::Id("sector")).await.unwrap().select_by_value("association").await.unwrap();
    fill(&c, "business_id", BAD_BUSINESS_ID).await;
    click(&c, "main .form-actions button[type=submit]").await;

    let summary = wait(&c, "the error summary", Locator::Css("#error-summary")).await;
    assert_eq!(text(&c, "#error-summary h2").await, "Lomakkeessa on korjattavaa");
    let summary_link = summary.find(Locator::Css("a[href='#business_id']")).await.unwrap();
    assert!(
        summary_link.text().await.unwrap().starts_with("Y-tunnuksen tarkistusmerkki ei täsmää"),
        "the summary links to the Y-tunnus field with the reason"
    );
    let active = c.active_element().await.unwrap();
    assert_eq!(
        active.attr("id").await.unwrap().as_deref(),
        Some("error-summary"),
        "focus moves to the summary"
    );
    // The message sits in the same field box as the input and its label, and the input points to it.
    let field_error = c
        .find(Locator::XPath(
            "//input[@id='business_id']/parent::div[contains(@class, 'has-error')]/p[@class='field-error']",
        ))
        .await
        .unwrap();
    assert!(field_error.text().await.unwrap().starts_with("Y-tunnuksen tarkistusmerkki ei täsmää"));
    assert_eq!(field_error.attr("id").await.unwrap().as_deref(), Some("business_id-error"));
    assert_eq!(attr(&c, "#business_id", "aria-invalid").await, "true");
    assert!(
        attr(&c, "#business_id", "aria-describedby").await.split(' ').any(|id| id == "business_id-error")
    );
    assert_eq!(value(&c, "name_fi").await, ACTOR, "the typed name is kept");
    assert_eq!(value(&c, "business_id").await, BAD_BUSINESS_ID, "the typed Y-tunnus is kept to be corrected");
    assert_eq!(value(&c, "sector").await, "association", "the chosen sector is kept");
    assert_eq!(
        c.find_all(Locator::Css(".field-error")).await.unwrap().len(),
        1,
        "only the Y-tunnus is wrong"
    );
    checks.axe(&c, "fi: actor form with errors").await;

    fill(&c, "business_id", GOOD_BUSINESS_ID).await;
    fill(&c, "themes", "vanhukset").await;
    click(&c, "main .form-actions button[type=submit]").await;
    wait_notice(&c, "Toimija lisättiin.").await;
    assert_eq!(text(&c, "h1").await, ACTOR);
    let actor_path = c.current_url().await.unwrap().path().to_owned();
    assert!(actor_path.starts_with("/actors/"), "landed on the actor's page, not {actor_path}");
    assert!(text(&c, "dl.details").await.contains(GOOD_BUSINESS_ID));
    wait(
        &c,
        "the theme tag",
        Locator::XPath("//dl[@class='details']//a[@class='tag' and normalize-space()='vanhukset']"),
    )
    .await;
    checks.axe(&c, "fi: actor page").await;

    // --- The remaining pages, in Finnish. -----------------------------------------------------
    open(&c, &app.url("/accessibility"), "h1").await;
    assert_eq!(text(&c, "h1").await, "Saavutettavuusseloste");
    checks.axe(&c, "fi: accessibility statement").await;

    open(&c, &app.url("/admin/audit"), "h1").await;
    assert_eq!(text(&c, "h1").await, "Muutosloki");
    checks.axe(&c, "fi: audit log").await;

    open(&c, &app.url("/admin/users"), "h1").await;
    assert_eq!(text(&c, "h1").await, "Käyttäjät");
    assert!(text(&c, "main").await.contains(ADMIN_EMAIL), "the administrator is listed");
    checks.axe(&c, "fi: users").await;

    open(&c, &app.url("/account/tokens"), "h1").await;
    assert_eq!(text(&c, "h1").await, "Rajapinta-avaimet");
    checks.axe(&c, "fi: API keys").await;

    // --- På svenska: the actor page, then a search with an inflected Finnish word. --------------
    open(&c, &app.url(&actor_path), "h1").await;
    switch_language(&c, "På svenska", "sv").await;
    assert_eq!(text(&c, "nav.main-nav a[href='/actors']").await, "Aktörer");
    assert_eq!(c.current_url().await.unwrap().path(), actor_path, "the switch stays on the same page");
    assert_eq!(text(&c, "h1").await, ACTOR);
    checks.axe(&c, "sv: actor page").await;

    open(&c, &app.url("/actors"), "#q").await;
    assert_eq!(text(&c, ".result-count").await, "Aktörer: 2");
    // Typing alone updates the results (search as you type)…
    c.find(Locator::Id("q")).await.unwrap().send_keys("vanhusten").await.unwrap();
    let only_ours = format!(
        "//div[@id='results' and .//h2/a[normalize-space()='{ACTOR}'] and not(.//h2/a[normalize-space()='{OTHER_ACTOR}'])]"
    );
    wait(&c, "live search results for “vanhusten”", Locator::XPath(&only_ours)).await;
    // …and the search button loads the same results as a page of their own.
    click(&c, "form[role=search] button[type=submit]").await;
    wait(&c, "the results page for “vanhusten”", Locator::Css("input#q[value='vanhusten']")).await;
    assert_eq!(card_names(&c).await, [ACTOR], "“vanhusten” finds the actor whose theme is “vanhukset”");
    assert_eq!(text(&c, ".result-count").await, "Aktörer: 1");
    checks.axe(&c, "sv: actor list with search results").await;

    open(&c, &app.url("/"), "h1").await;
    assert_eq!(text(&c, "h1").await, "Synliga partnerskap");
    checks.axe(&c, "sv: front page").await;

    submit_bad_business_id(&c, &app, "FO-numrets kontrolltecken stämmer inte").await;
    checks.axe(&c, "sv: actor form with errors").await;

    // --- In English. ----------------------------------------------------------------------------
    open(&c, &app.url("/"), "h1").await;
    switch_language(&c, "In English", "en").await;
    assert_eq!(text(&c, "h1").await, "Making partnerships visible");
    assert_eq!(text(&c, "nav.main-nav a[href='/actors']").await, "Organisations");
    checks.axe(&c, "en: front page").await;

    open(&c, &app.url("/actors"), "#results").await;
    assert_eq!(text(&c, ".result-count").await, "Organisations: 2");
    checks.axe(&c, "en: actor list with results").await;

    open(&c, &app.url(&actor_path), "h1").await;
    assert_eq!(text(&c, "h1").await, ACTOR);
    checks.axe(&c, "en: actor page").await;

    submit_bad_business_id(&c, &app, "The Business ID check digit does not match").await;
    checks.axe(&c, "en: actor form with errors").await;

    // And back to Finnish, which the account now remembers as well.
    switch_language(&c, "Suomeksi", "fi").await;
    assert_eq!(text(&c, "nav.main-nav a[href='/actors']").await, "Toimijat");

    checks.finish()
}

const CITY: &str = "Turun kaupunki – hyvinvointitoimiala";
const STAFF_EMAIL: &str = "suunnittelija@turku.fi";
const MEMBER_EMAIL: &str = "anna@hopeasiipi.fi";
const PARTNERSHIP: &str = "Hopeasiiven kerhot";

/// Staff record a verbal agreement, write it down with two parties and draft the agreement; the
/// organisation's member accepts it and it is in force; when its notice period begins it is on
/// the attention list. Every new kind of page is checked with axe in Finnish, Swedish and English.
async fn partnership_journey(c: Client, app: TestApp, mut checks: Checks) -> usize {
    let ours = app.add_actor(&support::actor_input(ACTOR)).await;
    app.add_actor(&support::actor_input(CITY)).await;
    app.add_user(STAFF_EMAIL, kumppani_domain::role::Role::Staff, vec![]).await;
    app.add_user(MEMBER_EMAIL, kumppani_domain::role::Role::Member, vec![ours.id]).await;

    // --- Staff record what was agreed by word of mouth. ------------------------------------
    sign_in(&c, &app, STAFF_EMAIL).await;
    open(&c, &app.url("/partnerships"), "#results").await;
    checks.axe(&c, "fi: partnership list, empty").await;
    open(&c, &app.url("/partnerships/new"), "#name").await;
    checks.axe(&c, "fi: partnership form").await;
    fill(&c, "name", PARTNERSHIP).await;
    c.find(Locator::Id("kind")).await.unwrap().select_by_value("broad_development").await.unwrap();
    click(&c, "#verbal").await;
    fill(&c, "parties-0-actor_id", ACTOR).await;
    click(&c, "main .form-actions button[type=submit]").await;
    wait_notice(&c, "Kumppanuus kirjattiin.").await;
    assert_eq!(text(&c, "h1").await, PARTNERSHIP);
    assert!(text(&c, ".callout").await.starts_with("Suullinen sopimus."));
    checks.axe(&c, "fi: partnership page, verbal").await;
    let partnership_path = c.current_url().await.unwrap().path().to_owned();

    open(&c, &app.url("/attention"), "h1").await;
    assert!(text(&c, "#verbal_not_written").await.starts_with("Suulliset sopimukset, joita ei ole kirjattu"));
    assert!(text(&c, "main").await.contains(PARTNERSHIP));
    checks.axe(&c, "fi: attention list").await;

    // --- Written down: two parties and the aim, then the agreement document. --------------
    open(&c, &app.url(&format!("{partnership_path}/edit")), "#name").await;
    click(&c, "#verbal").await;
    fill(&c, "aim", "Kotona asuvien ikäihmisten yksinäisyys vähenee.").await;
    fill(&c, "parties-1-actor_id", CITY).await;
    c.find(Locator::Id("parties-1-role")).await.unwrap().select_by_value("coordinator").await.unwrap();
    click(&c, "main .form-actions button[type=submit]").await;
    wait_notice(&c, "Muutokset tallennettiin.").await;
    assert!(c.find_all(Locator::Css(".callout")).await.unwrap().is_empty(), "no longer verbal");

    click(&c, "a[href$='/agreements/new']").await;
    wait(&c, "the agreement form", Locator::Id("valid_from")).await;
    checks.axe(&c, "fi: agreement form").await;
    set_value(&c, "valid_from", "2026-01-01").await;
    set_value(&c, "valid_until", "2027-03-31").await;
    fill(&c, "notice_days", "90").await;
    click(&c, "main .form-actions button[type=submit]").await;
    wait_notice(&c, "Sopimusversio tallennettiin ja lähetettiin osapuolten hyväksyttäväksi.").await;
    assert_eq!(text(&c, ".status").await, "Odottaa osapuolten hyväksyntää");
    let agreement_path = c.current_url().await.unwrap().path().to_owned();
    // The city signs on paper.
    c.find(Locator::Id("paper-actor")).await.unwrap().select_by_label(CITY).await.unwrap();
    click(&c, "#paper button[type=submit]").await;
    wait_notice(&c, "Hyväksyntä kirjattu.").await;
    checks.axe(&c, "fi: agreement awaiting acceptance").await;
    sign_out(&c).await;

    // --- The organisation's member accepts. ----------------------------------------------
    sign_in(&c, &app, MEMBER_EMAIL).await;
    open(&c, &app.url("/attention"), "h1").await;
    assert!(text(&c, "#awaiting_acceptance").await.starts_with("Hyväksyntää odottavat sopimukset"));
    click(&c, &format!("a[href='{agreement_path}']")).await;
    wait(&c, "the accept button", Locator::Css("form[action$='/accept'] button")).await;
    click(&c, "form[action$='/accept'] button").await;
    wait_notice(&c, "Hyväksyntä kirjattu.").await;
    assert_eq!(text(&c, ".status").await, "Voimassa");
    checks.axe(&c, "fi: agreement in force").await;
    open(&c, &app.url(&partnership_path), "h1").await;
    assert!(text(&c, "#agreements-heading + .table-scroll table").await.contains("Voimassa"));
    let deliverable = attr(&c, "#deliverables a[href^='/deliverables/']", "href").await;
    open(&c, &app.url(&deliverable), "h1").await;
    checks.axe(&c, "fi: deliverable page").await;
    open(&c, &app.url("/account/calendar"), "h1").await;
    checks.axe(&c, "fi: calendar feed page").await;
    open(&c, &app.url("/attention"), "h1").await;
    assert!(
        c.find_all(Locator::Id("agreement_ending")).await.unwrap().is_empty(),
        "notice begins on 31.12.2026"
    );

    // --- Time passes: on 31.12.2026 the notice period begins. -----------------------------
    app.clock.advance(time::Duration::days(39));
    sign_in(&c, &app, MEMBER_EMAIL).await;
    open(&c, &app.url("/attention"), "h1").await;
    assert!(
        text(&c, "#agreement_ending").await.starts_with("Irtisanomis- tai uusimisajalla olevat sopimukset")
    );
    assert!(text(&c, "main").await.contains("päättyy 31.3.2027"));
    checks.axe(&c, "fi: attention list with an agreement ending").await;

    // --- The member's pages in Swedish and English. ----------------------------------------
    for (label, code) in [("På svenska", "sv"), ("In English", "en")] {
        switch_language(&c, label, code).await;
        for (path, what) in [
            ("/attention".to_owned(), "attention list"),
            ("/partnerships".to_owned(), "partnership list"),
            (partnership_path.clone(), "partnership page"),
            (agreement_path.clone(), "agreement"),
            (deliverable.clone(), "deliverable page"),
            ("/account/calendar".to_owned(), "calendar feed page"),
        ] {
            open(&c, &app.url(&path), "h1").await;
            checks.axe(&c, &format!("{code}: {what}")).await;
        }
    }
    switch_language(&c, "Suomeksi", "fi").await;
    sign_out(&c).await;

    // --- Staff forms in Swedish and English. -----------------------------------------------
    sign_in(&c, &app, STAFF_EMAIL).await;
    for (label, code) in [("På svenska", "sv"), ("In English", "en")] {
        switch_language(&c, label, code).await;
        for (path, what) in [
            ("/partnerships/new".to_owned(), "partnership form"),
            (format!("{partnership_path}/agreements/new"), "agreement form"),
            (partnership_path.clone(), "partnership page as staff"),
        ] {
            open(&c, &app.url(&path), "h1").await;
            checks.axe(&c, &format!("{code}: {what}")).await;
        }
    }
    checks.finish()
}

/// A value network workshop: planned by staff with a background file, joined on a "phone",
/// notes posted with and without the browser, and the projector wall following them live.
async fn workshop_journey(c: Client, app: TestApp, mut checks: Checks) -> usize {
    app.add_actor(&support::actor_input(ACTOR)).await;
    app.add_user(STAFF_EMAIL, kumppani_domain::role::Role::Staff, vec![]).await;
    sign_in(&c, &app, STAFF_EMAIL).await;
    open(&c, &app.url("/workshops/new"), "#title").await;
    checks.axe(&c, "fi: workshop planning form").await;
    click(&c, "main .form-actions button[type=submit]").await;
    wait(&c, "the error summary", Locator::Css("#error-summary")).await;
    checks.axe(&c, "fi: workshop planning form with errors").await;
    fill(&c, "title", "Palvelubussin verkosto").await;
    click(&c, "#purpose-missing_service").await;
    fill(&c, "actors-0-name", ACTOR).await;
    fill(&c, "actors-1-name", "Kirjasto").await;
    fill(&c, "clients_name", "Kylien asukkaat").await;
    click(&c, "main .form-actions button[type=submit]").await;
    wait(&c, "the stepper", Locator::Css(".stepper")).await;
    checks.axe(&c, "fi: workshop stepper").await;
    click(&c, "#step button[value=invitation]").await;
    wait_notice(&c, "Vaihe vaihdettiin.").await;
    let workshop = app.store.workshops().await.unwrap().remove(0);
    let id = workshop.workshop.id;
    let code = workshop.workshop.join_code.as_str().to_owned();

    // --- Background files beside the saved plan: one attached, and one refused. -------------
    let files = support::tempdir::TempDir::new();
    let (survey, notes) = (files.path().join("asukaskysely.pdf"), files.path().join("muistiinpanot.txt"));
    std::fs::write(&survey, BLANK_PDF).unwrap();
    std::fs::write(&notes, "Ei PDF, vaan tekstiä.").unwrap();
    open(&c, &app.url(&format!("/workshops/{id}/plan")), "#attach").await;
    fill(&c, "description", "Asukaskysely 2025").await;
    choose_file(&c, &survey).await;
    click(&c, "#attach button[type=submit]").await;
    wait_notice(&c, "Liite lisätty.").await;
    let asked = "Poistetaanko taustamateriaali ”asukaskysely.pdf”? Poistoa ei voi perua.";
    background_files_checked(&c, &mut checks, &app, id, &notes, "fi", asked).await;
    open(&c, &app.url(&format!("/workshops/{id}/invitation")), ".qr").await;
    checks.axe(&c, "fi: printable invitation").await;
    open(&c, &app.url(&format!("/workshops/{id}")), "#step").await;
    click(&c, "#step button[value=workshop_1]").await;
    wait_notice(&c, "Vaihe vaihdettiin.").await;
    open(&c, &app.url(&format!("/workshops/{id}/live")), "#timer").await;
    click(&c, "#timer-controls button[value=start]").await;
    wait(&c, "the running timer", Locator::Css("#timer[data-status=running]")).await;
    checks.axe(&c, "fi: live control").await;

    // --- A participant joins in the browser and posts with the script's help. -------------
    open(&c, &app.url("/join"), "#code").await;
    checks.axe(&c, "fi: join form").await;
    fill(&c, "code", &code.to_lowercase()).await;
    click(&c, "main .form-actions button[type=submit]").await;
    wait(&c, "the join details", Locator::Css("#represents")).await;
    checks.axe(&c, "fi: join details").await;
    fill(&c, "name", "Maija").await;
    click(&c, "#represents-1").await;
    click(&c, "main .form-actions button[type=submit]").await;
    wait(&c, "the phone page", Locator::Css("#note-form")).await;
    checks.axe(&c, "fi: participant's phone page").await;
    c.find(Locator::Id("about")).await.unwrap().select_by_label("Kirjasto").await.unwrap();
    fill(&c, "text", "Vapaaehtoisia tapahtumiin").await;
    click(&c, "#note-form button[type=submit]").await;
    wait(
        &c,
        "the posted note",
        Locator::XPath("//ul[@id='own-notes']/li[contains(., 'Vapaaehtoisia tapahtumiin')]"),
    )
    .await;
    checks.expect(
        c.current_url().await.unwrap().path().ends_with("/me"),
        "posting by script stays on the page",
    );
    click(&c, "#note-form button[type=submit]").await;
    wait(&c, "the error beside the answer", Locator::Css("#note-form #text-error")).await;
    checks.axe(&c, "fi: phone page with an error").await;

    // --- The wall follows notes posted from another phone. ------------------------------
    open(&c, &app.url(&format!("/workshops/{id}/wall")), ".wall-columns").await;
    assert!(text(&c, ".wall-columns").await.contains("Vapaaehtoisia tapahtumiin"));
    checks.axe(&c, "fi: projector wall").await;
    let phone = app.client();
    let token = support::csrf_token(&phone, &app.url(&format!("/join/{code}"))).await;
    let kirjasto = workshop.workshop.plan.actors[1].id.to_string();
    let joined = phone
        .post(app.url(&format!("/join/{code}")))
        .form(&[("csrf_token", token.as_str()), ("name", "Pekka"), ("represents", kirjasto.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), 303);
    let me = phone.get(app.url(&format!("/workshops/{id}/me"))).send().await.unwrap().text().await.unwrap();
    let form = &me[me.find("id=\"note-form\"").unwrap()..];
    let participant_csrf = support::extract(form, "name=\"csrf_token\" value=\"", "\"").unwrap();
    let about = workshop.workshop.plan.actors[0].id.to_string();
    let posted_at = Instant::now();
    let posted = phone
        .post(app.url(&format!("/workshops/{id}/me/notes")))
        .form(&[
            ("csrf_token", participant_csrf.as_str()),
            ("question", "1a"),
            ("about", about.as_str()),
            ("text", "Lainattavia kirjoja bussiin"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 303);
    wait(
        &c,
        "the note on the wall",
        Locator::XPath(
            "//section[contains(@class, 'wall-column')]//li[contains(., 'Lainattavia kirjoja bussiin')]",
        ),
    )
    .await;
    let delay = posted_at.elapsed();
    checks.expect(delay < Duration::from_secs(1), &format!("the wall took {delay:?} to show the note"));
    open(&c, &app.url(&format!("/workshops/{id}/wall?q=all")), ".wall-question-section").await;
    checks.axe(&c, "fi: wall with every question").await;
    open(&c, &app.url(&format!("/workshops/{id}/wall?read=1")), ".read-text").await;
    checks.axe(&c, "fi: wall reading aloud").await;
    c.execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'}));", Vec::new())
        .await
        .unwrap();
    wait(
        &c,
        "the second note read",
        Locator::XPath("//h2[@id='reading-heading'][starts-with(normalize-space(), 'Lappu 2')]"),
    )
    .await;
    open(&c, &app.url(&format!("/workshops/{id}/notes")), "#add-heading").await;
    checks.axe(&c, "fi: note management").await;

    for (label, code, asked) in [
        (
            "På svenska",
            "sv",
            "Vill du ta bort bakgrundsmaterialet ”asukaskysely.pdf”? Det går inte att ångra.",
        ),
        ("In English", "en", "Remove the background file “asukaskysely.pdf”? This cannot be undone."),
    ] {
        switch_language(&c, label, code).await;
        for (path, what) in [
            (format!("/workshops/{id}"), "workshop stepper"),
            (format!("/workshops/{id}/live"), "live control"),
            (format!("/workshops/{id}/wall"), "projector wall"),
            (format!("/workshops/{id}/me"), "participant's phone page"),
        ] {
            open(&c, &app.url(&path), "h1").await;
            checks.axe(&c, &format!("{code}: {what}")).await;
        }
        background_files_checked(&c, &mut checks, &app, id, &notes, code, asked).await;
    }
    // Confirmed, the removal goes through.
    let plan = app.url(&format!("/workshops/{id}/plan"));
    open(&c, &plan, REMOVE_BACKGROUND_FILE).await;
    click(&c, REMOVE_BACKGROUND_FILE).await;
    c.accept_alert().await.unwrap();
    wait_notice(&c, "Deleted.").await;
    checks.expect(
        text(&c, "#background-files").await.contains("No background material has been attached yet."),
        "the confirmed removal removed the background file",
    );
    checks.finish()
}

/// A one-page blank PDF, about as small as a valid one gets; the cross-reference table gives
/// each object's offset in bytes from the start of this text.
const BLANK_PDF: &str = concat!(
    "%PDF-1.4\n",
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n",
    "xref\n0 4\n",
    "0000000000 65535 f \n",
    "0000000009 00000 n \n",
    "0000000058 00000 n \n",
    "0000000115 00000 n \n",
    "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n",
);

/// Chooses a file in the page's file input, as the browser's file picker would.
async fn choose_file(c: &Client, path: &Path) {
    let input = c.find(Locator::Id("file")).await.unwrap_or_else(|e| panic!("no file input: {e}"));
    input.send_keys(path.to_str().unwrap()).await.unwrap();
}

/// The button that removes the first background file on the planning page.
const REMOVE_BACKGROUND_FILE: &str = "#background-files form[action$='/delete'] button";

/// The planning page with a background file listed, then with `refused` (not a document the
/// form takes) sent back beside its field with the description as typed, both under axe; on the
/// way, removing the file asks first (`asked`), and the file stays when the answer is no.
async fn background_files_checked(
    c: &Client,
    checks: &mut Checks,
    app: &TestApp,
    id: uuid::Uuid,
    refused: &Path,
    lang: &str,
    asked: &str,
) {
    let plan = app.url(&format!("/workshops/{id}/plan"));
    let listed = "#background-files a[href*='/attachments/']";
    open(c, &plan, listed).await;
    checks.axe(c, &format!("{lang}: planning with a background file")).await;
    click(c, REMOVE_BACKGROUND_FILE).await;
    let question = c.get_alert_text().await.unwrap();
    c.dismiss_alert().await.unwrap();
    checks.expect(question == asked, &format!("{lang}: removing a background file asked “{question}”"));
    open(c, &plan, listed).await;
    fill(c, "description", "Muistiinpanot").await;
    choose_file(c, refused).await;
    click(c, "#attach button[type=submit]").await;
    wait(c, "the refused file's error", Locator::Css("#file-error")).await;
    checks.expect(value(c, "description").await == "Muistiinpanot", "the description typed is kept");
    checks.axe(c, &format!("{lang}: planning with a refused background file")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn value_network_map_parties_move_by_keyboard_and_stay_where_saved() {
    with_browser("map journey", map_journey).await;
}

/// The value network map: drawn, checked with axe, a party moved with the arrow keys, its
/// place saved and used when the map is drawn again, and the layout reset.
async fn map_journey(c: Client, app: TestApp, mut checks: Checks) -> usize {
    use kumppani::services::workshops::{NoteWriter, create, go_to, post_note};
    use kumppani_domain::value_network::workshop::{NoteInput, PlanActorInput, PlanInput};
    app.add_user(STAFF_EMAIL, kumppani_domain::role::Role::Staff, vec![]).await;
    sign_in(&c, &app, STAFF_EMAIL).await;
    let by = app.staff_principal();
    let plan = PlanInput {
        title: "Kartta".into(),
        actors: [ACTOR, "Kirjasto"]
            .iter()
            .map(|name| PlanActorInput { name: (*name).into(), ..Default::default() })
            .collect(),
        clients_name: "Asukkaat".into(),
        ..Default::default()
    };
    let workshop = create(&app.store, Some(&by), &plan, app.change()).await.unwrap().workshop;
    let id = workshop.id;
    for step in ["invitation", "workshop_1"] {
        go_to(&app.store, &app.live, Some(&by), id, step, app.change()).await.unwrap();
    }
    let (first, second) = (workshop.plan.actors[0].id.to_string(), workshop.plan.actors[1].id.to_string());
    for (question, author, about, text) in
        [("1a", &first, second.as_str(), "Vapaaehtoisia"), ("1b", &second, "", "Kokoustilat")]
    {
        let input = NoteInput {
            question: question.into(),
            author: author.clone(),
            about: about.into(),
            text: text.into(),
            ..Default::default()
        };
        post_note(&app.store, &app.live, id, NoteWriter::Facilitator(Some(&by)), &input, app.change())
            .await
            .unwrap();
    }
    open(&c, &app.url(&format!("/workshops/{id}/map")), "svg.vn-map").await;
    checks.axe(&c, "fi: value network map").await;
    let node = format!(".vn-node[data-node='{first}']");
    let x = |c: &Client, css: String| {
        let c = c.clone();
        async move { attr(&c, &format!("{css} rect"), "x").await.parse::<f64>().unwrap() }
    };
    let apart = x(&c, node.clone()).await - x(&c, ".vn-node[data-node='clients']".into()).await;
    c.execute(
        &format!(
            "const n = document.querySelector(\"{node}\"); n.focus(); for (let i = 0; i < 3; i++) \
             n.dispatchEvent(new KeyboardEvent('keydown', {{key: 'ArrowRight', bubbles: true}}));"
        ),
        Vec::new(),
    )
    .await
    .unwrap();
    checks.expect(attr(&c, &node, "transform").await == "translate(30 0)", "three steps of 10 to the right");
    checks.expect(
        attr(&c, &format!(".vn-flow[data-from='{first}']"), "class").await.contains("vn-hl"),
        "the focused party's flows are highlighted",
    );
    wait(&c, "the save button", Locator::Css("#map-positions:not([hidden]) button")).await;
    checks.axe(&c, "fi: value network map with a party moved").await;
    click(&c, "#map-positions button").await;
    wait_notice(&c, "Muutokset tallennettiin.").await;
    let moved = x(&c, node.clone()).await - x(&c, ".vn-node[data-node='clients']".into()).await;
    checks.expect((moved - apart - 30.0).abs() < 0.5, &format!("saved 30 to the right: {apart} → {moved}"));
    click(&c, "button[value=reset]").await;
    // The notice is on the page already, so wait for the page without places to reset.
    wait(&c, "the map without saved places", Locator::XPath("//main[not(.//button[@value='reset'])]")).await;
    let reset = x(&c, node.clone()).await - x(&c, ".vn-node[data-node='clients']".into()).await;
    checks.expect((reset - apart).abs() < 0.5, "the automatic layout is back");
    for (label, code) in [("På svenska", "sv"), ("In English", "en")] {
        switch_language(&c, label, code).await;
        open(&c, &app.url(&format!("/workshops/{id}/map")), "svg.vn-map").await;
        checks.axe(&c, &format!("{code}: value network map")).await;
    }
    checks.finish()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_phones_reach_the_wall_live_share_the_timer_and_the_analysis_needs_only_a_keyboard() {
    with_browsers("three phones journey", three_phones_journey).await;
}

const LIBRARY: &str = "Kirjasto";
const YOUTH: &str = "Nuorisopalvelut";
const CHALLENGE: &str = "Iltatoiminnan puitteet";

/// One participant's phone: a browser of its own, in its own language, speaking for one actor.
struct Phone {
    c: Client,
    lang: &'static str,
    name: &'static str,
    actor: &'static str,
    /// The notice after a note is posted, in the phone's language.
    posted: &'static str,
}

/// Workshop I with three participants on phones of their own (in Finnish, Swedish and English):
/// their notes reach the projector wall live under their actor and question, and the timer the
/// facilitator starts, pauses, lengthens, resumes and shortens reads the same on every screen,
/// up to the words that say the time is up. A phone halfway through a note when the question
/// changes keeps the note and is offered the questions asked by then. Then the facilitator's
/// analysis by keyboard alone, and axe on the phone, wall, map, analysis, matrix, actions and
/// memo pages in every language.
async fn three_phones_journey(c: Client, app: TestApp, mut checks: Checks, sessions: Sessions) -> usize {
    use kumppani::services::workshops::{create, go_to};
    use kumppani_domain::value_network::workshop::{PlanActorInput, PlanInput};
    app.add_user(STAFF_EMAIL, kumppani_domain::role::Role::Staff, vec![]).await;
    let by = app.staff_principal();
    let plan = PlanInput {
        title: "Kylien illat".into(),
        actors: [ACTOR, LIBRARY, YOUTH]
            .iter()
            .map(|name| PlanActorInput { name: (*name).into(), ..Default::default() })
            .collect(),
        clients_name: "Kylien asukkaat".into(),
        ..Default::default()
    };
    let workshop = create(&app.store, Some(&by), &plan, app.change()).await.unwrap().workshop;
    let (id, code) = (workshop.id, workshop.join_code.as_str().to_owned());
    let key = |name: &str| {
        let actor = workshop.plan.actors.iter().find(|a| a.name == name).unwrap();
        kumppani_domain::value_network::NodeRef::Actor(actor.id).key()
    };
    for step in ["invitation", "workshop_1"] {
        go_to(&app.store, &app.live, Some(&by), id, step, app.change()).await.unwrap();
    }

    // --- The facilitator's live control, and the wall in a window of its own. ---------------
    sign_in(&c, &app, STAFF_EMAIL).await;
    open(&c, &app.url(&format!("/workshops/{id}/live")), "#timer").await;
    let control = c.window().await.unwrap();
    let wall = c.new_window(false).await.unwrap().handle;
    c.switch_to_window(wall.clone()).await.unwrap();
    open(&c, &app.url(&format!("/workshops/{id}/wall")), ".wall-columns").await;
    // A page that reloads loses this, so the notes below must arrive by the live stream.
    c.execute("window.notReloaded = true;", Vec::new()).await.unwrap();

    // --- Three people join with the code on their own phones, each for a different actor. ---
    let (fi, sv, en) = tokio::join!(sessions.open("fi"), sessions.open("sv"), sessions.open("en"));
    let phones = [
        Phone { c: fi, lang: "fi", name: "Maija", actor: ACTOR, posted: "Lappu lähetettiin." },
        Phone { c: sv, lang: "sv", name: "Stina", actor: LIBRARY, posted: "Lappen skickades." },
        Phone { c: en, lang: "en", name: "Sam", actor: YOUTH, posted: "The note was posted." },
    ];
    for (phone, question) in phones.iter().zip([
        "Mitä voit tarjota nyt kullekin toiselle läsnä olevalle toimijalle?",
        "Vad kan du nu erbjuda var och en av de andra närvarande aktörerna?",
        "What can you offer now to each other actor present?",
    ]) {
        join(phone, &app, &code).await;
        assert_eq!(attr(&phone.c, "html", "lang").await, phone.lang);
        assert_eq!(
            text(&phone.c, "#question-text").await,
            format!("1a {question}"),
            "the question in their language"
        );
    }
    c.switch_to_window(control.clone()).await.unwrap();
    wait(&c, "three participants", Locator::XPath("//span[@id='participant-count' and .='3']")).await;

    // --- Each posts an answer to 1a; the wall shows it under the question and their actor. --
    let first = [
        ("Vapaaehtoisia lukupiireihin", LIBRARY),
        ("Lokaler för läxhjälp", YOUTH),
        ("Youth volunteers for events", ACTOR),
    ];
    for (phone, (note, about)) in phones.iter().zip(first) {
        phone_posts(phone, "1a", Some(about), note).await;
    }
    c.switch_to_window(wall.clone()).await.unwrap();
    for (phone, (note, _)) in phones.iter().zip(first) {
        on_wall(&c, "1a", phone.actor, note).await;
    }
    checks.expect(
        c.execute("return window.notReloaded === true;", Vec::new()).await.unwrap() == json!(true),
        "the wall reloaded instead of following the notes live",
    );

    // --- The timer: started, paused, a minute more, resumed; every screen follows. ---------
    timer_action(&c, &control, "start").await;
    timer_everywhere(&c, [&control, &wall], &phones, "running", &["10:00", "9:"]).await;
    app.clock.advance(time::Duration::minutes(4));
    timer_action(&c, &control, "pause").await;
    timer_everywhere(&c, [&control, &wall], &phones, "paused", &["6:00"]).await;
    timer_action(&c, &control, "add").await;
    timer_everywhere(&c, [&control, &wall], &phones, "paused", &["7:00"]).await;
    timer_action(&c, &control, "resume").await;
    // The clock counts down in real time from 7:00, so it may already show a few seconds less.
    timer_everywhere(&c, [&control, &wall], &phones, "running", &["7:00", "6:"]).await;
    checks.axe(&c, "fi: projector wall with the timer running").await;
    for phone in &phones {
        checks.axe(&phone.c, &format!("{}: phone page with a note and the timer running", phone.lang)).await;
    }

    // --- A minute and a second before the end, the facilitator takes a minute off: every
    // screen counts the last second down and says the time is up, without a reload. The
    // server's clock stands still, so no page it renders and no update it sends says so. ------
    app.clock.advance(time::Duration::minutes(6) - time::Duration::seconds(1));
    timer_action(&c, &control, "subtract").await;
    timer_everywhere(&c, [&control, &wall], &phones, "expired", &["0:00"]).await;
    let record = app.store.workshop(id).await.unwrap().unwrap();
    assert_eq!(
        record.workshop.timer.status(app.change().now.get()),
        kumppani_domain::value_network::workshop::TimerStatus::Running,
        "the server still counts the timer as running"
    );

    // --- The facilitator jumps to 4b: the wall and the phones follow, with a fresh timer; a
    // phone halfway through a note keeps it and is offered the questions asked by now. --------
    let (typing, half_written) = (&phones[1], "Halvfärdig tanke");
    fill(&typing.c, "text", half_written).await;
    typing.c.execute("window.notReloaded = true;", Vec::new()).await.unwrap();
    c.switch_to_window(control.clone()).await.unwrap();
    c.find(Locator::Id("choose-question")).await.unwrap().select_by_value("4b").await.unwrap();
    click(&c, "form:has(#choose-question) button[type=submit]").await;
    for phone in &phones {
        wait(&phone.c, "the phone on 4b", Locator::Css("#question-text[data-question='4b']")).await;
        wait(&phone.c, "3a asked by now", Locator::Css("#question option[value='3a']")).await;
    }
    let p = &typing.c;
    checks.expect(
        p.execute("return window.notReloaded === true;", Vec::new()).await.unwrap() == json!(true),
        "the phone with a note half written reloaded and lost it",
    );
    checks.expect(value(p, "text").await == half_written, "the half-written note is kept");
    checks.expect(value(p, "question").await == "1a", "the question the note answers stays chosen");
    let offered = p
        .execute(
            "return Array.from(document.querySelectorAll('#question option'), o => o.value);",
            Vec::new(),
        )
        .await
        .unwrap();
    checks.expect(
        offered == json!(["1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b"]),
        &format!("every question up to 4b is offered, not {offered}"),
    );
    checks.expect(
        text(p, "#question option[value='4b']").await == "4b Vilka utmaningar hör till tjänsteproduktionen?",
        "the new question is offered in the phone's language",
    );
    c.switch_to_window(wall.clone()).await.unwrap();
    wait(&c, "the wall on 4b", Locator::Css(".wall-question-section[data-question='4b']")).await;
    timer_everywhere(&c, [&control, &wall], &phones, "ready", &["10:00"]).await;

    // --- With every question on the wall, strengths and challenges land in their places. ----
    c.switch_to_window(wall.clone()).await.unwrap();
    open(&c, &app.url(&format!("/workshops/{id}/wall?q=all")), ".wall-question-section[data-question='4b']")
        .await;
    c.execute("window.notReloaded = true;", Vec::new()).await.unwrap();
    let second = [
        (0, "3a", "Vapaaehtoisten verkosto"),
        (0, "4a", "Kuljetukset puuttuvat"),
        (1, "3b", "Bokbussen kör till byarna"),
        (1, "4b", "Inga lokaler på kvällarna"),
        (2, "3a", "Youth workers at weekends"),
    ];
    for (phone, question, note) in second {
        phone_posts(&phones[phone], question, None, note).await;
    }
    for (phone, question, note) in second {
        on_wall(&c, question, phones[phone].actor, note).await;
    }
    checks.expect(
        c.execute("return window.notReloaded === true;", Vec::new()).await.unwrap() == json!(true),
        "the wall with every question reloaded instead of following the notes live",
    );
    c.close_window().await.unwrap();
    c.switch_to_window(control.clone()).await.unwrap();

    // --- On to the analysis: the phones turn read-only and offer the memo and the map. ------
    open(&c, &app.url(&format!("/workshops/{id}")), "#step").await;
    click(&c, "#step button[value=analysis]").await;
    wait_notice(&c, "Vaihe vaihdettiin.").await;
    for phone in &phones {
        wait(&phone.c, "the memo link", Locator::Css(&format!("main a[href='/workshops/{id}/memo']"))).await;
        checks.expect(
            phone.c.find_all(Locator::Id("note-form")).await.unwrap().is_empty(),
            &format!("{}: the phone still offers the note form after workshop I", phone.lang),
        );
        open(&phone.c, &app.url(&format!("/workshops/{id}/memo")), "article.memo").await;
        checks.axe(&phone.c, &format!("{}: memo as a participant", phone.lang)).await;
        open(&phone.c, &app.url(&format!("/workshops/{id}/map")), "svg.vn-map").await;
        checks.axe(&phone.c, &format!("{}: value network map as a participant", phone.lang)).await;
    }
    sessions.close_all().await;

    // --- The analysis by keyboard alone: a challenge from the 4a/4b notes, with its needs and
    // the strengths that help. -----------------------------------------------------------------
    let notes = app.store.workshop_notes(id).await.unwrap();
    let note_id = |text: &str| notes.iter().find(|n| n.note.details.text == text).unwrap().note.id;
    open(&c, &app.url(&format!("/workshops/{id}/analysis")), "#name").await;
    press(&c, &Key::Tab).await;
    let skip = focus(&c, "a.skip-link").await;
    assert!(skip.matches && skip.ring, "the first Tab shows the skip link, not {skip:?}");
    press(&c, &Key::Enter).await;
    assert!(focus(&c, "main").await.matches, "the skip link takes the focus to the content");
    tab_to(&c, &mut checks, "#name", 6).await;
    // Enter with nothing typed: the form comes back with the error, and the focus on it.
    press(&c, &Key::Enter).await;
    wait(&c, "the error summary", Locator::Css("#error-summary")).await;
    assert!(focus(&c, "#error-summary").await.matches, "the focus is on the error summary");
    checks.axe(&c, "fi: analysis with an error").await;
    tab_to(&c, &mut checks, "#error-summary a[href='#name']", 1).await;
    press(&c, &Key::Enter).await;
    let name = focus(&c, "#name").await;
    assert!(name.matches, "the summary's link takes the focus to the field, not {name:?}");
    press(&c, CHALLENGE).await;
    tab_to(&c, &mut checks, "#needs", 1).await;
    press(&c, &format!("Kuljetus{}Iltaisin avoimet tilat", Key::Enter)).await;
    for (css, text) in [
        ("#cn-", "Kuljetukset puuttuvat"),
        ("#cn-", "Inga lokaler på kvällarna"),
        ("#st-", "Vapaaehtoisten verkosto"),
        ("#st-", "Bokbussen kör till byarna"),
    ] {
        let checkbox = format!("{css}{}", note_id(text));
        let reached = tab_to(&c, &mut checks, &checkbox, 6).await;
        assert!(reached.text.starts_with(text), "the checkbox is labelled with the note: {reached:?}");
        press(&c, &Key::Space).await;
        assert!(focus(&c, &checkbox).await.checked, "Space ticks “{text}”");
    }
    tab_to(&c, &mut checks, "form[action$='/challenges'] button[type=submit]", 4).await;
    press(&c, &Key::Enter).await;
    wait_notice(&c, "Muutokset tallennettiin.").await;
    let analysis = kumppani::services::workshop_analysis::analysis(&app.store, Some(&by), id).await.unwrap();
    let [challenge] = analysis.challenges.as_slice() else {
        panic!("one challenge: {:?}", analysis.challenges)
    };
    let saved = &challenge.details;
    assert_eq!(saved.name, CHALLENGE);
    assert_eq!(saved.needs, ["Kuljetus", "Iltaisin avoimet tilat"]);
    let mut notes_linked = saved.challenge_notes.clone();
    notes_linked.sort();
    let mut expected = vec![note_id("Kuljetukset puuttuvat"), note_id("Inga lokaler på kvällarna")];
    expected.sort();
    assert_eq!(notes_linked, expected, "the two challenge notes");
    let mut strengths = saved.strengths.clone();
    strengths.sort();
    let mut expected = vec![note_id("Vapaaehtoisten verkosto"), note_id("Bokbussen kör till byarna")];
    expected.sort();
    assert_eq!(strengths, expected, "the two strengths, not the third one");
    checks.axe(&c, "fi: analysis with a challenge").await;

    // --- The lead and a partner recorded in the matrix, by keyboard. --------------------------
    let cid = challenge.id;
    open(&c, &app.url(&format!("/workshops/{id}/matrix")), &format!("#challenge-{cid}")).await;
    // Past the header by the skip link.
    press(&c, &format!("{}{}", Key::Tab, Key::Enter)).await;
    let lead = format!("#role-{cid}-{}", key(ACTOR));
    tab_to(&c, &mut checks, &lead, 4).await;
    press(&c, &Key::Down).await;
    assert_eq!(focus(&c, &lead).await.value, "lead", "the arrow key chooses the lead");
    let partner = format!("#role-{cid}-{}", key(LIBRARY));
    tab_to(&c, &mut checks, &partner, 1).await;
    press(&c, &format!("{}{}", Key::Down, Key::Down)).await;
    assert_eq!(focus(&c, &partner).await.value, "partner");
    tab_to(&c, &mut checks, &format!("#challenge-{cid} button[type=submit]"), 2).await;
    press(&c, &Key::Enter).await;
    wait_notice(&c, "Muutokset tallennettiin.").await;
    assert!(
        text(&c, "table.matrix").await.contains("Kirjatut roolit: Vetäjä: Hopeasiipi ry, Kumppani: Kirjasto"),
        "the matrix shows the roles"
    );
    // The page opens at the challenge just saved, so the next Tab goes on from there.
    press(&c, &Key::Tab).await;
    let next = focus(&c, &format!("#challenge-{cid} select")).await;
    checks.expect(next.matches, &format!("after saving the roles Tab went to {next:?}"));
    let analysis = kumppani::services::workshop_analysis::analysis(&app.store, Some(&by), id).await.unwrap();
    let roles: Vec<(String, &str)> =
        analysis.challenges[0].details.roles.iter().map(|r| (r.node.key(), r.role.as_str())).collect();
    assert_eq!(roles, [(key(ACTOR), "lead"), (key(LIBRARY), "partner")]);

    // --- An action for workshop II, then every analysis page in every language. -------------
    let action = kumppani_domain::value_network::actions::ActionInput {
        challenge_id: cid.to_string(),
        title: "Iltakyyti".into(),
        steps: vec!["Kysytään kuljettajia".into(), "Sovitaan vuorot".into()],
        owner: key(ACTOR),
        follow_up_by: "Maija".into(),
        review_on: "31.3.2027".into(),
        flows: vec![kumppani_domain::value_network::actions::PlannedFlowInput {
            from: key(ACTOR),
            to: "clients".into(),
            value: "Kyyti iltatapahtumiin".into(),
            tangibility: String::new(),
        }],
        ..Default::default()
    };
    kumppani::services::workshop_analysis::save_action(
        &app.store,
        Some(&by),
        id,
        None,
        &action,
        app.change(),
    )
    .await
    .unwrap();
    let pages = [
        (format!("/workshops/{id}/analysis"), "analysis"),
        (format!("/workshops/{id}/challenges/{cid}"), "challenge form"),
        (format!("/workshops/{id}/matrix"), "matrix"),
        (format!("/workshops/{id}/actions"), "actions"),
        (format!("/workshops/{id}/memo"), "memo"),
        (format!("/workshops/{id}/map/future"), "future map"),
        (format!("/workshops/{id}/map/compare"), "current and future maps"),
    ];
    for (path, what) in &pages[1..] {
        open(&c, &app.url(path), "h1").await;
        checks.axe(&c, &format!("fi: {what}")).await;
    }
    for (label, code) in [("På svenska", "sv"), ("In English", "en")] {
        switch_language(&c, label, code).await;
        for (path, what) in &pages {
            open(&c, &app.url(path), "h1").await;
            checks.axe(&c, &format!("{code}: {what}")).await;
        }
    }
    checks.finish()
}

/// Joins with the code on the phone, as the phone's person for the phone's actor.
async fn join(phone: &Phone, app: &TestApp, code: &str) {
    let p = &phone.c;
    open(p, &app.url("/join"), "#code").await;
    fill(p, "code", code).await;
    click(p, "main .form-actions button[type=submit]").await;
    wait(p, "the join details", Locator::Css("#represents")).await;
    fill(p, "name", phone.name).await;
    let actor = format!("//fieldset[@id='represents']//label[normalize-space()='{}']", phone.actor);
    p.find(Locator::XPath(&actor)).await.unwrap().click().await.unwrap();
    click(p, "main .form-actions button[type=submit]").await;
    wait(p, "the phone page", Locator::Css("#note-form")).await;
}

/// Posts a note from the phone and waits for it in the phone's own list.
async fn phone_posts(phone: &Phone, question: &str, about: Option<&str>, note: &str) {
    let p = &phone.c;
    p.find(Locator::Id("question")).await.unwrap().select_by_value(question).await.unwrap();
    if let Some(about) = about {
        p.find(Locator::Id("about")).await.unwrap().select_by_label(about).await.unwrap();
    }
    fill(p, "text", note).await;
    click(p, "#note-form button[type=submit]").await;
    let own = format!("//ul[@id='own-notes']/li[contains(., '{note}')]");
    wait(p, &format!("“{note}” among {}’s notes", phone.name), Locator::XPath(&own)).await;
    // Posted by script, the page stays, so the notice must come through a live region.
    let notice = format!("//*[@role='status']//*[normalize-space()='{}']", phone.posted);
    wait(p, &format!("the notice “{}”", phone.posted), Locator::XPath(&notice)).await;
}

/// Waits for a note on the wall, under its question and in its actor's column.
async fn on_wall(c: &Client, question: &str, actor: &str, note: &str) {
    let xpath = format!(
        "//section[@data-question='{question}']//section[contains(@class, 'wall-column') and \
         normalize-space(h3)='{actor}']//li[contains(., '{note}')]"
    );
    wait(c, &format!("“{note}” on the wall under {question}, {actor}"), Locator::XPath(&xpath)).await;
}

/// Presses a timer button on the facilitator's live control.
async fn timer_action(c: &Client, control: &WindowHandle, action: &str) {
    c.switch_to_window(control.clone()).await.unwrap();
    click(c, &format!("#timer-controls button[value={action}]")).await;
}

/// Waits until the facilitator's windows and every phone show the timer in `status`, in words
/// in their language, with a clock that starts with one of `clock`.
async fn timer_everywhere(
    c: &Client,
    windows: [&WindowHandle; 2],
    phones: &[Phone],
    status: &str,
    clock: &[&str],
) {
    let clock = clock.iter().map(|c| format!("starts-with(normalize-space(), '{c}')")).collect::<Vec<_>>();
    let xpath = |lang: &str| {
        let words = match (lang, status) {
            ("fi", "ready") => "ei käynnistetty",
            ("fi", "running") => "käynnissä",
            ("fi", "paused") => "tauolla",
            ("fi", "expired") => "aika loppui",
            ("sv", "ready") => "inte startad",
            ("sv", "running") => "pågår",
            ("sv", "paused") => "pausad",
            ("sv", "expired") => "tiden är slut",
            ("en", "ready") => "not started",
            ("en", "running") => "running",
            ("en", "paused") => "paused",
            ("en", "expired") => "time is up",
            _ => unreachable!("no words for {status} in {lang}"),
        };
        format!(
            "//p[@id='timer' and @data-status='{status}' and span[@id='timer-status' and \
             normalize-space()='({words})'] and strong[@id='timer-clock' and ({})]]",
            clock.join(" or ")
        )
    };
    for window in windows {
        c.switch_to_window(window.clone()).await.unwrap();
        wait(c, &format!("the timer {status} ({})", clock.join(" or ")), Locator::XPath(&xpath("fi"))).await;
    }
    for phone in phones {
        let what = format!("the timer {status} on {}’s phone ({})", phone.name, clock.join(" or "));
        wait(&phone.c, &what, Locator::XPath(&xpath(phone.lang))).await;
    }
}

/// Presses keys one after another on whatever has the focus, as a keyboard does.
async fn press(c: &Client, keys: &str) {
    let mut keyboard = KeyActions::new("keyboard".into());
    for key in keys.chars() {
        keyboard = keyboard.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    }
    c.perform_actions(keyboard).await.unwrap();
}

/// Where the keyboard focus is: whether the element matches a selector, and whether its focus
/// ring is drawn (`:focus-visible` with an outline of at least 2 px).
const FOCUS: &str = r#"
const e = document.activeElement;
const style = getComputedStyle(e);
const label = e.labels && e.labels.length ? e.labels[0].textContent : e.textContent;
return {id: e.id, tag: e.tagName.toLowerCase(), text: (label || '').replace(/\s+/g, ' ').trim().slice(0, 80),
        value: e.value === undefined ? '' : String(e.value), checked: e.checked === true,
        matches: e.matches(arguments[0]),
        ring: e.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
"#;

#[derive(Debug, serde::Deserialize)]
struct Focus {
    id: String,
    tag: String,
    text: String,
    value: String,
    checked: bool,
    matches: bool,
    ring: bool,
}

async fn focus(c: &Client, css: &str) -> Focus {
    serde_json::from_value(c.execute(FOCUS, vec![json!(css)]).await.unwrap()).unwrap()
}

/// Presses Tab until the focus is on `css`, at most `max` times; each stop on the way must show
/// where the focus is.
async fn tab_to(c: &Client, checks: &mut Checks, css: &str, max: usize) -> Focus {
    let mut stops = Vec::new();
    for _ in 0..max {
        press(c, &Key::Tab).await;
        let now = focus(c, css).await;
        checks.expect(now.ring, &format!("the keyboard focus is not visible on {now:?}"));
        if now.matches {
            return now;
        }
        stops.push(format!("{} #{} “{}”", now.tag, now.id, now.text));
    }
    panic!("{css} not reached with {max} presses of Tab; the focus went to {}", stops.join(", "));
}

async fn sign_in(c: &Client, app: &TestApp, email: &str) {
    open(c, &app.url("/login"), "#email").await;
    fill(c, "email", email).await;
    fill(c, "password", support::PASSWORD).await;
    click(c, "main form button[type=submit]").await;
    wait(c, "the signed-in header", Locator::Css("a.user-name")).await;
}

async fn sign_out(c: &Client) {
    click(c, "form[action='/logout'] button").await;
    wait(c, "the signed-out header", Locator::Css("a[href='/login']")).await;
}

/// Sets a field's value directly: date inputs take keystrokes in the browser's locale format.
async fn set_value(c: &Client, id: &str, value: &str) {
    c.execute("document.getElementById(arguments[0]).value = arguments[1];", vec![json!(id), json!(value)])
        .await
        .unwrap();
}

/// Fills the new-actor form with a wrong check digit and waits for the error in this language.
async fn submit_bad_business_id(c: &Client, app: &TestApp, message: &str) {
    open(c, &app.url("/actors/new"), "#name_fi").await;
    fill(c, "name_fi", "Virheellinen ry").await;
    c.find(Locator::Id("sector")).await.unwrap().select_by_value("association").await.unwrap();
    fill(c, "business_id", BAD_BUSINESS_ID).await;
    click(c, "main .form-actions button[type=submit]").await;
    let error = wait(c, "the Y-tunnus error", Locator::Css("#business_id-error")).await;
    let text = error.text().await.unwrap();
    assert!(text.starts_with(message), "expected “{message}…”, got “{text}”");
    wait(c, "the error summary", Locator::Css("#error-summary")).await;
}

/// Runs axe-core on pages and collects its findings, along with other failed expectations that
/// need not stop the journey, to report them all at the end.
struct Checks {
    axe_source: String,
    pages: usize,
    failures: Vec<String>,
}

impl Checks {
    async fn axe(&mut self, c: &Client, page: &str) {
        c.execute(&self.axe_source, Vec::new()).await.unwrap();
        let result = c.execute_async(AXE_RUN, Vec::new()).await.unwrap();
        if let Some(error) = result.get("error") {
            panic!("axe failed on {page}: {error}");
        }
        // Guards against a run that checked nothing (a renamed tag, say) and so found nothing.
        assert!(result["passes"].as_u64().unwrap() > 0, "axe ran no rules on {page}");
        self.pages += 1;
        let url = c.current_url().await.unwrap();
        for violation in result["violations"].as_array().unwrap() {
            let mut report = format!(
                "axe: {page} ({}): {} [{}] {}\n    {}",
                url.path(),
                str_of(&violation["id"]),
                str_of(&violation["impact"]),
                str_of(&violation["help"]),
                str_of(&violation["helpUrl"]),
            );
            for node in violation["nodes"].as_array().unwrap() {
                let target: Vec<&str> = node["target"].as_array().unwrap().iter().map(str_of).collect();
                report.push_str(&format!("\n    - {}  {}", target.join(" >> "), str_of(&node["html"])));
            }
            println!("{report}");
            self.failures.push(report);
        }
    }

    fn expect(&mut self, ok: bool, failure: &str) {
        if !ok {
            println!("{failure}");
            self.failures.push(failure.to_owned());
        }
    }

    fn finish(self) -> usize {
        assert!(
            self.failures.is_empty(),
            "{} problem(s) found ({} pages checked with axe for WCAG 2.1 A/AA):\n{}",
            self.failures.len(),
            self.pages,
            self.failures.join("\n")
        );
        self.pages
    }
}

fn str_of(value: &Value) -> &str {
    value.as_str().unwrap_or("-")
}

/// Goes to a page and waits until `ready` (a CSS selector) is on it.
async fn open(c: &Client, url: &str, ready: &str) {
    c.goto(url).await.unwrap_or_else(|e| panic!("could not open {url}: {e}"));
    wait(c, ready, Locator::Css(ready)).await;
}

/// Waits for an element, and fails with where the browser is if it does not come.
async fn wait(c: &Client, what: &str, locator: Locator<'_>) -> Element {
    match c.wait().at_most(WAIT).every(Duration::from_millis(50)).for_element(locator).await {
        Ok(element) => element,
        Err(e) => {
            let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
            let heading = match c.find(Locator::Css("h1")).await {
                Ok(h1) => h1.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            panic!("waited in vain for {what} ({e}) on {url}, page heading “{heading}”");
        }
    }
}

fn notice_xpath(notice: &str) -> String {
    format!("//div[contains(@class, 'notice')]/p[normalize-space()='{notice}']")
}

async fn wait_notice(c: &Client, notice: &str) {
    wait(c, &format!("the notice “{notice}”"), Locator::XPath(&notice_xpath(notice))).await;
}

/// Clicks a header language button and waits for the page to come back in that language.
async fn switch_language(c: &Client, label: &str, code: &str) {
    let xpath = format!("//form[@action='/language']//button[normalize-space()='{label}']");
    c.find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no “{label}” button in the header: {e}"))
        .click()
        .await
        .unwrap();
    wait(c, &format!("the page in “{code}”"), Locator::Css(&format!("html[lang='{code}']"))).await;
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("nothing to click at {css}: {e}"))
        .click()
        .await
        .unwrap();
}

async fn fill(c: &Client, id: &str, value: &str) {
    let field = c.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("no field #{id}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

async fn text(c: &Client, css: &str) -> String {
    let element = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("nothing at {css}: {e}"));
    element.text().await.unwrap().trim().to_owned()
}

async fn attr(c: &Client, css: &str, name: &str) -> String {
    let element = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("nothing at {css}: {e}"));
    element.attr(name).await.unwrap().unwrap_or_default()
}

/// The current value of a form field, as typed (not the HTML attribute).
async fn value(c: &Client, id: &str) -> String {
    let element = c.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("no field #{id}: {e}"));
    element.prop("value").await.unwrap().unwrap_or_default()
}

/// The actor names in the result list, in order.
async fn card_names(c: &Client) -> Vec<String> {
    let mut names = Vec::new();
    for link in c.find_all(Locator::Css("#results .card h2 a")).await.unwrap() {
        names.push(link.text().await.unwrap());
    }
    names
}

//! Live workshop benchmark (issue #4): a room of phones on one workshop. Starts the release
//! server on a fresh database, plans a workshop through its pages, joins the participants over
//! HTTP (each its own cookie jar), opens every one's live stream plus the facilitator's, and has
//! each participant post a note at a fixed interval; every stream records when each note arrives.
//!
//! ```sh
//! bench/live.sh                                  # builds release, runs, writes target/bench/live.md
//! bench/live.sh --database-url postgres://postgres@127.0.0.1:5432/postgres
//! ```
//!
//! Each note's text carries its id and the instant the client sent it, so the latency from
//! sending to arrival is measured on one clock. See `bench/README.md`.
#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark program: a broken set-up should stop it loudly, and it reports on standard output"
)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::Value;
use tokio::sync::watch;

mod common;

use common::{
    Backend, CpuSample, Server, bench_dir, browser, clock_ticks_per_second, field_value, git_describe,
    kumppani, parse_duration, percentile_ms, pg_exec, proc_status_kb, remove_sqlite, server_binary, sign_in,
    sqlite_url, wait_quiet,
};

const STAFF_EMAIL: &str = "fasilitaattori@turku.fi";
const STAFF_PASSWORD: &str = "työpajan suora lähetys kestää";
/// What the text of every benchmark note starts its id with: `lb:<participant>:<note>:<µs>`.
const MARKER: &str = "lb:";
const PG_DATABASE: &str = "kumppani_live_bench";
/// The actors of the planned workshop, as a real service-network workshop might have.
const ACTORS: [&str; 8] = [
    "Turun kaupungin hyvinvointitoimiala",
    "Varissuon Asukasyhdistys ry",
    "LINKKU-hanke",
    "Turun Seudun Muistiyhdistys ry",
    "Vanhusneuvosto",
    "Föli-liikenne",
    "Seurakuntayhtymä",
    "Opiskelijakunta TYY",
];

#[derive(Parser, Debug)]
#[command(about = "Kumppani live workshop benchmark: notes from a room of phones to every phone")]
struct Args {
    /// Simulated participants, each with its own cookie jar, connections and live stream.
    #[arg(long, default_value_t = 200)]
    participants: usize,
    /// Each participant posts a note this often (their starts are spread over one interval).
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    interval: Duration,
    /// How long the participants keep posting.
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    duration: Duration,
    /// After the last post, how long to wait for outstanding deliveries.
    #[arg(long, default_value = "15s", value_parser = parse_duration)]
    drain: Duration,
    /// The target: p99 from sending a note to its arrival at every other connected client.
    #[arg(long, default_value_t = 250.0)]
    target_p99_ms: f64,
    /// A PostgreSQL admin URL such as `postgres://postgres@127.0.0.1:5432/postgres`, on whose
    /// server the benchmark creates and drops its own database. Default: a fresh SQLite file
    /// under target/bench/.
    #[arg(long)]
    database_url: Option<String>,
    /// The server binary; default: `kumppani` next to this example's directory
    /// (target/release/kumppani), or KUMPPANI_BIN.
    #[arg(long, env = "KUMPPANI_BIN")]
    server: Option<PathBuf>,
    /// Before posting, wait up to this long for other processes (builds, tests) to leave the
    /// CPU to the benchmark; 0s to start at once.
    #[arg(long, default_value = "120s", value_parser = parse_duration)]
    quiet_wait: Duration,
}

// ---------------------------------------------------------------------------------------------
// The database and the server process

/// A fresh, empty database; its URL.
async fn create_database(backend: &Backend) -> String {
    match backend {
        Backend::Sqlite { file } => {
            remove_sqlite(file);
            sqlite_url(file)
        }
        Backend::Postgres { admin_url, base } => {
            drop_database(backend).await;
            pg_exec(admin_url, format!("CREATE DATABASE {PG_DATABASE}")).await;
            format!("{base}/{PG_DATABASE}")
        }
    }
}

async fn drop_database(backend: &Backend) {
    match backend {
        Backend::Sqlite { file } => remove_sqlite(file),
        Backend::Postgres { admin_url, .. } => {
            pg_exec(admin_url, format!("DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")).await;
        }
    }
}

/// Runs a `kumppani` command on the database (migrations, the staff account), as an operator.
fn run_cli(binary: &Path, database_url: &str, args: &[&str]) {
    let output = kumppani(binary, database_url, "live-data")
        .args(args)
        .env("KUMPPANI_PASSWORD", STAFF_PASSWORD)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "kumppani {} failed: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// The load on the machine, before and after

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Clients: the facilitator and the phones

fn client() -> reqwest::Client {
    browser()
        // Per read, not per request: the live streams stay open for the whole run.
        .read_timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// Every value of the `name="<name>"` inputs of a page, in order.
fn field_values(page: &str, name: &str) -> Vec<String> {
    let marker = format!("name=\"{name}\" value=\"");
    page.match_indices(&marker)
        .map(|(at, _)| {
            let from = at + marker.len();
            page[from..from + page[from..].find('"').unwrap()].to_owned()
        })
        .collect()
}

/// Posts a staff form with the session's CSRF token; the answer must be a redirect.
async fn staff_post(staff: &reqwest::Client, server: &Server, path: &str, fields: &[(&str, &str)]) {
    let page = staff.get(server.url("/workshops")).send().await.unwrap().text().await.unwrap();
    let token = field_value(&page, "csrf_token");
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    let response = staff.post(server.url(path)).form(&form).send().await.unwrap();
    let status = response.status();
    assert_eq!(status, 303, "POST {path}: {}", response.text().await.unwrap_or_default());
}

/// Plans a workshop of eight actors and opens it for joining; its id and join code.
async fn plan_workshop(staff: &reqwest::Client, server: &Server) -> (String, String) {
    let mut fields = vec![
        ("title", "Palvelubussin verkosto — suora lähetys".to_owned()),
        ("purposes", "missing_service".to_owned()),
        ("clients_name", "Asukkaat".to_owned()),
    ];
    let names: Vec<String> = (0..ACTORS.len()).map(|i| format!("actors[{i}].name")).collect();
    for (name, actor) in names.iter().zip(ACTORS) {
        fields.push((name.as_str(), actor.to_owned()));
    }
    let page = staff.get(server.url("/workshops/new")).send().await.unwrap().text().await.unwrap();
    let token = field_value(&page, "csrf_token");
    let mut form: Vec<(&str, &str)> = vec![("csrf_token", &token)];
    form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    let created = staff.post(server.url("/workshops")).form(&form).send().await.unwrap();
    if created.status() != 303 {
        panic!("planning the workshop failed: {}", created.text().await.unwrap_or_default());
    }
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let id = location.trim_start_matches("/workshops/").split('?').next().unwrap().to_owned();
    staff_post(staff, server, &format!("/workshops/{id}/step"), &[("step", "invitation")]).await;
    let api: Value =
        staff.get(server.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap().json().await.unwrap();
    let code = api["workshop"]["join_code"].as_str().unwrap().to_owned();
    (id, code)
}

/// A phone that has joined: its cookie jar holds the participant cookie.
struct Phone {
    index: usize,
    client: reqwest::Client,
}

/// Joins as a browser does: the code's page, then its form with a name and a party.
async fn join(server: &Server, code: &str, index: usize) -> Phone {
    let client = client();
    let page = client.get(server.url(&format!("/join/{code}"))).send().await.unwrap().text().await.unwrap();
    let token = field_value(&page, "csrf_token");
    let parties = field_values(&page, "represents");
    let name = format!("Osallistuja {}", index + 1);
    let party = &parties[index % parties.len()];
    let response = client
        .post(server.url(&format!("/join/{code}")))
        .form(&[("csrf_token", token.as_str()), ("name", &name), ("represents", party)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "participant {index} could not join");
    Phone { index, client }
}

/// Which stream: a participant's (by index) or the facilitator's.
const FACILITATOR: usize = usize::MAX;

/// What one live stream saw: every note event's participant, note number and latency.
#[derive(Default)]
struct StreamLog {
    owner: usize,
    arrivals: Vec<(u16, u16, u32)>,
    duplicates: u64,
    ended_early: bool,
}

/// A note's id and send instant from the text, `lb:<participant>:<note>:<µs>`.
fn parse_marker(event: &str) -> Option<(u16, u16, u64)> {
    let at = event.find(MARKER)? + MARKER.len();
    let mut parts = event[at..].splitn(3, ':');
    let participant = parts.next()?.parse().ok()?;
    let note = parts.next()?.parse().ok()?;
    let rest = parts.next()?;
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    Some((participant, note, rest[..end].parse().ok()?))
}

/// Opens a live stream and waits for its first state event; then reads until `stop`.
async fn open_stream(
    client: reqwest::Client,
    url: String,
    owner: usize,
    epoch: Instant,
    delivered: Arc<AtomicU64>,
    mut stop: watch::Receiver<bool>,
) -> (tokio::sync::oneshot::Receiver<()>, tokio::task::JoinHandle<StreamLog>) {
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let task = tokio::spawn(async move {
        let mut log = StreamLog { owner, ..StreamLog::default() };
        let mut response = client.get(&url).send().await.unwrap();
        assert_eq!(response.status(), 200, "stream of {owner} refused");
        let mut ready = Some(ready_tx);
        let mut seen = HashSet::new();
        let mut buffer = String::new();
        loop {
            let chunk = tokio::select! {
                chunk = response.chunk() => chunk,
                _ = stop.changed() => break,
            };
            let Ok(Some(bytes)) = chunk else {
                log.ended_early = true;
                break;
            };
            let arrived = epoch.elapsed().as_micros() as u64;
            buffer.push_str(&String::from_utf8_lossy(&bytes));
            while let Some(end) = buffer.find("\n\n") {
                let event: String = buffer.drain(..end + 2).collect();
                if event.contains("event: state") {
                    if let Some(ready) = ready.take() {
                        let _ = ready.send(());
                    }
                } else if event.contains("event: note")
                    && let Some((participant, note, sent)) = parse_marker(&event)
                {
                    if seen.insert((participant, note)) {
                        log.arrivals.push((participant, note, arrived.saturating_sub(sent) as u32));
                        delivered.fetch_add(1, Ordering::Relaxed);
                    } else {
                        log.duplicates += 1;
                    }
                }
            }
        }
        log
    });
    (ready_rx, task)
}

/// What one phone's posting loop measured.
#[derive(Default)]
struct PostLog {
    posted: Vec<(u16, u16)>,
    post_us: Vec<u32>,
    page_us: Vec<u32>,
    failures: Vec<String>,
}

/// Posts a note every `interval` from `start + offset` until `end`, as the phone's form does:
/// the POST, then the page its redirect leads to (the script follows it to refresh the form).
async fn post_notes(
    phone: Arc<Phone>,
    server_url: String,
    workshop: String,
    csrf: String,
    schedule: (tokio::time::Instant, Duration, Duration, usize),
    epoch: Instant,
) -> PostLog {
    let (start, offset, interval, count) = schedule;
    let mut log = PostLog::default();
    let action = format!("{server_url}/workshops/{workshop}/me/notes");
    for n in 0..count {
        tokio::time::sleep_until(start + offset + interval * n as u32).await;
        let sent = epoch.elapsed().as_micros() as u64;
        let text = format!("Vertaistukea ja kyytejä iltatapahtumiin {MARKER}{}:{n}:{sent}", phone.index);
        let began = Instant::now();
        let response = phone
            .client
            .post(&action)
            .form(&[("csrf_token", csrf.as_str()), ("question", "1b"), ("text", &text)])
            .send()
            .await;
        match response {
            Ok(r) if r.status() == 303 => {
                log.post_us.push(began.elapsed().as_micros() as u32);
                log.posted.push((phone.index as u16, n as u16));
                let next = r.headers()["location"].to_str().unwrap().to_owned();
                let _ = r.bytes().await;
                let began = Instant::now();
                let page = match phone.client.get(format!("{server_url}{next}")).send().await {
                    Ok(page) if page.status() == 200 => {
                        page.bytes().await.map(|_| ()).map_err(|e| e.to_string())
                    }
                    Ok(page) => Err(page.status().to_string()),
                    Err(e) => Err(e.to_string()),
                };
                match page {
                    Ok(()) => log.page_us.push(began.elapsed().as_micros() as u32),
                    Err(e) => log.failures.push(format!("page after posting: {e}")),
                }
            }
            Ok(r) => log.failures.push(format!("POST: {}", r.status())),
            Err(e) => log.failures.push(format!("POST: {e}")),
        }
    }
    log
}

/// Runs `task` for every item, at most `width` at a time, keeping the order of the items.
async fn in_parallel<T, F, R>(items: Vec<T>, width: usize, task: impl Fn(T) -> F) -> Vec<R>
where
    F: Future<Output = R>,
{
    use futures_util::StreamExt;
    futures_util::stream::iter(items.into_iter().map(task)).buffered(width).collect().await
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let binary = server_binary(args.server.as_deref(), "bench/live.sh");
    let ticks = clock_ticks_per_second();
    let backend = match &args.database_url {
        Some(url) if url.starts_with("postgres") => Backend::postgres(url),
        Some(other) => panic!("--database-url takes a PostgreSQL admin URL, not {other}"),
        None => Backend::Sqlite { file: bench_dir().join("live.db") },
    };
    let load_before = load_average();

    // 1. A fresh database with a staff account, and the server on it.
    let database_url = create_database(&backend).await;
    run_cli(&binary, &database_url, &["migrate"]);
    run_cli(&binary, &database_url, &["user", "add", "--email", STAFF_EMAIL, "--name", "Fasilitaattori"]);
    let mut server = Server::start(&binary, &database_url, "live-server.log", "live-data");
    server.wait_ready().await;
    let pid = server.pid();

    // 2. The workshop, the phones joining, workshop I with question 1b on the wall.
    let staff = sign_in(client(), &server, STAFF_EMAIL, STAFF_PASSWORD).await;
    let (workshop, code) = plan_workshop(&staff, &server).await;
    let joining = Instant::now();
    let server_ref = &server;
    let code = &code;
    let phones: Vec<Arc<Phone>> = in_parallel((0..args.participants).collect(), 8, |i| async move {
        Arc::new(join(server_ref, code, i).await)
    })
    .await;
    let join_seconds = joining.elapsed().as_secs_f64();
    eprintln!("  {} participants joined in {join_seconds:.1} s", phones.len());
    staff_post(&staff, &server, &format!("/workshops/{workshop}/step"), &[("step", "workshop_1")]).await;
    staff_post(&staff, &server, &format!("/workshops/{workshop}/question"), &[("question", "1b")]).await;
    let workshop_ref = &workshop;
    let tokens: Vec<String> = in_parallel(phones.clone(), 8, |phone| async move {
        let page = phone
            .client
            .get(server_ref.url(&format!("/workshops/{workshop_ref}/me")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let form = &page[page.find("id=\"note-form\"").expect("the note form on the phone's page")..];
        field_value(form, "csrf_token")
    })
    .await;

    // 3. Every phone's live stream and the facilitator's, all open before anyone posts.
    let epoch = Instant::now();
    let delivered = Arc::new(AtomicU64::new(0));
    let (stop_tx, stop_rx) = watch::channel(false);
    let events = server.url(&format!("/workshops/{workshop}/events"));
    let mut readies = Vec::new();
    let mut streams = Vec::new();
    let followers = phones.iter().map(|p| (p.client.clone(), p.index)).chain([(staff.clone(), FACILITATOR)]);
    for (client, owner) in followers {
        let (ready, task) =
            open_stream(client, events.clone(), owner, epoch, delivered.clone(), stop_rx.clone()).await;
        readies.push(ready);
        streams.push(task);
    }
    for ready in readies {
        ready.await.expect("a live stream ended before its first event");
    }
    eprintln!("  {} live streams open", streams.len());

    // 4. Posting: each phone every interval, their starts spread over the first interval.
    let others_before = if args.quiet_wait.is_zero() {
        f64::NAN
    } else {
        wait_quiet(Some(pid), args.quiet_wait, ticks).await
    };
    let per_phone = (args.duration.as_secs_f64() / args.interval.as_secs_f64()).round() as usize;
    let start = tokio::time::Instant::now() + Duration::from_millis(200);
    let cpu_start = CpuSample::take(Some(pid));
    let wall_start = Instant::now();
    let count = phones.len();
    let posters: Vec<_> = phones
        .iter()
        .zip(tokens)
        .map(|(phone, csrf)| {
            let offset = args.interval.mul_f64(phone.index as f64 / count as f64);
            tokio::spawn(post_notes(
                phone.clone(),
                server.address.clone(),
                workshop.clone(),
                csrf,
                (start, offset, args.interval, per_phone),
                epoch,
            ))
        })
        .collect();
    let mut posts = PostLog::default();
    for poster in posters {
        let log = poster.await.unwrap();
        posts.posted.extend(log.posted);
        posts.post_us.extend(log.post_us);
        posts.page_us.extend(log.page_us);
        posts.failures.extend(log.failures);
    }
    let posting_seconds = wall_start.elapsed().as_secs_f64();
    let streams_count = streams.len() as u64;
    let all_arrivals = posts.posted.len() as u64 * streams_count;
    let drain_deadline = Instant::now() + args.drain;
    while delivered.load(Ordering::Relaxed) < all_arrivals && Instant::now() < drain_deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let wall_seconds = wall_start.elapsed().as_secs_f64();
    let cpu_end = CpuSample::take(Some(pid));
    let _ = stop_tx.send(true);
    let mut logs = Vec::new();
    for stream in streams {
        logs.push(stream.await.unwrap());
    }
    let peak_kb = proc_status_kb(pid, "VmHWM").unwrap_or(0);

    // 5. Every posted note is stored: the notes as the API gives them.
    server.assert_running(" during the run");
    let stored: Value = staff
        .get(server.url(&format!("/api/v1/workshops/{workshop}/notes")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stored: HashSet<(u16, u16)> = stored["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| parse_marker(n["text"].as_str()?).map(|(p, n, _)| (p, n)))
        .collect();
    let posted: HashSet<(u16, u16)> = posts.posted.iter().copied().collect();
    let missing_in_db = posted.difference(&stored).count();
    server.stop();
    drop_database(&backend).await;
    let load_after = load_average();

    // 6. The report.
    let mut latencies: Vec<u32> = Vec::new();
    let mut own_received = 0u64;
    let mut duplicates = 0u64;
    let mut ended_early = 0usize;
    for log in &logs {
        duplicates += log.duplicates;
        ended_early += usize::from(log.ended_early);
        for &(participant, _, latency) in &log.arrivals {
            if usize::from(participant) == log.owner {
                own_received += 1;
            } else {
                latencies.push(latency);
            }
        }
    }
    latencies.sort_unstable();
    posts.post_us.sort_unstable();
    posts.page_us.sort_unstable();
    let notes = posts.posted.len() as u64;
    let expected = notes * (streams_count - 1);
    let received = latencies.len() as u64;
    let lost = expected.saturating_sub(received);
    let (server_cpu, client_cpu, other_cpu) = cpu_end.since(cpu_start, ticks);
    let (server_cores, client_cores, other_cores) =
        (server_cpu / wall_seconds, client_cpu / wall_seconds, other_cpu / wall_seconds);
    let server_cpu_ms = server_cpu * 1000.0;
    let p99 = percentile_ms(&latencies, 99.0);
    let pass = lost == 0 && missing_in_db == 0 && posts.failures.is_empty() && p99 <= args.target_p99_ms;

    let mut report = String::new();
    let _ = writeln!(report, "# Kumppani live workshop benchmark — {}\n", backend.name());
    let _ = writeln!(
        report,
        "- when: {} · commit {} · load average before {load_before}, after {load_after}",
        time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap(),
        git_describe()
    );
    let _ = writeln!(
        report,
        "- {} participants joined over HTTP in {join_seconds:.1} s (own cookie jar each, from 127.0.0.1); {} live streams ({} phones + the facilitator)",
        phones.len(),
        streams_count,
        phones.len()
    );
    let _ = writeln!(
        report,
        "- each phone posts a note (question 1b) every {:.0} s for {:.0} s, starts spread over the first interval, and loads the page the post redirects to; posting took {posting_seconds:.1} s",
        args.interval.as_secs_f64(),
        args.duration.as_secs_f64()
    );
    let _ = writeln!(
        report,
        "- CPU over {wall_seconds:.1} s, in cores of two: server {server_cores:.2} · load client {client_cores:.2} · other processes {other_cores:.2}{}",
        if others_before.is_nan() {
            String::new()
        } else {
            format!(" (others before posting: {others_before:.2})")
        }
    );
    let _ = writeln!(report, "\n| measure | value |\n| --- | ---: |");
    let rows = [
        ("notes posted", notes.to_string()),
        ("failed posts or pages", posts.failures.len().to_string()),
        ("deliveries expected (notes × other streams)", expected.to_string()),
        ("deliveries received", received.to_string()),
        ("**lost**", lost.to_string()),
        ("own notes back on the poster's stream", format!("{own_received} of {notes}")),
        ("duplicates · streams ended early", format!("{duplicates} · {ended_early}")),
        ("posted notes missing from the API afterwards", missing_in_db.to_string()),
        ("post → arrival p50 ms", format!("{:.1}", percentile_ms(&latencies, 50.0))),
        ("post → arrival p95 ms", format!("{:.1}", percentile_ms(&latencies, 95.0))),
        ("**post → arrival p99 ms**", format!("{p99:.1}")),
        ("post → arrival max ms", format!("{:.1}", percentile_ms(&latencies, 100.0))),
        (
            "POST p50 / p99 ms",
            format!(
                "{:.1} / {:.1}",
                percentile_ms(&posts.post_us, 50.0),
                percentile_ms(&posts.post_us, 99.0)
            ),
        ),
        (
            "page after the POST p50 / p99 ms",
            format!(
                "{:.1} / {:.1}",
                percentile_ms(&posts.page_us, 50.0),
                percentile_ms(&posts.page_us, 99.0)
            ),
        ),
        (
            "server CPU ms per note (post, page, fan-out)",
            format!("{:.2}", server_cpu_ms / notes.max(1) as f64),
        ),
        ("server peak memory (VmHWM)", format!("{:.0} MiB", peak_kb as f64 / 1024.0)),
    ];
    for (name, value) in rows {
        let _ = writeln!(report, "| {name} | {value} |");
    }
    if let Some(first) = posts.failures.first() {
        let _ = writeln!(report, "\n- first failure: {first}");
    }
    let _ = writeln!(
        report,
        "\n**p99 {p99:.1} ms ≤ {:.0} ms, none lost, all stored: {}**",
        args.target_p99_ms,
        if pass { "PASS" } else { "FAIL" }
    );
    print!("{report}");
    std::fs::write(bench_dir().join(format!("live-{}.md", backend.name().to_lowercase())), &report).unwrap();
}

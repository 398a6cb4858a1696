//! What the benchmarks that measure the server share (`bench.rs` and `workshop_live.rs` include
//! this file): the database they run on, the server process and the `kumppani` commands beside
//! it, the CPU and memory the machine reports, signing in as a browser does, and the commit a
//! report speaks for.
//!
//! An example is a crate of its own and dead-code checks hold it to what it includes, so only
//! what both use belongs here.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// For the duration flags: `500ms`, `20s`, `1m`; a bare number is seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or((text, "s"), |at| (&text[..at], &text[at..]));
    let value: f64 = number.parse().map_err(|_| format!("not a duration: {text}"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" | "min" => value * 60.0,
        _ => return Err(format!("unknown unit in {text} (use ms, s or m)")),
    };
    Ok(Duration::from_secs_f64(seconds))
}

// ---------------------------------------------------------------------------------------------
// The database

pub fn bench_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub enum Backend {
    Sqlite {
        file: PathBuf,
    },
    /// `base` is `admin_url` without its database, for the URLs of the databases the
    /// benchmark makes beside it.
    Postgres {
        admin_url: String,
        base: String,
    },
}

impl Backend {
    pub fn postgres(admin_url: &str) -> Backend {
        let (base, _) = admin_url.rsplit_once('/').expect("a PostgreSQL URL ends in /database");
        Backend::Postgres { admin_url: admin_url.to_owned(), base: base.to_owned() }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite { .. } => "SQLite",
            Backend::Postgres { .. } => "PostgreSQL",
        }
    }
}

pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// The database file with its write-ahead log and shared memory, which would otherwise be
/// replayed into the next database of that name.
pub fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(file));
    }
}

pub async fn pg_admin(admin_url: &str) -> sqlx::PgConnection {
    use sqlx::Connection;
    sqlx::PgConnection::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to PostgreSQL at {admin_url}: {e}"))
}

pub async fn pg_exec(admin_url: &str, sql: String) {
    let mut admin = pg_admin(admin_url).await;
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut admin).await.unwrap();
}

// ---------------------------------------------------------------------------------------------
// The server process

/// A `kumppani` command on `database_url`, run in target/bench with its files in
/// `target/bench/<data_dir>`. The developer's own config file is left out: it could point the
/// run at another database or directory.
pub fn kumppani(binary: &Path, database_url: &str, data_dir: &str) -> Command {
    let dir = bench_dir();
    let mut command = Command::new(binary);
    command
        .current_dir(&dir)
        .env_remove("KUMPPANI_CONFIG")
        .env("DATABASE_URL", database_url)
        .env("KUMPPANI_DATA_DIR", dir.join(data_dir));
    command
}

pub struct Server {
    child: Child,
    pub address: String,
    /// The file under target/bench that holds the server's output, for the reader of a panic.
    log: &'static str,
}

impl Server {
    /// `kumppani serve` on a free port, its output in `target/bench/<log>`.
    pub fn start(binary: &Path, database_url: &str, log: &'static str, data_dir: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let output = std::fs::File::create(bench_dir().join(log)).unwrap();
        let child = kumppani(binary, database_url, data_dir)
            .arg("serve")
            .env("KUMPPANI_BIND", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", std::env::var("BENCH_SERVER_LOG").unwrap_or_else(|_| "warn".into()))
            .stdout(output.try_clone().unwrap())
            .stderr(output)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        Server { child, address: format!("http://127.0.0.1:{port}"), log }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A server that has died makes every later figure meaningless; `when` tells the reader
    /// at which point it was found dead.
    pub fn assert_running(&mut self, when: &str) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("the server exited with {status}{when}; see target/bench/{}", self.log);
        }
    }

    pub async fn wait_ready(&mut self) {
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            self.assert_running("");
            if let Ok(response) = client.get(self.url("/readyz")).send().await
                && response.status().is_success()
            {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the server did not get ready in 2 minutes"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGTERM for a graceful stop, then SIGKILL if it lingers.
    pub fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = Command::new("kill").arg("-TERM").arg(self.pid().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `explicit` (`--server` or KUMPPANI_BIN), else the release server beside this example;
/// `script` is the one that builds both, for the message when there is none.
pub fn server_binary(explicit: Option<&Path>, script: &str) -> PathBuf {
    let binary = explicit.map_or_else(
        || {
            // target/release/examples/<example> → target/release/kumppani
            let exe = std::env::current_exe().unwrap();
            exe.parent().and_then(Path::parent).unwrap().join("kumppani")
        },
        Path::to_path_buf,
    );
    std::fs::canonicalize(&binary).unwrap_or_else(|_| {
        panic!(
            "no server binary at {}: run `cargo build --release --bin kumppani` ({script} does)",
            binary.display()
        )
    })
}

// ---------------------------------------------------------------------------------------------
// CPU and memory

pub fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// User plus system CPU time of a process (or this one), in clock ticks.
fn cpu_ticks(pid: Option<u32>) -> u64 {
    let path = pid.map_or_else(|| "/proc/self/stat".to_owned(), |pid| format!("/proc/{pid}/stat"));
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime); the slice starts at field 3.
    let field = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    field(11) + field(12)
}

/// Busy CPU ticks of the whole machine, from the first line of /proc/stat.
fn machine_busy_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let values: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    let total: u64 = values.iter().take(8).sum();
    total.saturating_sub(values.get(3).copied().unwrap_or(0) + values.get(4).copied().unwrap_or(0))
}

/// A snapshot of the CPU used so far by the server (if one is running), this program and the
/// whole machine: the benchmark shares the machine, so what the others use is measured too.
#[derive(Clone, Copy)]
pub struct CpuSample {
    server: u64,
    client: u64,
    machine: u64,
}

impl CpuSample {
    pub fn take(server: Option<u32>) -> CpuSample {
        CpuSample {
            server: server.map_or(0, |pid| cpu_ticks(Some(pid))),
            client: cpu_ticks(None),
            machine: machine_busy_ticks(),
        }
    }

    /// Core-seconds of CPU (server, client, other processes) used since `earlier`.
    pub fn since(self, earlier: CpuSample, ticks: f64) -> (f64, f64, f64) {
        let server = self.server.saturating_sub(earlier.server) as f64;
        let client = self.client.saturating_sub(earlier.client) as f64;
        let others = (self.machine.saturating_sub(earlier.machine) as f64 - server - client).max(0.0);
        (server / ticks, client / ticks, others / ticks)
    }
}

/// Other engineers' builds share this two-core machine: wait (up to `limit`) until they leave
/// most of it to the benchmark; returns the share of a core others used when it started.
pub async fn wait_quiet(server: Option<u32>, limit: Duration, ticks: f64) -> f64 {
    let started = Instant::now();
    let mut announced = false;
    loop {
        let before = CpuSample::take(server);
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (_, _, others) = CpuSample::take(server).since(before, ticks);
        if others < 0.25 || started.elapsed() >= limit {
            if announced {
                eprintln!(
                    "  … went on after {:.0} s (others at {:.0}%)",
                    started.elapsed().as_secs_f64(),
                    others * 100.0
                );
            }
            return others;
        }
        if !announced {
            eprintln!(
                "  waiting for other processes to quieten (they use {:.0}% of a core) …",
                others * 100.0
            );
            announced = true;
        }
    }
}

/// A `/proc/<pid>/status` value in kB, e.g. VmHWM (peak resident memory) or VmRSS.
pub fn proc_status_kb(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
}

// ---------------------------------------------------------------------------------------------
// Clients

/// A client with a cookie jar of its own, as a browser has; redirects are not followed, so
/// that the benchmarks see the ones the forms answer with.
pub fn browser() -> reqwest::ClientBuilder {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none())
}

/// The value of the first `name="<name>" value="…"` in a page.
pub fn field_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let from = page.find(&marker).unwrap_or_else(|| panic!("no {name} on the page")) + marker.len();
    page[from..from + page[from..].find('"').unwrap()].to_owned()
}

/// Signs `client` in through the login form, as a browser does.
pub async fn sign_in(
    client: reqwest::Client,
    server: &Server,
    email: &str,
    password: &str,
) -> reqwest::Client {
    let form = client.get(server.url("/login")).send().await.unwrap().text().await.unwrap();
    let token = field_value(&form, "csrf_token");
    let response = client
        .post(server.url("/login"))
        .form(&[("csrf_token", token.as_str()), ("email", email), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "signing in as {email} failed");
    client
}

// ---------------------------------------------------------------------------------------------
// Report

/// Nearest rank on sorted values, in milliseconds.
pub fn percentile_ms(sorted_us: &[u32], p: f64) -> f64 {
    if sorted_us.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted_us.len() as f64).ceil() as usize;
    f64::from(sorted_us[rank.clamp(1, sorted_us.len()) - 1]) / 1000.0
}

pub fn git_describe() -> String {
    let run = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    let commit = run(&["rev-parse", "--short", "HEAD"]);
    let dirty = !run(&["status", "--porcelain", "--untracked-files=no"]).is_empty();
    format!("{commit}{}", if dirty { " (with uncommitted changes)" } else { "" })
}

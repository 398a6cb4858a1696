//! The command line: `serve` (default), `migrate`, `demo`, `user add`, `token create`,
//! `backup`, `import actors`, `export actors`.
#![allow(clippy::print_stdout, reason = "a command line reports on standard output")]

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use kumppani_domain::actor_csv;
use kumppani_domain::role::Role;

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::error::Error;
use crate::services::transfer::{self, ExportFormat, ImportMode, ImportOptions, Requester};
use crate::services::{self, Change, accounts};
use crate::store::actors::{ActorQuery, Visibility};
use crate::store::{Db, Store};
use crate::web::error::field_message;
use crate::web::i18n::Lang;

#[derive(Parser)]
#[command(name = "kumppani", version, about = "Kumppani – partnership register and workbench")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demonstration data set (Turku's partner organisations and others, and a value
    /// network workshop).
    Demo,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Write a consistent copy of the database while the server runs.
    Backup {
        /// Where to write: a SQLite file, or for PostgreSQL a pg_dump archive.
        path: PathBuf,
    },
    /// Import records from a file.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Export records to a file.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import actors from CSV (UTF-8 or Windows-1252, `;` or `,`), all rows or none: a row with
    /// the Y-tunnus of a stored actor updates it, other rows add actors.
    Actors {
        file: PathBuf,
        /// Check every row and report, importing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the rows without problems even when other rows have some.
        #[arg(long, conflicts_with = "dry_run")]
        valid_rows_only: bool,
        /// Sector for rows that name none, as a code (association) or a name (yhdistys).
        #[arg(long)]
        sector: Option<String>,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Export every live actor with all its fields (the command line sees everything).
    Actors {
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// File to write; standard output if not given.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Json,
    Xlsx,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account; the password is read from KUMPPANI_PASSWORD or asked for.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Make the account an administrator (default: city staff).
        #[arg(long)]
        admin: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for an account and print it once.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kumppani: {e}");
            if let Error::Invalid(errors) = &e {
                for error in &errors.0 {
                    eprintln!("  {}: {}", error.field, error.code);
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let json = std::env::var("KUMPPANI_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn open_store(config: &Config) -> Result<Store, Error> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).map_err(Error::internal)?;
    }
    Ok(Store::connect(&config.database_url).await?)
}

async fn run(command: Command) -> Result<(), Error> {
    let config = Config::load().map_err(Error::internal)?;
    let store = open_store(&config).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let change = Change { user_id: None, now: clock.now() };
    match command {
        Command::Serve => serve(store.clone(), config, clock).await?,
        Command::Migrate => println!("migrations applied ({})", store.backend_name()),
        Command::Demo => {
            let added = services::demo::load(&store, change).await?;
            println!(
                "demonstration data: {} actors, {} partnerships and {} workshops added",
                added.actors, added.partnerships, added.workshops
            );
        }
        Command::User { command: UserCommand::Add { email, name, admin } } => {
            let password = read_password()?;
            let input = accounts::NewAccount {
                email,
                display_name: name,
                password_again: password.clone(),
                password,
                role: if admin { Role::Admin } else { Role::Staff }.as_str().into(),
                actor_ids: Vec::new(),
            };
            let id = accounts::create_user(&store, None, &input, change).await?;
            println!("account created: {id}");
        }
        Command::Token { command: TokenCommand::Create { email, name } } => {
            let user = store.user_by_email(&email).await?.ok_or(Error::NotFound)?;
            let token =
                accounts::create_token(&store, user.id, &name, Change { user_id: Some(user.id), ..change })
                    .await?;
            println!("{token}");
        }
        Command::Backup { path } => backup(&store, &config, &path).await?,
        Command::Import { command: ImportCommand::Actors { file, dry_run, valid_rows_only, sector } } => {
            let mode = match (dry_run, valid_rows_only) {
                (true, _) => ImportMode::DryRun,
                (false, true) => ImportMode::ValidRowsOnly,
                (false, false) => ImportMode::AllOrNothing,
            };
            import_actors(&store, &file, mode, sector.as_deref(), change).await?;
        }
        Command::Export { command: ExportCommand::Actors { format, output } } => {
            export_actors(&store, format, output.as_deref()).await?;
        }
    }
    store.close().await;
    Ok(())
}

fn read_password() -> Result<String, Error> {
    if let Ok(password) = std::env::var("KUMPPANI_PASSWORD") {
        return Ok(password);
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        print!("Password (at least 12 characters): ");
        std::io::stdout().flush().map_err(Error::internal)?;
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).map_err(Error::internal)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn backup(store: &Store, config: &Config, path: &std::path::Path) -> Result<(), Error> {
    if path.exists() {
        return Err(Error::BadRequest(format!("{} exists already", path.display())));
    }
    match &store.db {
        Db::Sqlite(pool) => {
            // VACUUM INTO writes a consistent snapshot without stopping writers.
            let target = path.to_str().ok_or_else(|| Error::BadRequest("path is not UTF-8".into()))?;
            sqlx::query("VACUUM INTO $1").bind(target).execute(pool).await?;
        }
        Db::Postgres(_) => {
            let status = std::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--file")
                .arg(path)
                .arg(&config.database_url)
                .status()
                .map_err(|e| {
                    Error::internal(format!(
                        "pg_dump could not be started ({e}); install the PostgreSQL client tools"
                    ))
                })?;
            if !status.success() {
                return Err(Error::internal(format!("pg_dump failed: {status}")));
            }
        }
    }
    println!("backup written to {}", path.display());
    Ok(())
}

/// How often the import reports its progress on standard error.
const PROGRESS_EVERY: usize = 10_000;

async fn import_actors(
    store: &Store,
    file: &std::path::Path,
    mode: ImportMode,
    sector: Option<&str>,
    change: Change,
) -> Result<(), Error> {
    let bytes =
        tokio::fs::read(file).await.map_err(|e| Error::BadRequest(format!("{}: {e}", file.display())))?;
    let default_sector = match sector {
        Some(name) => Some(
            actor_csv::parse_sector(name)
                .ok_or_else(|| Error::BadRequest(format!("unknown sector {name}")))?,
        ),
        None => None,
    };
    let started = std::time::Instant::now();
    let mut next_report = PROGRESS_EVERY;
    let mut progress = |done: usize, total: usize| {
        if done >= next_report || (done == total && total >= PROGRESS_EVERY) {
            eprintln!("{done} / {total} rows written ({:.1} s)", started.elapsed().as_secs_f64());
            next_report = (done / PROGRESS_EVERY + 1) * PROGRESS_EVERY;
        }
    };
    let options = ImportOptions { mode, default_sector };
    let report =
        match transfer::import_actors(store, Requester::CommandLine, bytes, options, change, &mut progress)
            .await
        {
            Ok(report) => report,
            Err(Error::Invalid(errors)) => {
                for error in &errors.0 {
                    eprintln!("{}: {}", file.display(), field_message(Lang::En, error));
                }
                return Err(Error::Invalid(errors));
            }
            Err(e) => return Err(e),
        };
    for problem in &report.problems {
        let column = problem.column.clone().unwrap_or_else(|| problem.error.field.clone());
        let item = problem.item.map(|i| format!(", item {i}")).unwrap_or_default();
        eprintln!("line {}, {column}{item}: {}", problem.line, field_message(Lang::En, &problem.error));
    }
    if !report.unknown_columns.is_empty() {
        eprintln!("columns not imported: {}", report.unknown_columns.join(", "));
    }
    println!(
        "{} rows ({}, delimiter {}): {} new, {} to update, {} unchanged, {} with problems",
        report.rows,
        report.encoding.label(),
        report.delimiter,
        report.new,
        report.updated,
        report.unchanged,
        report.invalid_rows
    );
    if report.imported {
        println!("imported in {:.1} s", started.elapsed().as_secs_f64());
    } else if mode == ImportMode::DryRun {
        println!("dry run: nothing imported");
    } else {
        return Err(Error::BadRequest(format!(
            "{} rows have problems, so nothing was imported (--valid-rows-only imports the others)",
            report.invalid_rows
        )));
    }
    Ok(())
}

async fn export_actors(store: &Store, format: Format, output: Option<&std::path::Path>) -> Result<(), Error> {
    let format = match format {
        Format::Csv => ExportFormat::Csv,
        Format::Json => ExportFormat::Json,
        Format::Xlsx => ExportFormat::Xlsx,
    };
    let query = ActorQuery::new(Visibility::Everything);
    let lang = Lang::default();
    let bytes = transfer::export_actors(
        store,
        Requester::CommandLine,
        &query,
        format,
        lang.code(),
        &lang.t("export-sheet-name"),
    )
    .await?;
    match output {
        Some(path) => tokio::fs::write(path, &bytes).await.map_err(Error::internal)?,
        None => std::io::stdout().lock().write_all(&bytes).map_err(Error::internal)?,
    }
    Ok(())
}

async fn serve(store: Store, config: Config, clock: Arc<dyn Clock>) -> Result<(), Error> {
    tracing::info!(config = ?config, "starting");
    let listener = tokio::net::TcpListener::bind(config.bind).await.map_err(Error::internal)?;
    let state = crate::web::state(store, config, clock).await?;
    if let Some(link) = crate::web::setup_link(&state).await? {
        println!(
            "\nKumppani has no accounts yet. Create the first administrator here (one-time link):\n\n    {link}\n"
        );
    }
    tokio::spawn(expire_sessions(state.store.clone(), state.clock.clone()));
    tracing::info!(address = %listener.local_addr().map_err(Error::internal)?, "listening");
    crate::web::serve(listener, state, shutdown_signal()).await.map_err(Error::internal)?;
    tracing::info!("stopped");
    Ok(())
}

/// Removes sessions past their idle or absolute timeout, so the table does not grow without
/// bound; a live request refuses them already.
async fn expire_sessions(store: Store, clock: Arc<dyn Clock>) {
    use crate::web::session::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
    let mut every = tokio::time::interval(std::time::Duration::from_secs(15 * 60));
    loop {
        every.tick().await;
        let now = clock.now().get();
        let result =
            store.delete_expired_sessions((now - IDLE_TIMEOUT).into(), (now - ABSOLUTE_TIMEOUT).into()).await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not remove expired sessions");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

//! The command line: `serve` (default), `migrate`, `demo`, `user add`, `token create`,
//! `backup`.
#![allow(clippy::print_stdout, reason = "a command line reports on standard output")]

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use kumppani_domain::role::Role;

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::error::Error;
use crate::services::{self, Change, accounts};
use crate::store::{Db, Store};

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
    /// Load the demonstration data set (Turku's partner organisations and others).
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
            println!("demonstration data: {added} actors added");
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

async fn serve(store: Store, config: Config, clock: Arc<dyn Clock>) -> Result<(), Error> {
    tracing::info!(config = ?config, "starting");
    let listener = tokio::net::TcpListener::bind(config.bind).await.map_err(Error::internal)?;
    let state = crate::web::state(store, config, clock).await?;
    if let Some(link) = crate::web::setup_link(&state).await? {
        println!(
            "\nKumppani has no accounts yet. Create the first administrator here (one-time link):\n\n    {link}\n"
        );
    }
    tracing::info!(address = %listener.local_addr().map_err(Error::internal)?, "listening");
    crate::web::serve(listener, state, shutdown_signal()).await.map_err(Error::internal)?;
    tracing::info!("stopped");
    Ok(())
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

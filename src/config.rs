//! Settings from the environment, with an optional `kumppani.toml`-style file of `KEY = value`
//! lines; the environment wins. Secrets in them are never logged.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: String,
    /// Where uploaded files and the default SQLite database live.
    pub data_dir: PathBuf,
    /// The address people use to reach the server, for links printed in the console.
    pub public_url: String,
    /// Set when served over TLS (directly or behind a proxy): Secure cookies and HSTS.
    pub https: bool,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("database", &redact_url(&self.database_url))
            .field("data_dir", &self.data_dir)
            .field("public_url", &self.public_url)
            .field("https", &self.https)
            .finish()
    }
}

/// Hides the password in a database URL so the URL can be logged.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("config file {path}, line {line}: expected KEY = value")]
    Syntax { path: PathBuf, line: usize },
    #[error("KUMPPANI_BIND must be an address like 127.0.0.1:8080, got {0}")]
    Bind(String),
}

impl Config {
    /// Reads `KUMPPANI_CONFIG` (or `./kumppani.conf` if present) and then the environment.
    pub fn load() -> Result<Self, ConfigError> {
        let file = std::env::var("KUMPPANI_CONFIG").map(PathBuf::from).ok().or_else(|| {
            let default = PathBuf::from("kumppani.conf");
            default.exists().then_some(default)
        });
        let mut values = match file {
            Some(path) => read_file(&path)?,
            None => Vec::new(),
        };
        for key in
            ["KUMPPANI_BIND", "DATABASE_URL", "KUMPPANI_DATA_DIR", "KUMPPANI_PUBLIC_URL", "KUMPPANI_HTTPS"]
        {
            if let Ok(value) = std::env::var(key) {
                values.push((key.to_owned(), value));
            }
        }
        Self::from_pairs(&values)
    }

    /// Later pairs override earlier ones.
    pub fn from_pairs(values: &[(String, String)]) -> Result<Self, ConfigError> {
        let get = |key: &str| values.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let bind_text = get("KUMPPANI_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let bind: SocketAddr = bind_text.parse().map_err(|_| ConfigError::Bind(bind_text.clone()))?;
        let data_dir = PathBuf::from(get("KUMPPANI_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = get("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("kumppani.db").display()));
        let https = get("KUMPPANI_HTTPS").is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        let public_url = get("KUMPPANI_PUBLIC_URL").unwrap_or_else(|| format!("http://{bind}"));
        Ok(Self {
            bind,
            database_url,
            data_dir,
            public_url: public_url.trim_end_matches('/').to_owned(),
            https,
        })
    }
}

fn read_file(path: &Path) -> Result<Vec<(String, String)>, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| ConfigError::File { path: path.to_owned(), source })?;
    let mut values = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) =
            line.split_once('=').ok_or(ConfigError::Syntax { path: path.to_owned(), line: index + 1 })?;
        values.push((key.trim().to_owned(), value.trim().trim_matches('"').to_owned()));
    }
    Ok(values)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_local_sqlite_on_port_8080() {
        let config = Config::from_pairs(&[]).unwrap();
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_url, "sqlite://data/kumppani.db");
        assert!(!config.https);
    }

    #[test]
    fn database_password_is_hidden_in_debug_output() {
        let config =
            Config::from_pairs(&[("DATABASE_URL".into(), "postgres://kumppani:s3cret@db/kumppani".into())])
                .unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("postgres://kumppani:***@db/kumppani"));
    }
}

//! Run-time settings, from flags or environment variables.

use app::server::Config;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(clap::Args, Clone, Debug)]
pub struct Settings {
    /// Address to listen on.
    #[arg(long, env = "CAKAP_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// SQLite database file (used when DATABASE_URL is not set).
    #[arg(long = "db", env = "CAKAP_DB", default_value = "cakap.db")]
    pub db_file: String,
    /// Full database URL: `sqlite://file.db` or `postgres://user@host/db`. Overrides --db.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Directory of the built site (WASM, JS, CSS, static files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Do not load the demo data into an empty database.
    #[arg(long, env = "CAKAP_NO_SEED")]
    pub no_seed: bool,
    /// Mark cookies Secure and send HSTS (set when served over HTTPS).
    #[arg(long, env = "CAKAP_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Trust X-Forwarded-For for the client address (only behind your own proxy).
    #[arg(long, env = "CAKAP_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// With --trust-proxy: addresses of further proxies in front of the one that
    /// connects to Cakap (comma separated), whose X-Forwarded-For entries are skipped.
    #[arg(long, env = "CAKAP_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Extra origins allowed to post (comma separated), e.g. the public HTTPS address.
    #[arg(long, env = "CAKAP_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,
    /// The audit key file (created at first start; keep it off the database server
    /// and back it up apart from the database). Default: beside the SQLite file, or
    /// required with DATABASE_URL.
    #[arg(long, env = "CAKAP_AUDIT_KEY_FILE")]
    pub audit_key: Option<std::path::PathBuf>,
    /// The private key published snapshots are signed with (created at first start;
    /// back it up apart from the database). Default: beside the audit key file.
    #[arg(long, env = "CAKAP_SIGNING_KEY_FILE")]
    pub signing_key: Option<std::path::PathBuf>,
    /// Do not remember list pages between requests (they are remembered only on
    /// SQLite, where this process is the only writer; see app::server::read_cache).
    #[arg(long, env = "CAKAP_NO_READ_CACHE")]
    pub no_read_cache: bool,
    /// Log every SQL statement slower than this many milliseconds, with its text
    /// (warnings; for finding the query behind a slow page).
    #[arg(long, env = "CAKAP_SLOW_SQL_MS")]
    pub slow_sql_ms: Option<u64>,
    /// Requests a minute one address may make to the open-data API (/api/v1); 0
    /// turns the limit off (for a benchmark from one machine).
    #[arg(long, env = "CAKAP_API_PER_MINUTE", default_value_t = 600)]
    pub api_per_minute: u32,
}

/// The name the site's JS, WASM and CSS go by: `cakap.<hash>` when the build left
/// assets.hash beside this binary (`publish_assets` in scripts/lib.sh; such names are
/// kept by browsers for a year), else plain `cakap`. Read once, at start.
fn output_name() -> String {
    let written = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::read_to_string(exe.parent()?.join("assets.hash")).ok());
    match written.as_deref().map(str::trim) {
        Some(h) if h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
            format!("cakap.{h}")
        }
        Some(h) => {
            tracing::warn!("assets.hash holds {h:?}, not a hash: using the plain file names");
            "cakap".to_string()
        }
        None => "cakap".to_string(),
    }
}

impl Settings {
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) if !u.is_empty() => u.clone(),
            _ => format!("sqlite://{}?mode=rwc", self.db_file),
        }
    }

    /// Where the audit key file is: given, or beside the SQLite file. With
    /// DATABASE_URL it must be given (every server of that database shares one key, and
    /// a default in whatever directory a command runs from would make a new one).
    pub fn audit_key_path(&self) -> Result<std::path::PathBuf, String> {
        match (&self.audit_key, &self.database_url) {
            (Some(p), _) => Ok(p.clone()),
            (None, Some(u)) if !u.is_empty() => Err(
                "with DATABASE_URL, pass --audit-key (or CAKAP_AUDIT_KEY_FILE): the file all \
                 servers of this database share"
                    .into(),
            ),
            (None, _) => Ok(format!("{}.audit-key", self.db_file).into()),
        }
    }

    /// Where the snapshot signing key lives: as given, or beside the audit key.
    pub fn signing_key_path(&self) -> Result<std::path::PathBuf, String> {
        match &self.signing_key {
            Some(p) => Ok(p.clone()),
            None => Ok(self.audit_key_path()?.with_extension("signing-key")),
        }
    }

    /// Whether list pages may be remembered: only when this process owns the data.
    pub fn read_cache(&self) -> bool {
        !self.no_read_cache && self.database_url().starts_with("sqlite:")
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(Arc::<str>::from(output_name()))
            .site_root(Arc::<str>::from(self.site_root.as_str()))
            .site_pkg_dir(Arc::<str>::from("pkg"))
            .site_addr(self.addr)
            .build()
    }

    pub fn config(&self) -> Config {
        Config {
            secure_cookies: self.secure_cookies,
            trust_proxy: self.trust_proxy,
            trusted_proxies: self.trusted_proxies.clone(),
            allowed_origins: self
                .allowed_origins
                .iter()
                .map(|o| o.trim_end_matches('/').to_string())
                .collect(),
            read_cache: self.read_cache(),
            published_cache: !self.no_read_cache,
            api_per_minute: self.api_per_minute,
        }
    }
}

//! `cakap`: the server binary and its maintenance commands.

use app::server::AppState;
use clap::{Parser, Subcommand};
use server::{build_router, connect_and_migrate, seed, Settings};

// Rendering pages allocates many small strings from several threads; mimalloc handles
// that pattern markedly better than the system allocator (see bench/).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cakap",
    version,
    about = "Cakap: manajemen kinerja dan kompetensi ASN"
)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the application (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo data into an empty database and exit.
    Seed,
    /// Check the audit log's hash chains; exits with 1 when one is broken.
    VerifyAudit,
    /// Check a published snapshot file offline against a public key (hex, as the
    /// public pages show it); exits with 1 when it does not verify. Needs no database.
    VerifySnapshot {
        /// The snapshot file (downloaded from the public page or the API).
        file: std::path::PathBuf,
        /// The public key, hex.
        #[arg(long)]
        key: String,
    },
    /// Generate a synthetic agency for benchmarks.
    GenBench {
        /// Number of employees.
        #[arg(long, default_value_t = 250_000)]
        employees: usize,
        /// Agency code.
        #[arg(long, default_value = "BENCH")]
        code: String,
    },
    /// Add closed assessment campaigns to the benchmark agency, timing each closing.
    /// (A campaign closes once: closing deletes the peers' and subordinates' answers,
    /// so timing it again needs a new campaign.)
    GenBenchCampaigns {
        #[arg(long, default_value_t = 2)]
        campaigns: usize,
        /// Campaigns left running after those, every form still to fill in.
        #[arg(long, default_value_t = 0)]
        open: usize,
        /// Campaigns answered and left running, for the benchmark to close under load.
        #[arg(long, default_value_t = 0)]
        ready: usize,
        /// Campaigns created over the whole agency by the real service (timed), left
        /// as drafts.
        #[arg(long, default_value_t = 0)]
        create: usize,
    },
    /// Log in the benchmark agency's first `users` employees (sessions made directly,
    /// without password checks) and write "token employee_id" lines to `out`.
    GenBenchSessions {
        #[arg(long, default_value_t = 5000)]
        users: usize,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    if let Err(e) = run(cli).await {
        eprintln!("cakap: {e}");
        std::process::exit(2);
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let s = cli.settings;
    if let Some(Command::VerifySnapshot { file, key }) = &cli.command {
        return verify_snapshot(file, key);
    }
    if let Some(ms) = s.slow_sql_ms {
        app::server::db::log_slow_statements(std::time::Duration::from_millis(ms));
    }
    let db = connect_and_migrate(&s.database_url()).await?;
    let command = cli.command.unwrap_or(Command::Serve);
    if !matches!(command, Command::Migrate) {
        // Checking the chain needs the key that exists; writing may create the first.
        let may_create = !matches!(command, Command::VerifyAudit);
        server::audit_key::install(&s.audit_key_path()?, &db, may_create).await?;
        server::audit_key::install_signing(&s.signing_key_path()?, &db, may_create).await?;
    }
    match command {
        Command::Migrate => println!("migrations applied"),
        Command::Seed => {
            if !seed_if_empty(&db).await? {
                println!("the database already holds data; nothing loaded");
            }
        }
        Command::VerifyAudit => match app::audit::service::verify(&db).await? {
            app::audit::service::Verdict::Intact { rows, chains } => {
                println!("audit log intact: {rows} rows in {chains} chains")
            }
            app::audit::service::Verdict::Broken { chain, seq, reason } => {
                println!("audit log BROKEN: chain {chain}, row {seq}: {reason}");
                std::process::exit(1);
            }
        },
        Command::Serve => serve(s, db).await?,
        bench => bench_command(&db, bench).await?,
    }
    Ok(())
}

/// `cakap verify-snapshot FILE --key KEY`: the file's hash and signature checked
/// against the key, offline.
fn verify_snapshot(file: &std::path::Path, key: &str) -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(file)?;
    let (hash, problems) = app::publication::service::verify::verify_file(&text, key);
    if problems.is_empty() {
        println!("snapshot verifies: sha256 {hash}, signed by {key}");
        Ok(())
    } else {
        let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
        println!(
            "snapshot does NOT verify ({}): sha256 {hash}",
            codes.join(", ")
        );
        std::process::exit(1);
    }
}

/// The benchmark's data commands (see bench/).
async fn bench_command(
    db: &sea_orm::DatabaseConnection,
    command: Command,
) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::GenBench { employees, code } => {
            let t = std::time::Instant::now();
            let g = seed::bench::generate(db, &code, employees).await?;
            println!(
                "generated agency {} ({}): {} employees in {} units in {:.1} s; login {} / {}",
                code,
                g.agency_id,
                g.employees,
                g.units,
                t.elapsed().as_secs_f64(),
                seed::bench::BENCH_USER,
                seed::bench::BENCH_PASSWORD
            );
        }
        Command::GenBenchCampaigns {
            campaigns,
            open,
            ready,
            create,
        } => {
            let want = seed::bench_campaigns::Wanted {
                closed: campaigns,
                open,
                ready,
                created: create,
            };
            let t = seed::bench_campaigns::generate(db, want).await?;
            let close: Vec<String> = t
                .close
                .iter()
                .map(|d| format!("{:.1}", d.as_secs_f64()))
                .collect();
            println!("closing {} ratees took {} s", t.ratees, close.join(" s, "));
        }
        Command::GenBenchSessions { users, out } => {
            let made = seed::bench_sessions::generate(db, users).await?;
            let lines: Vec<String> = made.iter().map(|(t, e)| format!("{t} {e}")).collect();
            std::fs::write(&out, lines.join("\n") + "\n")?;
            println!("{} sessions written to {}", made.len(), out.display());
        }
        _ => {}
    }
    Ok(())
}

async fn seed_if_empty(
    db: &sea_orm::DatabaseConnection,
) -> Result<bool, Box<dyn std::error::Error>> {
    match seed::demo::seed(db).await? {
        Some(n) => {
            println!("demo data loaded: 2 agencies, {n} employees");
            Ok(true)
        }
        None => Ok(false),
    }
}

async fn serve(
    s: Settings,
    db: sea_orm::DatabaseConnection,
) -> Result<(), Box<dyn std::error::Error>> {
    if !s.no_seed {
        seed_if_empty(&db).await?;
    }
    server::maintenance::purge_every(db.clone(), server::maintenance::PURGE_PERIOD);
    // Background jobs (closing campaigns): queued ones, and any a stopped server left
    // running, are taken up from here.
    app::jobs::service::runner::spawn(db.clone());
    let state = AppState::new(s.leptos_options(), db, s.config());
    let has_demo = seed::demo::present(&state.db).await.unwrap_or(false);
    let router = build_router(state);
    let listener = tokio::net::TcpListener::bind(s.addr).await?;
    println!("Cakap berjalan di / is running at http://{}", s.addr);
    if has_demo {
        println!(
            "Akun demo / demo logins (kata sandi / password: {}):",
            seed::demo::DEMO_PASSWORD
        );
        for (user, role) in seed::demo::logins() {
            println!("  {user:<16} {role}");
        }
        println!("  (setiap pegawai demo juga bisa masuk dengan NIP-nya / every demo employee can also log in with their NIP)");
    }
    use axum::serve::ListenerExt;
    // Without TCP_NODELAY keep-alive clients wait ~40 ms per response (Nagle + delayed ACK).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

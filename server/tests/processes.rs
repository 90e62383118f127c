//! Tests that run the real `cakap` binary: the audit CLI on a tampered database, the
//! offline check of a snapshot file, and
//! two server processes sharing one PostgreSQL (sessions and data made through one
//! are seen by the other).

mod support;

use sea_orm::ConnectionTrait;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn cakap() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cakap"));
    // One key file for the processes of this run (each creates or reads it).
    let key = std::env::temp_dir().join(format!("cakap-tests-{}.audit-key", std::process::id()));
    c.env("RUST_LOG", "warn")
        .env("CAKAP_AUDIT_KEY_FILE", key)
        .env_remove("DATABASE_URL")
        .env_remove("CAKAP_DB");
    c
}

#[tokio::test]
async fn verify_audit_exits_with_failure_once_a_row_is_edited() {
    let dir = std::env::temp_dir().join("cakap-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("cli_{}.db", rand::random::<u32>()));
    let db_arg = path.to_str().unwrap();
    let seed = cakap().args(["--db", db_arg, "seed"]).output().unwrap();
    assert!(
        seed.status.success(),
        "{}",
        String::from_utf8_lossy(&seed.stderr)
    );
    let ok = cakap()
        .args(["--db", db_arg, "verify-audit"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact"));
    let db = server::connect_and_migrate(&format!("sqlite://{db_arg}"))
        .await
        .unwrap();
    db.execute_unprepared(
        "UPDATE audit_log SET actor_label = 'someone-else' WHERE seq = 1 AND chain = 1",
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    let bad = cakap()
        .args(["--db", db_arg, "verify-audit"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("BROKEN") && out.contains("chain 1, row 1"),
        "{out}"
    );
}

#[tokio::test]
async fn verify_snapshot_checks_a_file_offline_and_fails_on_a_changed_byte() {
    let dir = std::env::temp_dir().join("cakap-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("snap_{}.db", rand::random::<u32>()));
    let db_arg = path.to_str().unwrap();
    let seed = cakap().args(["--db", db_arg, "seed"]).output().unwrap();
    assert!(
        seed.status.success(),
        "{}",
        String::from_utf8_lossy(&seed.stderr)
    );
    let db = server::connect_and_migrate(&format!("sqlite://{db_arg}"))
        .await
        .unwrap();
    use sea_orm::EntityTrait;
    let key = app::server::entities::signing_key::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .expect("the key recorded at first start")
        .public_key;
    let (_, text) = app::publication::service::read::file(&db, 1).await.unwrap();
    db.close().await.unwrap();
    let file = dir.join(format!("snap_{}.json", rand::random::<u32>()));
    std::fs::write(&file, &text).unwrap();
    let run = |f: &std::path::Path, k: &str| {
        cakap()
            .args(["verify-snapshot", f.to_str().unwrap(), "--key", k])
            .output()
            .unwrap()
    };
    let ok = run(&file, &key);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("snapshot verifies"));
    // One byte of the body changed: the hash and the signature fail.
    let schema = format!("\"schema\":{}", app::publication::rules::SCHEMA);
    std::fs::write(&file, text.replacen(&schema, "\"schema\":9", 1)).unwrap();
    let bad = run(&file, &key);
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("does NOT verify (hash, tanda_tangan)"),
        "{out}"
    );
    // The right file under another key fails too.
    std::fs::write(&file, &text).unwrap();
    let other = run(&file, &"ab".repeat(32));
    assert_eq!(other.status.code(), Some(1));
    std::fs::remove_file(&file).ok();
}

struct Server(Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start(url: &str) -> Server {
    let port = free_port();
    let child = cakap()
        .args([
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--site-root",
            "/nonexistent",
        ])
        .env("DATABASE_URL", url)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child, port);
    for _ in 0..200 {
        if http(port, "GET", "/health", None, None)
            .await
            .is_ok_and(|r| r.starts_with("HTTP/1.1 200"))
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server on port {port} did not start");
}

/// A minimal HTTP/1.1 client: one request per connection.
async fn http(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> std::io::Result<String> {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let body = form.unwrap_or("");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nAccept: application/json\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if form.is_some() {
        req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
    }
    if let Some(c) = cookie {
        req.push_str(&format!("Cookie: {c}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).await?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).await?;
    Ok(String::from_utf8_lossy(&out).to_string())
}

#[tokio::test]
async fn two_server_processes_on_one_postgresql_share_sessions_and_data() {
    let Some(url) = support::postgres_url("scaleout").await else {
        return;
    };
    // Both start at once: exactly one of them seeds the demo data.
    let (a, b) = tokio::join!(start(&url), start(&url));
    let login = http(
        a.1,
        "POST",
        "/api/login",
        None,
        Some("account=hr.manna&password=cakap2026&next=/"),
    )
    .await
    .unwrap();
    assert!(login.starts_with("HTTP/1.1 200"), "{login}");
    let cookie = login
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .map(|c| c.split(';').next().unwrap().to_string())
        .unwrap();
    let me = http(b.1, "POST", "/api/current_user", Some(&cookie), Some(""))
        .await
        .unwrap();
    assert!(
        me.contains("\"username\":\"hr.manna\""),
        "the session made through A is valid through B: {me}"
    );
    let created = http(
        a.1,
        "POST",
        "/api/units/create",
        Some(&cookie),
        Some("form[code]=SKALA&form[name]=Unit+Skala+Keluar&form[kind]=seksi&form[parent_id]="),
    )
    .await
    .unwrap();
    assert!(created.starts_with("HTTP/1.1 200"), "{created}");
    let list = http(b.1, "POST", "/api/units/list", Some(&cookie), Some(""))
        .await
        .unwrap();
    assert!(
        list.contains("Unit Skala Keluar"),
        "the unit created through A is listed by B"
    );
    let agencies = support::count(
        &sea_orm::Database::connect(&url).await.unwrap(),
        "SELECT COUNT(*) AS n FROM agencies",
    )
    .await;
    assert_eq!(agencies, 2, "the demo data was loaded once");
}

/// The server killed (SIGKILL) while 1 000 writes are in flight: after a restart,
/// every write that was answered with success is there with its audit record, no
/// unit is there without its audit record or the other way round, and the audit chain
/// verifies. On SQLite and on PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_a_kill_mid_flight() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let dir = std::env::temp_dir().join("cakap-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("kill_{}.db", rand::random::<u32>()));
    let mut urls = vec![format!("sqlite://{}?mode=rwc", file.display())];
    urls.extend(support::postgres_url("killed").await);
    for url in urls {
        let mut server = start(&url).await;
        let port = server.1;
        let cookie = login_cookie(port).await;
        let answered = Arc::new(AtomicUsize::new(0));
        let mut writes = tokio::task::JoinSet::new();
        for i in 0..1000 {
            let (cookie, answered) = (cookie.clone(), answered.clone());
            writes.spawn(async move {
                let body = format!(
                    "form[code]=K{i}&form[name]=Unit+Kilat+{i}&form[kind]=seksi&form[parent_id]="
                );
                let r = http(
                    port,
                    "POST",
                    "/api/units/create",
                    Some(&cookie),
                    Some(&body),
                )
                .await;
                let ok = r.is_ok_and(|r| r.starts_with("HTTP/1.1 200"));
                if ok {
                    answered.fetch_add(1, Ordering::SeqCst);
                }
                (format!("K{i}"), ok)
            });
        }
        // Killed once a tenth is answered: most are queued or running at that moment.
        while answered.load(Ordering::SeqCst) < 100 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        server.0.kill().unwrap();
        server.0.wait().unwrap();
        let mut acked = Vec::new();
        while let Some(w) = writes.join_next().await {
            let (code, ok) = w.unwrap();
            if ok {
                acked.push(code);
            }
        }
        assert!(
            acked.len() < 1000,
            "{url}: the kill came before every write was done"
        );
        let restarted = start(&url).await;
        let db = server::connect_and_migrate(&url).await.unwrap();
        let stored =
            support::count(&db, "SELECT COUNT(*) AS n FROM units WHERE code LIKE 'K%'").await;
        let audited = support::count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_log l JOIN units u ON l.entity = 'unit' AND l.action = 'create' \
             AND l.entity_id = CAST(u.id AS TEXT) WHERE u.code LIKE 'K%'",
        )
        .await;
        let audit_rows = support::count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'unit' AND action = 'create' AND summary LIKE '%Unit Kilat%'",
        )
        .await;
        assert_eq!(
            (stored, audited, audit_rows),
            (stored, stored, stored),
            "{url}: half-applied writes"
        );
        for code in &acked {
            let n = support::count(
                &db,
                &format!("SELECT COUNT(*) AS n FROM units WHERE code = '{code}'"),
            )
            .await;
            assert_eq!(n, 1, "{url}: acknowledged unit {code} lost");
        }
        db.close().await.unwrap();
        drop(restarted);
        let verify = cakap()
            .args(["verify-audit"])
            .env("DATABASE_URL", &url)
            .output()
            .unwrap();
        assert_eq!(
            verify.status.code(),
            Some(0),
            "{url}: {}",
            String::from_utf8_lossy(&verify.stdout)
        );
        eprintln!(
            "{url}: {} acknowledged before the kill, {stored} stored",
            acked.len()
        );
    }
}

async fn login_cookie(port: u16) -> String {
    let login = http(
        port,
        "POST",
        "/api/login",
        None,
        Some("account=hr.manna&password=cakap2026&next=/"),
    )
    .await
    .unwrap();
    assert!(login.starts_with("HTTP/1.1 200"), "{login}");
    login
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .map(|c| c.split(';').next().unwrap().to_string())
        .unwrap()
}

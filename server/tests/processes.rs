//! Tests that run the real `cakap` binary: the audit CLI on a tampered database, and
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

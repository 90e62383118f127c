//! Where the audit key lives: a file on the application server, outside the
//! database, created at first start (32 random bytes as hex, readable by the owner
//! only). Several processes starting at once on one PostgreSQL agree on one file:
//! it is written under a temporary name and linked into place, so a reader never
//! sees half a key and only one creator wins.

use std::io::Write;
use std::path::Path;

/// The key in the file, creating the file first (with `generate`'s hex text) if there
/// is none; `true` when this call created it. The snapshot signing key's file is
/// made the same way.
pub fn load_or_create(path: &Path, generate: fn() -> String) -> std::io::Result<(Vec<u8>, bool)> {
    if let Some(key) = read(path)? {
        return Ok((key, false));
    }
    // A random temporary name (process ids repeat across containers), created new
    // and private from the first byte.
    let tmp = path.with_extension(format!("tmp-{:016x}", rand::random::<u64>()));
    {
        let mut open = std::fs::OpenOptions::new();
        open.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
        let mut f = open.open(&tmp)?;
        f.write_all(generate().as_bytes())?;
        f.sync_all()?;
    }
    let linked = std::fs::hard_link(&tmp, path);
    std::fs::remove_file(&tmp)?;
    let created = match linked {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
        Err(e) => return Err(e),
    };
    let key = read(path)?.ok_or_else(|| std::io::Error::other("audit key file unreadable"))?;
    Ok((key, created))
}

/// Loads the snapshot signing key (creating it when `may_create`), installs it for
/// this process and records its public half in the database, so the public pages
/// show it from the first start.
pub async fn install_signing(
    path: &Path,
    db: &sea_orm::DatabaseConnection,
    may_create: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    use app::publication::service::signing;
    let (key, created) = if may_create {
        load_or_create(path, signing::generate)?
    } else {
        match read(path)? {
            Some(k) => (k, false),
            None => return Ok(()),
        }
    };
    signing::install(&key)?;
    if created {
        eprintln!(
            "snapshot signing key created at {} (back it up apart from the database)",
            path.display()
        );
    }
    if may_create {
        signing::key_id(db).await?;
    }
    Ok(())
}

fn read(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match std::fs::read_to_string(path) {
        Ok(text) => hex::decode(text.trim())
            .map(Some)
            .map_err(|e| std::io::Error::other(format!("{}: not a hex key: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Loads the key (creating it when `may_create`) and installs it for this process,
/// bound to the database: a database keyed with another key is refused (see
/// `key::bind`). Only commands that write (serving, seeding) may create a key; a
/// check (`verify-audit`) needs the one that exists.
pub async fn install(
    path: &Path,
    db: &sea_orm::DatabaseConnection,
    may_create: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let (key, created) = if may_create {
        load_or_create(path, app::audit::service::key::generate)?
    } else {
        let missing = || format!("no audit key at {} (pass --audit-key)", path.display());
        (read(path)?.ok_or_else(missing)?, false)
    };
    app::audit::service::key::install(key)?;
    if created {
        let shown = path.display();
        eprintln!("audit key created at {shown} (back it up apart from the database)");
    }
    let broken = app::audit::service::key::bind(db, created, may_create).await?;
    if !broken.is_empty() {
        eprintln!("audit chains {broken:?} did not check out and were left unkeyed");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_file_is_created_once_and_then_read() {
        let path = std::env::temp_dir().join(format!("cakap-key-{}.key", rand::random::<u32>()));
        let (first, created) =
            super::load_or_create(&path, app::audit::service::key::generate).unwrap();
        assert!(created && first.len() == 32);
        let (again, created) =
            super::load_or_create(&path, app::audit::service::key::generate).unwrap();
        assert_eq!((again, created), (first, false));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_file(&path).unwrap();
    }
}

//! Where the audit key lives: a file on the application server, outside the
//! database, created at first start (32 random bytes as hex, readable by the owner
//! only). Several processes starting at once on one PostgreSQL agree on one file:
//! it is written under a temporary name and linked into place, so a reader never
//! sees half a key and only one creator wins.

use std::io::Write;
use std::path::Path;

/// The key in the file, creating the file first if there is none; `true` when this
/// call created it.
pub fn load_or_create(path: &Path) -> std::io::Result<(Vec<u8>, bool)> {
    if let Some(key) = read(path)? {
        return Ok((key, false));
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        f.write_all(app::audit::service::key::generate().as_bytes())?;
        f.sync_all()?;
    }
    let created = std::fs::hard_link(&tmp, path).is_ok();
    std::fs::remove_file(&tmp)?;
    let key = read(path)?.ok_or_else(|| std::io::Error::other("audit key file unreadable"))?;
    Ok((key, created))
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

/// Loads (or creates) the key and installs it for this process. A key created now
/// also keys the chains written before keys existed (see `key_legacy_chains`).
pub async fn install(
    path: &Path,
    db: &sea_orm::DatabaseConnection,
) -> Result<(), Box<dyn std::error::Error>> {
    let (key, created) = load_or_create(path)?;
    app::audit::service::key::install(key)?;
    if created {
        eprintln!(
            "audit key created at {} (back it up apart from the database)",
            path.display()
        );
        let broken = app::audit::service::key_legacy_chains(db).await?;
        if !broken.is_empty() {
            eprintln!("audit chains {broken:?} did not check out and were left unkeyed");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_file_is_created_once_and_then_read() {
        let path = std::env::temp_dir().join(format!("cakap-key-{}.key", rand::random::<u32>()));
        let (first, created) = super::load_or_create(&path).unwrap();
        assert!(created && first.len() == 32);
        let (again, created) = super::load_or_create(&path).unwrap();
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

//! `--save FILE`: the one way a token reaches the disk, readable by its owner only.

use serde_json::{Map, Value};
use std::io::Write;
use std::path::Path;

/// Writes the token response as JSON; the file is created (or truncated) with mode 0600.
pub fn save_token(path: &Path, response: &Map<String, Value>) -> Result<(), String> {
    let name = path.display();
    let text =
        serde_json::to_string_pretty(response).map_err(|e| format!("cannot write {name}: {e}"))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| format!("cannot write {name}: {e}"))?;
    // An existing file keeps its mode on open: narrow it before the token goes in.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("cannot restrict {name} to mode 0600: {e}"))?;
    }
    file.write_all(format!("{text}\n").as_bytes())
        .map_err(|e| format!("cannot write {name}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_even_when_it_existed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut map = Map::new();
        map.insert("access_token".into(), Value::String("00D!x".into()));
        save_token(&path, &map).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(std::fs::read_to_string(&path).unwrap().contains("00D!x"));
    }
}

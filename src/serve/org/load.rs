//! Reading an org file: size bound, strict fields (naming file, entry and field, as `kb check`
//! does), then references between entries and the certificate files.

use super::spec::{APP_FIELDS, IDP_FIELDS, ORG_FIELDS, OrgSpec, USER_FIELDS};
use super::{Org, validate};
use serde_json::Value;
use std::fmt;
use std::path::Path;

/// An org file is a few kilobytes; anything near this is not one.
pub const MAX_ORG_FILE_BYTES: u64 = 1024 * 1024;

/// Every problem found, one line each, so a user fixes them in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgError {
    pub problems: Vec<String>,
}

impl fmt::Display for OrgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl std::error::Error for OrgError {}

impl OrgError {
    pub fn one(message: impl Into<String>) -> Self {
        OrgError {
            problems: vec![message.into()],
        }
    }
}

/// Reads `path`; certificate paths in it are relative to its folder.
pub fn load_file(path: &Path) -> Result<Org, OrgError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| OrgError::one(format!("{name}: {e}")))?;
    if meta.len() > MAX_ORG_FILE_BYTES {
        return Err(OrgError::one(format!(
            "{name}: {} bytes is too large for an org file (limit 1 MB)",
            meta.len()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| OrgError::one(format!("{name}: {e}")))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    load_str(&text, &name, &|file: &str| {
        let full = dir.join(file);
        std::fs::read(&full).map_err(|e| format!("{}: {e}", full.display()))
    })
}

/// Parses org JSON named `name`; `read` fetches the certificate files it names.
pub fn load_str(
    text: &str,
    name: &str,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Org, OrgError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| OrgError::one(format!("{name}: not valid JSON: {e}")))?;
    let problems = unknown_fields(&value, name);
    if !problems.is_empty() {
        return Err(OrgError { problems });
    }
    let spec: OrgSpec =
        serde_json::from_value(value).map_err(|e| OrgError::one(format!("{name}: {e}")))?;
    validate::resolve(spec, name, read)
}

fn unknown_fields(v: &Value, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    check_object(v, ORG_FIELDS, name, "the org", &mut out);
    for (list, fields, label_field) in [
        ("users", USER_FIELDS, "username"),
        ("apps", APP_FIELDS, "name"),
        ("saml_identity_providers", IDP_FIELDS, "issuer"),
    ] {
        let Some(items) = v.get(list).and_then(Value::as_array) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let label = entry_label(list, i, item.get(label_field).and_then(Value::as_str));
            check_object(item, fields, name, &label, &mut out);
        }
    }
    out
}

/// `apps[0] "Demo app"`: the position and, when it has one, the entry's name.
pub fn entry_label(list: &str, index: usize, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("{list}[{index}] {}", serde_json::Value::from(n)),
        None => format!("{list}[{index}]"),
    }
}

fn check_object(v: &Value, allowed: &[&str], name: &str, label: &str, out: &mut Vec<String>) {
    let Some(map) = v.as_object() else {
        out.push(format!("{name}: {label}: must be a JSON object"));
        return;
    };
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            out.push(format!(
                "{name}: {label}: unknown field \"{key}\" (allowed: {})",
                allowed.join(", ")
            ));
        }
    }
}

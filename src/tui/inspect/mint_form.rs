//! The mint form: the inputs of `sfauth mint jwt-bearer` and what minting them gives. Minting
//! is the domain's (`crate::mint`); this holds the typed text and the last result.

use super::form::{KeyInput, MintField, expand_home};
use super::text_box::TextBox;
use super::wording::name_fields;
use crate::inspect::keys::MAX_KEY_BYTES;
use crate::mint::{
    DEFAULT_LOGIN_URL, DEFAULT_TTL_SECS, MintRequest, Minted, curl_command, jwt_bearer,
};
use crate::tui::text_input::TextInput;
use chrono::{DateTime, Utc};

const MAX_FIELD_CHARS: usize = 2048;

#[derive(Debug, Clone)]
pub struct MintForm {
    pub client_id: TextInput,
    pub username: TextInput,
    /// A path to the private key, or the PEM pasted.
    pub key: TextBox,
    pub login_url: TextInput,
    pub ttl: TextInput,
    pub result: MintResult,
    /// The key file as read when the Private key field was last left (by `App`), so typing in
    /// the other fields never reads the disk.
    pub key_file: Option<(std::path::PathBuf, Result<Vec<u8>, String>)>,
}

#[derive(Clone, PartialEq, Eq)]
pub enum MintResult {
    /// Client id, username or key still missing: which ones.
    Incomplete(Vec<&'static str>),
    Failed(String),
    Minted {
        assertion: String,
        curl: String,
        warnings: Vec<String>,
        /// When it was signed, and its `exp`.
        at: DateTime<Utc>,
        exp: Option<i64>,
    },
}

impl std::fmt::Debug for MintResult {
    /// A signed assertion is a credential for three minutes: debug output leaves it out.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MintResult::Incomplete(missing) => write!(f, "Incomplete({missing:?})"),
            MintResult::Failed(e) => write!(f, "Failed({e:?})"),
            MintResult::Minted {
                warnings, at, exp, ..
            } => write!(
                f,
                "Minted {{ <hidden>, warnings: {warnings:?}, at: {at}, exp: {exp:?} }}"
            ),
        }
    }
}

impl Default for MintForm {
    fn default() -> Self {
        MintForm {
            client_id: TextInput::new(MAX_FIELD_CHARS),
            username: TextInput::new(MAX_FIELD_CHARS),
            key: TextBox::new(MAX_KEY_BYTES),
            login_url: TextInput::new(MAX_FIELD_CHARS),
            ttl: TextInput::new(20),
            result: MintResult::Incomplete(vec!["client id", "username", "private key"]),
            key_file: None,
        }
    }
}

impl MintForm {
    pub fn input(&self, field: MintField) -> Option<&TextInput> {
        match field {
            MintField::ClientId => Some(&self.client_id),
            MintField::Username => Some(&self.username),
            MintField::LoginUrl => Some(&self.login_url),
            MintField::Ttl => Some(&self.ttl),
            MintField::Key => None,
        }
    }

    pub fn input_mut(&mut self, field: MintField) -> Option<&mut TextInput> {
        match field {
            MintField::ClientId => Some(&mut self.client_id),
            MintField::Username => Some(&mut self.username),
            MintField::LoginUrl => Some(&mut self.login_url),
            MintField::Ttl => Some(&mut self.ttl),
            MintField::Key => None,
        }
    }

    /// The key file to read now the Private key field was left: a path not read yet.
    pub fn key_file_to_read(&self) -> Option<std::path::PathBuf> {
        match KeyInput::of(self.key.text()) {
            KeyInput::Path(path) => {
                let path = expand_home(path);
                let read = self.key_file.as_ref().is_some_and(|(p, _)| *p == path);
                (!read).then_some(path)
            }
            _ => None,
        }
    }

    /// Signs again from the fields, counting `exp` from `at`.
    pub fn mint(&mut self, at: DateTime<Utc>) {
        self.result = self.minted(at);
    }

    fn minted(&self, at: DateTime<Utc>) -> MintResult {
        let mut missing = Vec::new();
        if self.client_id.text().trim().is_empty() {
            missing.push("client id");
        }
        if self.username.text().trim().is_empty() {
            missing.push("username");
        }
        let key = KeyInput::of(self.key.text());
        if key == KeyInput::None {
            missing.push("private key");
        }
        if !missing.is_empty() {
            return MintResult::Incomplete(missing);
        }
        let ttl_text = self.ttl.text().trim();
        let ttl_secs = if ttl_text.is_empty() {
            DEFAULT_TTL_SECS
        } else {
            match ttl_text.parse() {
                Ok(n) => n,
                Err(_) => {
                    return MintResult::Failed(format!(
                        "TTL: \"{ttl_text}\" is not a whole number of seconds"
                    ));
                }
            }
        };
        let login_url = match self.login_url.text().trim() {
            "" => DEFAULT_LOGIN_URL.to_string(),
            url => url.to_string(),
        };
        let (pem, key_name) = match key {
            KeyInput::Path(path) => {
                let path = expand_home(path);
                match &self.key_file {
                    Some((read, Ok(bytes))) if *read == path => {
                        (bytes.clone(), path.display().to_string())
                    }
                    Some((read, Err(e))) if *read == path => {
                        return MintResult::Failed(mint_wording(e));
                    }
                    _ => {
                        return MintResult::Incomplete(vec![
                            "private key (read when you leave its field)",
                        ]);
                    }
                }
            }
            other => match other.bytes() {
                Ok(Some(found)) => found,
                Ok(None) => return MintResult::Incomplete(vec!["private key"]),
                Err(e) => return MintResult::Failed(mint_wording(&e)),
            },
        };
        let request = MintRequest {
            client_id: self.client_id.text().to_string(),
            username: self.username.text().to_string(),
            login_url,
            ttl_secs,
            at,
        };
        match jwt_bearer(&request, &pem, &key_name) {
            Ok(minted) => from_minted(&minted, at),
            Err(e) => MintResult::Failed(mint_wording(&e)),
        }
    }
}

/// `sfauth mint`'s messages with its flags named as this form's fields (`--key` is the
/// Private key field here).
fn mint_wording(message: &str) -> String {
    name_fields(&message.replace("--key", "the Private key field"))
}

fn from_minted(m: &Minted, at: DateTime<Utc>) -> MintResult {
    MintResult::Minted {
        assertion: m.assertion.clone(),
        curl: curl_command(m),
        warnings: m.warnings.clone(),
        at,
        exp: m.claims.get("exp").and_then(serde_json::Value::as_i64),
    }
}

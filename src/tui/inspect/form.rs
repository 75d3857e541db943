//! The Inspect tab's inputs: which fields there are and in what order, the profile choice,
//! and reading the key field (a path, or pasted PEM/JWKS).

use crate::inspect::keys::MAX_KEY_BYTES;
use crate::inspect::report::Profile;
use crate::source::read_file;
use std::path::{Path, PathBuf};

/// The inspector's fields in tab order: the token, then the options as the grid shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Token,
    Key,
    /// The shared secret of an HS256/384/512 token; never shown once typed or pasted.
    Secret,
    Profile,
    ClientId,
    Username,
    LoginUrl,
    At,
    Skew,
}

impl Field {
    pub const ORDER: [Field; 9] = [
        Field::Token,
        Field::Key,
        Field::Secret,
        Field::Profile,
        Field::ClientId,
        Field::Username,
        Field::LoginUrl,
        Field::At,
        Field::Skew,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Token => "Token",
            Field::Key => "Key",
            Field::Secret => "Secret",
            Field::Profile => "Profile",
            Field::ClientId => "Client id",
            Field::Username => "Username",
            Field::LoginUrl => "Login URL",
            Field::At => "At",
            Field::Skew => "Skew",
        }
    }

    /// The next (or previous) field, wrapping around.
    pub fn step(self, forward: bool) -> Field {
        step(&Field::ORDER, self, forward)
    }
}

/// The mint form's fields in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MintField {
    ClientId,
    Username,
    Key,
    LoginUrl,
    Ttl,
}

impl MintField {
    pub const ORDER: [MintField; 5] = [
        MintField::ClientId,
        MintField::Username,
        MintField::Key,
        MintField::LoginUrl,
        MintField::Ttl,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MintField::ClientId => "Client id",
            MintField::Username => "Username",
            MintField::Key => "Private key",
            MintField::LoginUrl => "Login URL",
            MintField::Ttl => "TTL",
        }
    }

    pub fn step(self, forward: bool) -> MintField {
        step(&MintField::ORDER, self, forward)
    }
}

fn step<T: Copy + PartialEq>(order: &[T], from: T, forward: bool) -> T {
    let len = order.len();
    let at = order.iter().position(|f| *f == from).unwrap_or(0);
    let next = if forward {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    };
    order.get(next).copied().unwrap_or(from)
}

/// The rule set: chosen from the input (`Auto`, like leaving out `--as`) or fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProfileChoice {
    #[default]
    Auto,
    Fixed(Profile),
}

impl ProfileChoice {
    pub const ORDER: [ProfileChoice; 4] = [
        ProfileChoice::Auto,
        ProfileChoice::Fixed(Profile::JwtBearer),
        ProfileChoice::Fixed(Profile::IdToken),
        ProfileChoice::Fixed(Profile::Generic),
    ];

    pub fn step(self, forward: bool) -> ProfileChoice {
        step(&ProfileChoice::ORDER, self, forward)
    }

    pub fn profile(self) -> Option<Profile> {
        match self {
            ProfileChoice::Auto => None,
            ProfileChoice::Fixed(p) => Some(p),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProfileChoice::Auto => "auto",
            ProfileChoice::Fixed(p) => p.as_str(),
        }
    }
}

/// What the key field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyInput<'a> {
    None,
    /// A file to read.
    Path(&'a str),
    /// Key material pasted into the field.
    Pasted(&'a str),
}

impl<'a> KeyInput<'a> {
    /// A PEM block, JSON, or anything spanning lines was pasted; one line of anything else is a
    /// path.
    pub fn of(text: &'a str) -> KeyInput<'a> {
        let t = text.trim();
        if t.is_empty() {
            KeyInput::None
        } else if t.contains("-----BEGIN") || t.starts_with('{') || t.contains('\n') {
            KeyInput::Pasted(t)
        } else {
            KeyInput::Path(t)
        }
    }

    /// The bytes and a name for messages, read from the file when it is a path.
    pub fn bytes(self) -> Result<Option<(Vec<u8>, String)>, String> {
        match self {
            KeyInput::None => Ok(None),
            KeyInput::Pasted(text) => Ok(Some((text.as_bytes().to_vec(), "pasted key".into()))),
            KeyInput::Path(path) => {
                let path = expand_home(path);
                let bytes = read_regular_file(&path)?;
                Ok(Some((bytes, path.display().to_string())))
            }
        }
    }
}

pub fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new()
            .map_or_else(|| PathBuf::from(path), |d| d.home_dir().join(rest)),
        None => PathBuf::from(path),
    }
}

/// Reads a key file, bounded. Anything but a regular file is refused before opening it: the
/// path is read as it is typed, and opening a FIFO or a device would block the UI.
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, String> {
    let name = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("cannot read {name}: not a regular file"));
    }
    read_file(path, MAX_KEY_BYTES).map_err(|f| f.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::keys::KeyMaterial;

    trait Load {
        fn load(self) -> Result<Option<KeyMaterial>, String>;
    }

    impl Load for KeyInput<'_> {
        fn load(self) -> Result<Option<KeyMaterial>, String> {
            match self.bytes()? {
                None => Ok(None),
                Some((bytes, name)) => KeyMaterial::parse(&bytes, &name).map(Some),
            }
        }
    }

    #[test]
    fn fields_cycle_in_both_directions() {
        assert_eq!(Field::Token.step(true), Field::Key);
        assert_eq!(Field::Token.step(false), Field::Skew);
        assert_eq!(Field::Skew.step(true), Field::Token);
        assert_eq!(MintField::Ttl.step(true), MintField::ClientId);
        for f in Field::ORDER {
            assert_eq!(f.step(true).step(false), f);
        }
    }

    #[test]
    fn profiles_cycle_from_auto() {
        let mut p = ProfileChoice::default();
        let mut seen = vec![p.label()];
        for _ in 0..4 {
            p = p.step(true);
            seen.push(p.label());
        }
        assert_eq!(seen, ["auto", "jwt-bearer", "id-token", "generic", "auto"]);
        assert_eq!(ProfileChoice::Auto.profile(), None);
    }

    #[test]
    fn pasted_keys_and_paths_are_told_apart() {
        assert_eq!(KeyInput::of("  "), KeyInput::None);
        assert_eq!(
            KeyInput::of(" keys/pub.pem "),
            KeyInput::Path("keys/pub.pem")
        );
        assert!(matches!(
            KeyInput::of("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"),
            KeyInput::Pasted(_)
        ));
        assert!(matches!(KeyInput::of("{\"keys\":[]}"), KeyInput::Pasted(_)));
    }

    #[test]
    fn key_files_are_read_and_parsed() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let path = format!("{dir}/tests/fixtures/jwt/pub.pem");
        let key = KeyInput::of(&path).load().unwrap().unwrap();
        assert!(
            key.describe().contains("PEM public key"),
            "{}",
            key.describe()
        );
        let pasted = std::fs::read_to_string(&path).unwrap();
        let key = KeyInput::of(&pasted).load().unwrap().unwrap();
        assert!(key.describe().starts_with("pasted key"));
    }

    #[test]
    fn unreadable_keys_say_why_in_one_line() {
        let missing = KeyInput::of("/definitely/not/here.pem").load().unwrap_err();
        assert!(missing.starts_with("cannot read /definitely/not/here.pem"));
        let folder = KeyInput::of(env!("CARGO_MANIFEST_DIR")).load().unwrap_err();
        assert!(folder.ends_with("not a regular file"), "{folder}");
        let garbage = KeyInput::of("-----BEGIN NOTHING-----\nzz")
            .load()
            .unwrap_err();
        assert!(!garbage.contains('\n'), "{garbage}");
    }
}

//! The inspector's messages are written for the command line ("no key given (--key or
//! --secret)"); on this screen the same thing is a field, so each flag becomes the field's
//! name. Only the text shown changes: the JSON copied with `y` stays exactly the CLI's.

/// Flags and the field that takes their place, longest first so that `--key or --secret` is
/// replaced whole before `--key` alone.
const FIELDS: &[(&str, &str)] = &[
    ("(--key or --secret)", "(the Key or Secret field)"),
    ("no --key given", "the Key field is empty"),
    ("with --key", "with the Key field's key"),
    ("(from --login-url)", "(from the Login URL field)"),
    ("(--client-id)", "(the Client id field)"),
    ("(--username)", "(the Username field)"),
    ("--key", "the Key field"),
    ("--secret", "the Secret field"),
    ("--client-id", "the Client id field"),
    ("--username", "the Username field"),
    ("--login-url", "the Login URL field"),
    ("--skew", "the Skew field"),
    ("--ttl", "the TTL field"),
    ("--at", "the At field"),
    ("--as", "the Profile field"),
];

/// `text` with every command-line flag replaced by the name of the field that sets it.
pub fn name_fields(text: &str) -> String {
    if !text.contains("--") {
        return text.to_string();
    }
    let mut out = key_with(text);
    for (flag, field) in FIELDS {
        out = out.replace(flag, field);
    }
    out
}

/// "pass --key with the certificate X; ..." reads "put the certificate X in the Key field;
/// ...": the object moves before the field, up to the end of its clause.
fn key_with(text: &str) -> String {
    let mut out = text.to_string();
    for verb in ["pass --key with ", "give --key with "] {
        while let Some(start) = out.find(verb) {
            let rest = &out[start + verb.len()..];
            let end = rest.find([';', '.', ',', ')']).unwrap_or(rest.len());
            let object = rest[..end].trim_end();
            out = format!(
                "{}put {object} in the Key field{}",
                &out[..start],
                &rest[object.len()..]
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_become_field_names() {
        assert_eq!(
            name_fields("no key given (--key or --secret)"),
            "no key given (the Key or Secret field)"
        );
        assert_eq!(
            name_fields("pass --key with the certificate uploaded to the app"),
            "put the certificate uploaded to the app in the Key field"
        );
        assert_eq!(
            name_fields("--key PEM block 1: bad base64"),
            "the Key field PEM block 1: bad base64"
        );
        assert_eq!(name_fields("a -- b"), "a -- b");
        assert_eq!(
            name_fields("anyone can embed; give --key with the certificate Salesforce holds"),
            "anyone can embed; put the certificate Salesforce holds in the Key field"
        );
    }
}

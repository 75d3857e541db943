//! `sfauth inspect`: decode, verify and check a JWT or a SAML message from the command line.
//! The SAML text report lives in `inspect_saml`; the parts both share are here.

use super::inspect_saml;
use super::output::{Paint, print_json};
use super::source::{read_arg, read_file};
use super::{CliResult, Fail};
use crate::inspect::input::MAX_INPUT_BYTES;
use crate::inspect::jwt::JwtReport;
use crate::inspect::keys::{KeyMaterial, MAX_KEY_BYTES};
use crate::inspect::report::{BadgeTone, badge_tone, tally};
use crate::inspect::time::{instant_text, parse_instant};
use crate::inspect::{
    Finding, InspectOptions, Inspection, Profile, SignatureStatus, inspect_bytes,
};
use crate::model::{Knowledge, Severity};
use crate::text::fields_in_order;
pub use crate::text::{FIRST, printable};
use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use serde_json::{Map, Value};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The token: the text itself, @FILE, or - for stdin. A compact JWT (with or without
    /// `Bearer `), a token request body, or JSON with "assertion" or "id_token"; or SAML: XML,
    /// base64 or base64url, DEFLATE + base64, URL-encoded, `assertion=...` or
    /// `SAMLResponse=...`.
    #[arg(value_name = "TOKEN|@FILE|-")]
    pub input: String,

    /// Verify with a PEM public key, a PEM or DER X.509 certificate, or a JWKS file (JWT only).
    #[arg(long, value_name = "FILE", conflicts_with = "secret")]
    pub key: Option<PathBuf>,

    /// Verify HS256/384/512 with this shared secret (or @FILE, used byte for byte).
    #[arg(long, value_name = "VALUE|@FILE")]
    pub secret: Option<String>,

    /// Rule set: jwt-bearer (default when the claims look like a bearer assertion),
    /// id-token, or generic; for SAML, saml-bearer (a bare Assertion) or saml-assertion
    /// (an IdP Response).
    #[arg(long = "as", value_enum, value_name = "PROFILE")]
    pub profile: Option<ProfileArg>,

    /// Expected consumer key (iss of a bearer assertion, aud of an ID token); for SAML, the
    /// expected Issuer.
    #[arg(long, value_name = "KEY")]
    pub client_id: Option<String>,

    /// Expected Salesforce username (sub, or the SAML NameID).
    #[arg(long, value_name = "USER")]
    pub username: Option<String>,

    /// Expected audience: https://login.salesforce.com, https://test.salesforce.com, a My
    /// Domain or an Experience Cloud site URL (for ID tokens: the expected iss; for SAML: the
    /// URL whose token endpoint is the Recipient).
    #[arg(long, value_name = "URL")]
    pub login_url: Option<String>,

    /// Evaluate every time rule at this instant (RFC 3339 or unix seconds); default now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,

    /// Leeway for time rules, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 0)]
    pub skew: u64,

    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    JwtBearer,
    IdToken,
    Generic,
    SamlBearer,
    SamlAssertion,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::JwtBearer => Profile::JwtBearer,
            ProfileArg::IdToken => Profile::IdToken,
            ProfileArg::Generic => Profile::Generic,
            ProfileArg::SamlBearer => Profile::SamlBearer,
            ProfileArg::SamlAssertion => Profile::SamlAssertion,
        }
    }
}

pub fn run(k: &Knowledge, args: &InspectArgs) -> CliResult {
    let at = match &args.at {
        Some(text) => parse_instant(text).map_err(|e| Fail::usage(format!("--at: {e}")))?,
        None => chrono::Utc::now(),
    };
    let key = load_key(args)?;
    let opts = InspectOptions {
        profile: args.profile.map(Profile::from),
        client_id: args.client_id.clone(),
        username: args.username.clone(),
        login_url: args.login_url.clone(),
        at,
        skew: args.skew,
    };
    let bytes = read_arg(&args.input, MAX_INPUT_BYTES)?;
    let inspection = inspect_bytes(&bytes, &opts, key.as_ref(), k).map_err(|e| Fail::usage(e.0))?;
    if args.json {
        print_json(&inspection.to_json());
    } else {
        let paint = Paint::detect();
        match &inspection {
            Inspection::Jwt(report) => print!("{}", render(report, &paint)),
            Inspection::Saml(report) => print!("{}", inspect_saml::render(report, at, &paint)),
        }
    }
    Ok(inspection.exit_code())
}

fn load_key(args: &InspectArgs) -> Result<Option<KeyMaterial>, Fail> {
    if let Some(path) = &args.key {
        let bytes = read_file(path, MAX_KEY_BYTES)?;
        let name = path.display().to_string();
        return KeyMaterial::parse(&bytes, &name)
            .map(Some)
            .map_err(|e| Fail::usage(format!("--key {e}")));
    }
    if let Some(secret) = &args.secret {
        let (bytes, name) = match secret.strip_prefix('@') {
            Some(path) => (
                read_file(std::path::Path::new(path), MAX_KEY_BYTES)?,
                format!("secret file {path}"),
            ),
            None => (secret.as_bytes().to_vec(), "--secret".to_string()),
        };
        return KeyMaterial::secret(&bytes, &name)
            .map(Some)
            .map_err(Fail::usage);
    }
    Ok(None)
}

/// The text report: header, claims (times as UTC and relative), signature, findings.
pub fn render(r: &JwtReport, paint: &Paint) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "{} profile {} ({})",
        paint.bold("JWT"),
        paint.bold(r.profile.as_str()),
        r.profile_reason
    ));
    line(paint.bold("Header"));
    for l in fields(&r.header, r, false) {
        line(l);
    }
    line(paint.bold("Claims"));
    for l in fields(&r.claims, r, true) {
        line(l);
    }
    let alg = r.signature.alg.as_deref().unwrap_or("no alg");
    line(format!(
        "{} {} ({}): {}",
        paint.bold("Signature"),
        badge(r.signature.status, r.exit_code(), paint),
        printable(alg),
        printable(&r.signature.detail)
    ));
    for l in findings(&r.findings, r.at, paint) {
        line(l);
    }
    line(verdict(
        &r.findings,
        r.signature.status,
        r.exit_code(),
        paint,
    ));
    out
}

/// The signature status, coloured by the verdict (`exit`): green only when it can be trusted.
pub fn badge(status: SignatureStatus, exit: u8, paint: &Paint) -> String {
    let text = status.as_str();
    match badge_tone(status, exit) {
        BadgeTone::Trusted => paint.green(text),
        BadgeTone::Broken => paint.red(text),
        BadgeTone::Unproven => paint.yellow(text),
    }
}

/// The Findings heading with the evaluation instant, then one line a finding: the tag
/// coloured by severity, the message, the predicted error and the Login History name.
pub fn findings(list: &[Finding], at: DateTime<Utc>, paint: &Paint) -> Vec<String> {
    let mut lines = vec![format!(
        "{} at {}",
        paint.bold("Findings"),
        instant_text(at)
    )];
    if list.is_empty() {
        lines.push("  none".to_string());
    }
    for f in list {
        let tag = format!("{} {}", f.check, f.severity.as_str());
        let tag = match f.severity {
            Severity::Error => paint.red(&tag),
            Severity::Warning => paint.yellow(&tag),
            Severity::Info => paint.cyan(&tag),
        };
        let mut l = format!("  {tag}: {}", printable(&f.message));
        if let Some(p) = &f.predicts {
            l.push_str(&format!(" -> {}", printable(p)));
        }
        if let Some(h) = &f.login_history {
            l.push_str(&format!(" (Login History: {})", printable(h)));
        }
        lines.push(l);
    }
    lines
}

/// `OK: 0 errors, 1 warning, 0 notes; signature valid`.
pub fn verdict(list: &[Finding], status: SignatureStatus, exit: u8, paint: &Paint) -> String {
    let (errors, warnings, infos) = tally(list);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let verdict = if exit == 0 {
        paint.green("OK")
    } else {
        paint.red("FAIL")
    };
    format!(
        "{verdict}: {}, {}, {}; signature {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(infos, "note"),
        status.as_str()
    )
}

fn fields(map: &Map<String, Value>, r: &JwtReport, with_times: bool) -> Vec<String> {
    let width = map
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    fields_in_order(map)
        .into_iter()
        .map(|(name, shown)| {
            let time = r
                .times
                .iter()
                .find(|t| with_times && t.name == *name)
                .map_or_else(String::new, |t| match &t.utc {
                    Some(utc) => format!("  {utc}  {}", t.relative),
                    None => format!("  {}", t.relative),
                });
            let name = printable(name);
            format!("  {name:<width$}  {shown}{time}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn report() -> JwtReport {
        let token = include_str!("../../tests/fixtures/jwt/aud-slash.jwt");
        let opts = InspectOptions::at(DateTime::from_timestamp(1_798_761_600, 0).unwrap());
        match crate::inspect::inspect(token, &opts, None, &Knowledge::default()).unwrap() {
            Inspection::Jwt(r) => r,
            Inspection::Saml(_) => panic!("expected a JWT"),
        }
    }

    #[test]
    fn colours_only_when_painting() {
        let r = report();
        let plain = render(&r, &Paint { on: false });
        assert!(!plain.contains('\u{1b}'));
        assert!(
            plain.contains("J6 error: aud \"https://login.salesforce.com/\" has a trailing slash")
        );
        let coloured = render(&r, &Paint { on: true });
        assert!(coloured.contains("\u{1b}[31mJ6 error\u{1b}[0m"));
        assert!(coloured.contains("\u{1b}[33mnot-checked\u{1b}[0m"));
    }

    #[test]
    fn a_valid_signature_on_a_failing_token_is_not_green() {
        let paint = Paint { on: true };
        assert_eq!(
            badge(SignatureStatus::Valid, 0, &paint),
            paint.green("valid")
        );
        assert_eq!(
            badge(SignatureStatus::Valid, 1, &paint),
            paint.yellow("valid")
        );
    }
}

//! Cross-checks an org file's entries and turns them into an [`Org`]: unique names, references
//! to users that exist, certificates that parse, scopes Salesforce knows.

use super::load::{OrgError, entry_label};
use super::spec::{AppSpec, FlowId, OrgSpec, PermittedUsers};
use super::{App, Certificate, Idp, Ipv4Range, ORG_ID, Org, User};
use crate::inspect::KeyMaterial;
use std::collections::HashSet;

/// Scopes this server grants; a subset of Salesforce's discovery document.
pub const KNOWN_SCOPES: &[&str] = &[
    "api",
    "refresh_token",
    "offline_access",
    "openid",
    "id",
    "profile",
    "email",
    "address",
    "phone",
    "web",
    "full",
];

pub fn resolve(
    spec: OrgSpec,
    name: &str,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Org, OrgError> {
    let mut problems = Vec::new();
    let mut say = |label: &str, field: &str, message: String| {
        problems.push(format!("{name}: {label}: field {field}: {message}"));
    };
    if spec.my_domain.is_empty()
        || !spec
            .my_domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        say(
            "the org",
            "my_domain",
            format!(
                "{:?} must be letters, digits and hyphens (the acme in acme.my.salesforce.com)",
                spec.my_domain
            ),
        );
    }
    let mut usernames = HashSet::new();
    let mut users = Vec::new();
    for (i, u) in spec.users.iter().enumerate() {
        let label = entry_label("users", i, Some(&u.username));
        if !u.username.contains('@') || u.username.contains(char::is_whitespace) {
            say(&label, "username", "must be email-shaped".to_string());
        }
        if !usernames.insert(u.username.to_ascii_lowercase()) {
            say(&label, "username", "appears twice".to_string());
        }
        let mut ip_ranges = Vec::new();
        for r in &u.login_ip_ranges {
            match Ipv4Range::parse(r) {
                Some(range) => ip_ranges.push(range),
                None => say(
                    &label,
                    "login_ip_ranges",
                    format!("{r:?} is not an IPv4 range such as 10.0.0.0/8"),
                ),
            }
        }
        users.push(User {
            id: format!("005SF0000000{:03}AAA", i + 1),
            spec: u.clone(),
            ip_ranges,
        });
    }
    let is_user = |n: &str| usernames.contains(&n.to_ascii_lowercase());
    let mut keys = HashSet::new();
    let mut apps = Vec::new();
    for (i, a) in spec.apps.iter().enumerate() {
        let label = entry_label("apps", i, Some(&a.name));
        let mut app_say = |field: &str, message: String| say(&label, field, message);
        check_app(a, &is_user, &mut keys, &mut app_say);
        let certificate = match &a.certificate {
            Some(file) => match certificate(file, read) {
                Ok(c) => Some(c),
                Err(e) => {
                    app_say("certificate", e);
                    None
                }
            },
            None => None,
        };
        apps.push(App {
            spec: a.clone(),
            certificate,
        });
    }
    let mut issuers = HashSet::new();
    let mut idps = Vec::new();
    for (i, p) in spec.saml_identity_providers.iter().enumerate() {
        let label = entry_label("saml_identity_providers", i, Some(&p.issuer));
        if p.issuer.trim().is_empty() || !issuers.insert(p.issuer.clone()) {
            say(&label, "issuer", "must be non-empty and unique".to_string());
        }
        match certificate(&p.certificate, read) {
            Ok(c) => idps.push(Idp {
                spec: p.clone(),
                certificate: c,
            }),
            Err(e) => say(&label, "certificate", e),
        }
    }
    if !problems.is_empty() {
        return Err(OrgError { problems });
    }
    Ok(Org {
        my_domain: spec.my_domain,
        org_id: ORG_ID.to_string(),
        users,
        apps,
        idps,
        source: name.to_string(),
    })
}

fn check_app(
    a: &AppSpec,
    is_user: &dyn Fn(&str) -> bool,
    keys: &mut HashSet<String>,
    say: &mut dyn FnMut(&str, String),
) {
    if a.consumer_key.trim().is_empty() || !keys.insert(a.consumer_key.clone()) {
        say("consumer_key", "must be non-empty and unique".to_string());
    }
    if a.consumer_secret.is_empty() {
        say("consumer_secret", "must not be empty".to_string());
    }
    for s in &a.scopes {
        if !KNOWN_SCOPES.contains(&s.as_str()) {
            say(
                "scopes",
                format!("unknown scope {s:?} (known: {})", KNOWN_SCOPES.join(", ")),
            );
        }
    }
    for url in &a.callback_urls {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            say("callback_urls", format!("{url:?} must be an http(s) URL"));
        }
    }
    if a.flows.contains(&FlowId::WebServer) && a.callback_urls.is_empty() {
        say(
            "callback_urls",
            "the web-server flow needs at least one callback URL".to_string(),
        );
    }
    let needs_cert = a.flows.contains(&FlowId::JwtBearer) || a.flows.contains(&FlowId::SamlBearer);
    if needs_cert && a.certificate.is_none() {
        say(
            "certificate",
            "the jwt-bearer and saml-bearer flows need the app's certificate".to_string(),
        );
    }
    match &a.client_credentials_user {
        Some(u) if !is_user(u) => say("client_credentials_user", format!("no user {u:?} in users")),
        None if a.flows.contains(&FlowId::ClientCredentials) => say(
            "client_credentials_user",
            "the client-credentials flow needs a run-as user".to_string(),
        ),
        _ => {}
    }
    for u in &a.pre_authorized_users {
        if !is_user(u) {
            say("pre_authorized_users", format!("no user {u:?} in users"));
        }
    }
    if a.permitted_users == PermittedUsers::AllUsersMaySelfAuthorize
        && !a.pre_authorized_users.is_empty()
    {
        say(
            "pre_authorized_users",
            "only applies with permitted_users \"admin-approved-users-are-pre-authorized\""
                .to_string(),
        );
    }
}

fn certificate(
    file: &str,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Certificate, String> {
    let bytes = read(file)?;
    let material = KeyMaterial::parse(&bytes, file)?;
    if material.cert.is_none() {
        return Err(format!("{file} holds no X.509 certificate"));
    }
    Ok(Certificate { bytes, material })
}

//! The fixed demo org. Its key pair is embedded: generating RSA keys at run time is slow in
//! debug builds, and this is a public practice credential that must never guard anything real.

use super::Org;
use super::load::{OrgError, load_str};
use super::spec::*;
use std::path::Path;

pub const DEMO_USER: &str = "integration@demo.sfauth.local";
pub const DEMO_PASSWORD: &str = "demo-password";
pub const DEMO_CONSUMER_KEY: &str = "sfauth-demo-consumer-key";
pub const DEMO_SECRET: &str = "sfauth-demo-secret";
pub const DEMO_CALLBACK: &str = "http://localhost:1717/OAuthRedirect";
pub const KEY_FILE: &str = "demo-app.key";
pub const CERT_FILE: &str = "demo-app.crt";
pub const ORG_FILE: &str = "org.json";

/// PKCS#8 private key of the demo app (public demo credential).
pub const DEMO_KEY_PEM: &str = include_str!("demo/demo-app.key");
pub const DEMO_CERT_PEM: &str = include_str!("demo/demo-app.crt");

pub fn spec() -> OrgSpec {
    OrgSpec {
        comment: Some(
            "A local practice org for `sfauth serve --org org.json`. Fields starting with _comment \
             are descriptions; any other unknown field is an error. Certificate paths are \
             relative to this file. The demo key pair is public: never trust it anywhere real."
                .to_string(),
        ),
        my_domain: "sfauth-demo".to_string(),
        users: vec![UserSpec {
            comment: Some(
                "password is for the local login page only; active false makes every grant \
                 answer inactive_user; login_ip_ranges (IPv4 CIDR) apply unless the app relaxes \
                 IP restrictions"
                    .to_string(),
            ),
            username: DEMO_USER.to_string(),
            password: DEMO_PASSWORD.to_string(),
            active: true,
            profile: "Integration User".to_string(),
            login_ip_ranges: Vec::new(),
        }],
        apps: vec![AppSpec {
            comment: Some(
                "flows: web-server, refresh-token, jwt-bearer, client-credentials, saml-bearer, \
                 device. permitted_users: all-users-may-self-authorize or \
                 admin-approved-users-are-pre-authorized (then list pre_authorized_users). \
                 refresh_token_policy: \"valid-until-revoked\" or {\"expire-after-seconds\": N}. \
                 ip_relaxation: enforce-ip-restrictions or relax-ip-restrictions."
                    .to_string(),
            ),
            name: "sfauth demo app".to_string(),
            consumer_key: DEMO_CONSUMER_KEY.to_string(),
            consumer_secret: DEMO_SECRET.to_string(),
            certificate: Some(CERT_FILE.to_string()),
            callback_urls: vec![DEMO_CALLBACK.to_string()],
            scopes: ["api", "refresh_token", "openid", "id", "profile", "email"]
                .map(str::to_string)
                .to_vec(),
            flows: FlowId::ALL.to_vec(),
            pkce_required: false,
            client_credentials_user: Some(DEMO_USER.to_string()),
            permitted_users: PermittedUsers::AdminApprovedUsersArePreAuthorized,
            pre_authorized_users: vec![DEMO_USER.to_string()],
            refresh_token_policy: RefreshPolicy::ValidUntilRevoked,
            refresh_token_rotation: true,
            ip_relaxation: IpRelaxation::RelaxIpRestrictions,
        }],
        saml_identity_providers: vec![IdpSpec {
            comment: Some(
                "Issuers whose signed SAML assertions the saml2-bearer grant accepts besides the \
                 app's own consumer key; name the app with client_id then."
                    .to_string(),
            ),
            issuer: "https://idp.demo.sfauth.local".to_string(),
            certificate: CERT_FILE.to_string(),
        }],
    }
}

/// The demo org file as `--init` writes it.
pub fn org_json() -> String {
    // Plain data with string keys: serializing cannot fail.
    serde_json::to_string_pretty(&spec()).unwrap_or_default() + "\n"
}

/// The demo org, its certificate read from the embedded copy.
pub fn org() -> Result<Org, OrgError> {
    load_str(&org_json(), "demo org", &|file: &str| {
        if file == CERT_FILE {
            Ok(DEMO_CERT_PEM.as_bytes().to_vec())
        } else {
            Err(format!("{file}: not part of the demo org"))
        }
    })
}

/// Writes `org.json`, the key and the certificate into `dir` (created if missing). Refuses to
/// overwrite, so a customised org is never lost.
pub fn write_init(dir: &Path) -> Result<Vec<String>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let files = [
        (ORG_FILE, org_json()),
        (KEY_FILE, DEMO_KEY_PEM.to_string()),
        (CERT_FILE, DEMO_CERT_PEM.to_string()),
    ];
    for (name, _) in &files {
        let path = dir.join(name);
        if path.exists() {
            return Err(format!(
                "{} already exists; choose an empty folder",
                path.display()
            ));
        }
    }
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// Writes the demo key and certificate into a fresh folder under the system temp dir, for the
/// commands `sfauth serve` prints.
pub fn write_key_pair_to_temp() -> Result<std::path::PathBuf, String> {
    let base = std::env::temp_dir();
    for attempt in 0..100u32 {
        let dir = base.join(format!("sfauth-serve-{}-{attempt}", std::process::id()));
        if std::fs::create_dir(&dir).is_ok() {
            for (name, text) in [(KEY_FILE, DEMO_KEY_PEM), (CERT_FILE, DEMO_CERT_PEM)] {
                let path = dir.join(name);
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            return Ok(dir);
        }
    }
    Err(format!("could not create a folder in {}", base.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_org_loads_and_round_trips() {
        let org = org().unwrap();
        assert_eq!(org.users[0].spec.username, DEMO_USER);
        let (_, app) = org.app(DEMO_CONSUMER_KEY).unwrap();
        assert!(FlowId::ALL.iter().all(|f| app.allows(*f)));
        assert!(app.certificate.is_some());
        let back: OrgSpec = serde_json::from_str(&org_json()).unwrap();
        assert_eq!(back, spec());
    }
}

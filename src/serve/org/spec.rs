//! The org file as written on disk: every field a user may set, and nothing else.
//!
//! JSON has no comments, so every object accepts one optional `"_comment"` string; any other
//! unknown field is an error (see `load`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgSpec {
    #[serde(rename = "_comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The My Domain name (`acme` in acme.my.salesforce.com); shown in identity responses.
    pub my_domain: String,
    pub users: Vec<UserSpec>,
    pub apps: Vec<AppSpec>,
    #[serde(default)]
    pub saml_identity_providers: Vec<IdpSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    #[serde(rename = "_comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub username: String,
    /// For the local login page only; never sent to a token endpoint.
    pub password: String,
    #[serde(default = "yes")]
    pub active: bool,
    pub profile: String,
    /// IPv4 CIDR ranges the profile allows logins from; empty allows any address.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub login_ip_ranges: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppSpec {
    #[serde(rename = "_comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub name: String,
    pub consumer_key: String,
    pub consumer_secret: String,
    /// Certificate file (PEM or DER) for the JWT and SAML bearer grants, relative to the org
    /// file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    pub callback_urls: Vec<String>,
    pub scopes: Vec<String>,
    pub flows: Vec<FlowId>,
    #[serde(default)]
    pub pkce_required: bool,
    /// The run-as user of the client credentials flow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_credentials_user: Option<String>,
    pub permitted_users: PermittedUsers,
    /// With `admin-approved-users-are-pre-authorized`: the users who are.
    #[serde(default)]
    pub pre_authorized_users: Vec<String>,
    pub refresh_token_policy: RefreshPolicy,
    #[serde(default)]
    pub refresh_token_rotation: bool,
    pub ip_relaxation: IpRelaxation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlowId {
    WebServer,
    RefreshToken,
    JwtBearer,
    ClientCredentials,
    SamlBearer,
    Device,
}

impl FlowId {
    pub const ALL: [FlowId; 6] = [
        FlowId::WebServer,
        FlowId::RefreshToken,
        FlowId::JwtBearer,
        FlowId::ClientCredentials,
        FlowId::SamlBearer,
        FlowId::Device,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlowId::WebServer => "web-server",
            FlowId::RefreshToken => "refresh-token",
            FlowId::JwtBearer => "jwt-bearer",
            FlowId::ClientCredentials => "client-credentials",
            FlowId::SamlBearer => "saml-bearer",
            FlowId::Device => "device",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PermittedUsers {
    AllUsersMaySelfAuthorize,
    AdminApprovedUsersArePreAuthorized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefreshPolicy {
    ValidUntilRevoked,
    /// Absolute lifetime of a refresh token family, counted from the first grant.
    ExpireAfterSeconds(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IpRelaxation {
    EnforceIpRestrictions,
    RelaxIpRestrictions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdpSpec {
    #[serde(rename = "_comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The SAML Issuer the IdP writes into its assertions.
    pub issuer: String,
    /// Certificate file the IdP signs with, relative to the org file.
    pub certificate: String,
}

/// The fields each object accepts, for error messages that list them.
pub const ORG_FIELDS: &[&str] = &[
    "_comment",
    "my_domain",
    "users",
    "apps",
    "saml_identity_providers",
];
pub const USER_FIELDS: &[&str] = &[
    "_comment",
    "username",
    "password",
    "active",
    "profile",
    "login_ip_ranges",
];
pub const APP_FIELDS: &[&str] = &[
    "_comment",
    "name",
    "consumer_key",
    "consumer_secret",
    "certificate",
    "callback_urls",
    "scopes",
    "flows",
    "pkce_required",
    "client_credentials_user",
    "permitted_users",
    "pre_authorized_users",
    "refresh_token_policy",
    "refresh_token_rotation",
    "ip_relaxation",
];
pub const IDP_FIELDS: &[&str] = &["_comment", "issuer", "certificate"];

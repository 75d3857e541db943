//! Ids the shipped model pins: other packs and saved links refer to them, so they never move.

#![allow(dead_code)]

/// The inbound flows the shipped model has a diagram for.
pub const FLOWS: [&str; 12] = [
    "web-server",
    "user-agent",
    "refresh-token",
    "jwt-bearer",
    "client-credentials",
    "device",
    "saml-bearer",
    "saml-assertion",
    "username-password",
    "asset-token",
    "token-exchange",
    "named-credential-oauth",
];

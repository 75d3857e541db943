//! S1 how the assertion is encoded for the bearer grant; S2 whether the document (and the
//! request around it) has the shape the grant takes.

use super::{CheckInput, quoted};
use crate::saml::input::{Base64Alphabet, Layer};
use crate::saml::report::RawFinding;

const BEARER_GRANT: &str = "urn:ietf:params:oauth:grant-type:saml2-bearer";
const ASSERTION_GRANT: &str = "assertion";
const SSO_ASSERTION_TYPE: &str = "urn:oasis:names:tc:SAML:2.0:profiles:SSO:browser";

pub fn s1_encoding(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let layers = input.layers;
    let base64: Vec<&Layer> = layers
        .iter()
        .filter(|l| matches!(l, Layer::Base64 { .. }))
        .collect();
    let in_form = layers
        .iter()
        .any(|l| matches!(l, Layer::FormParameter { .. }));
    if in_form && base64.is_empty() {
        out.push(RawFinding::fails(
            "S1",
            "the assertion parameter carries raw XML; the SAML bearer grant expects it \
             base64url-encoded",
        ));
    }
    if base64.len() > 1 {
        out.push(RawFinding::fails(
            "S1",
            format!(
                "the assertion is base64-encoded {} times; encode the XML once, with base64url",
                base64.len()
            ),
        ));
    }
    for layer in &base64 {
        if let Layer::Base64 {
            alphabet: Base64Alphabet::Standard,
            first_standard_char,
            ..
        } = layer
        {
            let at = first_standard_char
                .map(|(i, c)| format!(" ('{c}' at position {i})"))
                .unwrap_or_default();
            out.push(RawFinding::fails(
                "S1",
                format!(
                    "the assertion is standard base64{at}; the SAML bearer grant expects \
                     base64url ('-' and '_' instead of '+' and '/')"
                ),
            ));
        }
        if let Layer::Base64 {
            line_breaks: true, ..
        } = layer
        {
            out.push(RawFinding::warning(
                "S1",
                "the base64 text has line breaks; send it on one line",
            ));
        }
    }
    if layers.contains(&Layer::Deflate) {
        out.push(RawFinding::fails(
            "S1",
            "the assertion is DEFLATE-compressed (the HTTP-Redirect binding's encoding); the \
             token endpoint expects the XML itself, base64url-encoded",
        ));
    }
    out
}

pub fn s2_root(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let s = input.structure;
    let version = s.root_version.as_deref();
    if input.bearer() {
        if !s.root_is_assertion {
            out.push(RawFinding::fails(
                "S2",
                format!(
                    "the root element is {}; the SAML bearer grant takes a bare saml:Assertion \
                     (a Response is what the SAML assertion flow takes: --as saml-assertion)",
                    s.root_name
                ),
            ));
        }
    } else if s.root_is_assertion {
        out.push(RawFinding::fails(
            "S2",
            format!(
                "the root element is a bare {}; the SAML assertion flow takes the IdP's whole \
                 samlp:Response (a bare assertion is for the bearer grant: --as saml-bearer)",
                s.root_name
            ),
        ));
    }
    if version != Some("2.0") {
        out.push(RawFinding::fails(
            "S2",
            match version {
                Some(v) => format!(
                    "{} has Version={}; SAML 2.0 needs \"2.0\"",
                    s.root_name,
                    quoted(v)
                ),
                None => format!(
                    "{} has no Version attribute; SAML 2.0 needs Version=\"2.0\"",
                    s.root_name
                ),
            },
        ));
    }
    if let Some(r) = input.response {
        match r.status.as_deref() {
            Some("urn:oasis:names:tc:SAML:2.0:status:Success") => {}
            Some(code) => {
                let why = [r.status_detail.as_deref(), r.status_message.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(": ");
                let why = if why.is_empty() {
                    String::new()
                } else {
                    format!(" ({why})")
                };
                out.push(RawFinding::fails(
                    "S2",
                    format!("the Response Status is {code}{why}: the IdP reports a failure"),
                ));
            }
            None => out.push(RawFinding::fails(
                "S2",
                "the Response has no Status/StatusCode",
            )),
        }
    }
    out.extend(grant_parameters(input));
    out
}

/// The request parameters around the assertion, when it came in a token request body.
fn grant_parameters(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let Some(grant) = input.params.get("grant_type") else {
        return out;
    };
    let grant = grant.as_str();
    if input.bearer() && grant != BEARER_GRANT {
        out.push(RawFinding::fails(
            "S2",
            format!(
                "grant_type is {}; the SAML bearer grant is {BEARER_GRANT}",
                quoted(grant)
            ),
        ));
    }
    if !input.bearer() {
        if grant != ASSERTION_GRANT {
            out.push(RawFinding::fails(
                "S2",
                format!(
                    "grant_type is {}; the SAML assertion flow uses grant_type=assertion",
                    quoted(grant)
                ),
            ));
        }
        match input.params.get("assertion_type").map(String::as_str) {
            Some(SSO_ASSERTION_TYPE) => {}
            Some(other) => out.push(RawFinding::fails(
                "S2",
                format!(
                    "assertion_type is {}; the SAML assertion flow needs {SSO_ASSERTION_TYPE}",
                    quoted(other)
                ),
            )),
            None => out.push(RawFinding::fails(
                "S2",
                format!(
                    "assertion_type is missing; the SAML assertion flow needs {SSO_ASSERTION_TYPE}"
                ),
            )),
        }
    }
    out
}

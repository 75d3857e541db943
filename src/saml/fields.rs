//! The values a SAML consumer reads, taken from one Assertion element (and the Response around
//! it): Issuer, NameID, SubjectConfirmation, Conditions, AuthnStatement, attributes, Status.

use super::xml::{JoinedText, SAML_NS, SAMLP_NS, child, children, joined_text, path};
use roxmltree::Node;
use serde::{Serialize, Serializer};

/// Element text joined across comments and split text nodes; serialized as the joined string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    /// Comments, processing instructions, or several text or CDATA nodes inside (check S12).
    pub split: bool,
    /// The first text or CDATA node alone, when the text is split.
    pub first_piece: Option<String>,
    /// Byte offset of the element in the decoded XML; turned into `line:column` only for
    /// the few values a message names, so reading every value stays linear.
    pub offset: usize,
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.value)
    }
}

pub fn text_of(node: Node<'_, '_>) -> Text {
    let joined: JoinedText = joined_text(node);
    let split = joined.is_split();
    Text {
        first_piece: split
            .then(|| joined.first_piece().map(str::to_string))
            .flatten(),
        value: joined.text,
        split,
        offset: node.range().start,
    }
}

fn attr(node: Node<'_, '_>, name: &str) -> Option<String> {
    node.attribute(name).map(str::to_string)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameId {
    pub value: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_qualifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sp_name_qualifier: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectConfirmation {
    pub method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_on_or_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_response_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Whether a SubjectConfirmationData element is present at all.
    #[serde(skip)]
    pub has_data: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conditions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_on_or_after: Option<String>,
    /// Every Audience, in document order.
    pub audiences: Vec<Text>,
    /// The same audiences grouped by AudienceRestriction: each group must name the consumer.
    #[serde(skip)]
    pub restrictions: Vec<Vec<Text>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub one_time_use: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthnStatement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authn_instant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_index: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_not_on_or_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_class: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribute {
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    pub values: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssertionFields {
    pub id: Option<String>,
    pub version: Option<String>,
    pub issue_instant: Option<String>,
    /// Where in the document the values were read.
    pub path: String,
    /// Covered by a signature whose digests match and whose SignatureValue verifies, with
    /// `--key` or, without one, with the embedded certificate (set after verification).
    pub signed: bool,
    /// Covered by a signature whose digests match, whatever its SignatureValue.
    #[serde(skip)]
    pub covered: bool,
    pub issuer: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_format: Option<String>,
    pub name_id: Option<NameId>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub encrypted_id: bool,
    pub subject_confirmations: Vec<SubjectConfirmation>,
    pub conditions: Option<Conditions>,
    pub authn_statements: Vec<AuthnStatement>,
    pub attributes: Vec<Attribute>,
}

pub fn assertion(node: Node<'_, '_>) -> AssertionFields {
    let issuer = child(node, SAML_NS, "Issuer");
    let subject = child(node, SAML_NS, "Subject");
    let name_id = subject
        .and_then(|s| child(s, SAML_NS, "NameID"))
        .map(|n| NameId {
            value: text_of(n),
            format: attr(n, "Format"),
            name_qualifier: attr(n, "NameQualifier"),
            sp_name_qualifier: attr(n, "SPNameQualifier"),
        });
    let subject_confirmations = subject
        .map(|s| {
            children(s, SAML_NS, "SubjectConfirmation")
                .map(|sc| {
                    let data = child(sc, SAML_NS, "SubjectConfirmationData");
                    let d = |name: &str| data.and_then(|d| attr(d, name));
                    SubjectConfirmation {
                        method: attr(sc, "Method"),
                        recipient: d("Recipient"),
                        not_before: d("NotBefore"),
                        not_on_or_after: d("NotOnOrAfter"),
                        in_response_to: d("InResponseTo"),
                        address: d("Address"),
                        has_data: data.is_some(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let conditions = child(node, SAML_NS, "Conditions").map(|c| {
        let restrictions: Vec<Vec<Text>> = children(c, SAML_NS, "AudienceRestriction")
            .map(|r| children(r, SAML_NS, "Audience").map(text_of).collect())
            .collect();
        Conditions {
            not_before: attr(c, "NotBefore"),
            not_on_or_after: attr(c, "NotOnOrAfter"),
            audiences: restrictions.iter().flatten().cloned().collect(),
            restrictions,
            one_time_use: child(c, SAML_NS, "OneTimeUse").is_some(),
        }
    });
    let authn_statements = children(node, SAML_NS, "AuthnStatement")
        .map(|a| AuthnStatement {
            authn_instant: attr(a, "AuthnInstant"),
            session_index: attr(a, "SessionIndex"),
            session_not_on_or_after: attr(a, "SessionNotOnOrAfter"),
            context_class: child(a, SAML_NS, "AuthnContext")
                .and_then(|c| child(c, SAML_NS, "AuthnContextClassRef"))
                .map(|r| text_of(r).value.trim().to_string()),
        })
        .collect();
    let attributes = children(node, SAML_NS, "AttributeStatement")
        .flat_map(|s| children(s, SAML_NS, "Attribute"))
        .map(|a| Attribute {
            name: attr(a, "Name"),
            name_format: attr(a, "NameFormat"),
            friendly_name: attr(a, "FriendlyName"),
            values: children(a, SAML_NS, "AttributeValue")
                .map(text_of)
                .collect(),
        })
        .collect();
    AssertionFields {
        id: attr(node, "ID"),
        version: attr(node, "Version"),
        issue_instant: attr(node, "IssueInstant"),
        path: path(node),
        signed: false,
        covered: false,
        issuer: issuer.map(text_of),
        issuer_format: issuer.and_then(|i| attr(i, "Format")),
        name_id,
        encrypted_id: subject.is_some_and(|s| child(s, SAML_NS, "EncryptedID").is_some()),
        subject_confirmations,
        conditions,
        authn_statements,
        attributes,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseFields {
    pub id: Option<String>,
    pub version: Option<String>,
    pub issue_instant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_response_to: Option<String>,
    pub issuer: Option<Text>,
    /// Top-level StatusCode Value.
    pub status: Option<String>,
    /// A nested (second-level) StatusCode, which says why a non-success happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// The Response itself is covered by a signature whose digests match and whose
    /// SignatureValue verifies (with `--key`, or without one with the embedded certificate).
    pub signed: bool,
    pub assertions: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub encrypted_assertions: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub fn response(node: Node<'_, '_>) -> ResponseFields {
    let status = child(node, SAMLP_NS, "Status");
    let code = status.and_then(|s| child(s, SAMLP_NS, "StatusCode"));
    ResponseFields {
        id: attr(node, "ID"),
        version: attr(node, "Version"),
        issue_instant: attr(node, "IssueInstant"),
        destination: attr(node, "Destination"),
        in_response_to: attr(node, "InResponseTo"),
        issuer: child(node, SAML_NS, "Issuer").map(text_of),
        status: code.and_then(|c| attr(c, "Value")),
        status_detail: code
            .and_then(|c| child(c, SAMLP_NS, "StatusCode"))
            .and_then(|c| attr(c, "Value")),
        status_message: status
            .and_then(|s| child(s, SAMLP_NS, "StatusMessage"))
            .map(|m| text_of(m).value),
        signed: false,
        assertions: children(node, SAML_NS, "Assertion").count(),
        encrypted_assertions: children(node, SAML_NS, "EncryptedAssertion").count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field_of_a_fixture() {
        let xml = crate::saml::fixtures::text("response.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let r = response(doc.root_element());
        assert_eq!(r.id.as_deref(), Some("_r1"));
        assert_eq!(
            r.status.as_deref(),
            Some("urn:oasis:names:tc:SAML:2.0:status:Success")
        );
        assert_eq!(
            r.destination.as_deref(),
            Some("https://example.my.salesforce.com/services/oauth2/token")
        );
        assert_eq!(r.assertions, 1);
        let a = assertion(child(doc.root_element(), SAML_NS, "Assertion").unwrap());
        assert_eq!(a.id.as_deref(), Some("_as1"));
        assert_eq!(a.path, "/samlp:Response/saml2:Assertion");
        assert_eq!(a.issuer.unwrap().value, "https://idp.example.test/entity");
        let name_id = a.name_id.unwrap();
        assert_eq!(name_id.value.value, "alice@example.com");
        assert!(!name_id.value.split);
        let sc = &a.subject_confirmations[0];
        assert_eq!(
            sc.method.as_deref(),
            Some("urn:oasis:names:tc:SAML:2.0:cm:bearer")
        );
        assert_eq!(sc.not_on_or_after.as_deref(), Some("2026-01-01T00:03:00Z"));
        let c = a.conditions.unwrap();
        assert_eq!(c.audiences[0].value, "https://saml.salesforce.com");
        assert_eq!(c.restrictions.len(), 1);
        assert_eq!(
            a.authn_statements[0].context_class.as_deref(),
            Some("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
        );
        assert_eq!(a.attributes[0].name.as_deref(), Some("role"));
        assert_eq!(a.attributes[0].values[0].value, "integration");
    }

    #[test]
    fn split_text_keeps_the_whole_value_and_the_first_piece() {
        let doc = roxmltree::Document::parse("<n>a@b.c<!--x-->.evil<?p?></n>").unwrap();
        let t = text_of(doc.root_element());
        assert_eq!(t.value, "a@b.c.evil");
        assert!(t.split);
        assert_eq!(t.first_piece.as_deref(), Some("a@b.c"));
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"a@b.c.evil\"");
    }
}

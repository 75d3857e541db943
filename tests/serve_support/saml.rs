//! Builds and signs SAML bearer assertions for the local org (enveloped RSA-SHA256 signature,
//! exclusive c14n), with knobs to break one rule at a time.

use base64::prelude::*;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use sfauth::saml::c14n;
use sha2::{Digest, Sha256};

pub struct SamlParts {
    pub issuer: String,
    pub name_id: Option<String>,
    pub method: String,
    pub recipient: String,
    pub audience: String,
    pub not_on_or_after: String,
    pub reference: Option<String>,
    /// Extra XML inside the Assertion, after the Subject (signed with it).
    pub inside: String,
    /// Text after the root element (outside the signature).
    pub after: String,
    pub key_pem: Vec<u8>,
    /// Fixed once, so the three renderings that signing takes agree to the second.
    pub issue_instant: String,
}

impl SamlParts {
    pub fn new(base_url: &str, issuer: &str, user: &str) -> Self {
        SamlParts {
            issuer: issuer.to_string(),
            name_id: Some(user.to_string()),
            method: "urn:oasis:names:tc:SAML:2.0:cm:bearer".to_string(),
            recipient: format!("{base_url}/services/oauth2/token"),
            audience: base_url.to_string(),
            not_on_or_after: (chrono::Utc::now() + chrono::Duration::seconds(120))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
            reference: None,
            inside: String::new(),
            after: String::new(),
            key_pem: sfauth::serve::org::demo::DEMO_KEY_PEM.as_bytes().to_vec(),
            issue_instant: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        }
    }

    fn xml(&self, digest: &str, signature: &str) -> String {
        let id = "_sfauth1";
        let now = &self.issue_instant;
        let reference = self.reference.as_deref().unwrap_or(id);
        let name_id = self
            .name_id
            .as_deref()
            .map(|n| format!("<saml2:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified\">{n}</saml2:NameID>"))
            .unwrap_or_default();
        format!(
            "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"{id}\" IssueInstant=\"{now}\" Version=\"2.0\">\
<saml2:Issuer>{issuer}</saml2:Issuer>\
<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>\
<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>\
<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>\
<ds:Reference URI=\"#{reference}\"><ds:Transforms>\
<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>\
<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>\
<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\
<ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>\
<ds:SignatureValue>{signature}</ds:SignatureValue></ds:Signature>\
<saml2:Subject>{name_id}<saml2:SubjectConfirmation Method=\"{method}\">\
<saml2:SubjectConfirmationData NotOnOrAfter=\"{exp}\" Recipient=\"{recipient}\"/></saml2:SubjectConfirmation></saml2:Subject>\
<saml2:Conditions NotBefore=\"{now}\" NotOnOrAfter=\"{exp}\"><saml2:AudienceRestriction>\
<saml2:Audience>{audience}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>{inside}\
<saml2:AuthnStatement AuthnInstant=\"{now}\"><saml2:AuthnContext><saml2:AuthnContextClassRef>\
urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef>\
</saml2:AuthnContext></saml2:AuthnStatement></saml2:Assertion>{after}",
            issuer = self.issuer,
            method = self.method,
            exp = self.not_on_or_after,
            recipient = self.recipient,
            audience = self.audience,
            inside = self.inside,
            after = self.after,
        )
    }

    /// The signed assertion XML.
    pub fn signed(&self) -> String {
        let unsigned = self.xml("", "");
        let doc = roxmltree::Document::parse(&unsigned).unwrap();
        let root = doc.root_element();
        let sig = root
            .descendants()
            .find(|n| n.tag_name().name() == "Signature")
            .unwrap();
        let target_id = self.reference.as_deref().unwrap_or("_sfauth1");
        let target = root
            .descendants()
            .find(|n| n.attribute("ID") == Some(target_id))
            .unwrap();
        let digest =
            BASE64_STANDARD.encode(Sha256::digest(c14n::exclusive(target, Some(sig.id()), &[])));
        let with_digest = self.xml(&digest, "");
        let doc = roxmltree::Document::parse(&with_digest).unwrap();
        let signed_info = doc
            .descendants()
            .find(|n| n.tag_name().name() == "SignedInfo")
            .unwrap();
        let canonical = c14n::exclusive(signed_info, None, &[]);
        let key =
            rsa::PrivateKey::from_pkcs8_pem(std::str::from_utf8(&self.key_pem).unwrap()).unwrap();
        let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key);
        let value = BASE64_STANDARD.encode(signer.sign(&canonical).to_vec());
        self.xml(&digest, &value)
    }

    /// base64url of the signed assertion, as the grant's `assertion` parameter.
    pub fn encoded(&self) -> String {
        BASE64_URL_SAFE_NO_PAD.encode(self.signed())
    }
}

//! XML-DSig as SAML uses it: read a `ds:Signature`, recompute each Reference's digest over
//! its exclusive canonical form (after the enveloped-signature transform), and check the
//! SignatureValue over the canonical SignedInfo with an RSA key.
//!
//! Only same-document references (`""`, `#ID`) are resolved, so nothing is ever fetched.

use super::c14n;
use super::xml::{DSIG_NS, EXC_C14N_NS, child, children, is};
use base64::prelude::*;
use roxmltree::{Node, NodeId};
use rsa::signature::Verifier;

pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
pub const EXC_C14N_WITH_COMMENTS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
pub const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
pub const C14N_WITH_COMMENTS: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
pub const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlg {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Sha1 => "SHA-1",
            HashAlg::Sha256 => "SHA-256",
            HashAlg::Sha384 => "SHA-384",
            HashAlg::Sha512 => "SHA-512",
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            HashAlg::Sha1 => sha1::Sha1::digest(data).to_vec(),
            HashAlg::Sha256 => sha2::Sha256::digest(data).to_vec(),
            HashAlg::Sha384 => sha2::Sha384::digest(data).to_vec(),
            HashAlg::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    /// A DigestMethod Algorithm URI.
    pub fn from_digest_uri(uri: &str) -> Option<HashAlg> {
        match uri {
            "http://www.w3.org/2000/09/xmldsig#sha1" => Some(HashAlg::Sha1),
            "http://www.w3.org/2001/04/xmlenc#sha256" => Some(HashAlg::Sha256),
            "http://www.w3.org/2001/04/xmldsig-more#sha384" => Some(HashAlg::Sha384),
            "http://www.w3.org/2001/04/xmlenc#sha512" => Some(HashAlg::Sha512),
            _ => None,
        }
    }

    /// An RSA PKCS#1 v1.5 SignatureMethod Algorithm URI.
    pub fn from_rsa_signature_uri(uri: &str) -> Option<HashAlg> {
        match uri {
            "http://www.w3.org/2000/09/xmldsig#rsa-sha1" => Some(HashAlg::Sha1),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => Some(HashAlg::Sha256),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => Some(HashAlg::Sha384),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => Some(HashAlg::Sha512),
            _ => None,
        }
    }
}

/// `RSA-SHA256` for known URIs, else the fragment after `#`.
pub fn signature_alg_name(uri: &str) -> String {
    match HashAlg::from_rsa_signature_uri(uri) {
        Some(h) => format!("RSA-{}", h.name().replace('-', "")),
        None => uri.rsplit('#').next().unwrap_or(uri).to_uppercase(),
    }
}

pub fn c14n_name(uri: &str) -> &str {
    match uri {
        EXC_C14N => "exclusive c14n",
        EXC_C14N_WITH_COMMENTS => "exclusive c14n with comments",
        C14N => "inclusive c14n 1.0",
        C14N_WITH_COMMENTS => "inclusive c14n 1.0 with comments",
        "http://www.w3.org/2006/12/xml-c14n11" => "c14n 1.1",
        "http://www.w3.org/2006/12/xml-c14n11#WithComments" => "c14n 1.1 with comments",
        "http://www.w3.org/TR/1999/REC-xpath-19991116" => "XPath",
        "http://www.w3.org/2002/06/xmldsig-filter2" => "XPath Filter 2.0",
        "http://www.w3.org/TR/1999/REC-xslt-19991116" => "XSLT",
        "http://www.w3.org/2000/09/xmldsig#base64" => "base64",
        ENVELOPED => "enveloped signature",
        other => other,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transform {
    pub algorithm: String,
    pub prefixes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub uri: Option<String>,
    pub transforms: Vec<Transform>,
    pub digest_method: Option<String>,
    pub digest_value: Result<Vec<u8>, String>,
}

impl Reference {
    pub fn enveloped(&self) -> bool {
        self.transforms.iter().any(|t| t.algorithm == ENVELOPED)
    }

    /// The canonicalization the digest is computed with: the last c14n Transform, or inclusive
    /// c14n 1.0, which XMLDSig applies when the transforms end with a node-set. Any transform
    /// other than enveloped-signature and c14n 1.0 (exclusive or inclusive) is unsupported.
    pub fn canonicalization(&self) -> Result<c14n::Method<'_>, String> {
        let mut method = c14n::Method::INCLUSIVE;
        for t in &self.transforms {
            if t.algorithm == ENVELOPED {
                continue;
            }
            let Some(m) = c14n_method(&t.algorithm, &t.prefixes) else {
                return Err(format!(
                    "transform {} is not supported (sfauth supports enveloped-signature and \
                     c14n 1.0, exclusive or inclusive)",
                    algorithm_label(&t.algorithm)
                ));
            };
            method = m;
        }
        // A same-document URI removes comments before the transforms (XMLDSig 4.3.3.3), so a
        // #WithComments transform has none to keep.
        method.comments = false;
        Ok(method)
    }
}

/// The c14n 1.0 variant an Algorithm URI names, compared exactly as written.
pub fn c14n_method<'p>(uri: &str, prefixes: &'p [String]) -> Option<c14n::Method<'p>> {
    let (exclusive, comments) = match uri {
        EXC_C14N => (true, false),
        EXC_C14N_WITH_COMMENTS => (true, true),
        C14N => (false, false),
        C14N_WITH_COMMENTS => (false, true),
        _ => return None,
    };
    Some(c14n::Method {
        exclusive,
        comments,
        prefixes: if exclusive { prefixes } else { &[] },
    })
}

/// `c14n 1.1 (http://www.w3.org/2006/12/xml-c14n11)`: the name and the URI exactly as written
/// (quoted when it has surrounding spaces), so a message names what the document says.
pub fn algorithm_label(uri: &str) -> String {
    let shown = if uri.trim() == uri && !uri.is_empty() {
        uri.to_string()
    } else {
        format!("{uri:?}")
    };
    match c14n_name(uri) {
        name if name == uri => shown,
        name => format!("{name} ({shown})"),
    }
}

/// A `ds:Signature` as written; nothing here is checked yet.
#[derive(Debug, Clone)]
pub struct ParsedSignature<'a, 'i> {
    pub node: Node<'a, 'i>,
    pub signed_info: Option<Node<'a, 'i>>,
    pub c14n_method: Option<String>,
    pub c14n_prefixes: Vec<String>,
    pub signature_method: Option<String>,
    pub references: Vec<Reference>,
    pub signature_value: Result<Vec<u8>, String>,
    /// Base64 text of each `X509Certificate` in KeyInfo.
    pub certificates: Vec<String>,
}

/// Algorithm URIs are compared exactly: a verifier that trims or case-folds would accept
/// what others refuse.
fn algorithm(node: Option<Node<'_, '_>>) -> Option<String> {
    node.and_then(|n| n.attribute("Algorithm"))
        .map(str::to_string)
}

fn prefix_list(node: Node<'_, '_>) -> Vec<String> {
    child(node, EXC_C14N_NS, "InclusiveNamespaces")
        .and_then(|n| n.attribute("PrefixList"))
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

fn base64_content(node: Option<Node<'_, '_>>, what: &str) -> Result<Vec<u8>, String> {
    let Some(node) = node else {
        return Err(format!("{what} is missing"));
    };
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return Err(format!("{what} is empty"));
    }
    BASE64_STANDARD
        .decode(text.as_bytes())
        .map_err(|e| format!("{what} is not base64 ({e})"))
}

pub fn parse<'a, 'i>(sig: Node<'a, 'i>) -> ParsedSignature<'a, 'i> {
    let signed_info = child(sig, DSIG_NS, "SignedInfo");
    let c14n_node = signed_info.and_then(|si| child(si, DSIG_NS, "CanonicalizationMethod"));
    let references = signed_info
        .map(|si| {
            children(si, DSIG_NS, "Reference")
                .map(|r| Reference {
                    uri: r.attribute("URI").map(str::to_string),
                    transforms: child(r, DSIG_NS, "Transforms")
                        .map(|ts| {
                            children(ts, DSIG_NS, "Transform")
                                .map(|t| Transform {
                                    algorithm: algorithm(Some(t)).unwrap_or_default(),
                                    prefixes: prefix_list(t),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                    digest_method: algorithm(child(r, DSIG_NS, "DigestMethod")),
                    digest_value: base64_content(child(r, DSIG_NS, "DigestValue"), "DigestValue"),
                })
                .collect()
        })
        .unwrap_or_default();
    let certificates = child(sig, DSIG_NS, "KeyInfo")
        .map(|ki| {
            ki.descendants()
                .filter(|n| is(*n, DSIG_NS, "X509Certificate"))
                .map(|n| {
                    n.descendants()
                        .filter_map(|t| t.is_text().then(|| t.text()).flatten())
                        .collect::<String>()
                })
                .filter(|t| !t.trim().is_empty())
                .collect()
        })
        .unwrap_or_default();
    ParsedSignature {
        node: sig,
        signed_info,
        c14n_method: algorithm(c14n_node),
        c14n_prefixes: c14n_node.map(prefix_list).unwrap_or_default(),
        signature_method: algorithm(
            signed_info.and_then(|si| child(si, DSIG_NS, "SignatureMethod")),
        ),
        references,
        signature_value: base64_content(child(sig, DSIG_NS, "SignatureValue"), "SignatureValue"),
        certificates,
    }
}

/// Elements whose `ID` attribute has this value. SAML's identifiers are the unqualified `ID`
/// attribute; other spellings are not IDs to a SAML consumer.
pub fn elements_with_id<'a, 'i>(doc: &'a roxmltree::Document<'i>, id: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.attribute("ID") == Some(id))
        .collect()
}

/// What a Reference points at.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a, 'i> {
    /// `URI=""`: the whole document.
    Document(Node<'a, 'i>),
    Element(Node<'a, 'i>),
}

impl<'a, 'i> Target<'a, 'i> {
    pub fn node(self) -> Node<'a, 'i> {
        match self {
            Target::Document(n) | Target::Element(n) => n,
        }
    }

    /// Whether the signed octets include `node` (it is the target or inside it).
    pub fn covers(self, node: Node<'_, '_>) -> bool {
        match self {
            Target::Document(_) => true,
            Target::Element(t) => node.ancestors().any(|a| a.id() == t.id()),
        }
    }
}

pub fn resolve<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    uri: Option<&str>,
) -> Result<Target<'a, 'i>, String> {
    match uri {
        None => Err("Reference has no URI; SAML references its element by #ID".to_string()),
        Some("") => Ok(Target::Document(doc.root())),
        Some(u) => {
            let Some(id) = u.strip_prefix('#') else {
                return Err(format!(
                    "Reference URI \"{u}\" is not a same-document #ID reference; nothing is fetched"
                ));
            };
            if id.starts_with("xpointer(") {
                return Err(format!(
                    "Reference URI \"{u}\" uses XPointer, which SAML does not allow"
                ));
            }
            match elements_with_id(doc, id).as_slice() {
                [] => Err(format!("no element has ID=\"{id}\"")),
                [one] => Ok(Target::Element(*one)),
                many => Err(format!(
                    "ID \"{id}\" is on {} elements, so the Reference is ambiguous",
                    many.len()
                )),
            }
        }
    }
}

/// A digest recomputed and compared.
#[derive(Debug, Clone)]
pub struct DigestCheck<'a, 'i> {
    pub target: Result<Target<'a, 'i>, String>,
    /// `Ok(true)` matched, `Ok(false)` differs, `Err` could not be computed.
    pub matches: Result<bool, Unverifiable>,
}

pub fn check_reference<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    signature: NodeId,
    reference: &Reference,
) -> DigestCheck<'a, 'i> {
    let target = resolve(doc, reference.uri.as_deref());
    let matches = match &target {
        Err(e) => Err(Unverifiable::Malformed(e.clone())),
        Ok(t) => digest_matches(*t, signature, reference),
    };
    DigestCheck { target, matches }
}

fn digest_matches(
    target: Target<'_, '_>,
    signature: NodeId,
    reference: &Reference,
) -> Result<bool, Unverifiable> {
    let hash = DIGEST_METHODS.hash_of(reference.digest_method.as_deref())?;
    let expected = reference
        .digest_value
        .as_ref()
        .map_err(|e| Unverifiable::Malformed(e.clone()))?;
    let method = reference
        .canonicalization()
        .map_err(Unverifiable::Unsupported)?;
    let omit = reference.enveloped().then_some(signature);
    let octets = c14n::canonicalize(target.node(), omit, method);
    Ok(hash.digest(&octets) == *expected)
}

/// Why a SignatureValue could not be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unverifiable {
    /// An algorithm sfauth does not implement: the signature may still be fine.
    Unsupported(String),
    /// A required part is missing or unreadable: no verifier could accept it.
    Malformed(String),
}

impl Unverifiable {
    pub fn message(&self) -> &str {
        match self {
            Unverifiable::Unsupported(m) | Unverifiable::Malformed(m) => m,
        }
    }
}

/// A part every signature needs: without it no verifier could accept the signature.
fn required<T>(part: Option<T>, name: &str) -> Result<T, Unverifiable> {
    part.ok_or_else(|| Unverifiable::Malformed(format!("{name} is missing")))
}

/// The algorithm `uri` names when sfauth implements it (`known`); otherwise the signature is
/// unsupported here, which says nothing about whether it is valid.
fn supported<T>(
    known: Option<T>,
    name: &str,
    uri: &str,
    supports: &str,
) -> Result<T, Unverifiable> {
    known.ok_or_else(|| {
        Unverifiable::Unsupported(format!(
            "{name} {} is not supported ({supports})",
            algorithm_label(uri)
        ))
    })
}

/// The algorithms a `*Method` element may name, each with its hash.
struct HashMethods {
    element: &'static str,
    hash: fn(&str) -> Option<HashAlg>,
    supports: &'static str,
}

const DIGEST_METHODS: HashMethods = HashMethods {
    element: "DigestMethod",
    hash: HashAlg::from_digest_uri,
    supports: "sfauth supports SHA-1, SHA-256, SHA-384 and SHA-512",
};

/// RSA PKCS#1 v1.5 signatures only.
const SIGNATURE_METHODS: HashMethods = HashMethods {
    element: "SignatureMethod",
    hash: HashAlg::from_rsa_signature_uri,
    supports: "sfauth checks RSA PKCS#1 v1.5 with SHA-1 or SHA-2, which is what Salesforce accepts",
};

impl HashMethods {
    /// The hash of the algorithm `uri` (the element's Algorithm) names.
    fn hash_of(&self, uri: Option<&str>) -> Result<HashAlg, Unverifiable> {
        let uri = required(uri, self.element)?;
        supported((self.hash)(uri), self.element, uri, self.supports)
    }
}

/// The canonical SignedInfo that the SignatureValue signs.
pub fn canonical_signed_info(sig: &ParsedSignature<'_, '_>) -> Result<Vec<u8>, Unverifiable> {
    let si = required(sig.signed_info, "SignedInfo")?;
    let uri = required(sig.c14n_method.as_deref(), "CanonicalizationMethod")?;
    let method = supported(
        c14n_method(uri, &sig.c14n_prefixes),
        "SignedInfo CanonicalizationMethod",
        uri,
        "sfauth supports c14n 1.0, exclusive or inclusive, with or without comments",
    )?;
    Ok(c14n::canonicalize(si, None, method))
}

/// Checks the SignatureValue with `key`: `Ok(true)` verified, `Ok(false)` does not verify.
pub fn verify_signature_value(
    sig: &ParsedSignature<'_, '_>,
    key: &rsa::PublicKey,
) -> Result<bool, Unverifiable> {
    let hash = SIGNATURE_METHODS.hash_of(sig.signature_method.as_deref())?;
    let signed = canonical_signed_info(sig)?;
    let value = sig
        .signature_value
        .as_ref()
        .map_err(|e| Unverifiable::Malformed(e.clone()))?;
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(value.as_slice()) else {
        return Ok(false);
    };
    let key = key.clone();
    let ok = match hash {
        HashAlg::Sha1 => pkcs1v15_verifies::<sha1::Sha1>(key, &signed, &signature),
        HashAlg::Sha256 => pkcs1v15_verifies::<sha2::Sha256>(key, &signed, &signature),
        HashAlg::Sha384 => pkcs1v15_verifies::<sha2::Sha384>(key, &signed, &signature),
        HashAlg::Sha512 => pkcs1v15_verifies::<sha2::Sha512>(key, &signed, &signature),
    };
    Ok(ok)
}

/// RSA PKCS#1 v1.5 with the hash `D`: whether `signature` is `key`'s over `signed`.
fn pkcs1v15_verifies<D>(
    key: rsa::PublicKey,
    signed: &[u8],
    signature: &rsa::pkcs1v15::Signature,
) -> bool
where
    D: sha2::Digest + rsa::pkcs8::der::oid::AssociatedOid,
{
    rsa::pkcs1v15::VerifyingKey::<D>::new(key)
        .verify(signed, signature)
        .is_ok()
}

#[cfg(test)]
#[path = "dsig_tests.rs"]
mod tests;

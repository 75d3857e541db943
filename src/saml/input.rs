//! Peeling the encodings a SAML message travels in until XML is left: a token request body
//! (`assertion=`), a `SAMLResponse=` form or query parameter, percent-encoding (decoded until
//! stable), base64 or base64url (padded or not, line-wrapped) and raw DEFLATE (Redirect
//! binding). Which layers were found is kept, because check S1 judges the encoding.

use super::binary_layers::{decode_base64, hex_head, inflate, is_printable_text, starts_like_xml};
use super::error::SamlError;
use serde::Serialize;

/// Larger input, and larger inflated output, is refused.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// Encodings nest only a few deep in practice; more means a loop or garbage.
const MAX_LAYERS: usize = 8;

/// The form parameters that carry a SAML message.
const MESSAGE_PARAMS: [&str; 2] = ["assertion", "SAMLResponse"];

/// Parameter names that mark a token request body or a binding's form even when the message
/// parameter itself is missing, so the error can say so.
const FORM_HINTS: [&str; 6] = [
    "grant_type",
    "assertion_type",
    "RelayState",
    "SAMLRequest",
    "client_id",
    "format",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Base64Alphabet {
    /// `+` or `/` seen.
    Standard,
    /// `-` or `_` seen.
    Url,
    /// Neither: the text is valid in both alphabets.
    Either,
}

/// One encoding layer, outermost first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "layer", rename_all = "kebab-case")]
pub enum Layer {
    /// A form or query parameter (`assertion`, `SAMLResponse`).
    FormParameter { name: String },
    /// `%XX` escapes.
    Percent,
    Base64 {
        alphabet: Base64Alphabet,
        padded: bool,
        line_breaks: bool,
        /// Character offset of the first `+` or `/`, for messages.
        #[serde(skip)]
        first_standard_char: Option<(usize, char)>,
    },
    /// Raw DEFLATE, as the HTTP-Redirect binding sends it.
    Deflate,
}

impl Layer {
    pub fn describe(&self) -> String {
        match self {
            Layer::FormParameter { name } => format!("form parameter {name}"),
            Layer::Percent => "percent-encoded".to_string(),
            Layer::Base64 {
                alphabet,
                padded,
                line_breaks,
                ..
            } => {
                let name = match alphabet {
                    Base64Alphabet::Standard => "base64",
                    Base64Alphabet::Url => "base64url",
                    Base64Alphabet::Either => "base64 (no +/-/_ characters)",
                };
                let mut text = name.to_string();
                if *padded {
                    text.push_str(", padded");
                }
                if *line_breaks {
                    text.push_str(", line-wrapped");
                }
                text
            }
            Layer::Deflate => "DEFLATE-compressed".to_string(),
        }
    }
}

/// The XML found, the layers around it, and the other parameters of the form it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub xml: String,
    pub layers: Vec<Layer>,
    pub params: Vec<(String, String)>,
}

impl Decoded {
    pub fn param(&self, name: &str) -> Option<&str> {
        crate::percent::first_param(&self.params, name)
    }
}

/// Peels encodings off `input` until it starts with `<`.
pub fn decode(input: &str) -> Result<Decoded, SamlError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(SamlError::input(format!(
            "input is {} bytes; the limit is 1 MB ({MAX_INPUT_BYTES} bytes)",
            input.len()
        )));
    }
    let mut text = input.to_string();
    let mut layers: Vec<Layer> = Vec::new();
    let mut params = Vec::new();
    for _ in 0..=MAX_LAYERS {
        let t = text.trim_start_matches('\u{feff}').trim();
        if t.is_empty() {
            return Err(SamlError::input(format!("{} is empty", where_(&layers))));
        }
        if t.starts_with('<') {
            let xml = t.to_string();
            return Ok(Decoded {
                xml,
                layers,
                params,
            });
        }
        if let Some(form) = form_parameters(t, &layers)? {
            let (name, value, rest) = form;
            params.extend(rest);
            layers.push(Layer::FormParameter { name });
            text = value;
            continue;
        }
        if t.contains('%') {
            let decoded = percent_decode(t, false)
                .map_err(|e| SamlError::input(format!("{}: {e}", where_(&layers))))?;
            layers.push(Layer::Percent);
            text = decoded;
            continue;
        }
        let (bytes, layer) = decode_base64(t, &layers)?;
        layers.push(layer);
        let xml_bytes = if starts_like_xml(&bytes) || is_printable_text(&bytes) {
            // Printable text may be another layer (base64 of base64, percent-encoding); the
            // next round decides.
            bytes
        } else if let Some(inflated) = inflate(&bytes)? {
            layers.push(Layer::Deflate);
            inflated
        } else {
            return Err(SamlError::input(format!(
                "{}: decoded to {} bytes that are neither XML (no '<' at the start) nor \
                 DEFLATE-compressed XML (first bytes: {})",
                where_(&layers),
                bytes.len(),
                hex_head(&bytes)
            )));
        };
        text = String::from_utf8(xml_bytes).map_err(|e| {
            SamlError::input(format!(
                "{}: the decoded XML is not UTF-8 (invalid byte at offset {})",
                where_(&layers),
                e.utf8_error().valid_up_to()
            ))
        })?;
    }
    Err(SamlError::input(format!(
        "more than {MAX_LAYERS} encoding layers ({}); expected XML inside",
        describe_all(&layers)
    )))
}

/// Whether `text` is meant as SAML, even when it is too broken to decode: it decodes to XML,
/// starts with a percent-encoded `<`, carries a SAML binding parameter, or is a SAML bearer
/// token request. Decides which inspector explains what is wrong with it.
pub fn looks_like_saml(text: &str) -> bool {
    let t = text.trim();
    let head = t.get(..3).unwrap_or_default();
    if t.starts_with('<') || head.eq_ignore_ascii_case("%3c") {
        return true;
    }
    let saml_parameter = t.split(['&', '?']).any(|pair| {
        pair.split_once('=').is_some_and(|(k, v)| {
            ["SAMLResponse", "SAMLRequest", "RelayState"]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(k))
                || (k == "grant_type" && v.contains("saml2-bearer"))
        })
    });
    saml_parameter || decode(t).is_ok()
}

/// "input", or "input after base64url" when some layers were already removed.
pub(super) fn where_(layers: &[Layer]) -> String {
    if layers.is_empty() {
        "input".to_string()
    } else {
        format!("input after {}", describe_all(layers))
    }
}

fn describe_all(layers: &[Layer]) -> String {
    layers
        .iter()
        .map(Layer::describe)
        .collect::<Vec<_>>()
        .join(" > ")
}

type FormParts = (String, String, Vec<(String, String)>);

/// A token request body, a binding form, or a URL with a query: the message parameter, its
/// form-decoded value, and the other parameters. `None` when `t` is not form-like.
fn form_parameters(t: &str, layers: &[Layer]) -> Result<Option<FormParts>, SamlError> {
    let query = match t.split_once('?') {
        Some((head, q)) if head.is_empty() || head.starts_with("http") => q,
        _ => t,
    };
    let query = query.split('#').next().unwrap_or(query);
    let mut pairs = Vec::new();
    for pair in query.split('&') {
        let Some((k, v)) = pair.split_once('=') else {
            continue;
        };
        if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        pairs.push((k, v));
    }
    let known = |k: &str| {
        MESSAGE_PARAMS
            .iter()
            .chain(FORM_HINTS.iter())
            .any(|n| n.eq_ignore_ascii_case(k))
    };
    if !pairs.iter().any(|(k, _)| known(k)) {
        return Ok(None);
    }
    let message = pairs
        .iter()
        .find(|(k, _)| MESSAGE_PARAMS.iter().any(|n| n.eq_ignore_ascii_case(k)));
    let Some((name, raw)) = message else {
        let names: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
        return Err(SamlError::input(format!(
            "{} looks like a form but has no \"assertion\" or \"SAMLResponse\" parameter \
             (found: {})",
            where_(layers),
            names.join(", ")
        )));
    };
    let value = percent_decode(raw, true)
        .map_err(|e| SamlError::input(format!("{}, parameter \"{name}\": {e}", where_(layers))))?;
    let rest = pairs
        .iter()
        .filter(|(k, _)| k != name)
        .filter_map(|(k, v)| Some(((*k).to_string(), percent_decode(v, true).ok()?)))
        .collect();
    Ok(Some(((*name).to_string(), value, rest)))
}

/// `%XY` escapes; with `plus_is_space` also `+` as a space (form encoding). One decoder for
/// JWT and SAML input, so an escape means the same to both.
fn percent_decode(s: &str, plus_is_space: bool) -> Result<String, String> {
    crate::percent::decode(s, plus_is_space)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::prelude::*;
    use std::io::Write;

    const XML: &str = "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" \
                       ID=\"_a\"><saml:Issuer>i?&gt;</saml:Issuer></saml:Assertion>";

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn percent_encode(s: &str) -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.' {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }

    #[test]
    fn raw_xml_passes_through_with_no_layers() {
        let d = decode(&format!("\u{feff}  {XML}\n")).unwrap();
        assert_eq!((d.xml.as_str(), d.layers.len()), (XML, 0));
    }

    #[test]
    fn base64_variants_all_decode() {
        let std_pad = BASE64_STANDARD.encode(XML);
        let url_nopad = BASE64_URL_SAFE_NO_PAD.encode(XML);
        let wrapped: String = std_pad
            .as_bytes()
            .chunks(64)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("\r\n");
        for text in [&std_pad, &url_nopad, &wrapped, &BASE64_URL_SAFE.encode(XML)] {
            let d = decode(text).unwrap();
            assert_eq!(d.xml, XML, "{text}");
        }
        let d = decode(&wrapped).unwrap();
        match &d.layers[..] {
            [
                Layer::Base64 {
                    alphabet: Base64Alphabet::Standard,
                    padded: true,
                    line_breaks: true,
                    first_standard_char: Some(_),
                },
            ] => {}
            other => panic!("{other:?}"),
        }
        let d = decode(&url_nopad).unwrap();
        assert!(matches!(
            d.layers[..],
            [Layer::Base64 {
                alphabet: Base64Alphabet::Url,
                padded: false,
                ..
            }]
        ));
    }

    #[test]
    fn redirect_binding_deflate_and_query_parameter() {
        let b64 = BASE64_STANDARD.encode(deflate(XML.as_bytes()));
        let url = format!(
            "https://sp.example/acs?SAMLResponse={}&RelayState=abc",
            percent_encode(&b64)
        );
        let d = decode(&url).unwrap();
        assert_eq!(d.xml, XML);
        assert_eq!(d.param("RelayState"), Some("abc"));
        assert!(matches!(d.layers[0], Layer::FormParameter { ref name } if name == "SAMLResponse"));
        assert_eq!(d.layers.last(), Some(&Layer::Deflate));
    }

    #[test]
    fn token_request_body_and_unescaped_plus() {
        let b64 = BASE64_STANDARD.encode(XML);
        assert!(b64.contains('+') || b64.contains('/'));
        // Unescaped: form decoding turns '+' into ' ', which base64 reads back as '+'.
        let body = format!("grant_type=assertion&assertion={b64}");
        let d = decode(&body).unwrap();
        assert_eq!(d.xml, XML);
        assert_eq!(d.param("grant_type"), Some("assertion"));
        let body = format!(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion={}",
            percent_encode(&BASE64_URL_SAFE_NO_PAD.encode(XML))
        );
        let d = decode(&body).unwrap();
        assert_eq!(d.xml, XML);
        assert_eq!(
            d.param("grant_type"),
            Some("urn:ietf:params:oauth:grant-type:saml2-bearer")
        );
    }

    #[test]
    fn percent_encoding_is_decoded_until_stable() {
        let twice = percent_encode(&percent_encode(&BASE64_STANDARD.encode(XML)));
        let d = decode(&twice).unwrap();
        assert_eq!(d.xml, XML);
        assert_eq!(d.layers[..2], [Layer::Percent, Layer::Percent]);
        let d = decode(&percent_encode(XML)).unwrap();
        assert_eq!(d.xml, XML);
    }

    #[test]
    fn errors_name_the_layer_and_position() {
        let e = decode("").unwrap_err();
        assert_eq!(e.message, "input is empty");
        let e = decode("PHNh*bWw=").unwrap_err();
        assert!(
            e.message.contains("invalid character '*' at position 4"),
            "{e}"
        );
        let e = decode("assertion=%zz").unwrap_err();
        assert!(e.message.contains("parameter \"assertion\""), "{e}");
        assert!(e.message.contains("percent-escape at offset 0"), "{e}");
        let e = decode("grant_type=x&client_id=y").unwrap_err();
        assert!(e.message.contains("found: grant_type, client_id"), "{e}");
        let e = decode("assertion=").unwrap_err();
        assert_eq!(e.message, "input after form parameter assertion is empty");
        let e = decode("PHNh-bWw+").unwrap_err();
        assert!(e.message.contains("mixes the standard alphabet"), "{e}");
        let e = decode(&BASE64_STANDARD.encode([0x80, 0x01, 0x02, 0x03])).unwrap_err();
        assert!(e.message.contains("neither XML"), "{e}");
        assert!(e.message.contains("80 01 02 03"), "{e}");
        let e = decode(&BASE64_STANDARD.encode("hello, not xml")).unwrap_err();
        assert_eq!(
            e.message,
            "input after base64 (no +/-/_ characters), padded: not XML and not base64: \
             invalid character ',' at position 5"
        );
        let e = decode("PHNhbWw=A").unwrap_err();
        assert!(e.message.contains("follows '=' padding"), "{e}");
        let e = decode(&"A".repeat(MAX_INPUT_BYTES + 1)).unwrap_err();
        assert!(e.message.contains("limit is 1 MB"), "{e}");
        let e = decode(&BASE64_STANDARD.encode([0x3c, 0xff, 0xfe])).unwrap_err();
        assert!(e.message.contains("not UTF-8"), "{e}");
    }

    #[test]
    fn nesting_is_bounded() {
        let mut t = XML.to_string();
        for _ in 0..MAX_LAYERS + 2 {
            t = BASE64_STANDARD.encode(t);
        }
        let e = decode(&t).unwrap_err();
        assert!(e.message.contains("encoding layers"), "{e}");
    }

    #[test]
    fn deflate_bomb_is_refused() {
        let big = format!("<{}", " ".repeat(MAX_INPUT_BYTES + 10));
        let b64 = BASE64_STANDARD.encode(deflate(big.as_bytes()));
        assert!(b64.len() < MAX_INPUT_BYTES);
        let e = decode(&b64).unwrap_err();
        assert!(e.message.contains("inflates past the 1 MB limit"), "{e}");
    }
}

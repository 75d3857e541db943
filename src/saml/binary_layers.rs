//! The binary layers of a SAML message: base64 in either alphabet (padded or not, line-wrapped)
//! and raw DEFLATE (Redirect binding), each bounded and explained when it does not decode.

use super::error::SamlError;
use super::input::{Base64Alphabet, Layer, MAX_INPUT_BYTES, where_};
use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use std::io::Read;

/// Decodes either alphabet, padded or not, ignoring line breaks. Straight out of a form
/// parameter a space is read as `+`, because form decoding turns an unescaped `+` into one.
pub(super) fn decode_base64(t: &str, layers: &[Layer]) -> Result<(Vec<u8>, Layer), SamlError> {
    if let Some(fast) = decode_base64_compact(t) {
        return Ok(fast);
    }
    let fail = |what: String| SamlError::input(format!("{}: {what}", where_(layers)));
    let space_was_plus = matches!(layers.last(), Some(Layer::FormParameter { .. }));
    // Positions in messages count characters, not bytes.
    let char_pos = |byte: usize| t.get(..byte).map_or(byte, |head| head.chars().count());
    let mut compact: Vec<u8> = Vec::with_capacity(t.len());
    let mut line_breaks = false;
    let mut standard: Option<(usize, char)> = None;
    let mut url: Option<(usize, char)> = None;
    let mut padding = 0usize;
    for (i, &b) in t.as_bytes().iter().enumerate() {
        let b = if b == b' ' && space_was_plus { b'+' } else { b };
        match b {
            b'\r' | b'\n' => {
                line_breaks = true;
                continue;
            }
            b'\t' => continue,
            b'=' => {
                padding += 1;
                continue;
            }
            _ if padding > 0 => {
                let c = t.get(i..).and_then(|r| r.chars().next()).unwrap_or('?');
                return Err(fail(format!(
                    "base64: character {c:?} at position {} follows '=' padding",
                    char_pos(i)
                )));
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => {}
            b'+' | b'/' if standard.is_none() => standard = Some((char_pos(i), char::from(b))),
            b'-' | b'_' if url.is_none() => url = Some((char_pos(i), char::from(b))),
            b'+' | b'/' | b'-' | b'_' => {}
            _ => {
                let c = t.get(i..).and_then(|r| r.chars().next()).unwrap_or('?');
                return Err(fail(format!(
                    "not XML and not base64: invalid character {c:?} at position {}",
                    char_pos(i)
                )));
            }
        }
        compact.push(b);
    }
    let alphabet_kind = match (standard, url) {
        (Some((i, a)), Some((j, b))) => {
            return Err(fail(format!(
                "base64 mixes the standard alphabet ({a:?} at position {i}) with the URL-safe \
                 one ({b:?} at position {j})"
            )));
        }
        (Some(_), None) => Base64Alphabet::Standard,
        (None, Some(_)) => Base64Alphabet::Url,
        (None, None) => Base64Alphabet::Either,
    };
    if padding > 2 {
        return Err(fail(format!(
            "base64 ends with {padding} '=' characters; at most 2 are allowed"
        )));
    }
    if compact.len() % 4 == 1 {
        return Err(fail(format!(
            "base64 length {} leaves a final group of one character, which encodes nothing",
            compact.len()
        )));
    }
    let abc = match alphabet_kind {
        Base64Alphabet::Url => &alphabet::URL_SAFE,
        Base64Alphabet::Standard | Base64Alphabet::Either => &alphabet::STANDARD,
    };
    let bytes = engine(abc)
        .decode(&compact)
        .map_err(|e| fail(format!("base64 does not decode: {e}")))?;
    Ok((
        bytes,
        Layer::Base64 {
            alphabet: alphabet_kind,
            padded: padding > 0,
            line_breaks,
            first_standard_char: standard,
        },
    ))
}

fn engine(abc: &alphabet::Alphabet) -> GeneralPurpose {
    GeneralPurpose::new(
        abc,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    )
}

/// The common case, one unbroken line in one alphabet, decoded without a per-character pass.
/// `None` sends anything else through the checking decoder, which also explains errors.
fn decode_base64_compact(t: &str) -> Option<(Vec<u8>, Layer)> {
    let body = t.trim_end_matches('=');
    let padding = t.len() - body.len();
    if padding > 2 || body.len() % 4 == 1 {
        return None;
    }
    let first = |set: [char; 2]| {
        body.find(set).map(|i| {
            let c = body.get(i..).and_then(|r| r.chars().next()).unwrap_or('?');
            (body.get(..i).map_or(i, |h| h.chars().count()), c)
        })
    };
    let (bytes, alphabet_kind, standard) = if let Ok(b) = engine(&alphabet::STANDARD).decode(body) {
        let standard = first(['+', '/']);
        let kind = if standard.is_some() {
            Base64Alphabet::Standard
        } else {
            Base64Alphabet::Either
        };
        (b, kind, standard)
    } else {
        let b = engine(&alphabet::URL_SAFE).decode(body).ok()?;
        (b, Base64Alphabet::Url, None)
    };
    Some((
        bytes,
        Layer::Base64 {
            alphabet: alphabet_kind,
            padded: padding > 0,
            line_breaks: false,
            first_standard_char: standard,
        },
    ))
}

pub(super) fn is_printable_text(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
}

pub(super) fn starts_like_xml(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    b.iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|c| *c == b'<')
}

/// Raw DEFLATE of XML, bounded so a small bomb cannot expand past the input limit. `None` when
/// the bytes are not DEFLATE or do not inflate to XML.
pub(super) fn inflate(bytes: &[u8]) -> Result<Option<Vec<u8>>, SamlError> {
    let mut out = Vec::new();
    let limit = u64::try_from(MAX_INPUT_BYTES).unwrap_or(u64::MAX) + 1;
    let read = flate2::read::DeflateDecoder::new(bytes)
        .take(limit)
        .read_to_end(&mut out);
    if read.is_err() || !starts_like_xml(&out) {
        return Ok(None);
    }
    if out.len() > MAX_INPUT_BYTES {
        return Err(SamlError::input(format!(
            "SAMLRequest/Response inflates past the 1 MB limit ({MAX_INPUT_BYTES} bytes): \
             refusing a DEFLATE bomb"
        )));
    }
    Ok(Some(out))
}

pub(super) fn hex_head(bytes: &[u8]) -> String {
    let head: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02x}")).collect();
    if head.is_empty() {
        "none".to_string()
    } else {
        head.join(" ")
    }
}

//! Percent-decoding for pasted input, shared by the JWT and SAML readers so an escape means the
//! same to both. Strict on purpose: a `%` not followed by exactly two hex digits is an error
//! naming its offset, where lenient decoders pass it through and two readers could then
//! disagree about what was sent.

/// `%XY` escapes, and with `plus_is_space` (form encoding) `+` as a space.
pub fn decode(s: &str, plus_is_space: bool) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let special = |b: &u8| *b == b'%' || (plus_is_space && *b == b'+');
    let mut i = 0;
    while let Some(rest) = bytes.get(i..) {
        let Some(offset) = rest.iter().position(special) else {
            out.extend_from_slice(rest);
            break;
        };
        out.extend_from_slice(rest.get(..offset).unwrap_or_default());
        i += offset;
        if bytes.get(i) == Some(&b'+') {
            out.push(b' ');
            i += 1;
            continue;
        }
        // Two hex digits exactly: `u8::from_str_radix` alone takes a sign, so `%+A` would be
        // read as 0x0A by this reader and as garbage by others.
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        let Some(v) = hex else {
            return Err(format!(
                "invalid percent-escape at offset {i} (expected % and two hex digits)"
            ));
        };
        out.push(v);
        i += 3;
    }
    String::from_utf8(out).map_err(|e| {
        format!(
            "percent-decoded text is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The value of the first `name` among decoded form parameters: a repeated parameter is read
/// by its first value, as the SAML reader and the form checks read it.
pub fn first_param<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn form_and_plain_decoding() {
        assert_eq!(decode("a%20b+c", true).unwrap(), "a b c");
        assert_eq!(decode("a%20b+c", false).unwrap(), "a b+c");
        assert_eq!(decode("%C3%A9", false).unwrap(), "é");
    }

    #[test]
    fn bad_escapes_name_their_offset() {
        assert_eq!(
            decode("ab%+A", true).unwrap_err(),
            "invalid percent-escape at offset 2 (expected % and two hex digits)"
        );
        assert!(decode("%4", true).is_err());
        assert!(decode("%FF", true).unwrap_err().contains("not UTF-8"));
    }
}

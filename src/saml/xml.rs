//! Parsing the decoded XML safely and reading it: names as written, paths for messages, and
//! element text joined across comments (check S12).

use super::error::SamlError;
use roxmltree::{Document, Node, ParsingOptions};

pub const SAML_NS: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
pub const SAMLP_NS: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const EXC_C14N_NS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";

/// Elements nested deeper than this are refused; SAML needs about ten levels.
pub const MAX_DEPTH: usize = 256;
/// roxmltree stops allocating nodes past this.
const MAX_NODES: u32 = 250_000;
/// roxmltree copies the in-scope namespaces onto every element that declares one, and
/// canonicalization looks prefixes up among them, so declarations are capped to keep both
/// linear; SAML documents use a dozen or so.
const MAX_NAMESPACE_DECLARATIONS: usize = 256;

/// Parses with DTDs refused: no entity can be declared, so none is ever expanded, and
/// roxmltree never fetches anything.
pub fn parse(xml: &str) -> Result<Document<'_>, SamlError> {
    let declarations = namespace_declarations(xml);
    if declarations > MAX_NAMESPACE_DECLARATIONS {
        return Err(SamlError::xml(format!(
            "XML has {declarations} namespace declarations; the limit is \
             {MAX_NAMESPACE_DECLARATIONS}"
        )));
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(xml, options).map_err(|e| parse_error(xml, &e))?;
    check_depth(&doc)?;
    Ok(doc)
}

/// Counts `xmlns` and `xmlns:p` attributes in start tags, skipping comments, CDATA,
/// processing instructions, DOCTYPEs and text, so a value that merely mentions "xmlns" is not
/// counted. Malformed markup ends the count early; the parser then says what is wrong.
fn namespace_declarations(xml: &str) -> usize {
    let mut count = 0;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        rest = rest.get(open..).unwrap_or_default();
        let skip_to = |end: &str| rest.find(end).map(|i| i + end.len());
        let next = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if rest.starts_with("<?") {
            skip_to("?>")
        } else if rest.starts_with("<!") || rest.starts_with("</") {
            skip_to(">")
        } else {
            let (len, declared) = start_tag_declarations(rest);
            count += declared;
            len
        };
        let Some(next) = next else {
            break;
        };
        rest = rest.get(next..).unwrap_or_default();
    }
    count
}

/// The length of the start tag `tag` begins with, and how many namespace declarations it has.
fn start_tag_declarations(tag: &str) -> (Option<usize>, usize) {
    let bytes = tag.as_bytes();
    let mut quote = None;
    let mut declared = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (Some(i + 1), declared),
            None if b.is_ascii_whitespace() => {
                let name = bytes.get(i + 1..).unwrap_or_default();
                if name.starts_with(b"xmlns")
                    && name
                        .get(5)
                        .is_some_and(|c| matches!(c, b':' | b'=') || c.is_ascii_whitespace())
                {
                    declared += 1;
                }
            }
            None => {}
        }
    }
    (None, declared)
}

fn parse_error(xml: &str, e: &roxmltree::Error) -> SamlError {
    match e {
        roxmltree::Error::DtdDetected => {
            let at = xml.find("<!DOCTYPE").map_or_else(String::new, |pos| {
                let (line, col) = line_col(xml, pos);
                format!(" at {line}:{col}")
            });
            SamlError::doctype(format!(
                "S13: the XML has a DOCTYPE{at}; DTDs and entity declarations are refused \
                 (no entity is expanded, nothing is fetched), and a SAML message never needs one"
            ))
        }
        roxmltree::Error::UnknownEntityReference(name, pos) => SamlError::doctype(format!(
            "S13: entity reference &{name}; at {pos} is not one of XML's five predefined \
             entities; entities are never expanded"
        )),
        roxmltree::Error::NodesLimitReached => SamlError::xml(format!(
            "XML has more than {MAX_NODES} nodes; refused as too large"
        )),
        other => SamlError::xml(format!("XML is not well-formed: {other}")),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let head = text.get(..pos).unwrap_or(text);
    let line = head.matches('\n').count() + 1;
    let col = head.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn check_depth(doc: &Document<'_>) -> Result<(), SamlError> {
    let mut depth = vec![0u16; doc.descendants().count() + 1];
    for node in doc.descendants() {
        let d = node
            .parent()
            .and_then(|p| depth.get(p.id().get_usize()).copied())
            .map_or(0, |d| d.saturating_add(1));
        if usize::from(d) > MAX_DEPTH {
            let (line, col) = line_col(doc.input_text(), node.range().start);
            return Err(SamlError::xml(format!(
                "XML nests more than {MAX_DEPTH} elements deep (at {line}:{col}); refused"
            )));
        }
        if let Some(slot) = depth.get_mut(node.id().get_usize()) {
            *slot = d;
        }
    }
    Ok(())
}

pub fn is(node: Node<'_, '_>, ns: &str, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local && node.tag_name().namespace() == Some(ns)
}

/// The first child element with this name.
pub fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, local: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, ns, local))
}

pub fn children<'a, 'i>(
    node: Node<'a, 'i>,
    ns: &'static str,
    local: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| is(*c, ns, local))
}

/// The element's name as written in the source (`saml2:Assertion`), which canonical output and
/// messages both need; roxmltree keeps only the expanded name.
pub fn qname<'i>(node: Node<'_, 'i>) -> &'i str {
    let text = node.document().input_text();
    let start = node.range().start + 1;
    let tail = text.get(start..).unwrap_or_default();
    let end = tail
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(tail.len());
    tail.get(..end).unwrap_or_default()
}

/// `/samlp:Response/saml:Assertion[2]`: names as written, with a position when siblings share
/// the name.
pub fn path(node: Node<'_, '_>) -> String {
    let mut parts = Vec::new();
    for n in node.ancestors().filter(Node::is_element) {
        let name = qname(n);
        let same = |s: &Node<'_, '_>| s.is_element() && s.tag_name() == n.tag_name();
        let index = n.prev_siblings().skip(1).filter(same).count();
        let total = index + n.next_siblings().skip(1).filter(same).count() + 1;
        if total > 1 {
            parts.push(format!("{name}[{}]", index + 1));
        } else {
            parts.push(name.to_string());
        }
    }
    parts.reverse();
    format!("/{}", parts.join("/"))
}

/// `line:column` of a node's start.
pub fn position(node: Node<'_, '_>) -> String {
    let (line, col) = line_col(node.document().input_text(), node.range().start);
    format!("{line}:{col}")
}

/// An element's text as a consumer should read it: every descendant text node joined. Also
/// counts what splits it, read from the raw markup: roxmltree merges CDATA sections into the
/// neighbouring text, while libxml2, Java's DOM and REXML keep them as separate nodes, so a
/// reader taking `firstChild` can see less than the whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JoinedText {
    pub text: String,
    /// Text runs and CDATA sections, as a DOM that keeps CDATA separate has them.
    pub pieces: usize,
    pub cdata: usize,
    pub comments: usize,
    pub instructions: usize,
    pub elements: usize,
    /// The first text or CDATA node as such a DOM reads it.
    pub first: Option<String>,
}

impl JoinedText {
    /// Comments, processing instructions, or more than one text or CDATA node: a reader that
    /// keeps only the first node, or skips what is not plain text, sees something else.
    pub fn is_split(&self) -> bool {
        self.comments > 0 || self.instructions > 0 || self.pieces > 1
    }

    /// The first text or CDATA node alone, which is what a `firstChild` reader takes.
    pub fn first_piece(&self) -> Option<&str> {
        self.first.as_deref()
    }
}

pub fn joined_text(node: Node<'_, '_>) -> JoinedText {
    let mut out = JoinedText::default();
    for n in node.descendants().skip(1).filter(Node::is_text) {
        out.text.push_str(n.text().unwrap_or_default());
    }
    let raw = node
        .document()
        .input_text()
        .get(node.range())
        .unwrap_or_default();
    scan_content(content_of(raw), &mut out);
    out
}

/// The markup between an element's start and end tags (empty for `<x/>`).
fn content_of(element: &str) -> &str {
    let (start, _) = start_tag_declarations(element);
    let Some(start) = start else {
        return "";
    };
    let body = element.get(start..).unwrap_or_default();
    body.rfind("</")
        .map_or("", |end| body.get(..end).unwrap_or_default())
}

fn scan_content(content: &str, out: &mut JoinedText) {
    let mut rest = content;
    while !rest.is_empty() {
        let text_len = rest.find('<').unwrap_or(rest.len());
        if text_len > 0 {
            out.pieces += 1;
            if out.first.is_none() {
                out.first = Some(unescape(rest.get(..text_len).unwrap_or_default()));
            }
            rest = rest.get(text_len..).unwrap_or_default();
            continue;
        }
        let end = if let Some(body) = rest.strip_prefix("<![CDATA[") {
            out.pieces += 1;
            out.cdata += 1;
            let close = body.find("]]>").unwrap_or(body.len());
            if out.first.is_none() {
                out.first = Some(body.get(..close).unwrap_or_default().to_string());
            }
            "]]>"
        } else if rest.starts_with("<!--") {
            out.comments += 1;
            "-->"
        } else if rest.starts_with("<?") {
            out.instructions += 1;
            "?>"
        } else {
            if !rest.starts_with("</") {
                out.elements += 1;
            }
            ">"
        };
        rest = rest
            .find(end)
            .and_then(|i| rest.get(i + end.len()..))
            .unwrap_or_default();
    }
}

/// Text as written with XML's predefined entities and character references resolved.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp..).unwrap_or_default();
        let Some(semi) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let name = tail.get(1..semi).unwrap_or_default();
        let resolved = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match resolved {
            Some(c) => out.push(c),
            None => out.push_str(tail.get(..=semi).unwrap_or_default()),
        }
        rest = tail.get(semi + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doctype_and_entities_are_refused_with_position() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>";
        let e = parse(xml).unwrap_err();
        assert_eq!(e.kind, super::super::error::SamlErrorKind::Doctype);
        assert!(
            e.message.starts_with("S13: the XML has a DOCTYPE at 2:1;"),
            "{e}"
        );
        let e = parse("<r>&lol;</r>").unwrap_err();
        assert!(e.message.contains("&lol; at 1:4"), "{e}");
    }

    #[test]
    fn malformed_xml_names_the_position() {
        let e = parse("<a>\n<b></a>").unwrap_err();
        assert!(e.message.starts_with("XML is not well-formed"), "{e}");
        assert!(e.message.contains("2:"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let n = 100_000;
        let xml = format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        let e = parse(&xml).unwrap_err();
        assert!(e.message.contains("more than 256 elements deep"), "{e}");
        let ok = format!("{}{}", "<a>".repeat(200), "</a>".repeat(200));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn namespace_declarations_are_capped() {
        let xml = format!("<a>{}</a>", "<b xmlns:p=\"u\"/>".repeat(300));
        assert!(
            parse(&xml)
                .unwrap_err()
                .message
                .contains("namespace declarations")
        );
    }

    #[test]
    fn qname_path_and_joined_text() {
        let xml = "<p:R xmlns:p=\"u\"><p:A>x</p:A><p:A>user@example.com<!---->.evil</p:A></p:R>";
        let doc = parse(xml).unwrap();
        let second = doc.root_element().children().nth(1).unwrap();
        assert_eq!(qname(second), "p:A");
        assert_eq!(path(second), "/p:R/p:A[2]");
        let t = joined_text(second);
        assert_eq!(t.text, "user@example.com.evil");
        assert!(t.is_split());
        assert_eq!(t.first_piece(), Some("user@example.com"));
        assert!(!joined_text(doc.root_element().first_child().unwrap()).is_split());
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}

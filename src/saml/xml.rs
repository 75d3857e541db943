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
    let declarations = xml.matches("xmlns").count();
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
/// counts what splits it, since a reader that keeps only the first text node would see less.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JoinedText {
    pub text: String,
    pub text_nodes: usize,
    pub comments: usize,
    pub instructions: usize,
    pub elements: usize,
}

impl JoinedText {
    /// Comments, processing instructions or child elements break the text into pieces.
    pub fn is_split(&self) -> bool {
        self.comments > 0 || self.instructions > 0 || self.text_nodes > 1
    }

    /// What the first text node alone says, when that differs from the whole.
    pub fn first_piece<'a>(&self, node: Node<'a, '_>) -> Option<&'a str> {
        node.descendants()
            .find_map(|n| n.is_text().then(|| n.text()).flatten())
    }
}

pub fn joined_text(node: Node<'_, '_>) -> JoinedText {
    let mut out = JoinedText::default();
    for n in node.descendants().skip(1) {
        if n.is_text() {
            out.text_nodes += 1;
            out.text.push_str(n.text().unwrap_or_default());
        } else if n.is_comment() {
            out.comments += 1;
        } else if n.is_pi() {
            out.instructions += 1;
        } else if n.is_element() {
            out.elements += 1;
        }
    }
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
        assert_eq!(t.first_piece(second), Some("user@example.com"));
        assert!(!joined_text(doc.root_element().first_child().unwrap()).is_split());
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}

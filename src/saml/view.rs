//! The decoded XML as indented lines of typed tokens, each line marked when it lies inside the
//! signed region, for the Inspect tab's XML view to colour. Comments and processing
//! instructions are kept, since they are what checks S12 and S13 point at.

use super::xml;
use roxmltree::{Node, NodeType};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `<`, `>`, `/>`, `</`, `=`, quotes and spaces between attributes.
    Punct,
    TagName,
    AttrName,
    AttrValue,
    Text,
    Comment,
    Instruction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlLine {
    pub depth: usize,
    /// Inside the element the deciding signature covers.
    pub signed: bool,
    pub tokens: Vec<(TokenKind, String)>,
}

impl XmlLine {
    /// The line as plain text, indented two spaces per level.
    pub fn plain(&self) -> String {
        let mut s = "  ".repeat(self.depth);
        for (_, t) in &self.tokens {
            s.push_str(t);
        }
        s
    }
}

/// Pretty-prints `xml` (which must parse under the inspector's bounds) with `signed` the byte
/// range of the signed element. Whitespace-only text between elements is dropped.
pub fn xml_lines(xml_text: &str, signed: Option<Range<usize>>) -> Vec<XmlLine> {
    let Ok(doc) = xml::parse(xml_text) else {
        return Vec::new();
    };
    let inside = |n: Node<'_, '_>| {
        signed
            .as_ref()
            .is_some_and(|r| r.start <= n.range().start && n.range().end <= r.end)
    };
    let mut lines = Vec::new();
    // (node, depth, closing): an explicit stack so deep documents cannot overflow.
    let mut stack: Vec<(Node<'_, '_>, usize, bool)> =
        doc.root().children().rev().map(|n| (n, 0, false)).collect();
    while let Some((node, depth, closing)) = stack.pop() {
        let signed = inside(node);
        let mut line = |tokens: Vec<(TokenKind, String)>| {
            lines.push(XmlLine {
                depth,
                signed,
                tokens,
            });
        };
        match node.node_type() {
            NodeType::Element if closing => line(close_tag(node)),
            NodeType::Element => {
                let children: Vec<Node<'_, '_>> = node
                    .children()
                    .filter(|c| !(c.is_text() && c.text().is_some_and(|t| t.trim().is_empty())))
                    .collect();
                match children.as_slice() {
                    [] => {
                        let mut tokens = open_tag(node);
                        if let Some(last) = tokens.last_mut() {
                            *last = (TokenKind::Punct, "/>".to_string());
                        }
                        line(tokens);
                    }
                    [only] if only.is_text() => {
                        let mut tokens = open_tag(node);
                        tokens.push((TokenKind::Text, only.text().unwrap_or_default().to_string()));
                        tokens.extend(close_tag(node));
                        line(tokens);
                    }
                    _ => {
                        line(open_tag(node));
                        stack.push((node, depth, true));
                        stack.extend(children.iter().rev().map(|c| (*c, depth + 1, false)));
                    }
                }
            }
            NodeType::Text => {
                let text = node.text().unwrap_or_default().trim();
                if !text.is_empty() {
                    line(vec![(TokenKind::Text, text.to_string())]);
                }
            }
            NodeType::Comment => line(vec![(
                TokenKind::Comment,
                format!("<!--{}-->", node.text().unwrap_or_default()),
            )]),
            NodeType::PI => {
                if let Some(pi) = node.pi() {
                    let body = pi.value.map_or_else(String::new, |v| format!(" {v}"));
                    line(vec![(
                        TokenKind::Instruction,
                        format!("<?{}{body}?>", pi.target),
                    )]);
                }
            }
            NodeType::Root => {}
        }
    }
    lines
}

/// The start tag as written, namespace declarations and attribute values included, lexed from
/// the source (it already parsed, so quotes are balanced). Linear in the tag's length.
fn open_tag(node: Node<'_, '_>) -> Vec<(TokenKind, String)> {
    let name = xml::qname(node);
    let mut tokens = vec![
        (TokenKind::Punct, "<".to_string()),
        (TokenKind::TagName, name.to_string()),
    ];
    let text = node.document().input_text();
    let rest = text
        .get(node.range().start + 1 + name.len()..)
        .unwrap_or_default();
    let mut chars = rest.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            '>' => break,
            '/' => {
                chars.next();
            }
            c if c.is_whitespace() => {
                chars.next();
            }
            _ => {
                let name_end = rest
                    .get(i..)
                    .and_then(|r| r.find(|c: char| c == '=' || c.is_whitespace()))
                    .map_or(rest.len(), |e| i + e);
                let attr = rest.get(i..name_end).unwrap_or_default();
                let Some(q_at) = rest.get(name_end..).and_then(|r| r.find(['"', '\''])) else {
                    break;
                };
                let q_at = name_end + q_at;
                let quote = rest
                    .get(q_at..)
                    .and_then(|r| r.chars().next())
                    .unwrap_or('"');
                let value_end = rest
                    .get(q_at + 1..)
                    .and_then(|r| r.find(quote))
                    .map_or(rest.len(), |e| q_at + 1 + e);
                tokens.push((TokenKind::Punct, " ".to_string()));
                tokens.push((TokenKind::AttrName, attr.to_string()));
                tokens.push((TokenKind::Punct, "=".to_string()));
                tokens.push((
                    TokenKind::AttrValue,
                    rest.get(q_at..=value_end).unwrap_or_default().to_string(),
                ));
                while chars.peek().is_some_and(|(j, _)| *j <= value_end) {
                    chars.next();
                }
            }
        }
    }
    tokens.push((TokenKind::Punct, ">".to_string()));
    tokens
}

fn close_tag(node: Node<'_, '_>) -> Vec<(TokenKind, String)> {
    vec![
        (TokenKind::Punct, "</".to_string()),
        (TokenKind::TagName, xml::qname(node).to_string()),
        (TokenKind::Punct, ">".to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_lines_mark_the_signed_region_and_keep_comments() {
        let xml = "<r xmlns:p=\"urn:p\"><p:a ID=\"x\"><n>al<!--c-->ice</n><e/></p:a><b>t</b></r>";
        let start = xml.find("<p:a").unwrap();
        let end = xml.find("<b>").unwrap();
        let lines = xml_lines(xml, Some(start..end));
        let plain: Vec<String> = lines.iter().map(XmlLine::plain).collect();
        assert_eq!(
            plain,
            [
                "<r xmlns:p=\"urn:p\">",
                "  <p:a ID=\"x\">",
                "    <n>",
                "      al",
                "      <!--c-->",
                "      ice",
                "    </n>",
                "    <e/>",
                "  </p:a>",
                "  <b>t</b>",
                "</r>",
            ]
        );
        let signed: Vec<bool> = lines.iter().map(|l| l.signed).collect();
        assert_eq!(
            signed,
            [
                false, true, true, true, true, true, true, true, true, false, false
            ]
        );
        assert_eq!(lines[4].tokens[0].0, TokenKind::Comment);
    }

    #[test]
    fn attributes_and_declarations_show_as_written() {
        let xml = "<a  xmlns:p='urn:p' p:k = \"x &amp; 'y'\" b='\"'/>";
        let lines = xml_lines(xml, None);
        assert_eq!(
            lines[0].plain(),
            "<a xmlns:p='urn:p' p:k=\"x &amp; 'y'\" b='\"'/>"
        );
        let kinds: Vec<TokenKind> = lines[0].tokens.iter().map(|t| t.0).collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == TokenKind::AttrValue).count(),
            3
        );
    }

    #[test]
    fn unparsable_xml_gives_no_lines() {
        assert!(xml_lines("<a>", None).is_empty());
    }
}

//! XML Canonicalization 1.0, exclusive (<https://www.w3.org/TR/xml-exc-c14n/>) and inclusive
//! (<https://www.w3.org/TR/2001/REC-xml-c14n-20010315>), with or without comments, over a
//! roxmltree subtree with one subtree left out (the enveloped signature). No maintained
//! pure-Rust crate does this (the crates.io ones bind libxml2), so it is written here and
//! checked against xmlsec1's output.
//!
//! The walk uses an explicit stack, so deep documents cannot overflow the call stack, and does
//! work proportional to the subtree's size times the namespaces in scope (which parsing caps):
//! a PrefixList is turned into a set once, so its length does not multiply the work.

use roxmltree::{Node, NodeId, NodeType};
use std::collections::HashSet;

/// `#default` in an InclusiveNamespaces PrefixList names the default namespace.
pub const DEFAULT_PREFIX_TOKEN: &str = "#default";

/// The namespace every `xml:` prefix is bound to; never declared in canonical output.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Which canonicalization, as a CanonicalizationMethod or Transform names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Method<'p> {
    /// Exclusive (namespaces rendered where visibly used) or inclusive (all in scope).
    pub exclusive: bool,
    /// Keep comments. A Reference's `""` or `#ID` URI removes them before any transform
    /// (XMLDSig 4.3.3.3), so this only ever matters for SignedInfo.
    pub comments: bool,
    /// The exclusive InclusiveNamespaces PrefixList; ignored by inclusive c14n.
    pub prefixes: &'p [String],
}

impl Method<'_> {
    pub const INCLUSIVE: Method<'static> = Method {
        exclusive: false,
        comments: false,
        prefixes: &[],
    };
}

/// Exclusive c14n without comments: canonical octets of `apex` (an element, or the document
/// root for `URI=""`) with `omit` and its subtree left out. `inclusive_prefixes` is the
/// InclusiveNamespaces PrefixList: those prefixes are rendered wherever in scope.
pub fn exclusive(
    apex: Node<'_, '_>,
    omit: Option<NodeId>,
    inclusive_prefixes: &[String],
) -> Vec<u8> {
    canonicalize(
        apex,
        omit,
        Method {
            exclusive: true,
            comments: false,
            prefixes: inclusive_prefixes,
        },
    )
}

/// Canonical octets of `apex` with `omit` and its subtree left out.
pub fn canonicalize(apex: Node<'_, '_>, omit: Option<NodeId>, method: Method<'_>) -> Vec<u8> {
    // The enveloped-signature transform removes the Signature and everything in it, so a
    // target inside its own Signature canonicalizes to nothing.
    if omit.is_some_and(|o| apex.ancestors().any(|a| a.id() == o)) {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(apex.range().len());
    let listed: HashSet<&str> = method
        .prefixes
        .iter()
        .map(|p| {
            if p == DEFAULT_PREFIX_TOKEN {
                ""
            } else {
                p.as_str()
            }
        })
        .collect();
    let mut walk = Walk {
        method,
        listed,
        apex_id: apex.id(),
        rendered: Vec::new(),
        scratch: Scratch::default(),
    };
    let mut stack: Vec<Step<'_, '_>> = vec![Step::Open(apex)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(node, mark) => {
                out.extend_from_slice(b"</");
                out.extend_from_slice(super::xml::qname(node).as_bytes());
                out.push(b'>');
                walk.rendered.truncate(mark);
            }
            Step::Open(node) => match node.node_type() {
                NodeType::Root => stack.extend(document_children(node, method.comments)),
                NodeType::Element => {
                    if Some(node.id()) == omit {
                        continue;
                    }
                    let mark = walk.rendered.len();
                    walk.open_tag(node, &mut out);
                    stack.push(Step::Close(node, mark));
                    stack.extend(node.children().rev().map(Step::Open));
                }
                NodeType::Text => escape_text(node.text().unwrap_or_default(), &mut out),
                NodeType::PI => {
                    if let Some(pi) = node.pi() {
                        out.extend_from_slice(b"<?");
                        out.extend_from_slice(pi.target.as_bytes());
                        if let Some(value) = pi.value.filter(|v| !v.is_empty()) {
                            out.push(b' ');
                            out.extend_from_slice(value.as_bytes());
                        }
                        out.extend_from_slice(b"?>");
                    }
                }
                NodeType::Comment => {
                    if method.comments {
                        out.extend_from_slice(b"<!--");
                        out.extend_from_slice(node.text().unwrap_or_default().as_bytes());
                        out.extend_from_slice(b"-->");
                    }
                }
            },
            Step::Newline => out.push(b'\n'),
        }
    }
    out
}

/// Whole-document output: nodes outside the document element are separated from it by line
/// feeds. Returned reversed, ready to push on the stack.
fn document_children<'a, 'i>(root: Node<'a, 'i>, comments: bool) -> Vec<Step<'a, 'i>> {
    let mut seen_element = false;
    let mut queued = Vec::new();
    for child in root.children() {
        match child.node_type() {
            NodeType::Element => {
                seen_element = true;
                queued.push(Step::Open(child));
            }
            NodeType::Comment if !comments => {}
            NodeType::PI | NodeType::Comment => {
                if seen_element {
                    queued.push(Step::Newline);
                    queued.push(Step::Open(child));
                } else {
                    queued.push(Step::Open(child));
                    queued.push(Step::Newline);
                }
            }
            _ => {}
        }
    }
    queued.reverse();
    queued
}

enum Step<'a, 'i> {
    Open(Node<'a, 'i>),
    Close(Node<'a, 'i>, usize),
    Newline,
}

fn prefix_of(qname: &str) -> &str {
    qname.split_once(':').map_or("", |(p, _)| p)
}

/// Buffers reused from element to element, so canonicalizing allocates per document rather
/// than per element.
#[derive(Default)]
struct Scratch<'a> {
    /// (namespace URI, local name, qualified name as written, value).
    attrs: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    wanted: Vec<&'a str>,
    declared: Vec<(&'a str, &'a str)>,
}

struct Walk<'a, 'p> {
    method: Method<'p>,
    /// The PrefixList as a set; `""` for `#default`.
    listed: HashSet<&'p str>,
    apex_id: NodeId,
    /// Namespace declarations rendered by output ancestors, innermost last.
    rendered: Vec<(&'a str, &'a str)>,
    scratch: Scratch<'a>,
}

impl<'a> Walk<'a, '_> {
    /// `<name`, the namespace declarations to render, sorted attributes, `>`.
    fn open_tag<'i: 'a>(&mut self, node: Node<'a, 'i>, out: &mut Vec<u8>) {
        let text = node.document().input_text();
        let name = super::xml::qname(node);
        out.push(b'<');
        out.extend_from_slice(name.as_bytes());

        let attrs = &mut self.scratch.attrs;
        attrs.clear();
        attrs.extend(node.attributes().map(|a| {
            let qname = text.get(a.range_qname()).unwrap_or_else(|| a.name());
            (a.namespace().unwrap_or(""), a.name(), qname, a.value())
        }));
        if !self.method.exclusive && node.id() == self.apex_id {
            inherit_xml_attributes(node, attrs);
        }
        attrs.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));

        self.choose_prefixes(node, name);
        self.choose_declarations(node);
        for &(prefix, uri) in self.scratch.declared.iter() {
            if prefix.is_empty() {
                out.extend_from_slice(b" xmlns=\"");
            } else {
                out.extend_from_slice(b" xmlns:");
                out.extend_from_slice(prefix.as_bytes());
                out.extend_from_slice(b"=\"");
            }
            escape_attr(uri, out);
            out.push(b'"');
            self.rendered.push((prefix, uri));
        }
        for &(_, _, qname, value) in self.scratch.attrs.iter() {
            out.push(b' ');
            out.extend_from_slice(qname.as_bytes());
            out.extend_from_slice(b"=\"");
            escape_attr(value, out);
            out.push(b'"');
        }
        out.push(b'>');
    }

    /// Fills `scratch.wanted` with the prefixes whose declarations may be rendered here:
    /// exclusive c14n's visibly utilized ones plus PrefixList entries in scope, or every
    /// prefix in scope for inclusive c14n.
    fn choose_prefixes<'i: 'a>(&mut self, node: Node<'a, 'i>, name: &'a str) {
        let wanted = &mut self.scratch.wanted;
        wanted.clear();
        if self.method.exclusive {
            // Visibly utilized prefixes: the element's own and its attributes', plus the
            // PrefixList entries in scope here.
            wanted.push(prefix_of(name));
            wanted.extend(
                self.scratch
                    .attrs
                    .iter()
                    .map(|a| prefix_of(a.2))
                    .filter(|p| !p.is_empty() && *p != "xml"),
            );
            if self.listed.contains("") {
                wanted.push("");
            }
            wanted.extend(
                node.namespaces()
                    .filter_map(|ns| ns.name())
                    .filter(|p| self.listed.contains(*p)),
            );
        } else {
            // Every namespace in scope, and the default so an undeclaration can be rendered.
            wanted.push("");
            wanted.extend(node.namespaces().filter_map(|ns| ns.name()));
        }
        wanted.retain(|p| *p != "xml");
        wanted.sort_unstable();
        wanted.dedup();
    }

    /// Fills `scratch.declared` with the wanted prefixes whose binding differs from what an
    /// output ancestor rendered.
    fn choose_declarations<'i: 'a>(&mut self, node: Node<'a, 'i>) {
        let declared = &mut self.scratch.declared;
        declared.clear();
        for &prefix in self.scratch.wanted.iter() {
            let lookup = if prefix.is_empty() {
                None
            } else {
                Some(prefix)
            };
            let ns = node.namespaces().find(|ns| ns.name() == lookup);
            let uri: &'a str = ns.map_or("", |ns| ns.uri());
            if !prefix.is_empty() && (uri.is_empty() || uri == XML_NS) {
                // A PrefixList entry that is not in scope here.
                continue;
            }
            let current = self
                .rendered
                .iter()
                .rev()
                .find(|(p, _)| *p == prefix)
                .map(|(_, u)| *u);
            let already = match current {
                Some(u) => u == uri,
                // An element with no default namespace needs no xmlns="" unless an output
                // ancestor declared a default.
                None => prefix.is_empty() && uri.is_empty(),
            };
            if !already {
                declared.push((ns.and_then(|ns| ns.name()).unwrap_or(""), uri));
            }
        }
    }
}

/// Inclusive c14n of a document subset gives the apex the `xml:` attributes (xml:lang,
/// xml:space...) it inherits from ancestors outside the subset, nearest first.
fn inherit_xml_attributes<'a>(
    apex: Node<'a, '_>,
    attrs: &mut Vec<(&'a str, &'a str, &'a str, &'a str)>,
) {
    for ancestor in apex.ancestors().skip(1).filter(Node::is_element) {
        let text = ancestor.document().input_text();
        for a in ancestor.attributes() {
            if a.namespace() == Some(XML_NS)
                && !attrs.iter().any(|x| x.0 == XML_NS && x.1 == a.name())
            {
                let qname = text.get(a.range_qname()).unwrap_or_else(|| a.name());
                attrs.push((XML_NS, a.name(), qname, a.value()));
            }
        }
    }
}

fn escape_text(s: &str, out: &mut Vec<u8>) {
    escape(s, out, |b| match b {
        b'>' => Some(b"&gt;"),
        b => escaped_everywhere(b),
    });
}

fn escape_attr(s: &str, out: &mut Vec<u8>) {
    escape(s, out, |b| match b {
        b'"' => Some(b"&quot;"),
        b'\t' => Some(b"&#x9;"),
        b'\n' => Some(b"&#xA;"),
        b => escaped_everywhere(b),
    });
}

/// The bytes canonical XML escapes both in text and in attribute values.
fn escaped_everywhere(b: u8) -> Option<&'static [u8]> {
    match b {
        b'&' => Some(b"&amp;"),
        b'<' => Some(b"&lt;"),
        b'\r' => Some(b"&#xD;"),
        _ => None,
    }
}

/// Copies `s`, replacing the bytes `entity` names; plain runs are copied in one go.
fn escape(s: &str, out: &mut Vec<u8>, entity: impl Fn(u8) -> Option<&'static [u8]>) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if let Some(replacement) = entity(b) {
            out.extend_from_slice(bytes.get(start..i).unwrap_or_default());
            out.extend_from_slice(replacement);
            start = i + 1;
        }
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c14n(xml: &str, prefixes: &[&str]) -> String {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let p: Vec<String> = prefixes.iter().map(|s| s.to_string()).collect();
        String::from_utf8(exclusive(doc.root_element(), None, &p)).unwrap()
    }

    #[test]
    fn unused_namespaces_are_dropped_and_used_ones_pushed_down() {
        let xml =
            r#"<a:r xmlns:a="urn:a" xmlns:b="urn:b" xmlns:c="urn:c"><b:x c:k="1"/><y/></a:r>"#;
        assert_eq!(
            c14n(xml, &[]),
            r#"<a:r xmlns:a="urn:a"><b:x xmlns:b="urn:b" xmlns:c="urn:c" c:k="1"></b:x><y></y></a:r>"#
        );
    }

    #[test]
    fn prefix_list_renders_listed_namespaces_once() {
        let xml = r#"<a:r xmlns:a="urn:a" xmlns:xs="urn:xs"><a:v>xs:string</a:v></a:r>"#;
        assert_eq!(
            c14n(xml, &["xs"]),
            r#"<a:r xmlns:a="urn:a" xmlns:xs="urn:xs"><a:v>xs:string</a:v></a:r>"#
        );
        // Listed but not in scope: nothing rendered.
        assert_eq!(c14n("<r/>", &["zz", "#default"]), "<r></r>");
    }

    #[test]
    fn default_namespace_and_its_undeclaration() {
        let xml = r#"<r xmlns="urn:d"><s xmlns=""><t/></s></r>"#;
        assert_eq!(
            c14n(xml, &[]),
            r#"<r xmlns="urn:d"><s xmlns=""><t></t></s></r>"#
        );
        assert_eq!(c14n(r#"<r xmlns=""/>"#, &[]), "<r></r>");
    }

    #[test]
    fn attributes_sort_by_namespace_then_name_and_escape() {
        let xml = "<r xmlns:z=\"urn:a\" xmlns:a=\"urn:z\" b=\"x&quot;\t\" a:c=\"1\" z:d=\"2\" a=\"&lt;&amp;&gt;\">a&amp;b&lt;c&gt;d\r\n</r>";
        assert_eq!(
            c14n(xml, &[]),
            "<r xmlns:a=\"urn:z\" xmlns:z=\"urn:a\" a=\"&lt;&amp;>\" b=\"x&quot; \" z:d=\"2\" a:c=\"1\">a&amp;b&lt;c&gt;d\n</r>"
        );
    }

    #[test]
    fn comments_are_dropped_pis_kept_and_omitted_subtree_skipped() {
        let xml = "<r><!--c--><?p  d?><s><x/></s>t</r>";
        let doc = roxmltree::Document::parse(xml).unwrap();
        let s = doc.descendants().find(|n| n.has_tag_name("s")).unwrap();
        let out = exclusive(doc.root_element(), Some(s.id()), &[]);
        assert_eq!(String::from_utf8(out).unwrap(), "<r><?p d?>t</r>");
    }

    #[test]
    fn whole_document_puts_line_feeds_around_outside_pis() {
        let doc = roxmltree::Document::parse("<?a?><!--x--><r/><?b c?>").unwrap();
        let out = exclusive(doc.root(), None, &[]);
        assert_eq!(String::from_utf8(out).unwrap(), "<?a?>\n<r></r>\n<?b c?>");
    }

    #[test]
    fn deep_trees_do_not_recurse() {
        let n = 50_000;
        let xml = format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(exclusive(doc.root_element(), None, &[]).len(), 7 * n);
    }
}

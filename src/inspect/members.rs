//! JSON objects read member by member. serde_json keeps the last of two members with the same
//! name without a word, while other parsers keep the first or refuse: a token whose header says
//! `"alg":"none"` and then `"alg":"RS256"` means different things to different verifiers. This
//! reader keeps serde_json's map and also reports every name given more than once.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// A name given more than once in one object, with each value in the order written.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub name: String,
    pub values: Vec<Value>,
}

impl Duplicate {
    /// `"alg" twice: "none" then "RS256"`, each value short enough for one line.
    pub fn describe(&self) -> String {
        let times = match self.values.len() {
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        let values: Vec<String> = self.values.iter().map(short).collect();
        format!(
            "{} {times}: {}",
            short(&Value::String(self.name.clone())),
            values.join(" then ")
        )
    }
}

/// A value as JSON text, cut to a length two of which fit on a line.
fn short(v: &Value) -> String {
    const MAX: usize = 48;
    let text = v.to_string();
    let count = text.chars().count();
    if count <= MAX {
        return text;
    }
    let head: String = text.chars().take(MAX).collect();
    format!("{head}…({count} chars)")
}

/// A JSON object as serde_json reads it (the last value of a name wins), and the names that
/// were given more than once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Members {
    pub map: Map<String, Value>,
    pub duplicates: Vec<Duplicate>,
}

/// Parses `text` as one JSON object; any other JSON (or none) is an error, which the caller
/// explains by parsing it as a plain value.
pub fn object(text: &str) -> Result<Members, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let members = Members::deserialize(&mut de)?;
    de.end()?;
    Ok(members)
}

/// Names given more than once in a list of name/value pairs (form parameters), in order.
pub fn repeated<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Duplicate> {
    let mut out: Vec<Duplicate> = Vec::new();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (name, value) in pairs {
        let value_json = Value::String(value.to_string());
        if let Some(d) = out.iter_mut().find(|d| d.name == name) {
            d.values.push(value_json);
        } else if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            out.push(Duplicate {
                name: name.to_string(),
                values: vec![Value::String((*first).to_string()), value_json],
            });
        } else {
            seen.push((name, value));
        }
    }
    out
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Members, A::Error> {
        let mut out = Members::default();
        while let Some((name, value)) = access.next_entry::<String, Value>()? {
            if !out.map.contains_key(&name) {
                out.map.insert(name, value);
                continue;
            }
            let previous = out.map.insert(name.clone(), value.clone());
            match out.duplicates.iter_mut().find(|d| d.name == name) {
                Some(d) => d.values.push(value),
                None => out.duplicates.push(Duplicate {
                    name,
                    values: previous.into_iter().chain([value]).collect(),
                }),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_the_last_value_and_reports_every_repeat() {
        let m = object(r#"{"alg":"none","typ":"JWT","alg":"RS256","alg":"HS256"}"#).unwrap();
        assert_eq!(m.map["alg"], "HS256");
        assert_eq!(m.map.len(), 2);
        assert_eq!(
            m.duplicates,
            [Duplicate {
                name: "alg".into(),
                values: vec![json!("none"), json!("RS256"), json!("HS256")],
            }]
        );
    }

    #[test]
    fn nested_objects_are_values_and_other_json_is_an_error() {
        let m = object(r#"{"a":{"b":1,"b":2}}"#).unwrap();
        assert!(m.duplicates.is_empty());
        assert!(object("[1]").is_err());
        assert!(object(r#"{"a":1} x"#).is_err());
        assert!(object("").is_err());
    }

    #[test]
    fn describe_names_every_value_shortly() {
        let d = Duplicate {
            name: "alg".into(),
            values: vec![json!("none"), json!("RS256")],
        };
        assert_eq!(d.describe(), "\"alg\" twice: \"none\" then \"RS256\"");
        let long = Duplicate {
            name: "assertion".into(),
            values: vec![json!("x".repeat(500)), json!("y"), json!(1)],
        };
        let text = long.describe();
        assert!(
            text.contains("3 times") && text.contains("(502 chars)"),
            "{text}"
        );
        assert!(text.ends_with("\"y\" then 1"), "{text}");
    }

    #[test]
    fn repeated_pairs_name_both_values() {
        let d = repeated([("a", "1"), ("b", "2"), ("a", "3"), ("a", "4")]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].values, [json!("1"), json!("3"), json!("4")]);
        assert!(repeated([("a", "1"), ("b", "1")]).is_empty());
    }
}

//! The SOQL subset the local REST API answers: `SELECT f1, f2 FROM Account [LIMIT n]` over
//! fixed demo Accounts. Everything else is a MALFORMED_QUERY, in Salesforce's words where it
//! can be.

use serde_json::{Map, Value, json};

/// `v66.0` → 66.
pub fn api_version(text: &str) -> Option<u32> {
    let n: u32 = text.strip_prefix('v')?.strip_suffix(".0")?.parse().ok()?;
    (20..=99).contains(&n).then_some(n)
}

const FIELDS: [&str; 5] = ["Id", "Name", "Industry", "Type", "BillingCity"];

const ACCOUNTS: [[&str; 5]; 4] = [
    [
        "001SF0000000001AAA",
        "Acme Corporation",
        "Manufacturing",
        "Customer - Direct",
        "San Francisco",
    ],
    [
        "001SF0000000002AAA",
        "Global Media",
        "Media",
        "Customer - Channel",
        "Toronto",
    ],
    [
        "001SF0000000003AAA",
        "Universal Shipping",
        "Transportation",
        "Partner",
        "Rotterdam",
    ],
    [
        "001SF0000000004AAA",
        "Northwind Traders",
        "Retail",
        "Prospect",
        "Seattle",
    ],
];

pub fn run(q: &str, version: &str) -> Result<Value, String> {
    let (fields, limit) = parse(q)?;
    let records: Vec<Value> = ACCOUNTS
        .iter()
        .take(limit.unwrap_or(ACCOUNTS.len()))
        .map(|row| {
            let mut record = Map::new();
            record.insert(
                "attributes".into(),
                json!({
                    "type": "Account",
                    "url": format!("/services/data/{version}/sobjects/Account/{}", row[0]),
                }),
            );
            for f in &fields {
                if let Some(i) = FIELDS.iter().position(|k| k.eq_ignore_ascii_case(f)) {
                    record.insert(FIELDS[i].into(), row[i].into());
                }
            }
            Value::Object(record)
        })
        .collect();
    Ok(json!({ "totalSize": records.len(), "done": true, "records": records }))
}

fn parse(q: &str) -> Result<(Vec<String>, Option<usize>), String> {
    let words: Vec<&str> = q.split_whitespace().collect();
    if !words
        .first()
        .is_some_and(|w| w.eq_ignore_ascii_case("SELECT"))
    {
        return Err(format!("unexpected token: {}", first_word(q)));
    }
    let from = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("FROM"))
        .ok_or_else(|| "\nERROR at Row:1:Column:1\nunexpected token: <EOF>".to_string())?;
    let field_text = words[1..from].join(" ");
    let fields: Vec<String> = field_text
        .split(',')
        .map(|f| f.trim().to_string())
        .collect();
    if fields.iter().any(String::is_empty) {
        return Err(format!("unexpected token: {}", first_word(&field_text)));
    }
    for f in &fields {
        if !FIELDS.iter().any(|k| k.eq_ignore_ascii_case(f)) {
            return Err(format!(
                "\n{field_text}\n^\nERROR at Row:1:Column:8\nNo such column '{f}' on entity 'Account'. This local org knows {}.",
                FIELDS.join(", ")
            ));
        }
    }
    let rest = &words[from + 1..];
    match rest {
        [] => Err("unexpected token: <EOF>".to_string()),
        [object, ..] if !object.eq_ignore_ascii_case("Account") => Err(format!(
            "sObject type '{object}' is not supported. This local org only has Account."
        )),
        [_] => Ok((fields, None)),
        [_, limit, n] if limit.eq_ignore_ascii_case("LIMIT") => {
            let n: usize = n.parse().map_err(|_| format!("unexpected token: {n}"))?;
            Ok((fields, Some(n)))
        }
        [_, extra, ..] => Err(format!("unexpected token: {extra}")),
    }
}

fn first_word(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or("<EOF>")
        .chars()
        .take(40)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_from_account_with_limit() {
        let v = run("select Id, Name from account limit 2", "v66.0").unwrap();
        assert_eq!(v["totalSize"], 2);
        assert_eq!(v["records"][1]["Name"], "Global Media");
        assert_eq!(v["records"][0]["attributes"]["type"], "Account");
        assert!(v["records"][0].get("Industry").is_none());
    }

    #[test]
    fn anything_else_is_malformed() {
        for q in [
            "",
            "DELETE FROM Account",
            "SELECT Id FROM Contact",
            "SELECT Nope FROM Account",
            "SELECT Id FROM Account WHERE Name = 'x'",
            "SELECT Id FROM Account LIMIT x",
            "SELECT , FROM Account",
            "SELECT Id",
        ] {
            assert!(run(q, "v66.0").is_err(), "{q}");
        }
    }

    #[test]
    fn versions() {
        assert_eq!(api_version("v66.0"), Some(66));
        assert_eq!(api_version("v66"), None);
        assert_eq!(api_version("v1.0"), None);
    }
}

//! Turns `assets/keymap.json` into the constant table `src/tui/keymap/` includes, so the
//! bindings are data, cost nothing at start-up, and a bad file fails the build naming what is
//! wrong and where. The keymap tests include this file too, to prove the refusals.
//!
//! The file has `groups` (shared rows, by name) and `contexts` (`KeyContext` variant names);
//! both are lists of parts, in the order lookup tries them. A part is
//! - a row: `["keys", "Action", "help text"]`, optionally with a footer label as a fourth item
//!   (rows that share a label merge in the footer: `j/k move`; an empty label means none);
//! - a group's name, or `{"use": "group", "param": "value"}` for a group with `params`, whose
//!   `{param}`s are filled in (a `null` default means the caller must give it);
//! - a series `{"series": "a", "count": 4, "action": "Answer", "help": "..."}`: a run of keys
//!   for numbered actions, shown as one line. The `GoTab` series takes no count: it follows
//!   the tab bar, so its digits can never disagree with the tabs.
//!
//! Actions are `Action` variants (`Down`), Drill actions (`Drill.Skip`, `Drill.Grade.Good`,
//! `Drill.Adjust(-10)`), named as below.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

const ACTIONS: &str = "Quit ToggleHelp NextTab PrevTab Up Down PageUp PageDown Top Bottom \
    FocusList FocusDetail Open NextLink PrevLink Back Search Cancel Copy CopyId Paste NextStep \
    PrevStep TogglePlay ScrollLeft ScrollRight Edit NextField PrevField Refresh CopyRaw \
    NextProfile ToggleMint ToggleExplain ToggleXml ToggleList StepBack Restart RunLive TryLive \
    EditTarget";
const DRILL_ACTIONS: &str =
    "Reveal Submit StepUp StepDown Next Skip Stats Settings Restart Toggle ToggleGroup";
const GRADES: &str = "Again Hard Good Easy";
const ACTION: &str = "crate::tui::action::Action";
const DRILL: &str = "crate::tui::action::Action::Drill(crate::tui::drill::DrillAction";

/// The numbered actions a series may bind: name, the action of key `i` (from 0), and the
/// count when it is derived rather than written.
const SERIES: [(&str, &str, Option<&str>); 3] = [
    (
        "GoTab",
        "|i| crate::tui::action::Action::GoTab(crate::tui::tabs::TabId::ALL[usize::from(i)])",
        Some("crate::tui::tabs::TabId::ALL.len()"),
    ),
    (
        "Answer",
        "|i| crate::tui::action::Action::Answer(i + 1)",
        None,
    ),
    (
        "Drill.Choose",
        "|i| crate::tui::action::Action::Drill(crate::tui::drill::DrillAction::Choose(i + 1))",
        None,
    ),
];

/// Key names besides single characters; the keymap tests prove each parses as a `Key`.
pub const KEY_NAMES: &str =
    "enter esc tab backtab backspace delete up down left right home end pageup pagedown space";

/// Groups nest; deeper than this they must be referring to each other in a loop.
const MAX_DEPTH: usize = 8;

pub struct Table {
    /// Rust source: `fn rows(KeyContext) -> &'static [KeymapRow]`.
    pub code: String,
    pub unused_groups: Vec<String>,
}

pub fn generate(json: &str) -> Result<Table, String> {
    let file: Value = serde_json::from_str(json).map_err(|e| format!("not valid JSON: {e}"))?;
    let section = |name: &str| {
        file.get(name)
            .and_then(Value::as_object)
            .ok_or_else(|| format!("no \"{name}\" object"))
    };
    let mut expander = Expander {
        groups: section("groups")?,
        used: BTreeSet::new(),
    };
    let mut code = String::from(
        "/// The bindings of each context, in the order lookup tries them.\n\
         pub(super) fn rows(context: super::KeyContext) -> &'static [super::KeymapRow] {\n\
         \x20   match context {\n",
    );
    for (context, parts) in section("contexts")? {
        if !context.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!("\"{context}\" is not a context name"));
        }
        let mut rows = Vec::new();
        expander
            .expand(parts, &BTreeMap::new(), &mut rows, 0)
            .map_err(|e| format!("context {context}: {e}"))?;
        let _ = writeln!(code, "        super::KeyContext::{context} => const {{ &[");
        for row in rows {
            let _ = writeln!(code, "            {row},");
        }
        code.push_str("        ] },\n");
    }
    code.push_str("    }\n}\n");
    let unused_groups = expander
        .groups
        .keys()
        .filter(|name| !expander.used.contains(*name))
        .cloned()
        .collect();
    Ok(Table {
        code,
        unused_groups,
    })
}

struct Expander<'a> {
    groups: &'a Map<String, Value>,
    used: BTreeSet<String>,
}

impl Expander<'_> {
    /// Appends the Rust `KeymapRow` of every row `parts` stands for, with `params` filled in.
    fn expand(
        &mut self,
        parts: &Value,
        params: &BTreeMap<String, String>,
        rows: &mut Vec<String>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err("groups refer to each other in a loop".into());
        }
        let parts = parts.as_array().ok_or("parts must be a list")?;
        for part in parts {
            match part {
                Value::String(group) => self.include(group, &Map::new(), params, rows, depth)?,
                Value::Array(items) => rows.push(one_row(items, params)?),
                Value::Object(fields) if fields.contains_key("series") => {
                    rows.push(series_row(fields, params)?);
                }
                Value::Object(fields) => {
                    let group = fields.get("use").and_then(Value::as_str);
                    let group = group.ok_or("a part object needs \"use\" or \"series\"")?;
                    self.include(group, fields, params, rows, depth)?;
                }
                other => return Err(format!("{other} is not a row, group or series")),
            }
        }
        Ok(())
    }

    /// Expands group `name` with the arguments in `fields` (besides `use`).
    fn include(
        &mut self,
        name: &str,
        fields: &Map<String, Value>,
        outer: &BTreeMap<String, String>,
        rows: &mut Vec<String>,
        depth: usize,
    ) -> Result<(), String> {
        let group = self
            .groups
            .get(name)
            .ok_or_else(|| format!("unknown group \"{name}\""))?;
        self.used.insert(name.to_owned());
        let empty = Map::new();
        let (declared, parts) = match group {
            Value::Object(g) => (
                g.get("params").and_then(Value::as_object).unwrap_or(&empty),
                g.get("parts").unwrap_or(&Value::Null),
            ),
            parts => (&empty, parts),
        };
        let mut params = BTreeMap::new();
        for (param, default) in declared {
            let value = fields.get(param).unwrap_or(default);
            let value = value
                .as_str()
                .ok_or_else(|| format!("group \"{name}\" needs \"{param}\" (a string)"))?;
            params.insert(param.clone(), fill(value, outer)?);
        }
        if let Some(extra) = fields
            .keys()
            .find(|f| *f != "use" && !declared.contains_key(*f))
        {
            return Err(format!("group \"{name}\" has no parameter \"{extra}\""));
        }
        self.expand(parts, &params, rows, depth + 1)
            .map_err(|e| format!("in group \"{name}\": {e}"))
    }
}

fn one_row(items: &[Value], params: &BTreeMap<String, String>) -> Result<String, String> {
    let text: Vec<String> = items
        .iter()
        .map(|item| item.as_str().map(|s| fill(s, params)))
        .collect::<Option<Result<_, _>>>()
        .ok_or("a row holds only strings")??;
    let [keys, action_name, help, hint @ ..] = text.as_slice() else {
        return Err(format!("row {text:?} needs keys, an action and help"));
    };
    if hint.len() > 1 {
        return Err(format!("row {text:?} has more than one footer label"));
    }
    keys.split_whitespace().try_for_each(check_key)?;
    if keys.trim().is_empty() {
        return Err(format!("row {text:?} has no keys"));
    }
    Ok(format!(
        "super::KeymapRow::One {{ keys: {keys:?}, action: {}, help: {help:?}, hint: {} }}",
        action(action_name)?,
        hint_code(hint.first().map(String::as_str)),
    ))
}

fn series_row(
    fields: &Map<String, Value>,
    params: &BTreeMap<String, String>,
) -> Result<String, String> {
    let text = |field: &str| -> Result<Option<String>, String> {
        match fields.get(field) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .map(|s| fill(s, params))
                .transpose()?
                .map(Some)
                .ok_or_else(|| format!("series \"{field}\" must be a string")),
        }
    };
    let known = ["series", "count", "action", "help", "hint"];
    if let Some(extra) = fields.keys().find(|f| !known.contains(&f.as_str())) {
        return Err(format!("a series has no field \"{extra}\""));
    }
    let first = text("series")?.unwrap_or_default();
    let mut first_chars = first.chars();
    let (Some(first_key), None) = (first_chars.next(), first_chars.next()) else {
        return Err(format!("series starts at \"{first}\", not a single key"));
    };
    let name = text("action")?.unwrap_or_default();
    let (_, closure, derived) = SERIES
        .iter()
        .find(|(series, ..)| *series == name)
        .ok_or_else(|| format!("\"{name}\" is not an action a series can bind"))?;
    let count = match (derived, fields.get("count").map(Value::as_u64)) {
        (Some(count), None) => (*count).to_owned(),
        (None, Some(Some(count @ 1..=26))) => count.to_string(),
        (Some(_), Some(_)) => return Err(format!("the {name} series takes no count")),
        (None, _) => return Err(format!("the {name} series needs a count from 1 to 26")),
    };
    let help = text("help")?.ok_or("a series needs help text")?;
    Ok(format!(
        "super::KeymapRow::Series {{ first: {first_key:?}, count: {count}, action: {closure}, help: {help:?}, hint: {} }}",
        hint_code(text("hint")?.as_deref()),
    ))
}

fn hint_code(hint: Option<&str>) -> String {
    match hint.filter(|h| !h.is_empty()) {
        Some(label) => format!("Some({label:?})"),
        None => "None".into(),
    }
}

/// The Rust expression of an action name.
fn action(name: &str) -> Result<String, String> {
    let known = |list: &str, word: &str| list.split_whitespace().any(|w| w == word);
    let drill = name.strip_prefix("Drill.");
    let code = match drill {
        None if known(ACTIONS, name) => Some(format!("{ACTION}::{name}")),
        None => None,
        Some(grade)
            if grade
                .strip_prefix("Grade.")
                .is_some_and(|g| known(GRADES, g)) =>
        {
            Some(format!(
                "{DRILL}::Grade(crate::drill::Grade::{}))",
                &grade["Grade.".len()..]
            ))
        }
        Some(adjust) if adjust.starts_with("Adjust(") && adjust.ends_with(')') => adjust
            ["Adjust(".len()..adjust.len() - 1]
            .parse::<i16>()
            .ok()
            .map(|by| format!("{DRILL}::Adjust({by}))")),
        Some(unit) => known(DRILL_ACTIONS, unit).then(|| format!("{DRILL}::{unit})")),
    };
    code.ok_or_else(|| format!("unknown action \"{name}\" (build/keymap.rs lists the actions)"))
}

/// A key in the table's notation: modifier prefixes, then one character or a key name. The
/// keymap tests parse every key with the real parser too.
fn check_key(key: &str) -> Result<(), String> {
    let lower = key.to_ascii_lowercase();
    let mut rest = lower.as_str();
    // `ctrl--` is Ctrl with `-`: a prefix counts only when a key follows it.
    while let Some(after) = ["ctrl-", "alt-", "shift-"]
        .iter()
        .find_map(|prefix| rest.strip_prefix(prefix).filter(|r| !r.is_empty()))
    {
        rest = after;
    }
    if rest.chars().count() == 1 || known_name(rest) {
        Ok(())
    } else {
        Err(format!("unknown key \"{key}\""))
    }
}

fn known_name(name: &str) -> bool {
    KEY_NAMES.split_whitespace().any(|n| n == name)
}

/// `text` with each `{param}` replaced by its value; any other `{name}` is an error.
fn fill(text: &str, params: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c);
        let close = close.ok_or_else(|| format!("\"{text}\" opens a {{ it does not close"))?;
        let name = &rest[open + 1..close];
        let value = params
            .get(name)
            .ok_or_else(|| format!("\"{text}\" names {{{name}}}, which is not a parameter here"))?;
        out.push_str(&rest[..open]);
        out.push_str(value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

//! The knowledge model's entry types. Each JSON file under `assets/knowledge/` (and each file
//! of a team pack) is a [`ModelFile`]: an object whose keys are entry kinds.
//!
//! Cross-references between entries are [`EntryRef`]s, written `kind:id` in JSON
//! (`flow:jwt-bearer`, `check:J6`, `card:jwt-aud-sandbox`) because ids are only unique per kind.
//! A field whose name already says the kind (`Flow.strategy`, `Check.predicts`) holds the bare
//! id as an [`Id`](super::Id) of that kind instead; both are resolved when the model loads.

use super::id::{CheckId, ErrorId, FlowId, StrategyId};
use super::kind::EntryRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Declares an entry type: the fields given, then the ones every entry ends with in its JSON
/// (`related`, `sources`, `as_of`, `override`). Cards (`refs`, at least one) and notes (no
/// sources needed) spell their own.
macro_rules! entry {
    ($(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($fields)*
            /// `kind:id` references.
            #[serde(default)]
            pub related: Vec<EntryRef>,
            pub sources: Vec<String>,
            pub as_of: String,
            /// Set by a pack entry that replaces the shipped entry with its id.
            #[serde(default, rename = "override", skip_serializing_if = "is_false")]
            pub override_existing: bool,
        }
    };
}

/// One JSON file of the model or of a pack. Every key is optional so a pack file can carry any
/// mix of kinds.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<Strategy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub practices: Vec<Practice>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryTerm>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<Card>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wizard: Option<Wizard>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Something outside calls into Salesforce.
    Inbound,
    /// Salesforce calls something outside.
    Outbound,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StrategyCategory {
    /// An authentication protocol or OAuth flow.
    #[default]
    Protocol,
    /// Whose identity an outbound call carries (named or per-user principal).
    Principal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusLevel {
    Recommended,
    Supported,
    Discouraged,
    Deprecated,
    Blocked,
}

impl StatusLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusLevel::Recommended => "recommended",
            StatusLevel::Supported => "supported",
            StatusLevel::Discouraged => "discouraged",
            StatusLevel::Deprecated => "deprecated",
            StatusLevel::Blocked => "blocked",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub level: StatusLevel,
    /// When the status took (or takes) effect, e.g. "2027-02-20" or "Summer '23".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Strategy ids that replace this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced_by: Vec<StrategyId>,
    /// One or two sentences on why the status is what it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub id: String,
    pub name: String,
    pub summary: String,
}

entry! {
    pub struct Strategy {
        pub id: String,
        pub name: String,
        pub direction: Direction,
        #[serde(default)]
        pub category: StrategyCategory,
        pub summary: String,
        pub when_to_use: Vec<String>,
        pub when_not_to_use: Vec<String>,
        pub status: Status,
        pub security_notes: Vec<String>,
        pub setup: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub variants: Vec<Variant>,
        /// The flow that diagrams this strategy, when there is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub flow: Option<FlowId>,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParticipantKind {
    User,
    Browser,
    Client,
    Backend,
    AuthServer,
    ResourceServer,
    Idp,
    Device,
    ExternalApi,
    Apex,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: String,
    pub label: String,
    pub kind: ParticipantKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    Request,
    Response,
    Redirect,
    UserAction,
    Internal,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Request => "request",
            StepKind::Response => "response",
            StepKind::Redirect => "redirect",
            StepKind::UserAction => "user-action",
            StepKind::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HttpMessage {
    /// `GET`/`POST`... for requests; absent for responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Full URL or path (`https://login.salesforce.com/services/oauth2/token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// HTTP status for responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Param>,
    /// Query or form parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Param>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub from: String,
    pub to: String,
    pub kind: StepKind,
    pub label: String,
    pub explanation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpMessage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pitfalls: Vec<String>,
    /// A short note drawn beside the arrow in diagrams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

entry! {
    pub struct Flow {
        pub id: String,
        pub name: String,
        pub direction: Direction,
        /// The strategy this flow implements.
        pub strategy: StrategyId,
        pub summary: String,
        pub participants: Vec<Participant>,
        pub steps: Vec<Step>,
    }
}

entry! {
    pub struct ErrorEntry {
        pub id: String,
        /// The `error` code as Salesforce returns it (`invalid_grant`, `INVALID_SESSION_ID`).
        /// Empty for an entry that is only a Login History status: no response carries that.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        pub error: String,
        /// Names what tells this entry apart when others share its response (six entries read
        /// `invalid_grant: invalid assertion`); without it the response line is the title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        /// `error_description` exactly as Salesforce returns it, when it has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub http_status: Option<u16>,
        /// The name Setup > Login History shows for this failure, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub login_history: Option<String>,
        /// Flow ids where this error is returned.
        pub flows: Vec<FlowId>,
        pub summary: String,
        pub causes: Vec<String>,
        pub fixes: Vec<String>,
        /// Inspector check ids that predict this error.
        #[serde(default)]
        pub checks: Vec<CheckId>,
    }
}

impl ErrorEntry {
    /// `invalid_grant: audience is invalid`, the form findings use.
    pub fn display_line(&self) -> String {
        match (&self.description, &self.login_history) {
            (_, Some(h)) if self.error.is_empty() => format!("Login History: {h}"),
            (Some(d), _) => format!("{}: {}", self.error, d),
            (None, _) => self.error.clone(),
        }
    }

    pub fn title(&self) -> String {
        self.title.clone().unwrap_or_else(|| self.display_line())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckProfile {
    JwtBearer,
    IdToken,
    SamlBearer,
    SamlAssertion,
}

entry! {
    pub struct Check {
        /// `J1`..`J14`, `S1`..`S14`.
        pub id: String,
        pub title: String,
        pub profiles: Vec<CheckProfile>,
        /// What to change when the check fails, in one line.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub fix: Option<String>,
        /// Severity when the check fails outright.
        pub severity: Severity,
        pub explanation: String,
        /// Error-catalog id this check predicts, when it predicts one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub predicts: Option<ErrorId>,
        /// The Login History status Salesforce records, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub login_history: Option<String>,
    }
}

entry! {
    pub struct Practice {
        pub id: String,
        pub title: String,
        pub summary: String,
        pub why: String,
        pub how: Vec<String>,
    }
}

entry! {
    pub struct GlossaryTerm {
        pub id: String,
        pub term: String,
        pub definition: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub aka: Vec<String>,
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub correct: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub prompt: String,
    pub answer: String,
    pub topic: String,
    /// 1 easy, 2 medium, 3 hard.
    pub difficulty: u8,
    /// Multiple-choice options; exactly one is correct when present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// Steps in their right order, for a card answered by putting them back in order; at
    /// least three distinct ones, and never together with `choices`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    /// `kind:id` references; at least one.
    pub refs: Vec<EntryRef>,
    pub sources: Vec<String>,
    pub as_of: String,
    #[serde(default, rename = "override", skip_serializing_if = "is_false")]
    pub override_existing: bool,
}

/// Free-form team knowledge a pack adds (runbooks, org-specific conventions).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub related: Vec<EntryRef>,
    #[serde(default)]
    pub sources: Vec<String>,
    pub as_of: String,
    #[serde(default, rename = "override", skip_serializing_if = "is_false")]
    pub override_existing: bool,
}

/// Answers that must all hold: question id -> accepted values. An empty map always holds.
pub type Condition = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WizardOption {
    pub value: String,
    pub label: String,
    /// How the answer reads inside a scenario sentence: a lower-case phrase that fills the
    /// question's `scenario` template (`a server-side web app whose users sign in`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    /// Why the answer changes the advice.
    pub why: String,
    pub options: Vec<WizardOption>,
    /// The question is asked only when this holds.
    #[serde(default)]
    pub when: Condition,
    /// A sentence with one `{}` that the chosen options' `scenario` phrases fill
    /// (`The caller is {}.`), so generated drill cards read as written prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub strategy: StrategyId,
    pub reason: String,
    /// Lower ranks come first.
    #[serde(default)]
    pub rank: u32,
    /// Extra strategy ids to pair with this one (e.g. a principal type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<StrategyId>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Avoid {
    pub strategy: StrategyId,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub when: Condition,
    #[serde(default)]
    pub recommend: Vec<Recommendation>,
    #[serde(default)]
    pub avoid: Vec<Avoid>,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One setup step of a wizard outcome.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub text: String,
    /// `kind:id` entries that explain the step (usually a practice), so a reader can follow them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<EntryRef>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Wizard {
    pub questions: Vec<Question>,
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub as_of: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

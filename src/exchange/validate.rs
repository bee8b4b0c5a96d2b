//! Reading a received file: every check runs before anything is applied, and a file that fails
//! one is rejected whole with the reason, naming the field where there is one.
//!
//! In order: size, text, then one strict pass over the text (`json.rs`: JSON, nesting depth,
//! no key twice, string lengths, the canonical text), our format, its version, the plan,
//! string lengths, the checksum, every field of every record (read by serde straight from the
//! text, never through a tree of values), each record's own rules, and attribution (a unit's
//! own export carries only that unit's records).
//!
//! Every refusal is a closed set of cases ([`ImportError`], [`FieldProblem`], [`Expected`])
//! that `message.rs` puts in the user's language; nothing of a parser's English text is kept.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::attached::{self, CarriedProblem};
use super::file::{DeviceProof, NOT_CHECKSUMMED, PlanRef, Scope, plan_ref};
use super::json::{self, ScanError};
use super::{
    ExchangeFile, FILES_MEMBER, FORMAT_NAME, FORMAT_VERSION, MAX_EXCHANGE_FILE_BYTES,
    MAX_FILE_BYTES, OLDEST_FORMAT_VERSION,
};
use crate::foundation::time::{Date, Stamp};
use crate::ledger::attachment::Attachment;
use crate::ledger::event::EventProblem;
use crate::ledger::{Change, DeviceId, Event, EventId, Ledger, RoundRef, Status, When};
use crate::plan::{TaskId, UnitId, plan};
use crate::trust::hlc::too_far_ahead;
use crate::trust::{ChainProblem, Digest, Hlc, Link, verify_segment};

/// Why a file was rejected. Messages for people are in the i18n catalogue; `Display` is for
/// logs and tests.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// Larger than [`MAX_EXCHANGE_FILE_BYTES`] (attached files included).
    TooLarge {
        bytes: usize,
    },
    /// Its records (everything but the attached files) larger than [`MAX_FILE_BYTES`].
    RecordsTooLarge {
        bytes: usize,
    },
    NotText,
    NotJson {
        line: usize,
        column: usize,
    },
    TooDeep,
    /// A key twice in one object, by its path: readers would disagree on which one counts.
    DuplicateKey {
        field: String,
    },
    NotOurFormat,
    NewerVersion {
        found: u64,
    },
    DifferentPlan {
        id: String,
        same_id: bool,
    },
    MissingField {
        field: String,
    },
    MalformedField {
        field: String,
        problem: FieldProblem,
    },
    TextTooLong {
        field: String,
    },
    ChecksumMismatch,
    UnknownUnit {
        field: String,
        name: String,
    },
    UnknownTask {
        field: String,
        task: u64,
    },
    InvalidRecord {
        index: usize,
        problem: EventProblem,
    },
    /// A single-unit export carrying another unit's record.
    ForeignRecord {
        index: usize,
        unit: String,
        exporter: String,
    },
    /// The same record id twice in one file, with different content.
    DuplicateRecord {
        index: usize,
    },
    /// A record with the id of a stored record but different content: edited or forged.
    ConflictsWithStored {
        id: EventId,
    },
    /// Another file of the same batch (`other`, by its name) holds this record with other
    /// content: both files are refused, since which one is genuine cannot be told.
    DisagreesWithFile {
        id: EventId,
        other: String,
    },
    /// A file of format 1 or 2, made before records were signed: the sender must update.
    OldVersion {
        found: u64,
    },
    /// A record of a device the file gives no key and signature for.
    UnsignedRecord {
        index: usize,
    },
    /// A device listed twice.
    DuplicateDevice {
        device: DeviceId,
    },
    /// A record that names another unit than the one its device signed for.
    DeviceUnit {
        index: usize,
        device: DeviceId,
    },
    /// A device's records do not form the chain its signature vouches for: altered, dropped
    /// from the middle, reordered or beyond the signed record. `index` is the record at fault
    /// when the file holds it.
    ChainBroken {
        device: DeviceId,
        index: Option<usize>,
        problem: ChainProblem,
    },
    /// A device's signature does not match its key and records.
    BadSignature {
        device: DeviceId,
    },
    /// A record stamped more than 24 hours after this device's clock: the tablet that wrote
    /// it has a wrong clock. The file is refused whole.
    FromTheFuture {
        index: usize,
        device: DeviceId,
        date: Date,
    },
    /// The device's key vouches for two different histories: its record `seq` differs from
    /// the one held here (`other: None`) or carried by the file `other` of the same batch.
    /// Both verify on their own; which one is genuine cannot be told (see `preview::forks`).
    Forked {
        device: DeviceId,
        /// The unit the device signs for, and its key's fingerprint, to name it.
        unit: String,
        fingerprint: String,
        seq: u64,
        other: Option<String>,
    },
    // Attached files (since format 4).
    /// The carried file at `index` of `files` is named by no record of the file.
    AttachmentUnlisted {
        index: usize,
    },
    /// The carried file at `index` of `files` appears twice.
    AttachmentTwice {
        index: usize,
    },
    /// A carried file is not the one its signed record names: swapped or altered.
    AttachmentAltered {
        file: AttachedTo,
    },
    /// A carried file is not of the type its record says.
    AttachmentWrongType {
        file: AttachedTo,
    },
}

/// A carried file and the note whose record names it, to name in a refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedTo {
    /// The file's name and type as the record has them.
    pub name: String,
    pub kind: crate::ledger::FileType,
    pub task: TaskId,
    pub unit: UnitId,
    /// The note's date of the work.
    pub date: Date,
    /// The beginning of the note's text.
    pub note: String,
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// The format has no such field (the field's path ends with its name, quoted from the file).
    Unknown,
    /// A value of another kind: text where a number belongs, a list where an object belongs.
    WrongType(Expected),
    /// The right kind, but not a valid value: a date that does not exist, a malformed id.
    Invalid(Expected),
    /// A name the format does not know, quoted from the file (a status, a change kind…).
    UnknownName { name: String, expected: Expected },
    /// A work date in a version 1 file, which has none.
    NotInVersion1,
    /// A field that files of this version do not have (attached files before version 4).
    NotInVersion { version: u64 },
    /// A kind of record that files of this version do not have (`since`: the first version
    /// that has it), e.g. a 落实方案 record in a version 4 file.
    KindNotInVersion { version: u64, since: u64 },
}

/// What a field must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    WholeNumber,
    Number,
    /// 16 lowercase hex digits (record, note and device ids).
    Token,
    /// RFC 3339 with its UTC offset.
    Timestamp,
    /// `YYYY-MM-DD`.
    Date,
    Object,
    List,
    Status,
    ChangeKind,
    Scope,
    Algorithm,
    /// A SHA-256: 64 lowercase hex digits.
    Digest,
    /// A file type of the closed list (`image/jpeg` …).
    FileType,
    /// A file's bytes in strict Base64.
    Base64,
    /// An Ed25519 public key: 64 lowercase hex digits.
    PublicKey,
    /// An Ed25519 signature: 128 lowercase hex digits.
    Signature,
    /// Any of the above (a field whose kind is not known by its path).
    Value,
}

/// What the field at `path` (as serde_path_to_error writes it) must hold.
pub fn expected_at(path: &str) -> Expected {
    if path.ends_with(']') {
        return Expected::Object;
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    match (path.split(['.', '[']).next().unwrap_or(""), last) {
        (_, "sha256") => Expected::Digest,
        (_, "base64") => Expected::Base64,
        (_, "size") => Expected::WholeNumber,
        (_, "name" | "phone") => Expected::Text,
        ("records", "type") => Expected::FileType,
        (_, "attachments" | "files") => Expected::List,
        ("plan" | "checksum", "id" | "table_sha256" | "value") => Expected::Text,
        ("checksum", "algorithm") => Expected::Algorithm,
        (_, "format_version" | "task" | "seq" | "ms" | "n") => Expected::WholeNumber,
        (_, "prev" | "hash") => Expected::Digest,
        (_, "public_key") => Expected::PublicKey,
        (_, "signature") => Expected::Signature,
        (_, "hlc" | "head") => Expected::Object,
        (_, "devices") => Expected::List,
        (_, "value") => Expected::Number,
        (_, "id" | "device" | "note") => Expected::Token,
        (_, "at" | "exported_at") => Expected::Timestamp,
        (_, "work_date" | "as_of" | "due" | "meeting") => Expected::Date,
        (_, "status") => Expected::Status,
        (_, "kind") => Expected::ChangeKind,
        (_, "scope") => Expected::Scope,
        (_, "records") => Expected::List,
        (_, "plan" | "exported_by" | "change" | "checksum" | "contact") => Expected::Object,
        (
            _,
            "format" | "unit" | "author" | "reason" | "text" | "target" | "about" | "owner"
            | "reply",
        ) => Expected::Text,
        _ => Expected::Value,
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExporter {
    unit: String,
    device: DeviceId,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked through the parsed value
struct RawChecksum {
    algorithm: ChecksumAlgorithm,
    value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ChecksumAlgorithm {
    Sha256,
}

/// A record with the fields whose meaning is checked after parsing kept raw, so that an
/// unknown unit or task gets its own message.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    id: EventId,
    #[serde(deserialize_with = "crate::foundation::canonical::whole")]
    task: u64,
    unit: String,
    device: DeviceId,
    at: Stamp,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    work_date: Option<Date>,
    /// Since format 4.
    #[serde(default)]
    attachments: Vec<Attachment>,
    change: RawChange,
    /// Absent on records written before format 3 (sealed into their device's log when it
    /// upgraded): those order by their wall time `at`, and the same 24-hour rule applies to it.
    #[serde(default)]
    hlc: Option<Hlc>,
    #[serde(deserialize_with = "crate::foundation::canonical::whole")]
    seq: u64,
    #[serde(default)]
    prev: Option<Digest>,
}

/// The first format with 年度总结 and meeting decisions (rhythm-b's kinds).
const FORMAT_5: u64 = 5;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum ChangeKind {
    Status,
    Note,
    NoteDeleted,
    Figure,
    /// Since format 4.
    Coordination,
    // Since format 5 (rhythm-a): 落实方案, rounds, submissions.
    Implementation,
    Step,
    StepDeleted,
    StepDone,
    Contact,
    Round,
    Submitted,
    Returned,
    // rhythm-b, since format 5.
    /// 年度总结.
    Summary,
}

impl ChangeKind {
    /// The first format version with records of this kind.
    fn since(self) -> u64 {
        match self {
            ChangeKind::Status
            | ChangeKind::Note
            | ChangeKind::NoteDeleted
            | ChangeKind::Figure => 1,
            ChangeKind::Coordination => 4,
            ChangeKind::Implementation
            | ChangeKind::Step
            | ChangeKind::StepDeleted
            | ChangeKind::StepDone
            | ChangeKind::Contact
            | ChangeKind::Round
            | ChangeKind::Submitted
            | ChangeKind::Returned
            | ChangeKind::Summary => 5,
        }
    }

    /// Kinds about a unit's whole plan, whose `task` is 0.
    fn is_whole_plan(self) -> bool {
        matches!(
            self,
            ChangeKind::Contact | ChangeKind::Round | ChangeKind::Submitted | ChangeKind::Returned
        )
    }
}

/// `change` with every field of every kind optional, so that serde names the exact field of a
/// mistake (an internally tagged enum would be read through a buffer that hides the path).
/// [`RawChange::into_change`] then asks for exactly the fields of its kind, as `Change` does.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChange {
    kind: ChangeKind,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    note: Option<EventId>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    as_of: Option<Date>,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    about: Option<String>,
    #[serde(default)]
    reply: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    due: Option<Date>,
    #[serde(default)]
    resolved: Option<bool>,
    // Since format 5.
    #[serde(default)]
    measures: Option<String>,
    #[serde(default)]
    results: Option<String>,
    #[serde(default)]
    step: Option<EventId>,
    #[serde(default)]
    what: Option<String>,
    #[serde(default)]
    when: Option<When>,
    #[serde(default)]
    person: Option<String>,
    #[serde(default)]
    done: Option<bool>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    post: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    round: Option<RoundRef>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    withdrawn: Option<bool>,
    #[serde(default)]
    submission: Option<EventId>,
    // rhythm-b, since format 5: a coordination answer taken at a meeting.
    #[serde(default)]
    meeting: Option<Date>,
}

/// A unit named in a change, or the path of the field naming one the plan does not know.
fn change_unit(name: Option<String>, field: &'static str) -> Result<UnitId, (&'static str, bool)> {
    let name = name.ok_or((field, true))?;
    UnitId::from_name(&name).ok_or((field, false))
}

impl RawChange {
    /// The change, or the path (below `change`) of a field missing or foreign to its kind.
    fn into_change(self) -> Result<Change, (&'static str, bool)> {
        let RawChange {
            kind,
            status,
            reason,
            note,
            text,
            target,
            as_of,
            value,
            about,
            reply,
            owner,
            due,
            resolved,
            measures,
            results,
            step,
            what,
            when,
            person,
            done,
            name,
            post,
            phone,
            round,
            title,
            withdrawn,
            submission,
            meeting,
        } = self;
        let present = [
            ("status", status.is_some()),
            ("reason", reason.is_some()),
            ("note", note.is_some()),
            ("text", text.is_some()),
            ("target", target.is_some()),
            ("as_of", as_of.is_some()),
            ("value", value.is_some()),
            ("about", about.is_some()),
            ("reply", reply.is_some()),
            ("owner", owner.is_some()),
            ("due", due.is_some()),
            ("resolved", resolved.is_some()),
            ("measures", measures.is_some()),
            ("results", results.is_some()),
            ("step", step.is_some()),
            ("what", what.is_some()),
            ("when", when.is_some()),
            ("person", person.is_some()),
            ("done", done.is_some()),
            ("name", name.is_some()),
            ("post", post.is_some()),
            ("phone", phone.is_some()),
            ("round", round.is_some()),
            ("title", title.is_some()),
            ("withdrawn", withdrawn.is_some()),
            ("submission", submission.is_some()),
            ("meeting", meeting.is_some()),
        ];
        let allowed: &[&str] = match kind {
            ChangeKind::Status => &["status", "reason"],
            ChangeKind::Note => &["note", "text"],
            ChangeKind::NoteDeleted => &["note"],
            ChangeKind::Figure => &["target", "as_of", "value"],
            ChangeKind::Coordination => &["about", "reply", "owner", "due", "resolved", "meeting"],
            ChangeKind::Summary => &["text"],
            ChangeKind::Implementation => &["measures", "results"],
            ChangeKind::Step => &["step", "what", "when", "person"],
            ChangeKind::StepDeleted => &["step"],
            ChangeKind::StepDone => &["step", "done"],
            ChangeKind::Contact => &["name", "post", "phone"],
            ChangeKind::Round => &["round", "title", "due", "withdrawn"],
            ChangeKind::Submitted => &["round"],
            ChangeKind::Returned => &["about", "round", "submission", "reason"],
        };
        if let Some((name, _)) = present
            .iter()
            .find(|(name, there)| *there && !allowed.contains(name))
        {
            return Err((name, false));
        }
        let missing = |name: &'static str| (name, true);
        Ok(match kind {
            ChangeKind::Status => Change::Status {
                status: status.ok_or(missing("status"))?,
                reason,
            },
            ChangeKind::Note => Change::Note {
                note: note.ok_or(missing("note"))?,
                text: text.ok_or(missing("text"))?,
            },
            ChangeKind::NoteDeleted => Change::NoteDeleted {
                note: note.ok_or(missing("note"))?,
            },
            ChangeKind::Figure => Change::Figure {
                target: target.ok_or(missing("target"))?,
                as_of: as_of.ok_or(missing("as_of"))?,
                value: value.ok_or(missing("value"))?,
            },
            ChangeKind::Coordination => Change::Coordination {
                about: change_unit(about, "about")?,
                reply: reply.ok_or(missing("reply"))?,
                owner: change_unit(owner, "owner")?,
                due: due.ok_or(missing("due"))?,
                resolved: resolved.ok_or(missing("resolved"))?,
                meeting,
            },
            ChangeKind::Summary => Change::Summary {
                text: text.ok_or(missing("text"))?,
            },
            ChangeKind::Implementation => Change::Implementation {
                measures: measures.ok_or(missing("measures"))?,
                results: results.ok_or(missing("results"))?,
            },
            ChangeKind::Step => Change::Step {
                step: step.ok_or(missing("step"))?,
                what: what.ok_or(missing("what"))?,
                when: when.ok_or(missing("when"))?,
                person: person.ok_or(missing("person"))?,
            },
            ChangeKind::StepDeleted => Change::StepDeleted {
                step: step.ok_or(missing("step"))?,
            },
            ChangeKind::StepDone => Change::StepDone {
                step: step.ok_or(missing("step"))?,
                done: done.ok_or(missing("done"))?,
            },
            ChangeKind::Contact => Change::Contact {
                name: name.ok_or(missing("name"))?,
                post: post.ok_or(missing("post"))?,
                phone: phone.ok_or(missing("phone"))?,
            },
            ChangeKind::Round => Change::Round {
                round: round.ok_or(missing("round"))?,
                title,
                due: due.ok_or(missing("due"))?,
                // Written only when true: `false` spelled out reads as absent.
                withdrawn: withdrawn.unwrap_or(false),
            },
            ChangeKind::Submitted => Change::Submitted {
                round: round.ok_or(missing("round"))?,
            },
            ChangeKind::Returned => Change::Returned {
                about: change_unit(about, "about")?,
                round: round.ok_or(missing("round"))?,
                submission: submission.ok_or(missing("submission"))?,
                reason: reason.ok_or(missing("reason"))?,
            },
        })
    }
}

/// One carried file: its hash and its bytes in Base64, borrowed from the text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCarried<'a> {
    sha256: Digest,
    #[serde(borrow)]
    base64: std::borrow::Cow<'a, str>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // checked before the typed parse
struct RawFile<'a> {
    format: String,
    #[serde(deserialize_with = "crate::foundation::canonical::whole")]
    format_version: u64,
    plan: PlanRef,
    exported_by: RawExporter,
    exported_at: Stamp,
    scope: Scope,
    devices: Vec<DeviceProof>,
    records: Vec<RawRecord>,
    checksum: RawChecksum,
    /// Since format 4: attached files' bytes.
    #[serde(default, borrow)]
    files: Vec<RawCarried<'a>>,
}

/// The name quoted in a serde message after `prefix`, up to its closing backquote: a name
/// from the file (a prefix of it, should the name itself hold a backquote).
fn quoted<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split('`').next()
}

/// A serde error as one of the closed cases. Only names quoted from the file are kept; the
/// kind of mistake is told by which serde error it is, and what belongs there by its path.
fn field_error(error: serde_path_to_error::Error<serde_json::Error>) -> ImportError {
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let inner = error.into_inner();
    if !inner.is_data() {
        // The strict reader accepted the text, so serde should too; say "damaged" if not.
        return ImportError::NotJson {
            line: inner.line(),
            column: inner.column(),
        };
    }
    let message = inner.to_string();
    let join = |name: &str| {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    if let Some(name) = quoted(&message, "missing field `") {
        return ImportError::MissingField { field: join(name) };
    }
    if let Some(name) = quoted(&message, "unknown field `") {
        // The path already ends with the unknown key when serde_path_to_error saw it.
        let field = if path.rsplit('.').next() == Some(name) {
            path.clone()
        } else {
            join(name)
        };
        return ImportError::MalformedField {
            field,
            problem: FieldProblem::Unknown,
        };
    }
    if let Some(name) = quoted(&message, "unknown variant `") {
        let expected = expected_at(&path);
        return ImportError::MalformedField {
            field: path,
            problem: FieldProblem::UnknownName {
                name: name.to_string(),
                expected,
            },
        };
    }
    let expected = expected_at(&path);
    let problem = if message.starts_with("invalid type: ") {
        FieldProblem::WrongType(expected)
    } else {
        FieldProblem::Invalid(expected)
    };
    ImportError::MalformedField {
        field: path,
        problem,
    }
}

/// A field read before the typed parse: its text when it is a string, `None` for any other
/// value (skipped without building anything).
struct MaybeText(Option<String>);

impl<'de> Deserialize<'de> for MaybeText {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = MaybeText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E>(self, v: &str) -> Result<MaybeText, E> {
                Ok(MaybeText(Some(v.to_string())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<MaybeText, E> {
                Ok(MaybeText(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<MaybeText, E> {
                Ok(MaybeText(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<MaybeText, E> {
                Ok(MaybeText(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<MaybeText, E> {
                Ok(MaybeText(None))
            }
            fn visit_unit<E>(self) -> Result<MaybeText, E> {
                Ok(MaybeText(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MaybeText, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(MaybeText(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MaybeText, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(MaybeText(None))
            }
        }
        d.deserialize_any(Text)
    }
}

/// The fields of an object read before the typed parse (`plan`, `checksum`): present or
/// not, and their text when they are strings. Anything else in it is left to the typed parse.
#[derive(Deserialize, Default)]
struct Probe {
    #[serde(default)]
    id: Option<MaybeText>,
    #[serde(default)]
    table_sha256: Option<MaybeText>,
    #[serde(default)]
    value: Option<MaybeText>,
}

fn probe_text(text: &str) -> Option<String> {
    serde_json::from_str::<MaybeText>(text)
        .ok()
        .and_then(|t| t.0)
}

fn probe(text: Option<&str>) -> Probe {
    text.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

fn unit_named(name: &str, field: String) -> Result<UnitId, ImportError> {
    UnitId::from_name(name).ok_or_else(|| ImportError::UnknownUnit {
        field,
        name: name.to_string(),
    })
}

/// Validates a received file against this device's clock (`now_ms`, UTC milliseconds).
/// Nothing is applied here; the caller asks the roster about each device, previews and applies.
pub fn read(bytes: &[u8], now_ms: i64) -> Result<ExchangeFile, ImportError> {
    read_with(bytes, now_ms, |_, _| {})
}

/// [`read`], handing each attached file the file carries to `keep` once it is verified (its
/// hash and its bytes; the bytes are lent, one file at a time). Files are verified after
/// everything else: nothing is handed over from a file whose records are refused, but a later
/// file may still be refused after earlier ones were handed over (the caller keeps nothing
/// from a refused file).
pub fn read_with(
    bytes: &[u8],
    now_ms: i64,
    mut keep: impl FnMut(&Digest, &[u8]),
) -> Result<ExchangeFile, ImportError> {
    if bytes.len() > MAX_EXCHANGE_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scanned = json::scan(text, json::default_limits()).map_err(|e| match e {
        ScanError::Syntax { line, column } => ImportError::NotJson { line, column },
        ScanError::TooDeep => ImportError::TooDeep,
        ScanError::DuplicateKey { path } => ImportError::DuplicateKey { field: path },
    })?;

    // Is it ours, of a version we read, for this plan?
    let format = scanned.member("format").map(probe_text);
    if !scanned.is_object() || format != Some(Some(FORMAT_NAME.to_string())) {
        return Err(ImportError::NotOurFormat);
    }
    let version = match scanned.member("format_version") {
        None => {
            return Err(ImportError::MissingField {
                field: "format_version".into(),
            });
        }
        Some(raw) => match crate::foundation::canonical::whole::<_, u64>(
            &mut serde_json::Deserializer::from_str(raw),
        ) {
            Ok(v) if v > FORMAT_VERSION => return Err(ImportError::NewerVersion { found: v }),
            Ok(v) if v >= OLDEST_FORMAT_VERSION => v,
            Ok(v @ 1..=2) => return Err(ImportError::OldVersion { found: v }),
            Ok(_) => return Err(ImportError::NotOurFormat),
            Err(_) => {
                return Err(ImportError::MalformedField {
                    field: "format_version".into(),
                    problem: FieldProblem::WrongType(Expected::WholeNumber),
                });
            }
        },
    };
    let stated_plan = probe(scanned.member("plan"));
    for (field, present) in [
        ("plan.id", stated_plan.id.is_some()),
        ("plan.table_sha256", stated_plan.table_sha256.is_some()),
    ] {
        if !present {
            return Err(ImportError::MissingField {
                field: field.into(),
            });
        }
    }
    let ours = plan_ref();
    let plan_id = stated_plan.id.and_then(|t| t.0);
    let table = stated_plan.table_sha256.and_then(|t| t.0);
    if plan_id.as_deref() != Some(ours.id.as_str())
        || table.as_deref() != Some(ours.table_sha256.as_str())
    {
        return Err(ImportError::DifferentPlan {
            same_id: plan_id.as_deref() == Some(ours.id.as_str()),
            id: plan_id.unwrap_or_default(),
        });
    }
    if let Some(field) = scanned.long_string.clone() {
        return Err(ImportError::TextTooLong { field });
    }
    let carried_len = scanned.member(FILES_MEMBER).map_or(0, str::len);
    if text.len() - carried_len > MAX_FILE_BYTES {
        return Err(ImportError::RecordsTooLarge {
            bytes: text.len() - carried_len,
        });
    }
    if version < 4 && carried_len > 0 {
        return Err(ImportError::MalformedField {
            field: FILES_MEMBER.into(),
            problem: FieldProblem::NotInVersion { version },
        });
    }

    // The content is what its exporter wrote.
    let stated = probe(scanned.member("checksum")).value.and_then(|t| t.0);
    if stated.is_some() && stated != Some(scanned.sha256_without(&NOT_CHECKSUMMED)) {
        return Err(ImportError::ChecksumMismatch);
    }
    // The canonical text is no longer needed: the typed parse reads the text itself.
    drop(scanned);
    let mut reader = serde_json::Deserializer::from_str(text);
    let raw: RawFile<'_> = serde_path_to_error::deserialize(&mut reader).map_err(field_error)?;

    let exporter = unit_named(&raw.exported_by.unit, "exported_by.unit".into())?;
    let mut records = Ledger::new();
    let mut order: Vec<EventId> = Vec::new();
    for (index, record) in raw.records.into_iter().enumerate() {
        let field = |name: &str| format!("records[{index}].{name}");
        let task = u16::try_from(record.task)
            .ok()
            .map(TaskId)
            .filter(|t| {
                plan().task(*t).is_some() || (t.0 == 0 && record.change.kind.is_whole_plan())
            })
            .ok_or_else(|| ImportError::UnknownTask {
                field: field("task"),
                task: record.task,
            })?;
        let unit = unit_named(&record.unit, field("unit"))?;
        if version < 2 && record.work_date.is_some() {
            return Err(ImportError::MalformedField {
                field: field("work_date"),
                problem: FieldProblem::NotInVersion1,
            });
        }
        if version < record.change.kind.since() {
            return Err(ImportError::MalformedField {
                field: field("change.kind"),
                problem: FieldProblem::KindNotInVersion {
                    version,
                    since: record.change.kind.since(),
                },
            });
        }
        // rhythm-b: a meeting's decision is new in format 5 (年度总结's kind: `since` above).
        if version < FORMAT_5 && record.change.meeting.is_some() {
            return Err(ImportError::MalformedField {
                field: field("change.meeting"),
                problem: FieldProblem::NotInVersion { version },
            });
        }
        for (name, unit) in [
            ("about", &record.change.about),
            ("owner", &record.change.owner),
        ] {
            if let Some(unit) = unit {
                unit_named(unit, field(&format!("change.{name}")))?;
            }
        }
        if version < 4 && !record.attachments.is_empty() {
            return Err(ImportError::MalformedField {
                field: field("attachments"),
                problem: FieldProblem::NotInVersion { version },
            });
        }
        let change = record.change.into_change().map_err(|(name, missing)| {
            let field = field(&format!("change.{name}"));
            if missing {
                ImportError::MissingField { field }
            } else {
                ImportError::MalformedField {
                    field,
                    problem: FieldProblem::Unknown,
                }
            }
        })?;
        let event = Event {
            id: record.id,
            task,
            unit,
            device: record.device,
            at: record.at,
            author: record.author,
            work_date: record.work_date,
            attachments: record.attachments,
            change,
            hlc: record.hlc,
            seq: Some(record.seq),
            prev: record.prev,
        };
        let stamp = event.stamp();
        if too_far_ahead(stamp, now_ms) {
            return Err(ImportError::FromTheFuture {
                index,
                device: event.device,
                date: Stamp::new(stamp.ms, event.at.offset_minutes)
                    .map(Stamp::local_date)
                    .unwrap_or_else(|| event.at.local_date()),
            });
        }
        event
            .check()
            .map_err(|problem| ImportError::InvalidRecord { index, problem })?;
        if raw.scope == Scope::Unit && unit != exporter {
            return Err(ImportError::ForeignRecord {
                index,
                unit: unit.name().to_string(),
                exporter: exporter.name().to_string(),
            });
        }
        if records.get(&event.id).is_some_and(|e| *e != event) {
            return Err(ImportError::DuplicateRecord { index });
        }
        let id = event.id;
        if records.add(event) == crate::ledger::Added::New {
            order.push(id);
        }
    }
    for (index, proof) in raw.devices.iter().enumerate() {
        if let Some(contact) = &proof.contact {
            let field = format!("devices[{index}].contact");
            if version < 4 {
                return Err(ImportError::MalformedField {
                    field,
                    problem: FieldProblem::NotInVersion { version },
                });
            }
            if contact.check().is_err() {
                return Err(ImportError::MalformedField {
                    field,
                    problem: FieldProblem::Invalid(Expected::Text),
                });
            }
        }
    }
    verify_devices(&raw.devices, &order, &records)?;
    let carried = verify_carried(&raw.files, &order, &records, &mut keep)?;
    Ok(ExchangeFile {
        exported_by: exporter,
        device: raw.exported_by.device,
        exported_at: raw.exported_at,
        scope: raw.scope,
        devices: raw.devices,
        records,
        carried,
    })
}

/// Every carried file against the records that name it (see `attached.rs`), in file order;
/// each verified one handed to `keep`.
fn verify_carried(
    files: &[RawCarried<'_>],
    order: &[EventId],
    records: &Ledger,
    keep: &mut impl FnMut(&Digest, &[u8]),
) -> Result<std::collections::BTreeSet<Digest>, ImportError> {
    let mut carried = std::collections::BTreeSet::new();
    if files.is_empty() {
        return Ok(carried);
    }
    // Each file by the first record (in file order) that names it.
    let mut named: BTreeMap<Digest, &Attachment> = BTreeMap::new();
    let mut namer: BTreeMap<Digest, &Event> = BTreeMap::new();
    for id in order {
        let event = records.get(id).expect("every record read is held");
        for file in &event.attachments {
            named.entry(file.sha256).or_insert(file);
            namer.entry(file.sha256).or_insert(event);
        }
    }
    let mut scratch = Vec::new();
    for (index, entry) in files.iter().enumerate() {
        if !carried.insert(entry.sha256) {
            return Err(ImportError::AttachmentTwice { index });
        }
        let attached_to = || {
            let event = namer[&entry.sha256];
            let file = named[&entry.sha256];
            let note = match &event.change {
                Change::Note { text, .. } => text.chars().take(24).collect(),
                _ => String::new(),
            };
            AttachedTo {
                name: file.name.clone(),
                kind: file.kind,
                task: event.task,
                unit: event.unit,
                date: event.work_date(),
                note,
            }
        };
        match attached::verify(&named, &entry.sha256, &entry.base64, &mut scratch) {
            Ok(()) => keep(&entry.sha256, &scratch),
            Err(CarriedProblem::Unlisted) => {
                return Err(ImportError::AttachmentUnlisted { index });
            }
            Err(CarriedProblem::Twice) => return Err(ImportError::AttachmentTwice { index }),
            Err(CarriedProblem::NotBase64 | CarriedProblem::Altered) => {
                return Err(ImportError::AttachmentAltered {
                    file: attached_to(),
                });
            }
            Err(CarriedProblem::WrongType) => {
                return Err(ImportError::AttachmentWrongType {
                    file: attached_to(),
                });
            }
        }
    }
    Ok(carried)
}

/// A device's proof and the links of its records in the file, with their ids.
type DeviceRecords<'a> = (&'a DeviceProof, Vec<(Link, EventId)>);

/// Every record belongs to a listed device, names that device's unit, and each device's
/// records form the chain its signature vouches for. `order` holds the record ids in file
/// order, so a problem names the record as the file numbers it.
fn verify_devices(
    devices: &[DeviceProof],
    order: &[EventId],
    records: &Ledger,
) -> Result<(), ImportError> {
    let index_of = |id: &EventId| order.iter().position(|o| o == id).unwrap_or(0);
    let mut by_device: BTreeMap<DeviceId, DeviceRecords> = BTreeMap::new();
    for proof in devices {
        if by_device
            .insert(proof.device, (proof, Vec::new()))
            .is_some()
        {
            return Err(ImportError::DuplicateDevice {
                device: proof.device,
            });
        }
    }
    for (index, id) in order.iter().enumerate() {
        let event = records.get(id).expect("every record read is held");
        let Some((proof, links)) = by_device.get_mut(&event.device) else {
            return Err(ImportError::UnsignedRecord { index });
        };
        if proof.unit != event.unit.name() {
            return Err(ImportError::DeviceUnit {
                index,
                device: event.device,
            });
        }
        let link = crate::trust::record::link(event).expect("records read are sealed");
        links.push((link, *id));
    }
    for (device, (proof, links)) in &by_device {
        let only: Vec<Link> = links.iter().map(|(l, _)| *l).collect();
        verify_segment(&only, &proof.head).map_err(|problem| {
            let seq = match problem {
                ChainProblem::Empty => None,
                ChainProblem::Duplicate { seq }
                | ChainProblem::Unsigned { seq }
                | ChainProblem::Missing { seq }
                | ChainProblem::Altered { seq }
                | ChainProblem::Malformed { seq } => Some(seq),
            };
            ImportError::ChainBroken {
                device: *device,
                index: seq.and_then(|seq| {
                    links
                        .iter()
                        .find(|(l, _)| l.seq == seq)
                        .map(|(_, id)| index_of(id))
                }),
                problem,
            }
        })?;
        if !proof.verifies() {
            return Err(ImportError::BadSignature { device: *device });
        }
    }
    Ok(())
}

//! One entry of the ledger and the rules every entry must meet, wherever it comes from
//! (this device, another tab, an imported file).

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::attachment::{Attachment, AttachmentProblem, MAX_ATTACHMENTS};
use crate::foundation::digest::Digest;
use crate::foundation::hlc::{Hlc, Rank};
use crate::foundation::time::{Date, Stamp};
use crate::plan::{TaskId, UnitId, plan, targets};

/// Longest note text, in characters; a page of text, far above a progress entry.
pub const MAX_NOTE_CHARS: usize = 5000;
/// Longest reason for 受阻.
pub const MAX_REASON_CHARS: usize = 1000;
/// Longest author name.
pub const MAX_AUTHOR_CHARS: usize = 40;
/// Largest figure accepted (the biggest target is 86,400 batches).
pub const MAX_FIGURE: f64 = 1e12;
/// Longest reply of the office to a 需协调 (协调意见).
pub const MAX_REPLY_CHARS: usize = 2000;
/// Longest 年度总结 of one unit on one task (rhythm-b, since format 5): several pages.
pub const MAX_SUMMARY_CHARS: usize = 10_000;
/// Longest text of a 落实方案's measures or expected results (since format 5).
pub const MAX_MEASURES_CHARS: usize = 5000;
/// Longest text of a step (what is to be done).
pub const MAX_STEP_CHARS: usize = 500;
/// Longest name of a step's owner (责任人) or a contact, and a contact's post.
pub const MAX_PERSON_CHARS: usize = 40;
/// Longest title of an office round.
pub const MAX_ROUND_TITLE_CHARS: usize = 60;
/// The task of a record about a unit's whole plan rather than one task (since format 5:
/// contact, rounds, submissions, returns). No task of a table has it.
pub const WHOLE_PLAN: TaskId = TaskId(0);

pub use crate::foundation::ids::{DeviceId, EventId};

/// 未开始, 推进中, 已完成, 受阻.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

impl Status {
    /// The name used in files and CSS classes.
    pub fn token(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Blocked => "blocked",
        }
    }

    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Blocked,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// A new status; 受阻 carries what is blocking and what coordination is needed.
    Status {
        status: Status,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A revision of a note: the first revision's id is the note's id.
    Note { note: EventId, text: String },
    /// The tombstone of a note.
    NoteDeleted { note: EventId },
    /// An actual figure against a target, as of a date.
    Figure {
        target: String,
        as_of: Date,
        value: f64,
    },
    /// Since format 4: the coordinating office's answer to a unit's 需协调 on the task (协调意见):
    /// the reply or decision, the unit that is to act on it (`owner`), by when (`due`), and
    /// whether the matter is settled (已协调). Only the office writes these; the current answer
    /// for (task, `about`) is the office's latest.
    Coordination {
        /// The unit whose 受阻 this answers.
        #[serde(with = "unit_name")]
        about: UnitId,
        /// The reply or decision.
        reply: String,
        /// The unit that is to act on it (the blocked unit itself, or another).
        #[serde(with = "unit_name")]
        owner: UnitId,
        /// By when.
        due: Date,
        /// 已协调: the office considers the matter settled.
        resolved: bool,
        /// Since format 5: the answer is a decision taken at a coordination meeting (the May
        /// meeting, 会议决定) held on this date, on or before the day it is recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meeting: Option<Date>,
    },
    /// Since format 5: a unit's 年度总结 on the task: its results against the targets in its own
    /// words (pre-filled from its figures and notes, then edited). The current summary of a
    /// (task, unit) is the unit's latest by last-writer-wins; earlier ones stay as history.
    Summary {
        /// The summary's text.
        text: String,
    },
    // ---- Since format 5 (rhythm-a): 落实方案, rounds and submissions. ----
    /// Since format 5: the unit's 落实方案 for the task: its concrete measures (具体措施) and
    /// expected results (预期成果). The current one per (task, unit) is the latest; earlier ones
    /// stay as its history.
    Implementation {
        /// 具体措施.
        measures: String,
        /// 预期成果 (may be empty).
        results: String,
    },
    /// Since format 5: a revision of a step of the unit's 落实方案 for the task (进度安排): what,
    /// by when (a day or a month of the plan's year) and who owns it (责任人). The first
    /// revision's id is the step's id; an edit is a new record with the same `step`.
    Step {
        step: EventId,
        /// What is to be done.
        what: String,
        /// By when: a day or a month.
        when: When,
        /// 责任人: the person who owns it.
        person: String,
    },
    /// Since format 5: the step `step` is removed from the 落实方案 (its history stays).
    StepDeleted { step: EventId },
    /// Since format 5: the step `step` is done (or, `done: false`, not done after all).
    StepDone { step: EventId, done: bool },
    /// Since format 5, on the unit's whole plan (`task` 0): the unit's contact person for its
    /// 落实方案 (联系人): name, post (职务) and phone.
    Contact {
        name: String,
        /// 职务 (may be empty).
        post: String,
        phone: String,
    },
    /// Since format 5, on the whole plan (`task` 0), only by the coordinating office: a
    /// reporting round (报送轮次) set or changed. For an office round (`round` is this record's
    /// id, or the id of its first record) the title and due date; for 落实方案 and 年度总结 only
    /// the due date (no `title`). The current one per round is the latest.
    Round {
        round: RoundRef,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        due: Date,
        /// The office took the round back (only office rounds).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        withdrawn: bool,
    },
    /// Since format 5, on the whole plan (`task` 0): the unit submits (提交) what it wrote for
    /// the round to the office.
    Submitted { round: RoundRef },
    /// Since format 5, on the whole plan (`task` 0), only by the coordinating office: the
    /// unit's submission `submission` for `round` is returned (退回) with a reason.
    Returned {
        #[serde(with = "unit_name")]
        about: UnitId,
        round: RoundRef,
        submission: EventId,
        reason: String,
    },
}

/// Which reporting round (报送轮次) a record speaks of: the 落实方案, the 年度总结, or a round the
/// office set (by the id of the round's first record). In files: `plan`, `summary` or the 16
/// hex digits of the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoundRef {
    /// 落实方案 (每个责任单位的具体措施、进度安排、预期成果和联系人).
    Plan,
    /// 年度总结 (before 11-08, or the table's own date: 各项任务落实情况).
    Summary,
    /// A round the office set, with a due date (e.g. a quarter's progress).
    Office(EventId),
}

impl RoundRef {
    /// The text in files.
    pub fn token(self) -> String {
        match self {
            RoundRef::Plan => "plan".into(),
            RoundRef::Summary => "summary".into(),
            RoundRef::Office(id) => id.to_string(),
        }
    }

    pub fn parse(text: &str) -> Result<RoundRef, String> {
        match text {
            "plan" => Ok(RoundRef::Plan),
            "summary" => Ok(RoundRef::Summary),
            other => EventId::parse(other).map(RoundRef::Office),
        }
    }
}

impl fmt::Display for RoundRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.token())
    }
}

impl Serialize for RoundRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.token())
    }
}

impl<'de> Deserialize<'de> for RoundRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RoundRef, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RoundRef::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// By when a step is due: a day, or a month (then its last day counts). In files
/// `YYYY-MM-DD` or `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum When {
    Day(Date),
    /// A month of a year: (year, month 1–12).
    Month(i32, u8),
}

impl When {
    /// The last day it allows: the day, or the month's last day.
    pub fn last_day(self) -> Date {
        match self {
            When::Day(d) => d,
            When::Month(y, m) => {
                let (y, m) = (y.clamp(1, 9998), m.clamp(1, 12));
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                Date::new(ny, nm, 1)
                    .expect("the first of a month")
                    .add_days(-1)
            }
        }
    }

    /// The first day it covers.
    pub fn first_day(self) -> Date {
        match self {
            When::Day(d) => d,
            When::Month(y, m) => {
                Date::new(y.clamp(1, 9999), m.clamp(1, 12), 1).expect("the first of a month")
            }
        }
    }

    /// The year it falls in.
    pub fn year(self) -> i32 {
        match self {
            When::Day(d) => d.year(),
            When::Month(y, _) => y,
        }
    }

    /// From `YYYY-MM-DD` or `YYYY-MM` (as files write it).
    pub fn parse(text: &str) -> Result<When, String> {
        if text.len() == 7 {
            let (y, m) = (text.get(..4), text.get(5..));
            let ok = text.as_bytes()[4] == b'-'
                && text
                    .bytes()
                    .enumerate()
                    .all(|(i, b)| i == 4 || b.is_ascii_digit());
            if let (true, Some(y), Some(m)) = (ok, y, m) {
                let (y, m): (i32, u8) = (
                    y.parse().map_err(|_| "year")?,
                    m.parse().map_err(|_| "month")?,
                );
                if (1..=12).contains(&m) && y >= 1 {
                    return Ok(When::Month(y, m));
                }
            }
            return Err(format!("{text:?} is not a month (YYYY-MM)"));
        }
        Date::parse(text).map(When::Day)
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Day(d) => write!(f, "{d}"),
            When::Month(y, m) => write!(f, "{y:04}-{m:02}"),
        }
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<When, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        When::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Change {
    /// Whether records of this kind may carry files (佐证材料): notes.
    pub fn takes_attachments(&self) -> bool {
        matches!(self, Change::Note { .. })
    }

    /// Whether records of this kind are about a unit's whole plan (task [`WHOLE_PLAN`]) rather
    /// than one task: contact, rounds, submissions, returns.
    pub fn is_whole_plan(&self) -> bool {
        matches!(
            self,
            Change::Contact { .. }
                | Change::Round { .. }
                | Change::Submitted { .. }
                | Change::Returned { .. }
        )
    }

    /// The round whose content this record is part of (what a unit submits in it), if any:
    /// the 落实方案's measures, steps and contact; for an office round, the unit's progress
    /// (statuses, notes, figures). Whether a step is done is progress, not the plan.
    /// The 年度总结's records (rhythm-b's `summary` kind) are its content.
    pub fn content_of(&self) -> Option<RoundContent> {
        match self {
            Change::Implementation { .. }
            | Change::Step { .. }
            | Change::StepDeleted { .. }
            | Change::Contact { .. } => Some(RoundContent::Plan),
            Change::Status { .. }
            | Change::Note { .. }
            | Change::NoteDeleted { .. }
            | Change::Figure { .. }
            | Change::StepDone { .. } => Some(RoundContent::Progress),
            Change::Summary { .. } => Some(RoundContent::Summary),
            Change::Coordination { .. }
            | Change::Round { .. }
            | Change::Submitted { .. }
            | Change::Returned { .. } => None,
        }
    }
}

/// What a round collects from a unit: which records are its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoundContent {
    /// The 落实方案 (measures, results, steps, contact).
    Plan,
    /// The 年度总结 (its records, since format 5).
    Summary,
    /// Progress: statuses, notes, figures, steps done (an office round).
    Progress,
}

impl RoundRef {
    /// What a unit submits in this round.
    pub fn content(self) -> RoundContent {
        match self {
            RoundRef::Plan => RoundContent::Plan,
            RoundRef::Summary => RoundContent::Summary,
            RoundRef::Office(_) => RoundContent::Progress,
        }
    }
}

/// Canonical unit names in files and storage; `UnitId` is only an in-memory index.
mod unit_name {
    use super::*;

    pub fn serialize<S: Serializer>(unit: &UnitId, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(unit.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<UnitId, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        UnitId::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown unit {name:?}")))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: EventId,
    pub task: TaskId,
    /// The unit the record belongs to (its author unit).
    #[serde(with = "unit_name")]
    pub unit: UnitId,
    pub device: DeviceId,
    pub at: Stamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The date the work happened (工作日期), for a note or a status change: on or before the
    /// day the record was written, where it was written. Absent on records of exchange format
    /// 1 and on figures (which carry `as_of`); absent means the day of `at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_date: Option<Date>,
    /// Since format 4, only on `note` records: the files attached (佐证材料), each by its
    /// SHA-256, name, type and size. A note's current revision carries the note's files; an
    /// edit carries the whole list again (a file dropped from the list is no longer the note's,
    /// and stays in its history).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    pub change: Change,
    /// The causal order stamp (hybrid logical clock): greater than every stamp the writing
    /// device held, whatever its wall clock said. Absent on records written before format 3,
    /// whose order is their wall time `at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hlc: Option<Hlc>,
    /// The record's place in its device's log (1-based), given when it is stored
    /// (`vault::seal`); absent on records written before format 3 and, in memory only, on a
    /// record not yet stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// The digest of the device's previous record (absent on its first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<Digest>,
}

/// The free-text fields of a record, for saying which one a text rule refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The person's name (`author`).
    Author,
    /// Why 受阻 (`change.reason`).
    Reason,
    /// A note's text (`change.text`).
    Note,
    /// The office's reply to a 需协调 (`change.reply`).
    Reply,
    /// A unit's 年度总结 (`change.text` of a summary).
    Summary,
    /// A 落实方案's measures (`change.measures`).
    Measures,
    /// A 落实方案's expected results (`change.results`).
    Results,
    /// What a step is (`change.what`).
    StepWhat,
    /// A step's owner, 责任人 (`change.person`).
    Person,
    /// A contact's name (`change.name`).
    ContactName,
    /// A contact's post (`change.post`).
    ContactPost,
    /// An office round's title (`change.title`).
    RoundTitle,
}

/// Why an event cannot enter a ledger.
#[derive(Debug, Clone, PartialEq)]
pub enum EventProblem {
    UnknownTask(u16),
    GroupAsAuthor(UnitId),
    /// Nothing but white space.
    EmptyText {
        field: TextField,
    },
    /// Nothing visible: white space and invisible characters only (`character`, the first
    /// invisible one that is not white space).
    InvisibleOnly {
        field: TextField,
        character: char,
    },
    /// A control character other than line break and tab (C0, DEL or C1).
    ControlCharacter {
        field: TextField,
        character: char,
    },
    /// A character that reorders text for display (bidi embedding, override or isolate): it
    /// can make a note read differently from what it says.
    BidiControl {
        field: TextField,
        character: char,
    },
    TooLong {
        field: TextField,
        max: usize,
    },
    BlockedWithoutReason,
    ReasonWithoutBlock,
    UnknownTarget(String),
    BadFigure,
    /// A unit may only revise its own records.
    NotOwnRecord(UnitId),
    /// Records need a unit: the person has not chosen theirs yet.
    NoUnitChosen,
    /// A work date after the day the record was written.
    WorkDateInFuture,
    /// A work date on a record that is neither a note nor a status change.
    WorkDateNotAllowed,
    // 协调意见 (since format 4).
    /// A coordination record written by a unit other than the coordinating office.
    CoordinationNotByOffice,
    /// A coordination record about, or handing the matter to, a group rather than a unit.
    CoordinationGroup(UnitId),
    /// A coordination record about a unit the task does not concern.
    CoordinationUnitNotOnTask(UnitId),
    /// A due date before the day the record was written (on an open matter).
    DueInPast,
    // rhythm-b (since format 5).
    /// A meeting date after the day the decision was recorded.
    MeetingInFuture,
    /// A 年度总结 by a unit the task does not concern.
    SummaryUnitNotOnTask,
    // 落实方案, rounds and submissions (since format 5).
    /// A record about one task with task 0, or a record about the whole plan with a task.
    WrongTaskForKind,
    /// A 落实方案 or step on a task that does not concern the unit.
    UnitNotOnTask,
    /// A 落实方案 with neither measures nor results.
    EmptyImplementation,
    /// A step due outside the plan's year (`year`).
    StepOutsideYear {
        year: i32,
    },
    /// A phone number that is not one (digits with `+`, spaces, `-`, parentheses, `转`; 3–20
    /// digits).
    BadPhone,
    /// A round, or a 退回, written by a unit other than the coordinating office.
    NotByOffice,
    /// A submission by the office (it is who units submit to).
    SubmittedByOffice,
    /// An office round without a title, or a 落实方案/年度总结 round with one.
    RoundTitle,
    /// A built-in round (落实方案, 年度总结) withdrawn.
    RoundNotWithdrawable,
    /// A 退回 about a group, or about the office.
    ReturnedToWhom(UnitId),
    // 佐证材料 (since format 4).
    /// Files attached to a record other than a note.
    AttachmentsNotAllowed,
    /// More files on one record than [`MAX_ATTACHMENTS`].
    TooManyAttachments {
        max: usize,
    },
    /// The same file (one SHA-256) twice on one record.
    AttachmentTwice {
        index: usize,
    },
    /// The file at `index` (0-based) breaks a rule.
    Attachment {
        index: usize,
        problem: AttachmentProblem,
    },
}

impl fmt::Display for EventProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventProblem::UnknownTask(n) => write!(f, "task {n} does not exist"),
            EventProblem::GroupAsAuthor(u) => write!(f, "{u} is a group, not a unit"),
            EventProblem::EmptyText { field } => write!(f, "empty {field:?}"),
            EventProblem::InvisibleOnly { field, character } => {
                write!(
                    f,
                    "{field:?} has only invisible characters ({})",
                    code(*character)
                )
            }
            EventProblem::ControlCharacter { field, character } => {
                write!(f, "control character {} in {field:?}", code(*character))
            }
            EventProblem::BidiControl { field, character } => {
                write!(f, "bidi control {} in {field:?}", code(*character))
            }
            EventProblem::TooLong { field, max } => write!(f, "{field:?} longer than {max}"),
            EventProblem::BlockedWithoutReason => write!(f, "blocked without a reason"),
            EventProblem::ReasonWithoutBlock => {
                write!(f, "a reason on a status other than blocked")
            }
            EventProblem::UnknownTarget(t) => write!(f, "unknown target {t:?}"),
            EventProblem::BadFigure => write!(f, "figure out of range"),
            EventProblem::NotOwnRecord(u) => write!(f, "the record belongs to {u}"),
            EventProblem::NoUnitChosen => write!(f, "no unit chosen"),
            EventProblem::WorkDateInFuture => write!(f, "work date after the day of the record"),
            EventProblem::WorkDateNotAllowed => {
                write!(f, "a work date on a record other than a note or status")
            }
            EventProblem::CoordinationNotByOffice => {
                write!(f, "a coordination record not by the coordinating office")
            }
            EventProblem::CoordinationGroup(u) => write!(f, "{u} is a group, not a unit"),
            EventProblem::CoordinationUnitNotOnTask(u) => {
                write!(f, "the task does not concern {u}")
            }
            EventProblem::DueInPast => write!(f, "due date before the day of the record"),
            EventProblem::MeetingInFuture => write!(f, "meeting date after the day of the record"),
            EventProblem::SummaryUnitNotOnTask => write!(f, "the task does not concern the unit"),
            EventProblem::WrongTaskForKind => write!(f, "task does not fit the record's kind"),
            EventProblem::UnitNotOnTask => write!(f, "the task does not concern the unit"),
            EventProblem::EmptyImplementation => write!(f, "neither measures nor results"),
            EventProblem::StepOutsideYear { year } => write!(f, "step due outside {year}"),
            EventProblem::BadPhone => write!(f, "not a phone number"),
            EventProblem::NotByOffice => write!(f, "not by the coordinating office"),
            EventProblem::SubmittedByOffice => write!(f, "a submission by the office"),
            EventProblem::RoundTitle => write!(f, "a round's title missing or not allowed"),
            EventProblem::RoundNotWithdrawable => write!(f, "a built-in round withdrawn"),
            EventProblem::ReturnedToWhom(u) => write!(f, "a return to {u}"),
            EventProblem::AttachmentsNotAllowed => write!(f, "files on a record not a note"),
            EventProblem::TooManyAttachments { max } => write!(f, "more than {max} files"),
            EventProblem::AttachmentTwice { index } => write!(f, "file {index} twice"),
            EventProblem::Attachment { index, problem } => write!(f, "file {index}: {problem}"),
        }
    }
}

/// A character as `U+XXXX`.
pub fn code(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Characters that show nothing: white space (Unicode's, which includes U+3000 and U+00A0)
/// and the zero-width and filler characters people paste without seeing them.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206a}'..='\u{206f}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// Control characters refused in text: C0 except line break and tab, DEL, and C1.
pub fn is_refused_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || matches!(c, '\u{7f}'..='\u{9f}')
}

/// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The rules of a one-line name (a step's owner, a contact's name or post): the text rules,
/// no line break or tab, no white space at either end, at most [`MAX_PERSON_CHARS`].
fn check_line(text: &str, field: TextField) -> Result<(), EventProblem> {
    check_text(text, field, MAX_PERSON_CHARS)?;
    if let Some(character) = text.chars().find(|c| c.is_control()) {
        return Err(EventProblem::ControlCharacter { field, character });
    }
    if text.trim() != text {
        return Err(EventProblem::EmptyText { field });
    }
    Ok(())
}

/// Fewest and most digits in a phone number (an extension included).
pub const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 3..=20;

/// Whether `phone` is a phone number: digits with `+`, spaces, `-`, parentheses and `转` (an
/// extension), 3–20 digits, no white space at either end. The one rule of a phone number, for
/// the 落实方案's contact and the contact a device signs alike.
pub fn phone_ok(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    phone.trim() == phone
        && PHONE_DIGITS.contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '转'))
}

/// The rules of every free text (notes, reasons, author names), here and in received files
/// alike: no control characters but line break and tab, no bidi controls, something visible,
/// and not longer than `max` characters. Each refusal says which character and field.
fn check_text(text: &str, field: TextField, max: usize) -> Result<(), EventProblem> {
    if let Some(character) = text.chars().find(|c| is_refused_control(*c)) {
        return Err(EventProblem::ControlCharacter { field, character });
    }
    if let Some(character) = text.chars().find(|c| is_bidi_control(*c)) {
        return Err(EventProblem::BidiControl { field, character });
    }
    if text.chars().all(is_invisible) {
        return Err(match text.chars().find(|c| !c.is_whitespace()) {
            Some(character) => EventProblem::InvisibleOnly { field, character },
            None => EventProblem::EmptyText { field },
        });
    }
    if text.chars().count() > max {
        return Err(EventProblem::TooLong { field, max });
    }
    Ok(())
}

impl Event {
    /// The rules every event meets: the task and target exist, the author is a unit (not a
    /// group), texts are present and bounded, 受阻 has a reason, figures are finite, and a work
    /// date belongs to a note or status change and is not after the record's own day.
    pub fn check(&self) -> Result<(), EventProblem> {
        if self.change.is_whole_plan() {
            if self.task != WHOLE_PLAN {
                return Err(EventProblem::WrongTaskForKind);
            }
        } else if self.task == WHOLE_PLAN {
            return Err(EventProblem::WrongTaskForKind);
        } else if plan().task(self.task).is_none() {
            return Err(EventProblem::UnknownTask(self.task.0));
        }
        if self.unit.is_group() {
            return Err(EventProblem::GroupAsAuthor(self.unit));
        }
        if let Some(author) = &self.author {
            check_text(author, TextField::Author, MAX_AUTHOR_CHARS)?;
        }
        if let Some(date) = self.work_date {
            if !matches!(self.change, Change::Status { .. } | Change::Note { .. }) {
                return Err(EventProblem::WorkDateNotAllowed);
            }
            if date > self.at.local_date() {
                return Err(EventProblem::WorkDateInFuture);
            }
        }
        self.check_attachments()?;
        match &self.change {
            Change::Status { status, reason } => match (status, reason) {
                (Status::Blocked, None) => Err(EventProblem::BlockedWithoutReason),
                (Status::Blocked, Some(reason)) => {
                    check_text(reason, TextField::Reason, MAX_REASON_CHARS)
                }
                (_, Some(_)) => Err(EventProblem::ReasonWithoutBlock),
                (_, None) => Ok(()),
            },
            Change::Note { text, .. } => check_text(text, TextField::Note, MAX_NOTE_CHARS),
            Change::NoteDeleted { .. } => Ok(()),
            Change::Figure { target, value, .. } => {
                if targets::target(self.task, target).is_none() {
                    Err(EventProblem::UnknownTarget(target.clone()))
                } else if !value.is_finite() || *value < 0.0 || *value > MAX_FIGURE {
                    Err(EventProblem::BadFigure)
                } else {
                    Ok(())
                }
            }
            Change::Coordination {
                about,
                reply,
                owner,
                due,
                resolved,
                meeting,
            } => {
                if self.unit != UnitId::coordinator() {
                    return Err(EventProblem::CoordinationNotByOffice);
                }
                for unit in [about, owner] {
                    if unit.is_group() {
                        return Err(EventProblem::CoordinationGroup(*unit));
                    }
                }
                let task = plan().task(self.task).expect("checked above");
                if task.involvements(*about).next().is_none() {
                    return Err(EventProblem::CoordinationUnitNotOnTask(*about));
                }
                if !resolved && *due < self.at.local_date() {
                    return Err(EventProblem::DueInPast);
                }
                if meeting.is_some_and(|m| m > self.at.local_date()) {
                    return Err(EventProblem::MeetingInFuture);
                }
                check_text(reply, TextField::Reply, MAX_REPLY_CHARS)
            }
            Change::Summary { text } => {
                if self.check_on_task().is_err() {
                    return Err(EventProblem::SummaryUnitNotOnTask);
                }
                check_text(text, TextField::Summary, MAX_SUMMARY_CHARS)
            }
            Change::Implementation { measures, results } => {
                self.check_on_task()?;
                if measures.is_empty() && results.is_empty() {
                    return Err(EventProblem::EmptyImplementation);
                }
                if !measures.is_empty() {
                    check_text(measures, TextField::Measures, MAX_MEASURES_CHARS)?;
                }
                if !results.is_empty() {
                    check_text(results, TextField::Results, MAX_MEASURES_CHARS)?;
                }
                Ok(())
            }
            Change::Step {
                what, when, person, ..
            } => {
                self.check_on_task()?;
                check_text(what, TextField::StepWhat, MAX_STEP_CHARS)?;
                check_line(person, TextField::Person)?;
                let (start, end) = plan().period();
                if when.first_day() < start || when.last_day() > end {
                    return Err(EventProblem::StepOutsideYear { year: start.year() });
                }
                Ok(())
            }
            Change::StepDeleted { .. } | Change::StepDone { .. } => self.check_on_task(),
            Change::Contact { name, post, phone } => {
                check_line(name, TextField::ContactName)?;
                if !post.is_empty() {
                    check_line(post, TextField::ContactPost)?;
                }
                if !phone_ok(phone) {
                    return Err(EventProblem::BadPhone);
                }
                Ok(())
            }
            Change::Round {
                round,
                title,
                withdrawn,
                ..
            } => {
                if self.unit != UnitId::coordinator() {
                    return Err(EventProblem::NotByOffice);
                }
                match (round, title) {
                    (RoundRef::Office(_), Some(title)) => {
                        check_text(title, TextField::RoundTitle, MAX_ROUND_TITLE_CHARS)?
                    }
                    (RoundRef::Office(_), None) | (_, Some(_)) => {
                        return Err(EventProblem::RoundTitle);
                    }
                    (_, None) if *withdrawn => return Err(EventProblem::RoundNotWithdrawable),
                    (_, None) => {}
                }
                Ok(())
            }
            Change::Submitted { .. } => {
                if self.unit == UnitId::coordinator() {
                    return Err(EventProblem::SubmittedByOffice);
                }
                Ok(())
            }
            Change::Returned { about, reason, .. } => {
                if self.unit != UnitId::coordinator() {
                    return Err(EventProblem::NotByOffice);
                }
                if about.is_group() || *about == UnitId::coordinator() {
                    return Err(EventProblem::ReturnedToWhom(*about));
                }
                check_text(reason, TextField::Reason, MAX_REASON_CHARS)
            }
        }
    }

    /// A 落实方案 record is about a task that concerns its unit (leading or cooperating).
    fn check_on_task(&self) -> Result<(), EventProblem> {
        let task = plan().task(self.task).expect("checked in check");
        if task.involvements(self.unit).next().is_none() {
            return Err(EventProblem::UnitNotOnTask);
        }
        Ok(())
    }

    /// The files' rules: only on a note, at most [`MAX_ATTACHMENTS`], each once, each valid.
    fn check_attachments(&self) -> Result<(), EventProblem> {
        if self.attachments.is_empty() {
            return Ok(());
        }
        if !self.change.takes_attachments() {
            return Err(EventProblem::AttachmentsNotAllowed);
        }
        if self.attachments.len() > MAX_ATTACHMENTS {
            return Err(EventProblem::TooManyAttachments {
                max: MAX_ATTACHMENTS,
            });
        }
        for (index, file) in self.attachments.iter().enumerate() {
            file.check()
                .map_err(|problem| EventProblem::Attachment { index, problem })?;
            if self.attachments[..index]
                .iter()
                .any(|f| f.sha256 == file.sha256)
            {
                return Err(EventProblem::AttachmentTwice { index });
            }
        }
        Ok(())
    }

    /// The date the work happened: the stated work date, else the day it was written.
    pub fn work_date(&self) -> Date {
        self.work_date.unwrap_or_else(|| self.at.local_date())
    }

    /// The causal stamp, or for a record written before format 3 its wall time.
    pub fn stamp(&self) -> Hlc {
        self.hlc.unwrap_or(Hlc {
            ms: self.at.utc_ms,
            n: 0,
        })
    }

    /// Where the record stands in last-writer-wins order.
    pub fn rank(&self) -> Rank {
        Rank {
            hlc: self.stamp(),
            device: self.device,
            id: self.id,
        }
    }

    /// The last-writer-wins order: later causal stamp, then larger device id, then larger
    /// event id (see [`crate::foundation::hlc`]).
    pub fn lww_cmp(&self, other: &Event) -> Ordering {
        self.rank().cmp(&other.rank())
    }

    /// Whether the record carries its place in its device's log.
    pub fn is_sealed(&self) -> bool {
        self.seq.is_some()
    }

    /// For two different events under one id (a collision or a hand-edited copy): a fixed
    /// winner whatever the arrival order, so merging stays commutative.
    pub fn outranks(&self, other: &Event) -> bool {
        match self.lww_cmp(other) {
            Ordering::Equal => {
                let mine = serde_json::to_string(self).unwrap_or_default();
                let theirs = serde_json::to_string(other).unwrap_or_default();
                mine > theirs
            }
            order => order == Ordering::Greater,
        }
    }

    /// The (task, unit) a coordination record answers, if it is one.
    pub fn coordination_of(&self) -> Option<(TaskId, UnitId)> {
        match &self.change {
            Change::Coordination { about, .. } => Some((self.task, *about)),
            _ => None,
        }
    }

    /// The note this event revises or deletes, if it is a note event.
    pub fn note_id(&self) -> Option<&EventId> {
        match &self.change {
            Change::Note { note, .. } | Change::NoteDeleted { note } => Some(note),
            _ => None,
        }
    }
}

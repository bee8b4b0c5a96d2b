//! One entry of the ledger and the rules every entry must meet, wherever it comes from
//! (this device, another tab, an imported file).

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::time::{Date, Stamp};
use crate::plan::{TaskId, UnitId, plan, targets};

/// Longest note text, in characters; a page of text, far above a progress entry.
pub const MAX_NOTE_CHARS: usize = 5000;
/// Longest reason for 受阻.
pub const MAX_REASON_CHARS: usize = 1000;
/// Longest author name.
pub const MAX_AUTHOR_CHARS: usize = 40;
/// Largest figure accepted (the biggest target is 86,400 batches).
pub const MAX_FIGURE: f64 = 1e12;

/// A random 64-bit token, written as 16 lowercase hex digits.
macro_rules! token_type {
    ($name:ident, $what:literal) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u64);

        impl $name {
            pub fn parse(text: &str) -> Result<$name, String> {
                let ok = text.len() == 16
                    && text
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                match u64::from_str_radix(text, 16) {
                    Ok(value) if ok => Ok($name(value)),
                    _ => Err(format!(
                        "{text:?} is not a valid {} (16 lowercase hex digits)",
                        $what
                    )),
                }
            }

            /// From random bytes (the browser's `crypto.getRandomValues`).
            pub fn from_random(bytes: [u8; 8]) -> $name {
                $name(u64::from_be_bytes(bytes))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:016x}", self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

token_type!(EventId, "event id");
token_type!(DeviceId, "device id");

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
    pub change: Change,
}

/// Why an event cannot enter a ledger.
#[derive(Debug, Clone, PartialEq)]
pub enum EventProblem {
    UnknownTask(u16),
    GroupAsAuthor(UnitId),
    EmptyText,
    TooLong {
        field: &'static str,
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
}

impl fmt::Display for EventProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventProblem::UnknownTask(n) => write!(f, "task {n} does not exist"),
            EventProblem::GroupAsAuthor(u) => write!(f, "{u} is a group, not a unit"),
            EventProblem::EmptyText => write!(f, "empty text"),
            EventProblem::TooLong { field, max } => write!(f, "{field} longer than {max}"),
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
        }
    }
}

fn check_text(text: &str, field: &'static str, max: usize) -> Result<(), EventProblem> {
    if text.trim().is_empty() {
        Err(EventProblem::EmptyText)
    } else if text.chars().count() > max {
        Err(EventProblem::TooLong { field, max })
    } else {
        Ok(())
    }
}

impl Event {
    /// The rules every event meets: the task and target exist, the author is a unit (not a
    /// group), texts are present and bounded, 受阻 has a reason, figures are finite, and a work
    /// date belongs to a note or status change and is not after the record's own day.
    pub fn check(&self) -> Result<(), EventProblem> {
        if plan().task(self.task).is_none() {
            return Err(EventProblem::UnknownTask(self.task.0));
        }
        if self.unit.is_group() {
            return Err(EventProblem::GroupAsAuthor(self.unit));
        }
        if let Some(author) = &self.author {
            check_text(author, "author", MAX_AUTHOR_CHARS)?;
        }
        if let Some(date) = self.work_date {
            if !matches!(self.change, Change::Status { .. } | Change::Note { .. }) {
                return Err(EventProblem::WorkDateNotAllowed);
            }
            if date > self.at.local_date() {
                return Err(EventProblem::WorkDateInFuture);
            }
        }
        match &self.change {
            Change::Status { status, reason } => match (status, reason) {
                (Status::Blocked, None) => Err(EventProblem::BlockedWithoutReason),
                (Status::Blocked, Some(reason)) => check_text(reason, "reason", MAX_REASON_CHARS),
                (_, Some(_)) => Err(EventProblem::ReasonWithoutBlock),
                (_, None) => Ok(()),
            },
            Change::Note { text, .. } => check_text(text, "note", MAX_NOTE_CHARS),
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
        }
    }

    /// The date the work happened: the stated work date, else the day it was written.
    pub fn work_date(&self) -> Date {
        self.work_date.unwrap_or_else(|| self.at.local_date())
    }

    /// The last-writer-wins order: later time, then larger device id, then larger event id.
    pub fn lww_cmp(&self, other: &Event) -> Ordering {
        (self.at, &self.device, &self.id).cmp(&(other.at, &other.device, &other.id))
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

    /// The note this event revises or deletes, if it is a note event.
    pub fn note_id(&self) -> Option<&EventId> {
        match &self.change {
            Change::Note { note, .. } | Change::NoteDeleted { note } => Some(note),
            _ => None,
        }
    }
}

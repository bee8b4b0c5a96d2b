//! Making new events on this device: who writes them, with checks before anything is stored.

use super::attachment::Attachment;
use super::event::{
    Change, DeviceId, Event, EventId, EventProblem, RoundRef, Status, WHOLE_PLAN, When,
};
use super::view::NoteRef;
use crate::foundation::time::{Date, Stamp};
use crate::plan::{TaskId, UnitId};

/// The unit, device and optional person behind new records.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorder {
    pub unit: UnitId,
    pub device: DeviceId,
    pub author: Option<String>,
    /// The causal stamp of the next record: `Hlc::next` of the newest stamp the device holds
    /// (`None` only in tests of records older than format 3).
    pub hlc: Option<crate::foundation::hlc::Hlc>,
}

impl Recorder {
    fn event(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        change: Change,
    ) -> Result<Event, EventProblem> {
        self.dated_event(id, task, at, None, change)
    }

    fn dated_event(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        work_date: Option<Date>,
        change: Change,
    ) -> Result<Event, EventProblem> {
        let event = Event {
            id,
            task,
            unit: self.unit,
            device: self.device,
            at,
            author: self.author.clone().filter(|a| !a.trim().is_empty()),
            work_date,
            attachments: Vec::new(),
            change,
            hlc: self.hlc,
            seq: None,
            prev: None,
        };
        event.check()?;
        Ok(event)
    }

    /// A new status; the reason is kept only for 受阻, where it is required.
    pub fn set_status(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        status: Status,
        reason: &str,
    ) -> Result<Event, EventProblem> {
        self.set_status_on(id, task, at, None, status, reason)
    }

    /// A new status with the date the work happened (工作日期), which may not be after `at`'s day.
    pub fn set_status_on(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        work_date: Option<Date>,
        status: Status,
        reason: &str,
    ) -> Result<Event, EventProblem> {
        let reason = (status == Status::Blocked).then(|| reason.trim().to_string());
        self.dated_event(id, task, at, work_date, Change::Status { status, reason })
    }

    /// A new note: its first revision, whose id is the note's id.
    pub fn add_note(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        text: &str,
    ) -> Result<Event, EventProblem> {
        self.add_note_on(id, task, at, None, text)
    }

    /// A new note about work done on `work_date` (工作日期).
    pub fn add_note_on(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        work_date: Option<Date>,
        text: &str,
    ) -> Result<Event, EventProblem> {
        self.add_note_with(id, task, at, work_date, text, Vec::new())
    }

    /// A new note with files attached (佐证材料): their bytes must be kept before the record is.
    pub fn add_note_with(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        work_date: Option<Date>,
        text: &str,
        attachments: Vec<Attachment>,
    ) -> Result<Event, EventProblem> {
        let note = id;
        self.with_files(
            Change::Note {
                note,
                text: text.trim().to_string(),
            },
            attachments,
            |change| self.dated_event(id, task, at, work_date, change),
        )
    }

    /// `make`'s record with `attachments`, checked again with them.
    fn with_files(
        &self,
        change: Change,
        attachments: Vec<Attachment>,
        make: impl FnOnce(Change) -> Result<Event, EventProblem>,
    ) -> Result<Event, EventProblem> {
        let mut event = make(change)?;
        if !attachments.is_empty() {
            event.attachments = attachments;
            event.check()?;
        }
        Ok(event)
    }

    fn own(&self, note: &NoteRef) -> Result<(), EventProblem> {
        if note.unit == self.unit {
            Ok(())
        } else {
            Err(EventProblem::NotOwnRecord(note.unit))
        }
    }

    /// A new revision of one of this unit's notes.
    pub fn edit_note(
        &self,
        id: EventId,
        note: &NoteRef,
        at: Stamp,
        text: &str,
    ) -> Result<Event, EventProblem> {
        self.edit_note_on(id, note, at, None, text)
    }

    /// A new revision of one of this unit's notes, with its work date (kept or corrected).
    /// It carries no files: see [`Recorder::edit_note_with`] to keep the note's files.
    pub fn edit_note_on(
        &self,
        id: EventId,
        note: &NoteRef,
        at: Stamp,
        work_date: Option<Date>,
        text: &str,
    ) -> Result<Event, EventProblem> {
        self.edit_note_with(id, note, at, work_date, text, Vec::new())
    }

    /// A new revision of one of this unit's notes with its files: the whole list the note has
    /// from now on (files added, files taken off it).
    pub fn edit_note_with(
        &self,
        id: EventId,
        note: &NoteRef,
        at: Stamp,
        work_date: Option<Date>,
        text: &str,
        attachments: Vec<Attachment>,
    ) -> Result<Event, EventProblem> {
        self.own(note)?;
        let change = Change::Note {
            note: note.id,
            text: text.trim().to_string(),
        };
        self.with_files(change, attachments, |change| {
            self.dated_event(id, note.task, at, work_date, change)
        })
    }

    /// The tombstone of one of this unit's notes; its history stays.
    pub fn delete_note(
        &self,
        id: EventId,
        note: &NoteRef,
        at: Stamp,
    ) -> Result<Event, EventProblem> {
        self.own(note)?;
        let change = Change::NoteDeleted { note: note.id };
        self.event(id, note.task, at, change)
    }

    pub fn record_figure(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        target: &str,
        as_of: Date,
        value: f64,
    ) -> Result<Event, EventProblem> {
        let change = Change::Figure {
            target: target.to_string(),
            as_of,
            value,
        };
        self.event(id, task, at, change)
    }

    /// The office's answer to `about`'s 需协调 on `task` (协调意见): the reply, the unit to act,
    /// by when, and whether it is settled (已协调). Only the coordinating office may write it.
    #[allow(clippy::too_many_arguments)]
    pub fn coordinate(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        about: UnitId,
        reply: &str,
        owner: UnitId,
        due: Date,
        resolved: bool,
    ) -> Result<Event, EventProblem> {
        let change = Change::Coordination {
            about,
            reply: reply.trim().to_string(),
            owner,
            due,
            resolved,
            meeting: None,
        };
        self.event(id, task, at, change)
    }

    /// A decision of the coordination meeting held on `meeting` (会议决定) about `about`'s
    /// 需协调 on `task`: an answer like [`Recorder::coordinate`]'s, marked with the meeting.
    #[allow(clippy::too_many_arguments)]
    pub fn decide(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        about: UnitId,
        reply: &str,
        owner: UnitId,
        due: Date,
        resolved: bool,
        meeting: Date,
    ) -> Result<Event, EventProblem> {
        let change = Change::Coordination {
            about,
            reply: reply.trim().to_string(),
            owner,
            due,
            resolved,
            meeting: Some(meeting),
        };
        self.event(id, task, at, change)
    }

    /// This unit's 年度总结 on `task` (a new version; earlier ones stay as history).
    pub fn summarize(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        text: &str,
    ) -> Result<Event, EventProblem> {
        let change = Change::Summary {
            text: text.trim().to_string(),
        };
        self.event(id, task, at, change)
    }

    // ---- rhythm-a (issue 20): 落实方案, rounds, submissions. ----

    /// The unit's 落实方案 for `task`: measures and expected results (trimmed).
    pub fn implementation(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        measures: &str,
        results: &str,
    ) -> Result<Event, EventProblem> {
        let change = Change::Implementation {
            measures: measures.trim().to_string(),
            results: results.trim().to_string(),
        };
        self.event(id, task, at, change)
    }

    /// A step of the 落实方案 for `task`: a new one (`step` is `None`: its id is this record's)
    /// or a revision of `step`.
    #[allow(clippy::too_many_arguments)]
    pub fn step(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        step: Option<EventId>,
        what: &str,
        when: When,
        person: &str,
    ) -> Result<Event, EventProblem> {
        let change = Change::Step {
            step: step.unwrap_or(id),
            what: what.trim().to_string(),
            when,
            person: person.trim().to_string(),
        };
        self.event(id, task, at, change)
    }

    /// Removes the step `step` of `task`'s 落实方案.
    pub fn delete_step(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        step: EventId,
    ) -> Result<Event, EventProblem> {
        self.event(id, task, at, Change::StepDeleted { step })
    }

    /// Marks the step `step` of `task` done (or not done).
    pub fn step_done(
        &self,
        id: EventId,
        task: TaskId,
        at: Stamp,
        step: EventId,
        done: bool,
    ) -> Result<Event, EventProblem> {
        self.event(id, task, at, Change::StepDone { step, done })
    }

    /// The unit's contact person for its 落实方案 (trimmed).
    pub fn contact(
        &self,
        id: EventId,
        at: Stamp,
        name: &str,
        post: &str,
        phone: &str,
    ) -> Result<Event, EventProblem> {
        let change = Change::Contact {
            name: name.trim().to_string(),
            post: post.trim().to_string(),
            phone: phone.trim().to_string(),
        };
        self.event(id, WHOLE_PLAN, at, change)
    }

    /// The office sets or changes a round: a new office round (`round` is `None`: its id is
    /// this record's), an office round, or the due date of the 落实方案 or 年度总结.
    pub fn set_round(
        &self,
        id: EventId,
        at: Stamp,
        round: Option<RoundRef>,
        title: Option<&str>,
        due: Date,
        withdrawn: bool,
    ) -> Result<Event, EventProblem> {
        let change = Change::Round {
            round: round.unwrap_or(RoundRef::Office(id)),
            title: title.map(|t| t.trim().to_string()),
            due,
            withdrawn,
        };
        self.event(id, WHOLE_PLAN, at, change)
    }

    /// The unit submits (提交) `round`.
    pub fn submit(&self, id: EventId, at: Stamp, round: RoundRef) -> Result<Event, EventProblem> {
        self.event(id, WHOLE_PLAN, at, Change::Submitted { round })
    }

    /// The office returns (退回) `about`'s submission `submission` of `round` with a reason.
    pub fn return_submission(
        &self,
        id: EventId,
        at: Stamp,
        about: UnitId,
        round: RoundRef,
        submission: EventId,
        reason: &str,
    ) -> Result<Event, EventProblem> {
        let change = Change::Returned {
            about,
            round,
            submission,
            reason: reason.trim().to_string(),
        };
        self.event(id, WHOLE_PLAN, at, change)
    }
}

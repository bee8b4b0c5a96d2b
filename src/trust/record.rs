//! The records of the ledger in their device's chain: a record's digest (SHA-256 of its
//! canonical JSON, RFC 8785, `seq` and `prev` included) and the sealing of this device's new
//! records in the transaction that stores them.

use super::chain::{self, Digest, Head, Link};
use crate::ledger::Event;

/// The digest of a record: SHA-256 of the canonical JSON of the record as files carry it.
pub fn digest(event: &Event) -> Digest {
    Digest::of(&canonical(event))
}

/// The canonical JSON (RFC 8785) of a record, written straight from its fields: keys in
/// sorted order, absent optional fields left out, exactly what canonicalising its serde JSON
/// gives (a test checks both agree), without building a tree of values for each record.
pub fn canonical(event: &Event) -> Vec<u8> {
    use crate::foundation::canonical::{push_char, write_number};
    use crate::ledger::Change;
    fn text(out: &mut Vec<u8>, value: &str) {
        out.push(b'"');
        for c in value.chars() {
            push_char(c, out);
        }
        out.push(b'"');
    }
    fn key(out: &mut Vec<u8>, first: &mut bool, name: &str) {
        if !*first {
            out.push(b',');
        }
        *first = false;
        out.push(b'"');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
    }
    let mut out = Vec::with_capacity(320);
    let mut first = true;
    out.push(b'{');
    key(&mut out, &mut first, "at");
    text(&mut out, &event.at.to_string());
    if !event.attachments.is_empty() {
        key(&mut out, &mut first, "attachments");
        out.push(b'[');
        for (n, file) in event.attachments.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            let mut inner = true;
            out.push(b'{');
            key(&mut out, &mut inner, "name");
            text(&mut out, &file.name);
            key(&mut out, &mut inner, "sha256");
            text(&mut out, &file.sha256.to_hex());
            key(&mut out, &mut inner, "size");
            write_number(file.size as f64, &mut out);
            key(&mut out, &mut inner, "type");
            text(&mut out, file.kind.mime());
            out.push(b'}');
        }
        out.push(b']');
    }
    if let Some(author) = &event.author {
        key(&mut out, &mut first, "author");
        text(&mut out, author);
    }
    key(&mut out, &mut first, "change");
    out.push(b'{');
    let mut inner = true;
    match &event.change {
        Change::Status { status, reason } => {
            key(&mut out, &mut inner, "kind");
            text(&mut out, "status");
            if let Some(reason) = reason {
                key(&mut out, &mut inner, "reason");
                text(&mut out, reason);
            }
            key(&mut out, &mut inner, "status");
            text(&mut out, status.token());
        }
        Change::Note { note, text: body } => {
            key(&mut out, &mut inner, "kind");
            text(&mut out, "note");
            key(&mut out, &mut inner, "note");
            text(&mut out, &note.to_string());
            key(&mut out, &mut inner, "text");
            text(&mut out, body);
        }
        Change::NoteDeleted { note } => {
            key(&mut out, &mut inner, "kind");
            text(&mut out, "note_deleted");
            key(&mut out, &mut inner, "note");
            text(&mut out, &note.to_string());
        }
        Change::Figure {
            target,
            as_of,
            value,
        } => {
            key(&mut out, &mut inner, "as_of");
            text(&mut out, &as_of.to_string());
            key(&mut out, &mut inner, "kind");
            text(&mut out, "figure");
            key(&mut out, &mut inner, "target");
            text(&mut out, target);
            key(&mut out, &mut inner, "value");
            write_number(*value, &mut out);
        }
        Change::Coordination {
            about,
            reply,
            owner,
            due,
            resolved,
            meeting,
        } => {
            key(&mut out, &mut inner, "about");
            text(&mut out, about.name());
            key(&mut out, &mut inner, "due");
            text(&mut out, &due.to_string());
            key(&mut out, &mut inner, "kind");
            text(&mut out, "coordination");
            if let Some(meeting) = meeting {
                key(&mut out, &mut inner, "meeting");
                text(&mut out, &meeting.to_string());
            }
            key(&mut out, &mut inner, "owner");
            text(&mut out, owner.name());
            key(&mut out, &mut inner, "reply");
            text(&mut out, reply);
            key(&mut out, &mut inner, "resolved");
            out.extend_from_slice(if *resolved { b"true" } else { b"false" });
        }
        // Since format 5: the change's members written from its serde value (a handful of
        // strings each), in canonical order.
        Change::Implementation { .. }
        | Change::Step { .. }
        | Change::StepDeleted { .. }
        | Change::StepDone { .. }
        | Change::Contact { .. }
        | Change::Round { .. }
        | Change::Submitted { .. }
        | Change::Returned { .. }
        | Change::Summary { .. } => {
            let value = serde_json::to_value(&event.change).unwrap_or_default();
            let mut object = Vec::new();
            crate::foundation::canonical::write_value(&value, &mut object);
            // `{…}` without its braces: the members, keys sorted.
            out.extend_from_slice(&object[1..object.len().saturating_sub(1)]);
        }
    }
    out.push(b'}');
    key(&mut out, &mut first, "device");
    text(&mut out, &event.device.to_string());
    if let Some(hlc) = event.hlc {
        key(&mut out, &mut first, "hlc");
        out.extend_from_slice(b"{\"ms\":");
        write_number(hlc.ms as f64, &mut out);
        out.extend_from_slice(b",\"n\":");
        write_number(f64::from(hlc.n), &mut out);
        out.push(b'}');
    }
    key(&mut out, &mut first, "id");
    text(&mut out, &event.id.to_string());
    if let Some(prev) = &event.prev {
        key(&mut out, &mut first, "prev");
        text(&mut out, &prev.to_hex());
    }
    if let Some(seq) = event.seq {
        key(&mut out, &mut first, "seq");
        write_number(seq as f64, &mut out);
    }
    key(&mut out, &mut first, "task");
    write_number(f64::from(event.task.0), &mut out);
    key(&mut out, &mut first, "unit");
    text(&mut out, event.unit.name());
    if let Some(date) = event.work_date {
        key(&mut out, &mut first, "work_date");
        text(&mut out, &date.to_string());
    }
    out.push(b'}');
    out
}

/// A sealed record's link in its device's chain (`None` for a record without a place).
pub fn link(event: &Event) -> Option<Link> {
    Some(Link {
        seq: event.seq?,
        prev: event.prev,
        hash: digest(event),
    })
}

/// Gives `pending` (this device's new records, in the order they were made) their places
/// after the stored `head`, and returns the new head. Called inside the transaction that reads
/// the head and writes the records, so two tabs of one device never fork its chain.
pub fn seal(head: Option<Head>, pending: &mut [Event]) -> Option<Head> {
    chain::seal(head, pending, |event, seq, prev| {
        event.seq = Some(seq);
        event.prev = prev;
        digest(event)
    })
}

//! The records of the ledger in their device's chain: a record's digest (SHA-256 of its
//! canonical JSON, RFC 8785, `seq` and `prev` included) and the sealing of this device's new
//! records in the transaction that stores them.

use super::chain::{self, Digest, Head, Link};
use crate::ledger::Event;

/// The digest of a record: SHA-256 of the canonical JSON of the record as files carry it.
pub fn digest(event: &Event) -> Digest {
    let value = serde_json::to_value(event).expect("records serialise");
    let mut bytes = Vec::with_capacity(256);
    crate::canonical::write_value(&value, &mut bytes);
    Digest::of(&bytes)
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

//! The causal order stamp of a record (a hybrid logical clock) and the last-writer-wins
//! order built on it. What a device may stamp and what it refuses is `trust::hlc`'s.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::ids::{DeviceId, EventId};

/// A hybrid logical clock stamp, ordered by `(ms, n)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hlc {
    /// Wall milliseconds since 1970-01-01T00:00:00Z as the writing device saw them, or the
    /// newest stamp it held when that was later.
    #[serde(deserialize_with = "crate::foundation::canonical::whole")]
    pub ms: i64,
    /// Counter within one millisecond: 0 unless the stamp had to follow one of the same `ms`.
    #[serde(deserialize_with = "crate::foundation::canonical::whole")]
    pub n: u32,
}

impl Hlc {
    /// The stamp for a record written now: greater than `newest_held` (the greatest stamp
    /// this device holds, its own and imported ones) whatever `now_ms` says.
    ///
    /// `ms` is the later of `now_ms` and the held stamp's `ms`; `n` counts on from the held
    /// stamp when the `ms` is the same, else starts at 0. A counter at its end moves to the
    /// next millisecond. The one stamp with no successor, `{ms: i64::MAX, n: u32::MAX}`, is
    /// returned unchanged; it cannot be reached, since imports stamped beyond the 24-hour
    /// limit of `trust::hlc::too_far_ahead` are refused.
    pub fn next(newest_held: Option<Hlc>, now_ms: i64) -> Hlc {
        let Some(held) = newest_held else {
            return Hlc { ms: now_ms, n: 0 };
        };
        if now_ms > held.ms {
            Hlc { ms: now_ms, n: 0 }
        } else if let Some(n) = held.n.checked_add(1) {
            Hlc { ms: held.ms, n }
        } else if let Some(ms) = held.ms.checked_add(1) {
            Hlc { ms, n: 0 }
        } else {
            held
        }
    }
}

/// The place of a record in last-writer-wins: by stamp, then device, then record id.
///
/// Distinct records have distinct ids, so this is a total order on records: any two devices
/// that hold the same records pick the same winner, whatever order they received them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rank {
    /// The record's stamp.
    pub hlc: Hlc,
    /// The device that wrote it.
    pub device: DeviceId,
    /// The record's own id.
    pub id: EventId,
}

/// Last-writer-wins between two candidates: the one of higher [`Rank`]; `a` when the ranks
/// are equal (then they are the same record).
///
/// Folding any set of candidates with `lww` gives the same winner in any order and grouping,
/// and folding a candidate in twice changes nothing (tested in `tests/trust.rs`).
pub fn lww<T>(a: T, b: T, rank: impl Fn(&T) -> Rank) -> T {
    match rank(&a).cmp(&rank(&b)) {
        Ordering::Less => b,
        Ordering::Equal | Ordering::Greater => a,
    }
}

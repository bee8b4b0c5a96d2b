//! The hybrid logical clock: causal order that a wrong tablet clock cannot break.
//!
//! A stamp is wall milliseconds (UTC, since the Unix epoch) plus a counter. A device's next
//! stamp is greater than every stamp it holds, its own and those it imported, whatever its
//! clock says ([`Hlc::next`]). So an edit made after seeing a record always outranks that
//! record. The record keeps its wall time (`ledger::time::Stamp`) for display; the stamp only
//! orders.
//!
//! Two guards keep a wrong clock from doing harm. A record stamped more than
//! [`MAX_AHEAD_MS`] after the importing device's clock is refused ([`too_far_ahead`]): without
//! it, a tablet set ten years ahead would make every later edit carry its year. And a device
//! whose clock is behind the newest stamp it holds is told so ([`clock_behind`]).
//!
//! In files a stamp is the JSON object `{"ms": 1699409730123, "n": 0}`.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::ledger::{DeviceId, EventId};

/// A hybrid logical clock stamp, ordered by `(ms, n)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hlc {
    /// Wall milliseconds since 1970-01-01T00:00:00Z as the writing device saw them, or the
    /// newest stamp it held when that was later.
    pub ms: i64,
    /// Counter within one millisecond: 0 unless the stamp had to follow one of the same `ms`.
    pub n: u32,
}

/// How far after the importing device's clock a record may be stamped: 24 hours (time zones
/// are already in UTC; this is only for clocks that are wrong).
pub const MAX_AHEAD_MS: i64 = 24 * 3600 * 1000;

/// How far this device's clock may be behind the newest stamp it holds before
/// [`clock_behind`] says so: 5 minutes, above the drift of any clock kept by a network and
/// below any error a person would care about.
pub const CLOCK_TOLERANCE_MS: i64 = 5 * 60 * 1000;

impl Hlc {
    /// The stamp for a record written now: greater than `newest_held` (the greatest stamp
    /// this device holds, its own and imported ones) whatever `now_ms` says.
    ///
    /// `ms` is the later of `now_ms` and the held stamp's `ms`; `n` counts on from the held
    /// stamp when the `ms` is the same, else starts at 0. A counter at its end moves to the
    /// next millisecond. The one stamp with no successor, `{ms: i64::MAX, n: u32::MAX}`, is
    /// returned unchanged; it cannot be reached, since imports beyond [`too_far_ahead`] are
    /// refused.
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

/// Whether a received stamp is more than [`MAX_AHEAD_MS`] after this device's clock: such a
/// record is refused, and the file with it.
pub fn too_far_ahead(stamp: Hlc, now_ms: i64) -> bool {
    stamp.ms > now_ms.saturating_add(MAX_AHEAD_MS)
}

/// Whether this device's clock is behind the newest stamp it holds by more than
/// [`CLOCK_TOLERANCE_MS`]: the app then warns 本机时间可能不准.
///
/// It cannot tell which clock is wrong: a record imported from a device whose clock runs
/// ahead (by less than [`MAX_AHEAD_MS`]) raises it too, and so does this device's own record
/// written before its clock was set back. Either way the stamps stay in causal order; the
/// warning is about the wall times shown.
pub fn clock_behind(now_ms: i64, newest_held: Option<Hlc>) -> bool {
    newest_held.is_some_and(|held| held.ms > now_ms.saturating_add(CLOCK_TOLERANCE_MS))
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

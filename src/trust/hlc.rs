//! The hybrid logical clock: causal order that a wrong tablet clock cannot break.
//!
//! A stamp is wall milliseconds (UTC, since the Unix epoch) plus a counter. A device's next
//! stamp is greater than every stamp it holds, its own and those it imported, whatever its
//! clock says ([`Hlc::next`]). So an edit made after seeing a record always outranks that
//! record. The record keeps its wall time (`foundation::time::Stamp`) for display; the stamp only
//! orders.
//!
//! Two guards keep a wrong clock from doing harm. A record stamped more than
//! [`MAX_AHEAD_MS`] after the importing device's clock is refused ([`too_far_ahead`]): without
//! it, a tablet set ten years ahead would make every later edit carry its year. And a device
//! whose clock is behind the newest stamp it holds is told so ([`clock_behind`]).
//!
//! In files a stamp is the JSON object `{"ms": 1699409730123, "n": 0}`.

pub use crate::foundation::hlc::{Hlc, Rank, lww};

/// How far after the importing device's clock a record may be stamped: 24 hours (time zones
/// are already in UTC; this is only for clocks that are wrong).
pub const MAX_AHEAD_MS: i64 = 24 * 3600 * 1000;

/// How far this device's clock may be behind the newest stamp it holds before
/// [`clock_behind`] says so: 5 minutes, above the drift of any clock kept by a network and
/// below any error a person would care about.
pub const CLOCK_TOLERANCE_MS: i64 = 5 * 60 * 1000;

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

//! The marks a record carries in a task's history: 未验证 (written before signed logs, by
//! another device) and 已撤销设备 (written by a device since revoked).
//!
//! A mark never hides a record; it tells the reader how much the record can be relied on.

use super::roster::Roster;
use crate::ledger::{DeviceId, Event};

/// How a record in the history is marked. Ordered by weight: a note whose revisions carry
/// several marks shows the heaviest ([`Mark::max`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// 未验证: written by another device before signed logs (no place in a device log), so its
    /// origin cannot be verified.
    Unverified,
    /// 已撤销设备: written by a device this device has revoked. Its records up to the
    /// revocation are kept; later ones are refused on import, and any held anyway (an office
    /// roster revoking more strictly than what was already here) are marked too.
    RevokedDevice,
}

/// The mark of `event` as seen on the device `own` holding `roster`.
///
/// A record of a revoked device is [`Mark::RevokedDevice`], whatever its sequence number; else
/// a record without a sequence number from another device is [`Mark::Unverified`]; this
/// device's own records and signed ones carry no mark.
pub fn mark(event: &Event, roster: &Roster, own: DeviceId) -> Option<Mark> {
    if roster.revocation(event.device).is_some() {
        Some(Mark::RevokedDevice)
    } else if event.seq.is_none() && event.device != own {
        Some(Mark::Unverified)
    } else {
        None
    }
}

/// The heaviest mark of several records (a note's revisions), or `None`.
pub fn heaviest<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    roster: &Roster,
    own: DeviceId,
) -> Option<Mark> {
    events
        .into_iter()
        .filter_map(|e| mark(e, roster, own))
        .max()
}

//! Moving a device's data from the old localStorage layout (a base document, one tail per
//! tab, the ids of the last undone import, backup copies) into the database, without loss:
//! the plan is one transaction; the old keys go only once the database has been read back and
//! holds every record the plan wrote. A migration cut short (the tab closed) simply runs again
//! at the next start: records are add-only and kept copies are keyed by their hash, so nothing
//! is doubled.

use std::collections::{BTreeMap, BTreeSet};

use super::{Batch, BatchId, Kept, Txn, read_record, retracted};
use crate::foundation::time::Stamp;
use crate::ledger::document::{self, LoadProblem};
use crate::ledger::{EventId, Ledger};

/// The old base document.
pub const OLD_LEDGER_KEY: &str = "duty-ledger:ledger";
/// Old per-tab tails: `duty-ledger:ledger:tail:<token>`.
pub const OLD_TAIL_PREFIX: &str = "duty-ledger:ledger:tail:";
/// The ids the last undone import took back.
pub const OLD_RETRACTED_KEY: &str = "duty-ledger:retracted";
/// Copies of unreadable text: `duty-ledger:backup:<key>:<time>`.
pub const OLD_BACKUP_PREFIX: &str = "duty-ledger:backup:";

/// Whether a localStorage key belongs to the old ledger layout.
pub fn is_old_key(key: &str) -> bool {
    key == OLD_LEDGER_KEY
        || key == OLD_RETRACTED_KEY
        || key.starts_with(OLD_TAIL_PREFIX)
        || key.starts_with(OLD_BACKUP_PREFIX)
}

/// What the move writes and what it removes afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    pub txn: Txn,
    /// The old keys, removed only after [`verified`].
    pub remove: Vec<String>,
    /// Documents that could not be read in full (their text is kept).
    pub problems: Vec<(String, LoadProblem)>,
}

impl Migration {
    /// The ids of the records the database must hold before the old keys go.
    pub fn expected(&self) -> Vec<EventId> {
        match &self.txn {
            Txn::Write { add, .. } => add.iter().map(|e| e.id).collect(),
            Txn::Import { .. } | Txn::Undo { .. } => Vec::new(),
        }
    }
}

/// The batch that stands for the old "last undone import": its records stay gone. Its id is
/// derived from the ids, so running the move twice writes the same batch.
fn retraction_batch(ids: BTreeSet<EventId>, now: Stamp) -> Batch {
    let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let hash = crate::foundation::canonical::sha256_hex(list.join(",").as_bytes());
    let id = BatchId::parse(&hash[..16]).expect("16 hex digits");
    Batch {
        id,
        at: now,
        files: 0,
        records: ids.into_iter().collect(),
        undone: Some(now),
    }
}

/// Plans the move of every old key in `old` (key, text). `stored` are the batches the
/// database already holds: what an undo there took back is not brought back from here.
/// `None` when there is nothing to move.
pub fn plan(
    old: &[(String, String)],
    stored: &BTreeMap<BatchId, Batch>,
    now: Stamp,
) -> Option<Migration> {
    let old: Vec<&(String, String)> = old.iter().filter(|(k, _)| is_old_key(k)).collect();
    if old.is_empty() {
        return None;
    }
    let mut ledger = Ledger::new();
    let mut keep: BTreeMap<String, Kept> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut undone_before = BTreeSet::new();
    for (key, raw) in &old {
        if key == OLD_LEDGER_KEY || key.starts_with(OLD_TAIL_PREFIX) {
            let restored = document::restore(raw);
            ledger.merge(&restored.ledger);
            if let Some(problem) = restored.problem {
                let kept = Kept::new(key, now, raw);
                keep.insert(kept.hash.clone(), kept);
                problems.push((key.clone(), problem));
            }
        } else if key == OLD_RETRACTED_KEY {
            match serde_json::from_str::<Vec<EventId>>(raw) {
                Ok(ids) => undone_before.extend(ids),
                Err(_) => {
                    let kept = Kept::new(key, now, raw);
                    keep.insert(kept.hash.clone(), kept);
                }
            }
        } else {
            // A backup copy: kept as it is, once.
            let source = key.strip_prefix(OLD_BACKUP_PREFIX).unwrap_or(key);
            let kept = Kept::new(source, now, raw);
            keep.insert(kept.hash.clone(), kept);
        }
    }
    let mut gone = retracted(stored);
    gone.extend(undone_before.iter().copied());
    ledger.retract(&gone);
    let batches = if undone_before.is_empty() {
        Vec::new()
    } else {
        vec![retraction_batch(undone_before, now)]
    };
    Some(Migration {
        txn: Txn::Write {
            add: ledger.events().cloned().collect(),
            batches,
            keep: keep.into_values().collect(),
            forget: Vec::new(),
        },
        remove: old.iter().map(|(k, _)| k.clone()).collect(),
        problems,
    })
}

/// Whether the database, read back after the move, holds every record the move wrote, with
/// the same content, and every kept copy. Only then may the old keys be removed.
pub fn verified(
    migration: &Migration,
    records: &[(String, String)],
    kept_hashes: &[String],
) -> bool {
    let Txn::Write { add, keep, .. } = &migration.txn else {
        return false;
    };
    let stored: BTreeMap<EventId, crate::ledger::Event> = records
        .iter()
        .filter_map(|(k, v)| read_record(k, v))
        .map(|e| (e.id, e))
        .collect();
    // A record this device wrote is stored with its place in its log (sealed on the way in):
    // the same record.
    let same = |e: &crate::ledger::Event| {
        stored.get(&e.id).is_some_and(|s| {
            s == e
                || (e.seq.is_none()
                    && crate::ledger::Event {
                        seq: None,
                        prev: None,
                        ..s.clone()
                    } == *e)
        })
    };
    add.iter().all(same) && keep.iter().all(|k| kept_hashes.contains(&k.hash))
}

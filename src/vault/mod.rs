//! Where the ledger is kept, decided in plain Rust: what to write, what to read back, what an
//! undo takes away, how other tabs' writes come in, and how the old localStorage layout moves
//! over. The browser shell (`browser::ledger_db`) only carries out the [`Txn`]s decided here,
//! each as one IndexedDB transaction, and hands back what it read as a [`Snapshot`] or a list
//! of [`ChangeEntry`]s. Nothing here touches a browser type, so every rule is tested natively
//! (`tests/vault_model.rs` drives a model of the database with random interleavings of tabs,
//! imports, undos, reloads and failed writes).
//!
//! The stored layout (one IndexedDB database, see `browser::ledger_db`):
//! - `records`: one record per key (its id), add-only: a record is never rewritten, and leaves
//!   only through the undo of the import that brought it;
//! - `batches`: one entry per import ([`Batch`]), marked when undone;
//! - `changes`: an auto-numbered log, one [`ChangeEntry`] per transaction, which other tabs
//!   read from where they last stopped; bounded: entries every open tab has taken in are
//!   deleted ([`prunable`]), and the newest key deleted is stored (`heads`, under
//!   [`PRUNED_KEY`]) so a tab that had not taken them in (asleep, its mark gone stale) knows
//!   and reads everything stored instead ([`Keeper::take_in_all`]): nothing is lost to it;
//! - `kept`: stored text that could not be read, kept once by its content hash ([`Kept`]).

pub mod keeper;
pub mod migrate;
pub mod plans;
pub mod space;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::foundation::time::Stamp;
use crate::ledger::{Event, EventId, Ledger};

pub use keeper::{Committed, Keeper, WorkId, WriteFailure};

/// An import's id: a fresh random token of the same shape as a record id.
pub type BatchId = EventId;

/// One applied import: the records it added that were new on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    pub id: BatchId,
    pub at: Stamp,
    /// How many files it came from.
    pub files: usize,
    /// The records it added, in id order.
    pub records: Vec<EventId>,
    /// When it was undone; an undone batch's records are gone for good unless imported again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undone: Option<Stamp>,
}

impl Batch {
    pub fn is_live(&self) -> bool {
        self.undone.is_none()
    }
}

/// Stored text that could not be read, kept for the user to download or delete. Its key is
/// the hash of its text, so the same text is never kept twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kept {
    /// SHA-256 of `text`, in hex.
    pub hash: String,
    /// Where it was found (the old localStorage key).
    pub source: String,
    pub found: Stamp,
    pub text: String,
}

impl Kept {
    pub fn new(source: &str, found: Stamp, text: &str) -> Kept {
        Kept {
            hash: crate::foundation::canonical::sha256_hex(text.as_bytes()),
            source: source.to_string(),
            found,
            text: text.to_string(),
        }
    }
}

/// What one transaction changed, as logged in `changes` for other tabs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEntry {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<EventId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub batches: Vec<BatchId>,
    /// The kept copies changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept: bool,
}

/// One transaction, all or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Txn {
    Write {
        /// Records to add; a record already stored under the same id stays as it is.
        add: Vec<Event>,
        /// Batches to store as they are (the old layout's undone import, when it moves over).
        batches: Vec<Batch>,
        keep: Vec<Kept>,
        /// Hashes of kept copies the user deleted.
        forget: Vec<String>,
    },
    /// An import. Which of its records are new is decided inside the transaction, against
    /// what is stored then ([`import_plan`]): the batch claims only those, so its undo can
    /// never take a record that was stored before it.
    Import { batch: Batch, add: Vec<Event> },
    /// Undo an import. What it deletes is decided inside the transaction, against the batches
    /// stored then ([`undo_plan`]), so a record another import also brought stays.
    Undo { batch: BatchId, at: Stamp },
}

impl Txn {
    /// A write that only adds records.
    pub fn records(add: Vec<Event>) -> Txn {
        Txn::Write {
            add,
            batches: Vec::new(),
            keep: Vec::new(),
            forget: Vec::new(),
        }
    }

    /// A write that keeps copies of unreadable text, and deletes the kept copies `forget`.
    pub fn kept(keep: Vec<Kept>, forget: Vec<String>) -> Txn {
        Txn::Write {
            add: Vec::new(),
            batches: Vec::new(),
            keep,
            forget,
        }
    }

    /// The log entry a write adds (an import's and an undo's entries come from
    /// [`import_plan`] and [`undo_plan`]).
    pub fn change(&self) -> ChangeEntry {
        match self {
            Txn::Write {
                add,
                batches,
                keep,
                forget,
            } => ChangeEntry {
                records: add.iter().map(|e| e.id).collect(),
                batches: batches.iter().map(|b| b.id).collect(),
                kept: !keep.is_empty() || !forget.is_empty(),
            },
            Txn::Import { batch, add } => ChangeEntry {
                records: add.iter().map(|e| e.id).collect(),
                batches: vec![batch.id],
                kept: false,
            },
            Txn::Undo { batch, .. } => ChangeEntry {
                batches: vec![*batch],
                ..ChangeEntry::default()
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Txn::Write {
                add,
                batches,
                keep,
                forget,
            } => add.is_empty() && batches.is_empty() && keep.is_empty() && forget.is_empty(),
            Txn::Import { add, .. } => add.is_empty(),
            Txn::Undo { .. } => false,
        }
    }
}

/// What an import stores, given those of its records already stored (id → stored text): only
/// the others, and the batch claiming exactly those (`None` when nothing is new: no batch, no
/// log entry). Decided inside the transaction, so it is checked against what is stored then:
/// a stored record that reads differently from the import's (another tab stored another
/// version after the preview) refuses the whole import, naming the record; nothing is written.
pub fn import_plan<'a>(
    batch: &Batch,
    add: &'a [Event],
    stored: &BTreeMap<EventId, String>,
) -> Result<ImportPlan<'a>, EventId> {
    if let Some(event) = add.iter().find(|e| {
        stored
            .get(&e.id)
            .and_then(|text| read_record(&e.id.to_string(), text))
            .is_some_and(|there| there != **e)
    }) {
        return Err(event.id);
    }
    let new: Vec<&Event> = add.iter().filter(|e| !stored.contains_key(&e.id)).collect();
    if new.is_empty() {
        return Ok((new, None));
    }
    let records: Vec<EventId> = new.iter().map(|e| e.id).collect();
    let entry = ChangeEntry {
        records: records.clone(),
        batches: vec![batch.id],
        kept: false,
    };
    let stored_batch = Batch {
        records,
        ..batch.clone()
    };
    Ok((new, Some((stored_batch, entry))))
}

/// The records an import writes, and the batch with its log entry (see [`import_plan`]).
pub type ImportPlan<'a> = (Vec<&'a Event>, Option<(Batch, ChangeEntry)>);

/// The first record of `files` that `ledger` holds with other content: applying them now would
/// not do what their preview said (another tab stored another version since), so the apply
/// is refused, naming the record. The same rule is decided again inside the transaction
/// ([`import_plan`]).
pub fn stored_differently<'a>(
    ledger: &Ledger,
    files: impl IntoIterator<Item = &'a Ledger>,
) -> Option<EventId> {
    files.into_iter().find_map(|file| {
        file.events()
            .find(|e| ledger.get(&e.id).is_some_and(|there| there != *e))
            .map(|e| e.id)
    })
}

/// The records an undo of `batch` takes away, given every batch stored: its records that no
/// other live import also brought. `None` when the batch is unknown or already undone.
pub fn undo_plan<'a>(
    batch: &BatchId,
    at: Stamp,
    stored: impl IntoIterator<Item = &'a Batch>,
) -> Option<(Vec<EventId>, Batch)> {
    let stored: Vec<&Batch> = stored.into_iter().collect();
    let target = stored.iter().find(|b| b.id == *batch && b.is_live())?;
    let claimed: BTreeSet<EventId> = stored
        .iter()
        .filter(|b| b.id != *batch && b.is_live())
        .flat_map(|b| b.records.iter().copied())
        .collect();
    let delete = target
        .records
        .iter()
        .filter(|id| !claimed.contains(id))
        .copied()
        .collect();
    let mut undone = (*target).clone();
    undone.undone = Some(at);
    Some((delete, undone))
}

/// Records that undone imports took back and no live import brought again: they must never
/// come back from anywhere but a new import.
pub fn retracted(batches: &BTreeMap<BatchId, Batch>) -> BTreeSet<EventId> {
    let live: BTreeSet<EventId> = batches
        .values()
        .filter(|b| b.is_live())
        .flat_map(|b| b.records.iter().copied())
        .collect();
    batches
        .values()
        .filter(|b| !b.is_live())
        .flat_map(|b| b.records.iter().copied())
        .filter(|id| !live.contains(id))
        .collect()
}

/// The records of `files` that `ledger` does not hold: what an import would add, and what
/// the room check measures.
pub fn new_records<'a>(ledger: &Ledger, files: impl IntoIterator<Item = &'a Ledger>) -> Ledger {
    let mut new = Ledger::new();
    for file in files {
        for event in file.events().filter(|e| !ledger.contains(&e.id)) {
            new.add(event.clone());
        }
    }
    new
}

/// Where the newest change-log key deleted by pruning is stored (in `heads`, whose other keys
/// are device ids in hex, so never this).
pub const PRUNED_KEY: &str = "changes-pruned";

/// How long a tab's mark of what it has taken in counts: a tab renews it while open; one
/// older than this (a tab asleep or closed without saying) no longer holds pruning back.
pub const TAB_ALIVE_MS: i64 = 10 * 60_000;

/// Prune only when at least this many entries can go (one small transaction now and then).
pub const PRUNE_AT_LEAST: u64 = 100;

/// The change-log entries that may be deleted now: those at or below every live tab's mark
/// (`tabs`: each open tab's newest entry taken in and when it said so, in ms; this tab
/// included). `None` when nothing (or too little, fewer than [`PRUNE_AT_LEAST`] after
/// `pruned`) may go. A tab whose mark went stale may still be open: it finds entries after its
/// own gone and reads everything stored, so pruning past it loses nothing.
pub fn prunable(tabs: &[(u64, i64)], now_ms: i64, pruned: u64) -> Option<u64> {
    let upto = tabs
        .iter()
        .filter(|(_, at)| now_ms - at <= TAB_ALIVE_MS)
        .map(|(seen, _)| *seen)
        .min()?;
    (upto >= pruned + PRUNE_AT_LEAST).then_some(upto)
}

/// Parses stored batches; one that cannot be read is left out (and left stored).
pub fn read_batches(raw: &[String]) -> BTreeMap<BatchId, Batch> {
    raw.iter()
        .filter_map(|text| serde_json::from_str::<Batch>(text).ok())
        .map(|b| (b.id, b))
        .collect()
}

/// Everything read from the database at start: stored values as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// `(key, value)` of every stored record.
    pub records: Vec<(String, String)>,
    pub batches: Vec<String>,
    pub kept: Vec<String>,
    /// The key of the newest change-log entry, or of the newest pruned one when that is
    /// newer (0 when none).
    pub last_change: u64,
}

/// The text stored for a record.
pub fn record_value(event: &Event) -> String {
    serde_json::to_string(event).expect("records always serialise")
}

/// Reads a stored record: it must parse, meet every rule and sit under its own id.
pub fn read_record(key: &str, value: &str) -> Option<Event> {
    let event: Event = serde_json::from_str(value).ok()?;
    (event.id.to_string() == key && event.check().is_ok()).then_some(event)
}

/// How one record of a write is stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Store {
    /// Added; a record already stored under its id stays as it is.
    Add(Event),
    /// This device's record, sealed, in place of its own unsealed stored copy (the one time a
    /// stored record is written again: it gains its place in the device's log, nothing else).
    Seal(Event),
}

/// What a write stores, decided inside its transaction against the stored head of this
/// device's log and what is stored under the ids of this device's unsealed records
/// (`stored`: `None` when nothing is). This device's unsealed records get their places after
/// the head, in the order given; one already stored sealed (another tab sealed it first) keeps
/// its stored form. Returns what to store, the records in their stored form that this tab
/// shows in place of its unsealed ones, and the new head (unchanged when nothing was sealed).
pub fn seal_write(
    own: crate::ledger::DeviceId,
    head: Option<crate::trust::Head>,
    add: &[Event],
    stored: &BTreeMap<EventId, Option<Event>>,
) -> (Vec<Store>, Vec<Event>, Option<crate::trust::Head>) {
    let mut head = head;
    let mut plan = Vec::with_capacity(add.len());
    let mut shown = Vec::new();
    for event in add {
        if event.device != own || event.is_sealed() {
            plan.push(Store::Add(event.clone()));
            continue;
        }
        match stored.get(&event.id).cloned().flatten() {
            Some(kept) if kept.is_sealed() => shown.push(kept),
            kept => {
                let mut sealed = [event.clone()];
                head = crate::trust::record::seal(head, &mut sealed);
                let [sealed] = sealed;
                shown.push(sealed.clone());
                plan.push(if kept.is_some() {
                    Store::Seal(sealed)
                } else {
                    Store::Add(sealed)
                });
            }
        }
    }
    (plan, shown, head)
}

/// This device's records that are stored but have no place in its log yet (written before
/// format 3, or moved over from the old layout), oldest first: the start of its log.
pub fn unsealed_own(ledger: &Ledger, own: crate::ledger::DeviceId) -> Vec<Event> {
    let mut own: Vec<Event> = ledger
        .events()
        .filter(|e| e.device == own && !e.is_sealed())
        .cloned()
        .collect();
    own.sort_by_key(|e| (e.at, e.id));
    own
}

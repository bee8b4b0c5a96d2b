//! The app's state in signals, and the moving of data between them and the database. Every
//! decision about what to write, read, undo or migrate is the vault's ([`crate::vault`]); this
//! file only runs the transactions it decides and shows what happened.
//!
//! - Start: open the database, move any old localStorage data over, read everything once.
//! - Every user action is one transaction, written at once; failed work stays in memory and is
//!   written when the user retries or space frees up.
//! - Other tabs announce writes on a BroadcastChannel; this tab then reads the change log.

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::channel::Channel;
use crate::browser::idb::OpenError;
use crate::browser::ledger_db::LedgerDb;
use crate::browser::storage::{self, PROFILE_KEY};
use crate::browser::{clock, device_storage, download, perf};
use crate::foundation::time::{Date, Stamp};
use crate::ledger::event::EventProblem;
use crate::ledger::record::Recorder;
use crate::ledger::view::Overview;
use crate::ledger::{Event, EventId, Ledger};
use crate::plan::{TaskId, UnitId};
use crate::profile::{Profile, ProfileProblem};
use crate::trust::Hlc;
use crate::vault::migrate::{self, Migration, OLD_BACKUP_PREFIX};
use crate::vault::space::{self, Estimate, Shortfall};
use crate::vault::{self, BatchId, Keeper, Kept, Txn, WriteFailure};

/// How often failed work is tried again while it waits.
const RETRY_EVERY: Duration = Duration::from_secs(30);

/// Where the database stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DbState {
    #[default]
    Opening,
    Ready,
    /// An older tab holds the database open while this one needs to upgrade it.
    Blocked,
    /// No IndexedDB: records live only in this page.
    Unavailable,
    /// A newer version of the app upgraded the database: this page no longer writes.
    Newer,
}

/// A kept copy of unreadable stored text, as listed on the storage screen.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptItem {
    pub hash: String,
    pub source: String,
    pub found: Stamp,
    pub bytes: usize,
}

/// What the screens tell about storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Persistence {
    pub state: DbState,
    /// Records in memory not yet written.
    pub unsaved: usize,
    pub save_error: Option<WriteFailure>,
    pub kept: Vec<KeptItem>,
    /// Stored records this version cannot read (left in place).
    pub unreadable_records: usize,
    /// The stored profile could not be used as it was.
    pub profile_problem: Option<ProfileProblem>,
    /// The import the undo button takes back: its id, size and time.
    pub undoable: Option<(BatchId, usize, Stamp)>,
    pub estimate: Option<Estimate>,
    /// Whether the browser protects this site's storage from eviction.
    pub persisted: Option<bool>,
    /// The last import was refused inside its transaction: this record was stored with other
    /// content after the preview.
    pub import_refused: Option<EventId>,
}

impl Persistence {
    /// Whether what the device stores has been read (or cannot be): lists may show.
    pub fn loaded(&self) -> bool {
        !matches!(self.state, DbState::Opening | DbState::Blocked)
    }
}

#[derive(Clone, Copy)]
pub struct Store {
    pub ledger: RwSignal<Ledger>,
    pub overview: Memo<Overview>,
    pub profile: RwSignal<Profile>,
    pub persistence: RwSignal<Persistence>,
    pub today: RwSignal<Date>,
    keeper: StoredValue<Keeper>,
    db: StoredValue<Option<LedgerDb>, LocalStorage>,
    channel: StoredValue<Option<Channel>, LocalStorage>,
    /// A write loop is running (it takes up new work itself).
    writing: StoredValue<bool>,
    /// A catch-up read is running, and whether another was asked for meanwhile.
    reading: StoredValue<(bool, bool)>,
    persist_asked: StoredValue<bool>,
    /// What changed the ledger since the overview was last computed.
    journal: StoredValue<Journal>,
    /// This tab's name among the open tabs' marks (`TAB_MARK_PREFIX`), and the newest
    /// change-log key known to be pruned.
    tab: StoredValue<String>,
    pruned: StoredValue<u64>,
}

/// Each open tab's mark, `<seen> <ms>` under this prefix, the database and the tab's name: the
/// newest change-log entry it has taken in and when it said so (`vault::prunable`).
const TAB_MARK_PREFIX: &str = "duty-ledger:tab-seen:";

/// What became of the old localStorage data at start.
#[derive(Debug, PartialEq)]
enum Moved {
    Nothing,
    Written,
    /// The move's transaction failed: nothing of it was written, the old keys stay.
    Failed(Txn),
}

/// The ledger's changes since the overview was computed: records saved on this device (their
/// entries can be refreshed alone), or anything else (then the overview is built anew).
#[derive(Debug, Clone, Default)]
struct Journal {
    /// The ledger's size when the overview was computed.
    base: Option<usize>,
    /// Records saved since, and their (task, unit) entries.
    saves: usize,
    keys: BTreeSet<(TaskId, UnitId)>,
    /// Something other than a save changed the ledger.
    other: bool,
}

impl Journal {
    fn after(len: usize) -> Journal {
        Journal {
            base: Some(len),
            ..Journal::default()
        }
    }

    /// Whether saves alone explain the ledger now holding `len` records.
    fn only_saves(&self, len: usize) -> bool {
        !self.other && self.saves > 0 && self.base.map(|b| b + self.saves) == Some(len)
    }
}

pub fn store() -> Store {
    expect_context::<Store>()
}

impl Store {
    /// Sets up the state and starts loading from the database.
    pub fn init() -> Store {
        let profile_text = storage::read(PROFILE_KEY).ok().flatten();
        let (profile, profile_problem) = match &profile_text {
            Some(raw) => Profile::restore(raw, clock::new_device_id()),
            None => (Profile::new(clock::new_device_id()), None),
        };
        let ledger = RwSignal::new(Ledger::new());
        let journal = StoredValue::new(Journal::default());
        let store = Store {
            ledger,
            overview: Memo::new(move |previous: Option<&Overview>| {
                ledger.with(|l| {
                    let since = journal
                        .try_update_value(|j| std::mem::replace(j, Journal::after(l.len())))
                        .unwrap_or_default();
                    perf::timed("duty-ledger:overview", || match previous {
                        Some(previous) if since.only_saves(l.len()) => {
                            let mut overview = previous.clone();
                            overview.refresh(l, &since.keys);
                            overview
                        }
                        _ => Overview::build(l),
                    })
                })
            }),
            profile: RwSignal::new(profile),
            persistence: RwSignal::new(Persistence {
                profile_problem: profile_problem.clone(),
                ..Persistence::default()
            }),
            today: RwSignal::new(clock::today()),
            keeper: StoredValue::new(Keeper::default()),
            db: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            writing: StoredValue::new(false),
            reading: StoredValue::new((false, false)),
            persist_asked: StoredValue::new(false),
            journal,
            tab: StoredValue::new(clock::new_event_id().to_string()),
            pruned: StoredValue::new(0),
        };
        // An unusable profile's text is copied, at once, to a backup key of the old layout
        // (the migration then keeps it in the database, once); only then is it saved over.
        let backed_up = match (&profile_text, &profile_problem) {
            (Some(raw), Some(problem)) if problem.keeps_backup() => {
                let key = format!("{OLD_BACKUP_PREFIX}{PROFILE_KEY}:{}", clock::now());
                storage::write(&key, raw).is_ok()
            }
            _ => true,
        };
        if backed_up && (profile_text.is_none() || profile_problem.is_some()) {
            store.save_profile();
        }
        spawn_local(store.load());
        store.listen();
        store
    }

    /// Opens the database, moves old data over, reads everything.
    async fn load(self) {
        let span = perf::Span::start("duty-ledger:load");
        let opened = match self.open_db().await {
            Ok(db) => {
                let read = perf::Span::start("duty-ledger:load-snapshot");
                let snapshot = db.snapshot().await;
                read.finish();
                snapshot.map(|snapshot| (db, snapshot)).ok()
            }
            Err(OpenError::Newer) => {
                self.set_state(DbState::Newer);
                None
            }
            Err(_) => None,
        };
        let Some((db, mut snapshot)) = opened else {
            // No database: what the old localStorage layout holds still shows (read only,
            // its keys untouched), and nothing is pretended saved.
            if let Some(old) = migrate::plan(&old_entries(), &Default::default(), clock::now())
                && let Txn::Write { add, .. } = old.txn
            {
                self.journal.update_value(|j| j.other = true);
                self.ledger.update(|l| {
                    for event in add {
                        l.add(event);
                    }
                });
            }
            if self
                .persistence
                .with_untracked(|p| p.state != DbState::Newer)
            {
                self.set_state(DbState::Unavailable);
            }
            self.refresh();
            return;
        };
        let moved = self.migrate(&db, &snapshot).await;
        if moved == Moved::Written
            && let Ok(after) = db.snapshot().await
        {
            snapshot = after;
        }
        let (mut keeper, mut ledger) =
            perf::timed("duty-ledger:load-restore", || Keeper::open(&snapshot));
        // A move whose transaction failed: its records show and its write is retried (the
        // old keys stay until a later start verifies the move).
        if let Moved::Failed(txn) = moved {
            keeper.adopt(&mut ledger, txn);
        }
        // This device's records stored before format 3 become the start of its log.
        let own = self.profile.with_untracked(|p| p.device);
        let unsealed = vault::unsealed_own(&ledger, own);
        if !unsealed.is_empty() {
            keeper.adopt(&mut ledger, Txn::records(unsealed));
        }
        // Anything done while the database was opening is kept and written now.
        let earlier = self.keeper.get_value();
        keeper.absorb(&mut ledger, earlier, &self.ledger.get_untracked());
        self.keeper.set_value(keeper);
        self.mark_seen();
        self.journal.update_value(|j| j.other = true);
        self.ledger.set(ledger);
        self.channel
            .set_value(Some(Channel::open(move || self.catch_up())));
        span.finish();
        // Closed meanwhile by a newer app in another tab: stay stopped.
        if self
            .persistence
            .with_untracked(|p| p.state != DbState::Newer)
        {
            self.db.set_value(Some(db));
            self.set_state(DbState::Ready);
        }
        self.write();
        // Writes made between the snapshot and the channel opening.
        self.catch_up();
        spawn_local(self.measure());
    }

    /// Moves data from the old localStorage layout, if there is any.
    async fn migrate(self, db: &LedgerDb, snapshot: &crate::vault::Snapshot) -> Moved {
        let old = old_entries();
        let stored = vault::read_batches(&snapshot.batches);
        let Some(migration) = migrate::plan(&old, &stored, clock::now()) else {
            return Moved::Nothing;
        };
        if db.run(&migration.txn).await.is_err() {
            return Moved::Failed(migration.txn);
        }
        if self.migration_verified(db, &migration).await {
            // A key an old tab rewrote meanwhile stays, and moves at the next start.
            for (key, text) in &old {
                if migration.remove.contains(key)
                    && storage::read(key).ok().flatten().as_ref() == Some(text)
                {
                    storage::remove(key);
                }
            }
        }
        Moved::Written
    }

    async fn migration_verified(self, db: &LedgerDb, migration: &Migration) -> bool {
        let Ok((records, _, Some(kept))) = db.read(&migration.expected(), &[], true).await else {
            return false;
        };
        let hashes: Vec<String> = kept
            .iter()
            .filter_map(|t| serde_json::from_str::<Kept>(t).ok())
            .map(|k| k.hash)
            .collect();
        migrate::verified(migration, &records, &hashes)
    }

    fn set_state(self, state: DbState) {
        self.persistence.update(|p| p.state = state);
    }

    fn listen(self) {
        // A tab coming back catches up (a frozen tab may have missed announcements), and
        // tries failed work again.
        let visibility = window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                self.today.set(clock::today());
                self.catch_up();
                self.retry_save();
            }
        });
        let retry = set_interval_with_handle(
            move || {
                if self.persistence.with_untracked(|p| p.save_error.is_some()) {
                    self.retry_save();
                }
                // This tab is open: its mark stays fresh.
                self.mark_seen();
            },
            RETRY_EVERY,
        )
        .ok();
        // A closed tab no longer holds pruning back.
        let hide = window_event_listener(ev::pagehide, move |_| {
            storage::remove(&self.tab_mark_key());
        });
        // Closing the page with records not yet written: the browser asks first.
        let unload = window_event_listener(ev::beforeunload, move |event| {
            if self.persistence.with_untracked(|p| p.unsaved > 0) {
                event.prevent_default();
                event.set_return_value("");
            }
        });
        on_cleanup(move || {
            hide.remove();
            unload.remove();
            visibility.remove();
            if let Some(handle) = retry {
                handle.clear();
            }
        });
    }

    /// Copies what the keeper knows into the reactive state.
    fn refresh(self) {
        let facts = self.keeper.with_value(|k| {
            (
                k.unsaved(),
                k.failure().cloned(),
                k.kept()
                    .map(|kept| KeptItem {
                        hash: kept.hash.clone(),
                        source: kept.source.clone(),
                        found: kept.found,
                        bytes: kept.text.len(),
                    })
                    .collect::<Vec<_>>(),
                k.unreadable().len(),
                k.undoable().map(|b| (b.id, b.records.len(), b.at)),
            )
        });
        let (unsaved, save_error, kept, unreadable_records, undoable) = facts;
        self.persistence.update(|p| {
            p.unsaved = unsaved;
            p.save_error = save_error;
            p.kept = kept;
            p.unreadable_records = unreadable_records;
            p.undoable = undoable;
        });
    }

    /// Runs queued transactions one after another until none is due.
    fn write(self) {
        if self.writing.get_value() {
            return;
        }
        let Some(db) = self.db.get_value() else {
            self.refresh();
            return;
        };
        self.writing.set_value(true);
        spawn_local(async move {
            while let Some((id, txn)) = self.keeper.try_update_value(Keeper::take_next).flatten() {
                let span = perf::Span::start("duty-ledger:save");
                let outcome = db.run(&txn).await;
                span.finish();
                match outcome {
                    Ok(committed) => {
                        let logged = db.logged();
                        if logged > 0 {
                            self.keeper.update_value(|k| k.logged(logged, &txn));
                            self.mark_seen();
                            self.prune(&db);
                        }
                        if let vault::Committed::ImportRefused(conflict) = committed {
                            self.persistence
                                .update(|p| p.import_refused = Some(conflict));
                        }
                        let undo = matches!(
                            committed,
                            vault::Committed::Undo(_) | vault::Committed::ImportRefused(_)
                        );
                        let mut read_back = Vec::new();
                        let apply = |ledger: &mut Ledger| {
                            read_back = self
                                .keeper
                                .try_update_value(|k| k.done(ledger, id, committed))
                                .unwrap_or_default();
                        };
                        if undo {
                            self.journal.update_value(|j| j.other = true);
                            self.ledger.update(apply);
                        } else {
                            self.ledger.update_untracked(apply);
                        }
                        if !read_back.is_empty()
                            && let Ok((records, _, _)) = db.read(&read_back, &[], false).await
                        {
                            self.journal.update_value(|j| j.other = true);
                            self.ledger.maybe_update(|l| {
                                self.keeper.with_value(|k| k.show_stored(l, &records))
                            });
                        }
                        if let Some(channel) = self.channel.get_value() {
                            channel.announce();
                        }
                    }
                    Err(why) => {
                        let lost = why == WriteFailure::Unavailable;
                        self.keeper.update_value(|k| k.failed(id, why));
                        if lost {
                            // The connection was lost (Safari drops it; the browser may close
                            // it): open again, and the retry writes through the new one.
                            self.db.set_value(None);
                            spawn_local(self.reconnect());
                            break;
                        }
                    }
                }
                self.refresh();
            }
            self.writing.set_value(false);
            self.refresh();
        });
    }

    /// Opens the database; says when another tab blocks an upgrade, and stops writing when
    /// a newer app takes the database over.
    async fn open_db(self) -> Result<LedgerDb, OpenError> {
        let db = LedgerDb::open(
            move || self.set_state(DbState::Blocked),
            move || {
                self.db.set_value(None);
                self.set_state(DbState::Newer);
            },
        )
        .await?;
        // This device's new records get their places in its log when written.
        db.set_own(self.profile.with_untracked(|p| p.device));
        Ok(db)
    }

    /// Opens the database again after the connection was lost, then retries what waits.
    async fn reconnect(self) {
        if self
            .persistence
            .with_untracked(|p| p.state != DbState::Ready)
        {
            return;
        }
        match self.open_db().await {
            Ok(db) => {
                self.db.set_value(Some(db));
                self.set_state(DbState::Ready);
                self.retry_save();
            }
            Err(OpenError::Newer) => self.set_state(DbState::Newer),
            Err(_) => self.set_state(DbState::Unavailable),
        }
    }

    /// Reads what other tabs wrote since this tab last looked.
    pub fn catch_up(self) {
        let (running, _) = self.reading.get_value();
        if running {
            self.reading.set_value((true, true));
            return;
        }
        let Some(db) = self.db.get_value() else {
            return;
        };
        self.reading.set_value((true, false));
        spawn_local(async move {
            loop {
                self.read_changes(&db).await;
                let (_, again) = self.reading.get_value();
                if !again {
                    break;
                }
                self.reading.set_value((true, false));
            }
            self.reading.set_value((false, false));
        });
    }

    async fn read_changes(self, db: &LedgerDb) {
        let seen = self.keeper.with_value(Keeper::seen);
        let Ok((entries, pruned)) = db.changes_after(seen).await else {
            return;
        };
        self.pruned.update_value(|p| *p = (*p).max(pruned));
        if self.keeper.with_value(|k| k.missed(pruned)) {
            // Entries this tab had not taken in were pruned (it slept past its mark): it
            // takes in everything stored instead, and loses nothing.
            let Ok(snapshot) = db.snapshot().await else {
                return;
            };
            self.journal.update_value(|j| j.other = true);
            self.ledger.maybe_update(|ledger| {
                self.keeper
                    .try_update_value(|k| k.take_in_all(ledger, &snapshot))
                    .unwrap_or(false)
            });
            self.mark_seen();
            self.refresh();
            return;
        }
        if entries.is_empty() {
            return;
        }
        let (records, batches) = self
            .ledger
            .with_untracked(|l| self.keeper.with_value(|k| k.wanted(l, &entries)));
        let kept_changed = entries.iter().any(|(_, e)| e.kept);
        let Ok((records, batches, kept)) = db.read(&records, &batches, kept_changed).await else {
            return;
        };
        self.journal.update_value(|j| j.other = true);
        self.ledger.maybe_update(|ledger| {
            self.keeper
                .try_update_value(|k| k.take_in(ledger, &entries, &batches, &records))
                .unwrap_or(false)
        });
        if let Some(kept) = kept {
            self.keeper.update_value(|k| k.set_kept(&kept));
        }
        self.mark_seen();
        self.prune(db);
        self.refresh();
    }

    fn tab_mark_key(self) -> String {
        format!(
            "{TAB_MARK_PREFIX}{}:{}",
            crate::browser::ledger_db::db_name(),
            self.tab.get_value()
        )
    }

    /// Says, for pruning the change log, what this tab has taken in and that it is open.
    fn mark_seen(self) {
        let seen = self.keeper.with_value(Keeper::seen);
        let _ = storage::write(
            &self.tab_mark_key(),
            &format!("{seen} {}", clock::now().utc_ms),
        );
    }

    /// Deletes the change-log entries every open tab has taken in, when enough have gathered
    /// (`vault::prunable`); a tab asleep past its mark reads everything stored when it wakes.
    fn prune(self, db: &LedgerDb) {
        let prefix = format!("{TAB_MARK_PREFIX}{}:", crate::browser::ledger_db::db_name());
        let marks: Vec<(u64, i64)> = storage::entries(|k| k.starts_with(&prefix))
            .into_iter()
            .filter_map(|(_, mark)| {
                let (seen, at) = mark.split_once(' ')?;
                Some((seen.parse().ok()?, at.parse().ok()?))
            })
            .collect();
        let now = clock::now().utc_ms;
        let Some(upto) = vault::prunable(&marks, now, self.pruned.get_value()) else {
            return;
        };
        // Marks of tabs long gone (closed without a pagehide) are cleared on the way.
        for (key, mark) in storage::entries(|k| k.starts_with(&prefix)) {
            let stale = mark
                .split_once(' ')
                .and_then(|(_, at)| at.parse::<i64>().ok())
                .is_none_or(|at| now - at > vault::TAB_ALIVE_MS);
            if stale {
                storage::remove(&key);
            }
        }
        self.pruned.set_value(upto);
        let db = db.clone();
        spawn_local(async move {
            if db.prune(upto).await.is_err() {
                self.pruned.set_value(0);
            }
        });
    }

    /// Asks the browser to protect storage, once, when the user first records something.
    fn ask_persist(self) {
        if self.persist_asked.get_value() {
            return;
        }
        self.persist_asked.set_value(true);
        spawn_local(async move {
            let granted = match device_storage::persisted().await {
                Some(true) => Some(true),
                _ => device_storage::persist().await,
            };
            self.persistence.update(|p| p.persisted = granted);
        });
    }

    /// Re-reads usage and protection (for the storage screen).
    pub async fn measure(self) {
        let estimate = device_storage::estimate().await;
        let persisted = device_storage::persisted().await;
        self.persistence.update(|p| {
            p.estimate = estimate;
            p.persisted = persisted;
        });
    }

    /// Who records on this device, once a unit is chosen.
    pub fn recorder(&self) -> Option<Recorder> {
        self.profile.with(|p| {
            p.unit.map(|unit| Recorder {
                unit,
                device: p.device,
                author: p.author.clone(),
                hlc: Some(Hlc::next(
                    self.ledger.with_untracked(Ledger::newest),
                    clock::now().utc_ms,
                )),
            })
        })
    }

    /// Makes one record with a fresh id and the current time, adds it and writes it.
    pub fn record(
        &self,
        make: impl FnOnce(&Recorder, EventId, Stamp) -> Result<Event, EventProblem>,
    ) -> Result<(), EventProblem> {
        let recorder = untrack(|| self.recorder()).ok_or(EventProblem::NoUnitChosen)?;
        let event = make(&recorder, clock::new_event_id(), clock::now())?;
        let key = (event.task, event.unit);
        self.journal.update_value(|j| {
            j.saves += 1;
            j.keys.insert(key);
        });
        self.ledger
            .update(|l| self.keeper.update_value(|k| k.record(l, event)));
        self.ask_persist();
        self.write();
        self.refresh();
        Ok(())
    }

    /// Whether the records new in `files` fit in the room the browser grants.
    pub async fn room_for(self, files: Vec<Ledger>) -> Result<(), Shortfall> {
        self.room_for_with(files, 0).await
    }

    /// [`Store::room_for`], with `extra` bytes of attached files kept beside them.
    pub async fn room_for_with(self, files: Vec<Ledger>, extra: u64) -> Result<(), Shortfall> {
        let needed = extra
            + self
                .ledger
                .with_untracked(|l| space::bytes_needed(vault::new_records(l, &files).events()));
        let estimate = device_storage::estimate().await;
        self.persistence.update(|p| p.estimate = estimate);
        space::fits(needed, estimate)
    }

    /// Applies verified files (`exchange::admit`: read, and every device believed) as one
    /// import (one transaction); returns how many records were new. Refused, naming the
    /// record, when one of them is now held with other content (another tab stored it after
    /// the preview); the transaction checks that again.
    pub fn apply_import(
        &self,
        verified: &[crate::exchange::admit::VerifiedFile],
    ) -> Result<usize, EventId> {
        let files = verified.iter().map(|f| f.records());
        if let Some(conflict) = self.ledger.with_untracked(|l| {
            vault::stored_differently(l, files.clone())
                .or_else(|| crate::exchange::preview::forked_record(l, files.clone()))
        }) {
            return Err(conflict);
        }
        let at = clock::now();
        let id = clock::new_event_id();
        let mut count = 0;
        self.journal.update_value(|j| j.other = true);
        self.persistence.update(|p| p.import_refused = None);
        self.ledger.maybe_update(|l| {
            count = self
                .keeper
                .try_update_value(|k| k.import(l, id, at, files))
                .unwrap_or(0);
            count > 0
        });
        self.ask_persist();
        self.write();
        self.refresh();
        Ok(count)
    }

    /// Takes back exactly the records the last import added; what was recorded since stays.
    pub fn undo_import(&self) {
        let Some((id, _, _)) = self.persistence.with_untracked(|p| p.undoable) else {
            return;
        };
        let at = clock::now();
        self.journal.update_value(|j| j.other = true);
        self.ledger.maybe_update(|l| {
            self.keeper
                .try_update_value(|k| k.undo(l, id, at).is_some())
                .unwrap_or(false)
        });
        self.write();
        self.refresh();
    }

    /// Tries failed writes again (after the user made room).
    pub fn retry_save(self) {
        self.keeper.update_value(Keeper::retry);
        self.write();
        spawn_local(self.measure());
    }

    pub fn save_profile(&self) {
        let json = self.profile.with_untracked(Profile::to_json);
        let _ = storage::write(PROFILE_KEY, &json);
    }

    pub fn update_profile(&self, change: impl FnOnce(&mut Profile)) {
        self.profile.update(change);
        self.save_profile();
    }

    /// Chooses the unit this device records for. A device writes for one unit: choosing
    /// another unit than the one it wrote for makes this browser a new device (a new id, and
    /// a new key at its first export), so each device's signed log names one unit.
    pub fn choose_unit(&self, unit: UnitId) {
        let wrote_for_other = self.profile.with_untracked(|p| {
            p.unit.is_some_and(|u| u != unit)
                && self
                    .ledger
                    .with_untracked(|l| l.events().any(|e| e.device == p.device))
        });
        self.update_profile(|p| {
            if wrote_for_other {
                p.device = clock::new_device_id();
            }
            p.unit = Some(unit);
        });
        // A unit chosen answers what the stored profile lacked (a unit not in this plan).
        self.persistence.update(|p| p.profile_problem = None);
        let device = self.profile.with_untracked(|p| p.device);
        self.db.with_value(|db| {
            if let Some(db) = db {
                db.set_own(device);
            }
        });
    }

    /// The signed heads of other devices this device received (what its exports relay).
    pub async fn stored_proofs(self) -> Vec<crate::exchange::DeviceProof> {
        let Some(db) = self.db.get_value() else {
            return Vec::new();
        };
        db.proofs().await.unwrap_or_default()
    }

    /// Keeps the signed heads of received files, before their records are written, so that
    /// whatever is stored of them can be relayed.
    pub async fn keep_proofs(self, proofs: Vec<crate::exchange::DeviceProof>) -> bool {
        let Some(db) = self.db.get_value() else {
            return false;
        };
        db.put_proofs(&proofs).await.is_ok()
    }

    /// Waits, however long it takes, until this tab's queued writes are done (an import says
    /// 已导入 only once its write committed): `false` when a write failed or the import was
    /// refused inside its transaction.
    pub async fn committed(self) -> bool {
        while self.db.get_value().is_some() && self.keeper.with_value(Keeper::writing) {
            clock::sleep(50).await;
        }
        self.persistence
            .with_untracked(|p| p.save_error.is_none() && p.import_refused.is_none())
    }

    /// Waits (a few seconds at most) until this tab's queued writes are done, so that an
    /// export made right after a record carries it: this device's records are sealed into its
    /// log, and so signed, only once written. Work that failed is not waited for.
    pub async fn written(self) {
        for _ in 0..200 {
            let busy = self.db.get_value().is_some() && self.keeper.with_value(Keeper::writing);
            if !busy {
                return;
            }
            clock::sleep(25).await;
        }
    }

    /// Notes that the user exported (their backup) just now.
    pub fn exported(&self) {
        let now = clock::now();
        self.update_profile(|p| p.last_export = Some(now));
    }

    /// Whether to remind the user to export (read inside a reactive closure).
    pub fn export_due(&self) -> bool {
        let (device, last) = self.profile.with(|p| (p.device, p.last_export));
        self.today.track();
        self.ledger
            .with(|l| space::export_reminder(l, device, last, clock::now()))
    }

    /// Offers a kept copy of unreadable data as a file.
    pub fn download_kept(&self, hash: &str) {
        let text = self.keeper.with_value(|k| {
            k.kept()
                .find(|kept| kept.hash == hash)
                .map(|kept| kept.text.clone())
        });
        if let Some(text) = text {
            let name = format!("责任分工台账-原始数据-{}.json", &hash[..8.min(hash.len())]);
            download::download_text(&name, "application/json", &text);
        }
    }

    /// Offers a copy of the stored records this version cannot read (they stay stored).
    pub fn download_unreadable(&self) {
        if let Some(text) = self.keeper.with_value(|k| k.unreadable_copy()) {
            download::download_text(
                "责任分工台账-无法读取的记录.json",
                "application/json",
                &text,
            );
        }
    }

    /// Deletes a kept copy, at the user's request.
    pub fn forget_kept(&self, hash: &str) {
        self.keeper.update_value(|k| k.forget(hash));
        self.write();
        self.refresh();
    }
}

/// The old localStorage layout held only the built-in plan's records: another plan has none.
fn old_entries() -> Vec<(String, String)> {
    if crate::plan::plan().is_builtin() {
        storage::entries(migrate::is_old_key)
    } else {
        Vec::new()
    }
}

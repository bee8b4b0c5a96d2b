//! The app's state and its persistence: the ledger and profile in signals, restored from
//! localStorage at start, saved (debounced) after every change, and kept in step with other
//! tabs through the `storage` event. The storage layout is `browser::ledger_storage`: a base
//! document plus one tail per tab, so a save writes only this tab's new records.
//!
//! The rules that protect stored data:
//! - text that cannot be read in full is copied to a backup key before anything is saved;
//!   when even that copy fails, saving is held so the original is never overwritten;
//! - a failed save keeps everything in memory and the next successful save catches up;
//! - a tab writes only its own tail; before rewriting the base it merges what every other tab
//!   stored, and a tab whose records went missing from storage writes them again.

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use crate::browser::ledger_storage::{self, is_tail, tail_key};
use crate::browser::storage::{
    self, LEDGER_KEY, PROFILE_KEY, QUOTA_BYTES, RETRACTED_KEY, StorageError,
};
use crate::browser::{clock, download, perf};
use crate::exchange::ExchangeFile;
use crate::exchange::preview;
use crate::ledger::document::{self, LoadProblem};
use crate::ledger::event::EventProblem;
use crate::ledger::record::Recorder;
use crate::ledger::time::{Date, Stamp};
use crate::ledger::view::Overview;
use crate::ledger::{Event, EventId, Ledger};
use crate::profile::{Profile, ProfileProblem};

/// Quiet time after the last change before saving.
const SAVE_DELAY: Duration = Duration::from_millis(300);
/// A tail with more records than this is folded into the base.
const FOLD_AT: usize = 500;
/// Share of the quota at which the app warns.
pub const WARN_SHARE: f64 = 0.8;

/// Stored text that could not be used as is, kept for download.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    Ledger(LoadProblem),
    Profile(ProfileProblem),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadNotice {
    pub what: Unreadable,
    /// Where the original text was kept, or `None` when that copy failed (saving is then held).
    pub backup_key: Option<String>,
}

/// What the banners tell about storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Persistence {
    /// No localStorage: records live only in this page.
    pub unavailable: bool,
    pub notices: Vec<LoadNotice>,
    pub save_error: Option<StorageError>,
    /// Saving is held because unreadable stored text could not be backed up.
    pub held: bool,
    pub unsaved: bool,
    pub used_bytes: usize,
}

impl Persistence {
    pub fn used_share(&self) -> f64 {
        self.used_bytes as f64 / QUOTA_BYTES as f64
    }
}

#[derive(Clone, Copy)]
pub struct Store {
    pub ledger: RwSignal<Ledger>,
    pub overview: Memo<Overview>,
    pub profile: RwSignal<Profile>,
    pub persistence: RwSignal<Persistence>,
    pub today: RwSignal<Date>,
    /// Original texts of unreadable documents, for the download button (not reactive).
    originals: StoredValue<Vec<(String, String)>>,
    /// This tab's tail key.
    tail: StoredValue<String>,
    /// Records this tab added that are not yet in the base: what its tail holds.
    pending: StoredValue<BTreeSet<EventId>>,
    /// Bytes every key but this tab's tail takes, so a save need not re-read everything.
    other_bytes: StoredValue<usize>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    /// The records the last import added, so it can be undone.
    last_import: RwSignal<Option<BTreeSet<EventId>>>,
    /// Records an undone import took back: other tabs' saves must not bring them back.
    retracted: StoredValue<BTreeSet<EventId>>,
}

pub fn store() -> Store {
    expect_context::<Store>()
}

/// The ids the latest undone import took back, as other tabs announced them.
fn read_retracted() -> BTreeSet<EventId> {
    storage::read(RETRACTED_KEY)
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str::<Vec<EventId>>(&raw).ok())
        .map(|ids| ids.into_iter().collect())
        .unwrap_or_default()
}

impl Store {
    /// Loads everything from storage and starts listening to other tabs.
    pub fn init() -> Store {
        let now = clock::now();
        let profile_text = storage::read(PROFILE_KEY).ok().flatten();
        let (profile, profile_problem) = match &profile_text {
            Some(raw) => Profile::restore(raw, clock::new_device_id()),
            None => (Profile::new(clock::new_device_id()), None),
        };
        let load = perf::Span::start("duty-ledger:load");
        let loaded = ledger_storage::load();
        load.finish();

        let ledger = RwSignal::new(loaded.ledger);
        let store = Store {
            ledger,
            overview: Memo::new(move |_| ledger.with(Overview::build)),
            profile: RwSignal::new(profile),
            persistence: RwSignal::new(Persistence {
                unavailable: !storage::is_available(),
                ..Persistence::default()
            }),
            today: RwSignal::new(now.local_date()),
            originals: StoredValue::new(Vec::new()),
            tail: StoredValue::new(tail_key(&clock::new_token())),
            pending: StoredValue::new(BTreeSet::new()),
            other_bytes: StoredValue::new(0),
            save_timer: StoredValue::new(None),
            last_import: RwSignal::new(None),
            retracted: StoredValue::new(read_retracted()),
        };
        if let (Some(raw), Some(problem)) = (&profile_text, profile_problem.clone()) {
            store.keep_unreadable(PROFILE_KEY, raw, Unreadable::Profile(problem));
        }
        for unread in loaded.unread {
            store.keep_unreadable(&unread.key, &unread.raw, Unreadable::Ledger(unread.problem));
        }
        // Take in the tails of tabs that have closed, so this tab's saves stay small. A tab
        // still open sees its tail go and writes it again.
        if !loaded.tails.is_empty() && store.fold() {
            for key in &loaded.tails {
                storage::remove(key);
            }
        }
        store.measure_storage();
        // A new profile (with its new device id) or one that could not be used is written now;
        // a profile read cleanly is left as it is.
        if profile_text.is_none() || profile_problem.is_some() {
            store.save_profile();
        }
        store.listen();
        store
    }

    fn listen(self) {
        let storage_listener = window_event_listener(ev::storage, move |event| {
            let Some(key) = event.key() else {
                // Another tab cleared storage: write back everything this tab holds.
                self.pending.set_value(
                    self.ledger
                        .with_untracked(|l| l.events().map(|e| e.id).collect()),
                );
                self.schedule_save();
                return;
            };
            if key == RETRACTED_KEY {
                let ids = read_retracted();
                if self
                    .ledger
                    .with_untracked(|l| ids.iter().any(|id| l.contains(id)))
                {
                    self.ledger.update(|l| *l = l.without(&ids));
                }
                self.pending
                    .update_value(|p| p.retain(|id| !ids.contains(id)));
                self.retracted.set_value(ids);
            } else if key == self.tail.get_value() {
                // Someone folded this tab's tail into the base: write it again to be safe.
                if event.new_value().is_none() && self.pending.with_value(|p| !p.is_empty()) {
                    self.schedule_save();
                }
            } else if key == LEDGER_KEY || is_tail(&key) {
                if let Some(raw) = event.new_value() {
                    self.merge_stored(&key, &raw);
                }
                if key == LEDGER_KEY {
                    self.rewrite_missing();
                }
            }
        });
        // A tablet may discard a hidden tab: save before that can happen.
        let visibility_listener = window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                self.save_now();
            } else {
                self.today.set(clock::today());
            }
        });
        let hide_listener = window_event_listener(ev::pagehide, move |_| self.save_now());
        on_cleanup(move || {
            storage_listener.remove();
            visibility_listener.remove();
            hide_listener.remove();
        });
    }

    /// Merges a document another tab saved; one written by a newer app is held instead.
    fn merge_stored(self, key: &str, raw: &str) {
        let restored = document::restore(raw);
        if let Some(problem @ LoadProblem::NewerVersion { .. }) = restored.problem {
            self.hold_for_newer(key, raw, problem);
            return;
        }
        self.merge_in(restored.ledger);
    }

    /// Adds records from storage to memory (leaving out records an undo took back).
    fn merge_in(self, stored: Ledger) {
        let theirs = self.retracted.with_value(|ids| stored.without(ids));
        let adds_something = self
            .ledger
            .with_untracked(|ours| theirs.events().any(|e| ours.get(&e.id) != Some(e)));
        if adds_something {
            self.ledger.update(|ours| {
                ours.merge(&theirs);
            });
        }
    }

    /// After another tab rewrote the base: records this tab holds that storage no longer has
    /// (a race between two tabs folding) are written again through this tab's tail.
    fn rewrite_missing(self) {
        let stored = ledger_storage::load().ledger;
        let missing: Vec<EventId> = self.ledger.with_untracked(|l| {
            l.events()
                .map(|e| e.id)
                .filter(|id| !stored.contains(id))
                .collect()
        });
        if !missing.is_empty() {
            self.pending.update_value(|p| p.extend(missing));
            self.schedule_save();
        }
    }

    /// Keeps stored text that could not be used as is under a backup key, offers it for
    /// download and says so; when even the backup fails, saving is held so the original is
    /// never overwritten.
    fn keep_unreadable(self, key: &str, raw: &str, what: Unreadable) {
        let backup_key = storage::back_up(key, raw, &clock::now().to_string()).ok();
        self.originals
            .update_value(|o| o.push((key.to_string(), raw.to_string())));
        self.persistence.update(|p| {
            p.held |= backup_key.is_none();
            p.notices.push(LoadNotice { what, backup_key });
        });
    }

    /// A document written by a newer app: kept, and never saved over by this one.
    fn hold_for_newer(self, key: &str, raw: &str, problem: LoadProblem) {
        self.keep_unreadable(key, raw, Unreadable::Ledger(problem));
        self.persistence.update(|p| p.held = true);
    }

    /// Who records on this device, once a unit is chosen.
    pub fn recorder(&self) -> Option<Recorder> {
        self.profile.with(|p| {
            p.unit.map(|unit| Recorder {
                unit,
                device: p.device,
                author: p.author.clone(),
            })
        })
    }

    /// Makes one event with a fresh id and the current time, adds it and saves.
    pub fn record(
        &self,
        make: impl FnOnce(&Recorder, EventId, Stamp) -> Result<Event, EventProblem>,
    ) -> Result<(), EventProblem> {
        let recorder = untrack(|| self.recorder()).ok_or(EventProblem::NoUnitChosen)?;
        let event = make(&recorder, clock::new_event_id(), clock::now())?;
        self.pending.update_value(|p| {
            p.insert(event.id);
        });
        self.ledger.update(|l| {
            l.add(event);
        });
        self.schedule_save();
        Ok(())
    }

    /// Applies validated files as one step and saves; returns how many records were new.
    pub fn apply_import(&self, files: &[&ExchangeFile]) -> usize {
        let before = self.ledger.get_untracked();
        let merged = preview::apply(&before, files);
        let added: BTreeSet<EventId> = merged
            .events()
            .map(|e| e.id)
            .filter(|id| !before.contains(id))
            .collect();
        let count = added.len();
        // Records re-imported after an undo are welcome again, in every tab.
        if self.retracted.with_value(|r| !r.is_empty()) {
            self.retracted.set_value(BTreeSet::new());
            let _ = storage::write(RETRACTED_KEY, "[]");
        }
        self.pending
            .update_value(|p| p.extend(added.iter().copied()));
        self.last_import.set(Some(added));
        self.ledger.set(merged);
        self.schedule_save();
        self.save_now();
        count
    }

    /// Whether there is an import to undo.
    pub fn can_undo_import(&self) -> bool {
        self.last_import.with(|i| i.is_some())
    }

    /// Takes back exactly the records the last import added; what was recorded since stays.
    pub fn undo_import(&self) {
        let Some(ids) = self.last_import.get_untracked() else {
            return;
        };
        self.ledger.update(|l| *l = l.without(&ids));
        let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
        let _ = storage::write(
            RETRACTED_KEY,
            &serde_json::to_string(&list).unwrap_or_default(),
        );
        self.retracted.set_value(ids);
        self.last_import.set(None);
        self.schedule_save();
        self.save_now();
    }

    pub fn schedule_save(self) {
        self.persistence.update(|p| p.unsaved = true);
        if let Some(handle) = self.save_timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || self.save_now(), SAVE_DELAY).ok();
        self.save_timer.set_value(handle);
    }

    /// Saves now: this tab's new records to its tail, or, when the tail has grown large, the
    /// whole ledger into the base.
    pub fn save_now(self) {
        let state = self.persistence.get_untracked();
        if state.unavailable || state.held || !state.unsaved {
            return;
        }
        if self.pending.with_value(BTreeSet::len) > FOLD_AT && self.fold() {
            self.measure_storage();
            return;
        }
        let tail = self.tail.get_value();
        let result = perf::timed("duty-ledger:save", || {
            self.pending.with_value(|pending| {
                self.ledger.with_untracked(|l| {
                    ledger_storage::write_tail(&tail, pending.iter().filter_map(|id| l.get(id)))
                })
            })
        });
        let other_bytes = self.other_bytes.get_value();
        self.persistence.update(|p| match result {
            Ok(tail_bytes) => {
                p.save_error = None;
                p.unsaved = false;
                p.used_bytes = other_bytes + tail_bytes;
            }
            Err(error) => {
                p.save_error = Some(error);
                p.used_bytes = storage::used_bytes().unwrap_or(p.used_bytes);
            }
        });
    }

    /// Rewrites the base with everything: first takes in what other tabs stored, then writes,
    /// then empties this tab's tail. Returns whether the base was written.
    fn fold(self) -> bool {
        let state = self.persistence.get_untracked();
        if state.unavailable || state.held {
            return false;
        }
        // Merge what storage holds (another tab may have folded meanwhile).
        let stored = ledger_storage::load();
        // Unreadable documents were backed up when first met; a newer app's is never folded.
        let newer: Vec<_> = stored
            .unread
            .into_iter()
            .filter(|u| matches!(u.problem, LoadProblem::NewerVersion { .. }))
            .collect();
        if !newer.is_empty() {
            for unread in newer {
                self.hold_for_newer(&unread.key, &unread.raw, unread.problem);
            }
            return false;
        }
        self.merge_in(stored.ledger);
        let result = perf::timed("duty-ledger:fold", || {
            self.ledger.with_untracked(ledger_storage::write_base)
        });
        match result {
            Ok(_) => {
                storage::remove(&self.tail.get_value());
                self.pending.set_value(BTreeSet::new());
                self.persistence.update(|p| {
                    p.save_error = None;
                    p.unsaved = false;
                });
                true
            }
            Err(error) => {
                self.persistence.update(|p| p.save_error = Some(error));
                false
            }
        }
    }

    /// Re-measures storage use (after a fold or when space was made).
    fn measure_storage(self) {
        let used = storage::used_bytes().unwrap_or(0);
        let tail = self.tail.get_value();
        let tail_bytes = storage::read(&tail)
            .ok()
            .flatten()
            .map_or(0, |raw| storage::key_bytes(&tail, &raw));
        self.other_bytes.set_value(used.saturating_sub(tail_bytes));
        self.persistence.update(|p| p.used_bytes = used);
    }

    /// Retries a failed save after the user made room, re-measuring storage.
    pub fn retry_save(self) {
        self.measure_storage();
        self.persistence.update(|p| p.unsaved = true);
        self.save_now();
    }

    pub fn save_profile(&self) {
        if self.persistence.with_untracked(|p| p.unavailable || p.held) {
            return;
        }
        let json = self.profile.with_untracked(Profile::to_json);
        if let Err(error) = storage::write(PROFILE_KEY, &json) {
            self.persistence.update(|p| p.save_error = Some(error));
        }
    }

    pub fn update_profile(&self, change: impl FnOnce(&mut Profile)) {
        self.profile.update(change);
        self.save_profile();
    }

    /// Offers the original text of unreadable stored data as a file.
    pub fn download_originals(&self) {
        let stamp = clock::now();
        self.originals.with_value(|originals| {
            for (key, raw) in originals {
                let what = key.rsplit(':').next().unwrap_or("data");
                let name = format!("责任分工台账-原始数据-{what}-{}.json", stamp.local_date());
                download::download_text(&name, "application/json", raw);
            }
        });
    }
}

//! Receiving files: pick or drop several at once; each is read and verified by the file
//! checker (Web Workers beside the page, `browser::checker`), previewed against what is held,
//! and applied only after an explicit "apply", which adds every ready file in one step and can
//! be undone with one click. A bad file is named with the reason and changes nothing; good
//! files in the batch still apply. Which devices hold a file back is the core's decision
//! (`exchange::admit`); only a `VerifiedFile` reaches the store.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use super::evidence::{Files, files as file_registry};
use super::notices::megabytes;
use super::store::{Store, store};
use super::trust::trust;
use super::trust_check::{NewDevice, TrustAllCheck, TrustCheck};
use super::{fill, tr, ui};
use crate::browser::checker::{self, Checked, Job, Unavailable};
use crate::browser::files::{self, Picked};
use crate::browser::files_db::{self, NewFile};
use crate::browser::{clock, perf};
use crate::evidence::kept::{self, StoredFile};
use crate::exchange::admit::{Held, VerifiedFile, admit, held, verdicts};
use crate::exchange::message::refusal;
use crate::exchange::preview::{
    FilesPreview, Preview, disagreements, files_preview, fork_refusal, forks, preview,
};
use crate::exchange::transfer::{self, Worded};
use crate::exchange::{DeviceProof, ExchangeFile, ImportError, MAX_EXCHANGE_FILE_BYTES};
use crate::foundation::digest::Digest;
use crate::i18n::{Key, Lang, format_stamp};
use crate::trust::roster::{Roster, Verdict};
use crate::vault::space::Shortfall;

/// Why a received file is not applied.
#[derive(Clone, PartialEq)]
enum Refused {
    /// Refused here (size, a fork, a disagreement, the preview).
    Error(ImportError),
    /// Refused by the file checker, worded there in both languages.
    Worded(Worded),
    /// The file checker could not be loaded: the file was not checked.
    Unchecked,
}

/// One received file and what became of it. What its devices' verdicts hold back is asked of
/// the roster as it is now (`Candidate::held`), so trusting a device updates only the files
/// that wait for it.
#[derive(Clone, PartialEq)]
struct Candidate {
    name: String,
    outcome: Result<(Arc<ExchangeFile>, Preview), Refused>,
    /// What its attached files change here.
    files: FilesPreview,
}

impl Candidate {
    fn file(&self) -> Option<&ExchangeFile> {
        self.outcome.as_ref().ok().map(|(f, _)| f.as_ref())
    }

    /// What holds it back now: a refused device, or devices that wait for 信任此设备 (a
    /// refused file asks nobody to trust its devices).
    fn held(&self, roster: &Roster) -> Option<Held> {
        held(&verdicts(roster, self.file()?))
    }

    /// Ready to apply (what [`Candidate::verified`] would give, without copying the file).
    fn ready(&self, roster: &Roster) -> bool {
        self.file().is_some() && self.brings() && self.held(roster).is_none()
    }

    /// Something new: records, or files for records already here.
    fn brings(&self) -> bool {
        matches!(&self.outcome, Ok((_, p)) if p.new_records() > 0) || !self.files.new.is_empty()
    }

    /// Ready to apply: read, something new, every device believed.
    fn verified(&self, roster: &Roster) -> Option<VerifiedFile> {
        if !self.brings() {
            return None;
        }
        admit(roster, self.file()?).ok()
    }
}

fn summary(p: &Preview) -> String {
    let n = |v: usize| v.to_string();
    fill(
        Key::ImportPreview,
        &[
            ("notes", &n(p.new_notes)),
            ("edits", &n(p.note_edits + p.note_deletions)),
            ("statuses", &n(p.status_changes)),
            ("figures", &n(p.figures)),
            ("present", &n(p.already_present)),
        ],
    ) + &if p.coordinations > 0 {
        format!(
            " {}",
            fill(Key::ImportCoordinations, &[("n", &n(p.coordinations))])
        )
    } else {
        String::new()
    } + &if p.plan_records > 0 {
        // rhythm-a (issue 20).
        format!(
            " {}",
            fill(Key::ImportPlanRecords, &[("n", &n(p.plan_records))])
        )
    } else {
        String::new()
    } + &if p.summaries > 0 {
        format!(" {}", fill(Key::ImportSummaries, &[("n", &n(p.summaries))]))
    } else {
        String::new()
    }
}

/// What the page makes of one file the checker answered for: decoded and previewed against
/// what is stored now (one file per task, as answers arrive).
fn take_checked(
    store: Store,
    registry: Files,
    blobs: StoredValue<HashMap<Digest, web_sys::Blob>, LocalStorage>,
    name: String,
    checked: Result<Checked, Unavailable>,
) -> Candidate {
    let (outcome, carried) = match checked {
        Err(Unavailable) => (Err(Refused::Unchecked), Vec::new()),
        Ok(Checked {
            outcome: Err(worded),
            ..
        }) => (Err(Refused::Worded(worded)), Vec::new()),
        Ok(Checked {
            outcome: Ok(text),
            files,
        }) => match transfer::decode(&text) {
            Err(_) => (Err(Refused::Unchecked), Vec::new()),
            Ok(file) => match store.ledger.with_untracked(|l| preview(l, &file)) {
                Ok(p) => (Ok((Arc::new(file), p)), files),
                Err(e) => (Err(Refused::Error(e)), Vec::new()),
            },
        },
    };
    let files = match &outcome {
        Ok((f, _)) => {
            blobs.update_value(|b| b.extend(carried));
            registry.catalogue.with_untracked(|c| files_preview(f, c))
        }
        Err(_) => FilesPreview::default(),
    };
    Candidate {
        name,
        outcome,
        files,
    }
}

/// Reads, verifies (in the file checker) and previews each file against what is stored now,
/// counting the files done in `progress`. (Contexts are not reachable after an `await`, so
/// the store comes in as an argument.)
async fn examine(
    store: Store,
    registry: Files,
    blobs: StoredValue<HashMap<Digest, web_sys::Blob>, LocalStorage>,
    progress: RwSignal<(usize, usize)>,
    picked: Vec<Picked>,
) -> Vec<Candidate> {
    registry.reload().await;
    let count = picked.len();
    progress.set((0, count));
    let slots: Rc<RefCell<Vec<Option<Candidate>>>> = Rc::new(RefCell::new(vec![None; count]));
    let names: Vec<String> = picked.iter().map(|p| p.name.clone()).collect();
    let plan = {
        let id = crate::plan::plan().id.clone();
        (id != crate::plan::BUILTIN_ID)
            .then(|| crate::browser::plans::text(&id))
            .flatten()
    };
    let mut jobs = Vec::new();
    let mut positions = Vec::new();
    for (index, file) in picked.into_iter().enumerate() {
        let refused = if file.size > MAX_EXCHANGE_FILE_BYTES {
            Some(ImportError::TooLarge { bytes: file.size })
        } else {
            match file.buffer().await {
                Ok(bytes) => {
                    jobs.push(Job {
                        name: file.name.clone(),
                        bytes,
                        now_ms: clock::now().utc_ms,
                        plan: plan.clone(),
                    });
                    positions.push(index);
                    None
                }
                Err(_) => Some(ImportError::NotText),
            }
        };
        if let Some(error) = refused {
            slots.borrow_mut()[index] = Some(Candidate {
                name: file.name,
                outcome: Err(Refused::Error(error)),
                files: FilesPreview::default(),
            });
            progress.update(|p| p.0 += 1);
        }
    }
    let done = {
        let slots = slots.clone();
        let names = names.clone();
        Rc::new(move |job: usize, checked| {
            let index = positions[job];
            let candidate = take_checked(store, registry, blobs, names[index].clone(), checked);
            slots.borrow_mut()[index] = Some(candidate);
            progress.update(|p| p.0 += 1);
        })
    };
    checker::check_all(jobs, done).await;
    // The batch-wide checks run as tasks of their own, so the page paints between them.
    clock::sleep(0).await;
    let mut candidates: Vec<Candidate> = slots
        .borrow_mut()
        .drain(..)
        .zip(&names)
        .map(|(slot, name)| {
            slot.unwrap_or_else(|| Candidate {
                name: name.clone(),
                outcome: Err(Refused::Unchecked),
                files: FilesPreview::default(),
            })
        })
        .collect();
    // Two files that disagree about a record: both are refused.
    let found = {
        let files: Vec<_> = candidates
            .iter()
            .map(|c| c.file().map(|f| &f.records))
            .collect();
        disagreements(&files)
    };
    for (candidate, found) in candidates.iter_mut().zip(found) {
        if let Some((id, other)) = found {
            let other = names[other].clone();
            candidate.outcome = Err(Refused::Error(ImportError::DisagreesWithFile { id, other }));
        }
    }
    clock::sleep(0).await;
    // A device that signed two histories, one held here or in another file: refused.
    let found = {
        let files: Vec<_> = candidates
            .iter()
            .map(|c| c.file().map(|f| &f.records))
            .collect();
        store.ledger.with_untracked(|held| forks(held, &files))
    };
    for (candidate, found) in candidates.iter_mut().zip(found) {
        if let (Some(fork), Some(file)) = (found, candidate.file()) {
            candidate.outcome = Err(Refused::Error(fork_refusal(file, &fork, &names)));
        }
    }
    candidates
}

/// Every device new here that the ready-but-waiting files bring, each once, in file order.
fn new_devices(candidates: &[Candidate], roster: &Roster) -> Vec<(DeviceProof, String)> {
    let mut seen = std::collections::BTreeSet::new();
    candidates
        .iter()
        .filter_map(|c| match c.held(roster) {
            Some(Held::Waits(new)) => Some(new),
            _ => None,
        })
        .flatten()
        .filter(|(proof, _)| seen.insert(proof.device))
        .collect()
}

/// Where an import stands, for the progress bar.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Idle,
    /// Files checked so far, of how many.
    Checking,
    /// The records are being written.
    Saving,
}

#[component]
pub fn ImportDialog() -> impl IntoView {
    let store = store();
    let trust = trust();
    let candidates = RwSignal::new(Vec::<Candidate>::new());
    let stage = RwSignal::new(Stage::Idle);
    let progress = RwSignal::new((0usize, 0usize));
    let (dragging, set_dragging) = signal(false);
    let (result, set_result) = signal(None::<String>);
    let no_room = RwSignal::new(None::<Shortfall>);
    let registry = file_registry();
    let blobs = StoredValue::new_local(HashMap::<Digest, web_sys::Blob>::new());
    let take = move |list: Option<web_sys::FileList>| {
        let picked = files::picked(list);
        if picked.is_empty() {
            return;
        }
        progress.set((0, picked.len()));
        stage.set(Stage::Checking);
        set_result.set(None);
        candidates.set(Vec::new());
        spawn_local(async move {
            let span = perf::Span::start("duty-ledger:import-examine");
            let examined = examine(store, registry, blobs, progress, picked).await;
            clock::sleep(0).await;
            let files: Vec<_> = examined
                .iter()
                .filter_map(|c| c.file().map(|f| f.records.clone()))
                .collect();
            let file_bytes = new_files(&examined)
                .iter()
                .map(|f| f.size + 512)
                .sum::<u64>();
            no_room.set(store.room_for_with(files, file_bytes).await.err());
            clock::sleep(0).await;
            candidates.set(examined);
            span.finish();
            stage.set(Stage::Idle);
        });
    };
    // Ready files, asked of the roster as it is now: trusting a device re-asks only this.
    let applicable = Memo::new(move |_| {
        trust
            .roster
            .with(|r| candidates.with(|c| c.iter().filter(|c| c.ready(r)).count()))
    });
    // 信任此设备: the roster learns the device; every file's verdicts follow the roster.
    let trust_device = move |proof: DeviceProof| {
        spawn_local(async move {
            trust.trust(proof).await;
        });
    };
    let waiting_devices = Memo::new(move |_| {
        trust.roster.with(|r| {
            candidates.with(|c| {
                new_devices(c, r)
                    .into_iter()
                    .map(|(proof, fingerprint)| {
                        (
                            proof.device,
                            proof.unit.clone(),
                            proof.contact.clone(),
                            fingerprint,
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // 信任以上全部设备: every waiting device at once, one roster change and one save.
    let trust_all = move || {
        let span = perf::Span::start("duty-ledger:trust-all");
        let proofs: Vec<DeviceProof> = trust.roster.with_untracked(|r| {
            candidates.with_untracked(|c| new_devices(c, r).into_iter().map(|(p, _)| p).collect())
        });
        spawn_local(async move {
            trust.trust_all(proofs).await;
        });
        span.finish();
    };
    // Contexts are not reachable after an `await`: the language is taken now.
    let language = ui().lang;
    let apply = move |_| {
        let verified: Vec<VerifiedFile> = trust.roster.with_untracked(|r| {
            candidates.with_untracked(|c| c.iter().filter_map(|c| c.verified(r)).collect())
        });
        let proofs: Vec<DeviceProof> = verified
            .iter()
            .flat_map(|f| f.devices().iter().cloned())
            .collect();
        let described = candidates.with_untracked(|c| {
            let ready: Vec<Candidate> = trust
                .roster
                .with_untracked(|r| c.iter().filter(|c| c.ready(r)).cloned().collect());
            new_files(&ready)
        });
        stage.set(Stage::Saving);
        set_result.set(None);
        // The attached files are kept first (a record never names bytes that were never
        // kept), then the signed heads, so whatever of the records is stored can be relayed;
        // 已导入 is said only once the records' write committed.
        spawn_local(async move {
            let span = perf::Span::start("duty-ledger:import-apply");
            let now = clock::now();
            let new: Vec<NewFile> = blobs.with_value(|b| {
                described
                    .iter()
                    .filter_map(|f| {
                        let data = b.get(&f.sha256)?;
                        let typed = web_sys::Blob::new_with_blob_sequence_and_options(
                            &js_sys::Array::of1(data),
                            &{
                                let o = web_sys::BlobPropertyBag::new();
                                o.set_type(f.kind.mime());
                                o
                            },
                        )
                        .ok()?;
                        Some(NewFile {
                            entry: StoredFile::new(f, now),
                            bytes: typed,
                            thumb: None,
                        })
                    })
                    .collect()
            });
            if let Err(why) = files_db::put(&new).await {
                let text = crate::i18n::fill(
                    Key::ImportFilesStoreFailed,
                    language.get_untracked(),
                    &[("why", &why)],
                );
                set_result.set(Some(text));
                stage.set(Stage::Idle);
                return;
            }
            registry.reload().await;
            store.keep_proofs(proofs.clone()).await;
            // Let the progress bar paint (a frame or two) before the merge.
            clock::sleep(40).await;
            let added = store.apply_import(&verified);
            let count = verified.len();
            drop(verified);
            candidates.set(Vec::new());
            let message = match added {
                Ok(records) if store.committed().await => {
                    trust.seen(&proofs).await;
                    crate::i18n::fill(
                        Key::ImportApplied,
                        language.get_untracked(),
                        &[
                            ("files", &count.to_string()),
                            ("records", &records.to_string()),
                        ],
                    )
                }
                // Refused inside the transaction: the notice below names the record.
                Ok(_)
                    if store
                        .persistence
                        .with_untracked(|p| p.import_refused.is_some()) =>
                {
                    String::new()
                }
                // No `tr` here: after an await this task runs outside the component's owner.
                Ok(_) => Key::ImportNotSaved
                    .text(language.get_untracked())
                    .to_string(),
                // The preview no longer holds: nothing applied, the files are to be checked again.
                Err(id) => crate::i18n::fill(
                    Key::ImportStoredMeanwhile,
                    language.get_untracked(),
                    &[("id", &id.to_string())],
                ),
            };
            set_result.set((!message.is_empty()).then_some(message));
            blobs.set_value(HashMap::new());
            stage.set(Stage::Idle);
            span.finish();
        });
    };
    let undo = move |_| {
        store.undo_import();
        set_result.set(Some(tr(Key::ImportUndone)().to_string()));
    };
    view! {
        <section
            class="import-dialog"
            class:dragging=dragging
            aria-labelledby="import-heading"
            on:dragover=move |ev: ev::DragEvent| {
                ev.prevent_default();
                set_dragging.set(true);
            }
            on:dragleave=move |_| set_dragging.set(false)
            on:drop=move |ev: ev::DragEvent| {
                ev.prevent_default();
                set_dragging.set(false);
                take(ev.data_transfer().and_then(|d| d.files()));
            }
        >
            <h2 id="import-heading">{tr(Key::ImportHeading)}</h2>
            <p>{tr(Key::ImportHelp)}</p>
            <label class="file-picker">
                <span class="file-picker-label">{tr(Key::ImportPick)}</span>
                <input
                    type="file"
                    accept=".json,application/json"
                    multiple
                    on:change:target=move |ev| {
                        let input = ev.target();
                        take(input.files());
                        input.set_value("");
                    }
                />
            </label>
            <p class="hint">{tr(Key::ImportDropHint)}</p>
            <Show when=move || stage.get() == Stage::Checking>
                <div class="import-progress" role="status">
                    <progress
                        max=move || progress.get().1.max(1).to_string()
                        value=move || progress.get().0.to_string()
                    ></progress>
                    <span class="import-progress-text">
                        {move || {
                            let (done, total) = progress.get();
                            fill(Key::ImportChecking, &[("done", &done.to_string()), ("total", &total.to_string())])
                        }}
                    </span>
                </div>
            </Show>
            <Show when=move || stage.get() == Stage::Saving>
                <div class="import-progress import-saving" role="status">
                    <progress></progress>
                    <span class="import-progress-text">{tr(Key::ImportSaving)}</span>
                </div>
            </Show>
            <Show when=move || candidates.with(|c| !c.is_empty())>
                {move || {
                    no_room
                        .get()
                        .map(|short| {
                            let text = fill(
                                Key::ImportNoRoom,
                                &[("needed", &megabytes(short.needed)), ("free", &megabytes(short.free))],
                            );
                            view! { <p class="notice notice-error import-no-room" role="alert">{text}</p> }
                        })
                }}
                {move || {
                    let waiting = waiting_devices.get();
                    (waiting.len() >= 2)
                        .then(|| {
                            let devices: Vec<NewDevice> = waiting
                                .into_iter()
                                .map(|(_, unit, contact, fingerprint)| NewDevice { unit, contact, fingerprint })
                                .collect();
                            let on_trust: Rc<dyn Fn()> = Rc::new(trust_all);
                            view! { <TrustAllCheck devices on_trust /> }
                        })
                }}
                <ul class="import-files">
                    {move || {
                        candidates
                            .get()
                            .into_iter()
                            .map(|c| view! { <CandidateItem candidate=c on_trust=trust_device /> })
                            .collect_view()
                    }}
                </ul>
                <div class="form-actions">
                    <button
                        type="button"
                        disabled=move || {
                            applicable.get() == 0 || no_room.with(Option::is_some)
                                || stage.get() != Stage::Idle
                        }
                        on:click=apply
                    >
                        {move || fill(Key::ImportApply, &[("n", &applicable.get().to_string())])}
                    </button>
                    <button
                        type="button"
                        class="button-secondary"
                        on:click=move |_| {
                            candidates.set(Vec::new());
                            blobs.set_value(HashMap::new());
                        }
                    >
                        {tr(Key::Cancel)}
                    </button>
                </div>
            </Show>
            {move || result.get().map(|r| view! { <p class="notice notice-info import-result" role="status">{r}</p> })}
            {move || {
                store
                    .persistence
                    .with(|p| p.import_refused)
                    .map(|id| {
                        let text = fill(Key::ImportStoredMeanwhile, &[("id", &id.to_string())]);
                        view! { <p class="notice notice-error import-refused" role="alert">{text}</p> }
                    })
            }}
            <Show when=move || store.persistence.with(|p| p.undoable.is_some())>
                <button type="button" class="button-secondary undo-import" on:click=undo>
                    {move || {
                        store
                            .persistence
                            .with(|p| p.undoable)
                            .map(|(_, n, at)| {
                                fill(
                                    Key::ImportUndo,
                                    &[("when", &format_stamp(ui().lang.get(), at)), ("n", &n.to_string())],
                                )
                            })
                    }}
                </button>
            </Show>
        </section>
    }
}

/// The attached files new to this device that ready files carry, each once, as their records
/// describe them.
fn new_files(candidates: &[Candidate]) -> Vec<crate::ledger::Attachment> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for c in candidates {
        let Some(file) = c.file() else { continue };
        let named = kept::named_by(file.records.events());
        for hash in &c.files.new {
            if seen.insert(*hash)
                && let Some(f) = named.iter().find(|f| f.sha256 == *hash)
            {
                out.push((*f).clone());
            }
        }
    }
    out
}

/// Why the roster refuses a device, in words.
fn device_refusal(proof: &DeviceProof, verdict: &Verdict) -> String {
    let device = proof.device.to_string();
    match verdict {
        Verdict::KeyMismatch => fill(Key::ImportKeyMismatch, &[("device", &device)]),
        Verdict::UnitMismatch { known } => fill(
            Key::ImportUnitMismatch,
            &[("device", &device), ("known", known), ("unit", &proof.unit)],
        ),
        Verdict::Revoked { .. } => fill(
            Key::ImportRevoked,
            &[("device", &device), ("unit", &proof.unit)],
        ),
        Verdict::Known | Verdict::New { .. } => String::new(),
    }
}

/// What the list says about one file.
fn describe(candidate: &Candidate, lang: Lang) -> String {
    let files = &candidate.files;
    match &candidate.outcome {
        Ok((file, p)) => {
            let when = format_stamp(lang, file.exported_at);
            let from = fill(
                Key::ImportFrom,
                &[("unit", file.exported_by.name()), ("when", &when)],
            );
            let what = if p.new_records() > 0 {
                summary(p)
            } else if !files.new.is_empty() {
                tr(Key::ImportFilesOnly)().to_string()
            } else {
                tr(Key::ImportNothingNew)().to_string()
            };
            let mut text = format!("{from} {what}");
            let n = |v: usize| v.to_string();
            if files.carried > 0 {
                text.push(' ');
                text.push_str(&fill(
                    Key::ImportFilesCarried,
                    &[("n", &n(files.carried)), ("new", &n(files.new.len()))],
                ));
            }
            if files.missing > 0 {
                text.push(' ');
                text.push_str(&fill(Key::ImportFilesMissing, &[("n", &n(files.missing))]));
            }
            if files.removed > 0 {
                text.push(' ');
                text.push_str(&fill(Key::ImportFilesRemoved, &[("n", &n(files.removed))]));
            }
            text
        }
        Err(Refused::Error(error)) => refusal(lang, &candidate.name, error),
        Err(Refused::Worded(worded)) => worded.text(lang).to_string(),
        Err(Refused::Unchecked) => tr(Key::ImportCheckerMissing)().to_string(),
    }
}

#[component]
fn CandidateItem(
    candidate: Candidate,
    on_trust: impl Fn(DeviceProof) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let trust = trust();
    let candidate = Arc::new(candidate);
    // What holds the file back, as the roster says now (only this item follows a trust).
    let held = {
        let candidate = candidate.clone();
        Memo::new(move |_| trust.roster.with(|r| candidate.held(r)))
    };
    let class = {
        let candidate = candidate.clone();
        move || {
            let (class, _) = mark(&candidate, held.get().as_ref());
            class
        }
    };
    let mark_text = {
        let candidate = candidate.clone();
        move || tr(mark(&candidate, held.get().as_ref()).1)()
    };
    let detail = {
        let candidate = candidate.clone();
        move || match held.get() {
            Some(Held::Refused(refused)) => device_refusal(&refused.0, &refused.1),
            _ => describe(&candidate, ui().lang.get()),
        }
    };
    let name = candidate.name.clone();
    view! {
        <li class=class>
            <span class="import-mark">{mark_text}</span>
            <span class="import-name">{name}</span>
            <span class="import-detail">{detail}</span>
            <ul class="new-devices">
                {move || match held.get() {
                    Some(Held::Waits(new)) => new
                        .into_iter()
                        .map(|(proof, fingerprint)| {
                            let unit = proof.unit.clone();
                            let contact = proof.contact.clone();
                            let on_trust: Rc<dyn Fn()> = Rc::new(move || on_trust(proof.clone()));
                            view! {
                                <li class="new-device">
                                    <TrustCheck unit contact fingerprint on_trust />
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any(),
                    _ => ().into_any(),
                }}
            </ul>
        </li>
    }
}

/// The file's class and mark in the list.
fn mark(candidate: &Candidate, held: Option<&Held>) -> (&'static str, Key) {
    match (&candidate.outcome, held) {
        (_, Some(Held::Refused(..))) | (Err(_), _) => {
            ("import-file import-bad", Key::ImportMarkBad)
        }
        (Ok(_), Some(Held::Waits(_))) => {
            ("import-file import-new-device", Key::ImportMarkNewDevice)
        }
        (Ok(_), None) if !candidate.brings() => ("import-file import-same", Key::ImportMarkSame),
        (Ok(_), None) => ("import-file import-ok", Key::ImportMarkOk),
    }
}

//! Receiving files: pick or drop several at once; each is validated and previewed before an
//! explicit "apply", which adds every good file in one step and can be undone with one click.
//! A bad file is named with the reason and changes nothing; good files in the batch still apply.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use std::collections::HashMap;

use super::evidence::{Files, files as file_registry};
use super::notices::megabytes;
use super::store::{Store, store};
use super::trust::{Trust, trust};
use super::trust_check::TrustCheck;
use super::{fill, tr, ui};
use crate::browser::files::{self, Picked};
use crate::browser::files_db::{self, NewFile};
use crate::browser::{clock, perf};
use crate::evidence::kept::{self, StoredFile};
use crate::exchange::DeviceProof;
use crate::exchange::message::refusal;
use crate::exchange::preview::{
    FilesPreview, Preview, disagreements, files_preview, fork_refusal, forks, preview,
};
use crate::exchange::{ExchangeFile, ImportError, MAX_EXCHANGE_FILE_BYTES, read_with};
use crate::foundation::digest::Digest;
use crate::i18n::{Key, format_stamp};
use crate::trust::roster::Verdict;
use crate::vault::space::Shortfall;

/// One received file and what became of it, with the roster's verdict on each of its devices.
#[derive(Clone, PartialEq)]
struct Candidate {
    name: String,
    outcome: Result<(ExchangeFile, Preview), ImportError>,
    verdicts: Vec<(DeviceProof, Verdict)>,
    /// What its attached files change here.
    files: FilesPreview,
}

impl Candidate {
    /// A device this device has not trusted yet (新设备): the file waits for 信任此设备.
    fn waits(&self) -> bool {
        self.verdicts
            .iter()
            .any(|(_, v)| matches!(v, Verdict::New { .. }))
    }

    /// A device the roster refuses: another key under a known id, another unit, or records
    /// after a revocation.
    fn refused_device(&self) -> Option<&(DeviceProof, Verdict)> {
        self.verdicts.iter().find(|(_, v)| {
            matches!(
                v,
                Verdict::KeyMismatch
                    | Verdict::UnitMismatch { .. }
                    | Verdict::Revoked {
                        refused_from_seq: Some(_),
                        ..
                    }
            )
        })
    }

    /// Something new: records, or files for records already here.
    fn brings(&self) -> bool {
        matches!(&self.outcome, Ok((_, p)) if p.new_records() > 0) || !self.files.new.is_empty()
    }

    /// Can be applied now: read, something new, every device trusted.
    fn ready(&self) -> bool {
        self.outcome.is_ok() && self.brings() && !self.waits() && self.refused_device().is_none()
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

/// Reads, validates and previews each file against what is stored now. (Contexts are not
/// reachable after an `await`, so the store comes in as an argument.)
async fn examine(
    store: Store,
    trust: Trust,
    registry: Files,
    blobs: StoredValue<HashMap<Digest, web_sys::Blob>, LocalStorage>,
    picked: Vec<Picked>,
) -> Vec<Candidate> {
    registry.reload().await;
    let mut candidates = Vec::with_capacity(picked.len());
    for file in picked {
        // Each verified attached file becomes a blob at once (the browser holds it, not this
        // page's memory); a refused file's are dropped.
        let mut carried: Vec<(Digest, web_sys::Blob)> = Vec::new();
        let outcome = if file.size > MAX_EXCHANGE_FILE_BYTES {
            Err(ImportError::TooLarge { bytes: file.size })
        } else {
            match file.bytes().await {
                Ok(bytes) => read_with(&bytes, clock::now().utc_ms, |hash, data| {
                    if let Some(blob) = files_db::blob_of(data, "application/octet-stream") {
                        carried.push((*hash, blob));
                    }
                })
                .and_then(|f| {
                    let p = store.ledger.with_untracked(|l| preview(l, &f))?;
                    Ok((f, p))
                }),
                Err(_) => Err(ImportError::NotText),
            }
        };
        let verdicts = match &outcome {
            Ok((f, _)) => trust.verdicts(f),
            Err(_) => Vec::new(),
        };
        let files = match &outcome {
            Ok((f, _)) => {
                blobs.update_value(|b| b.extend(carried));
                registry.catalogue.with_untracked(|c| files_preview(f, c))
            }
            Err(_) => FilesPreview::default(),
        };
        candidates.push(Candidate {
            name: file.name,
            outcome,
            verdicts,
            files,
        });
    }
    // Two files that disagree about a record: both are refused.
    let files: Vec<_> = candidates
        .iter()
        .map(|c| c.outcome.as_ref().ok().map(|(f, _)| &f.records))
        .collect();
    let found = disagreements(&files);
    let names: Vec<String> = candidates.iter().map(|c| c.name.clone()).collect();
    for (candidate, found) in candidates.iter_mut().zip(found) {
        if let Some((id, other)) = found {
            let other = names[other].clone();
            candidate.outcome = Err(ImportError::DisagreesWithFile { id, other });
        }
    }
    // A device that signed two histories, one held here or in another file: refused.
    let files: Vec<_> = candidates
        .iter()
        .map(|c| c.outcome.as_ref().ok().map(|(f, _)| &f.records))
        .collect();
    let found = store.ledger.with_untracked(|held| forks(held, &files));
    for (candidate, found) in candidates.iter_mut().zip(found) {
        if let (Some(fork), Ok((file, _))) = (found, &candidate.outcome) {
            candidate.outcome = Err(fork_refusal(file, &fork, &names));
        }
    }
    // A refused file asks nobody to trust its devices.
    for candidate in candidates.iter_mut().filter(|c| c.outcome.is_err()) {
        candidate.verdicts.clear();
    }
    candidates
}

#[component]
pub fn ImportDialog() -> impl IntoView {
    let store = store();
    let trust = trust();
    let candidates = RwSignal::new(Vec::<Candidate>::new());
    let (busy, set_busy) = signal(false);
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
        set_busy.set(true);
        set_result.set(None);
        spawn_local(async move {
            let span = perf::Span::start("duty-ledger:import-examine");
            let examined = examine(store, trust, registry, blobs, picked).await;
            let files: Vec<_> = examined
                .iter()
                .filter_map(|c| c.outcome.as_ref().ok().map(|(f, _)| f.records.clone()))
                .collect();
            let file_bytes = new_files(&examined)
                .iter()
                .map(|f| f.size + 512)
                .sum::<u64>();
            no_room.set(store.room_for_with(files, file_bytes).await.err());
            candidates.set(examined);
            span.finish();
            set_busy.set(false);
        });
    };
    let applicable = move || candidates.with(|c| c.iter().filter(|c| c.ready()).count());
    // 信任此设备: the roster learns the device, and every file's verdicts are asked again.
    let trust_device = move |proof: DeviceProof| {
        spawn_local(async move {
            trust.trust(proof).await;
            candidates.update(|list| {
                for c in list.iter_mut() {
                    if let Ok((f, _)) = &c.outcome {
                        c.verdicts = trust.verdicts(f);
                    }
                }
            });
        });
    };
    // Contexts are not reachable after an `await`: the language is taken now.
    let language = ui().lang;
    let apply_ready = move |proofs: Vec<DeviceProof>| async move {
        let span = perf::Span::start("duty-ledger:import-apply");
        let added = candidates.with_untracked(|c| {
            let files: Vec<&ExchangeFile> = c
                .iter()
                .filter(|c| c.ready())
                .filter_map(|c| c.outcome.as_ref().ok().map(|(f, _)| f))
                .collect();
            let count = files.len();
            (store.apply_import(files.iter().map(|f| &f.records)), count)
        });
        trust.seen(&proofs).await;
        let message = match added.0 {
            Ok(records) => crate::i18n::fill(
                Key::ImportApplied,
                language.get_untracked(),
                &[
                    ("files", &added.1.to_string()),
                    ("records", &records.to_string()),
                ],
            ),
            // The preview no longer holds: nothing applied, the files are to be checked again.
            Err(id) => crate::i18n::fill(
                Key::ImportStoredMeanwhile,
                language.get_untracked(),
                &[("id", &id.to_string())],
            ),
        };
        set_result.set(Some(message));
        candidates.set(Vec::new());
        span.finish();
    };
    let apply = move |_| {
        let proofs: Vec<DeviceProof> = candidates.with_untracked(|c| {
            c.iter()
                .filter(|c| c.ready())
                .filter_map(|c| c.outcome.as_ref().ok())
                .flat_map(|(f, _)| f.devices.clone())
                .collect()
        });
        let described = candidates.with_untracked(|c| {
            let ready: Vec<Candidate> = c.iter().filter(|c| c.ready()).cloned().collect();
            new_files(&ready)
        });
        // The attached files are kept first (a record never names bytes that were never
        // kept), then the signed heads, so whatever of the records is stored can be relayed.
        spawn_local(async move {
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
                return;
            }
            registry.reload().await;
            store.keep_proofs(proofs.clone()).await;
            apply_ready(proofs).await;
            blobs.set_value(HashMap::new());
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
            <Show when=move || busy.get()>
                <p role="status">{tr(Key::ImportReading)}</p>
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
                        disabled=move || applicable() == 0 || no_room.with(Option::is_some)
                        on:click=apply
                    >
                        {move || fill(Key::ImportApply, &[("n", &applicable().to_string())])}
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
        let Ok((file, _)) = &c.outcome else { continue };
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
fn describe(
    name: &str,
    outcome: &Result<(ExchangeFile, Preview), ImportError>,
    files: &FilesPreview,
) -> String {
    match outcome {
        Ok((file, p)) => {
            let when = format_stamp(ui().lang.get(), file.exported_at);
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
        Err(error) => refusal(ui().lang.get(), name, error),
    }
}

#[component]
fn CandidateItem(
    candidate: Candidate,
    on_trust: impl Fn(DeviceProof) + Copy + 'static,
) -> impl IntoView {
    let refused = candidate.refused_device().cloned();
    let waits = candidate.waits();
    let (class, mark) = match &candidate.outcome {
        _ if refused.is_some() => ("import-file import-bad", Key::ImportMarkBad),
        Ok(_) if waits => ("import-file import-new-device", Key::ImportMarkNewDevice),
        Ok(_) if !candidate.brings() => ("import-file import-same", Key::ImportMarkSame),
        Ok(_) => ("import-file import-ok", Key::ImportMarkOk),
        Err(_) => ("import-file import-bad", Key::ImportMarkBad),
    };
    let files = candidate.files.clone();
    let outcome = candidate.outcome;
    let name = candidate.name.clone();
    let new_devices: Vec<(DeviceProof, String)> = candidate
        .verdicts
        .iter()
        .filter_map(|(proof, v)| match v {
            Verdict::New { fingerprint, .. } => Some((proof.clone(), fingerprint.clone())),
            _ => None,
        })
        .collect();
    view! {
        <li class=class>
            <span class="import-mark">{tr(mark)}</span>
            <span class="import-name">{candidate.name}</span>
            <span class="import-detail">
                {move || match &refused {
                    Some((proof, verdict)) => device_refusal(proof, verdict),
                    None => describe(&name, &outcome, &files),
                }}
            </span>
            <ul class="new-devices">
                {new_devices
                    .into_iter()
                    .map(|(proof, fingerprint)| {
                        let unit = proof.unit.clone();
                        let contact = proof.contact.clone();
                        let on_trust: std::rc::Rc<dyn Fn()> = std::rc::Rc::new(move || on_trust(proof.clone()));
                        view! {
                            <li class="new-device">
                                <TrustCheck unit contact fingerprint on_trust />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}

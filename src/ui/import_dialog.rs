//! Receiving files: pick or drop several at once; each is validated and previewed before an
//! explicit "apply", which adds every good file in one step and can be undone with one click.
//! A bad file is named with the reason and changes nothing; good files in the batch still apply.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::notices::megabytes;
use super::store::{Store, store};
use super::{fill, tr, ui};
use crate::browser::files::{self, Picked};
use crate::browser::perf;
use crate::exchange::message::refusal;
use crate::exchange::preview::{Preview, disagreements, preview};
use crate::exchange::{ExchangeFile, ImportError, MAX_FILE_BYTES, read};
use crate::i18n::{Key, format_stamp};
use crate::vault::space::Shortfall;

/// One received file and what became of it.
#[derive(Clone, PartialEq)]
struct Candidate {
    name: String,
    outcome: Result<(ExchangeFile, Preview), ImportError>,
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
    )
}

/// Reads, validates and previews each file against what is stored now. (Contexts are not
/// reachable after an `await`, so the store comes in as an argument.)
async fn examine(store: Store, picked: Vec<Picked>) -> Vec<Candidate> {
    let mut candidates = Vec::with_capacity(picked.len());
    for file in picked {
        let outcome = if file.size > MAX_FILE_BYTES {
            Err(ImportError::TooLarge { bytes: file.size })
        } else {
            match file.bytes().await {
                Ok(bytes) => read(&bytes).and_then(|f| {
                    let p = store.ledger.with_untracked(|l| preview(l, &f))?;
                    Ok((f, p))
                }),
                Err(_) => Err(ImportError::NotText),
            }
        };
        candidates.push(Candidate {
            name: file.name,
            outcome,
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
    candidates
}

#[component]
pub fn ImportDialog() -> impl IntoView {
    let store = store();
    let candidates = RwSignal::new(Vec::<Candidate>::new());
    let (busy, set_busy) = signal(false);
    let (dragging, set_dragging) = signal(false);
    let (result, set_result) = signal(None::<String>);
    let no_room = RwSignal::new(None::<Shortfall>);
    let take = move |list: Option<web_sys::FileList>| {
        let picked = files::picked(list);
        if picked.is_empty() {
            return;
        }
        set_busy.set(true);
        set_result.set(None);
        spawn_local(async move {
            let span = perf::Span::start("duty-ledger:import-examine");
            let examined = examine(store, picked).await;
            let files: Vec<_> = examined
                .iter()
                .filter_map(|c| c.outcome.as_ref().ok().map(|(f, _)| f.records.clone()))
                .collect();
            no_room.set(store.room_for(files).await.err());
            candidates.set(examined);
            span.finish();
            set_busy.set(false);
        });
    };
    let applicable = move || {
        candidates.with(|c| {
            c.iter()
                .filter(|c| matches!(&c.outcome, Ok((_, p)) if p.new_records() > 0))
                .count()
        })
    };
    let apply = move |_| {
        let span = perf::Span::start("duty-ledger:import-apply");
        let added = candidates.with_untracked(|c| {
            let files: Vec<&ExchangeFile> = c
                .iter()
                .filter_map(|c| c.outcome.as_ref().ok().map(|(f, _)| f))
                .collect();
            let count = files.len();
            (store.apply_import(files.iter().map(|f| &f.records)), count)
        });
        let message = match added.0 {
            Ok(records) => fill(
                Key::ImportApplied,
                &[
                    ("files", &added.1.to_string()),
                    ("records", &records.to_string()),
                ],
            ),
            // The preview no longer holds: nothing applied, the files are to be checked again.
            Err(id) => fill(Key::ImportStoredMeanwhile, &[("id", &id.to_string())]),
        };
        set_result.set(Some(message));
        candidates.set(Vec::new());
        span.finish();
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
                    {move || candidates.get().into_iter().map(|c| view! { <CandidateItem candidate=c /> }).collect_view()}
                </ul>
                <div class="form-actions">
                    <button
                        type="button"
                        disabled=move || applicable() == 0 || no_room.with(Option::is_some)
                        on:click=apply
                    >
                        {move || fill(Key::ImportApply, &[("n", &applicable().to_string())])}
                    </button>
                    <button type="button" class="button-secondary" on:click=move |_| candidates.set(Vec::new())>
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

/// What the list says about one file.
fn describe(name: &str, outcome: &Result<(ExchangeFile, Preview), ImportError>) -> String {
    match outcome {
        Ok((file, p)) => {
            let when = format_stamp(ui().lang.get(), file.exported_at);
            let from = fill(
                Key::ImportFrom,
                &[("unit", file.exported_by.name()), ("when", &when)],
            );
            let what = if p.new_records() == 0 {
                tr(Key::ImportNothingNew)().to_string()
            } else {
                summary(p)
            };
            format!("{from} {what}")
        }
        Err(error) => refusal(ui().lang.get(), name, error),
    }
}

#[component]
fn CandidateItem(candidate: Candidate) -> impl IntoView {
    let (class, mark) = match &candidate.outcome {
        Ok((_, p)) if p.new_records() == 0 => ("import-file import-same", Key::ImportMarkSame),
        Ok(_) => ("import-file import-ok", Key::ImportMarkOk),
        Err(_) => ("import-file import-bad", Key::ImportMarkBad),
    };
    let outcome = candidate.outcome;
    let name = candidate.name.clone();
    view! {
        <li class=class>
            <span class="import-mark">{tr(mark)}</span>
            <span class="import-name">{candidate.name}</span>
            <span class="import-detail">{move || describe(&name, &outcome)}</span>
        </li>
    }
}

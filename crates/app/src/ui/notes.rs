//! Progress notes (进展记录): writing one, and every unit's notes on a task side by side, each
//! with its full history. Notes are user text and are only ever rendered as text.

use leptos::ev;
use leptos::prelude::*;

use super::evidence::{Attacher, Attaching, AttachmentList, files};
use super::form::{ProblemError, SubmitOrCancel, WorkDateInput, work_date_of};
use super::store::store;
use super::trust::trust;
use super::{fill, tr, ui};
use crate::foundation::time::{Date, Stamp};
use crate::i18n::{Key, format_date, format_stamp};
use crate::ledger::event::{EventProblem, MAX_NOTE_CHARS};
use crate::ledger::view::{NoteRef, note_threads};
use crate::ledger::{Attachment, Change};
use crate::plan::{TaskId, UnitId};
use crate::trust::marks::{Mark, heaviest, mark};

/// 未验证 or 已撤销设备 beside a record, with why in its title.
#[component]
pub fn MarkBadge(mark: Option<Mark>) -> impl IntoView {
    mark.map(|mark| {
        let (label, help, class) = match mark {
            Mark::Unverified => (
                Key::MarkUnverified,
                Key::MarkUnverifiedHelp,
                "badge mark mark-unverified",
            ),
            Mark::RevokedDevice => (
                Key::MarkRevoked,
                Key::MarkRevokedHelp,
                "badge mark mark-revoked",
            ),
        };
        view! {
            <span class=class title=tr(help)>
                {tr(label)}
            </span>
        }
    })
}

/// Ctrl+Enter or ⌘+Enter submits, so a note can be written and saved from the keyboard.
fn is_submit_shortcut(ev: &ev::KeyboardEvent) -> bool {
    ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key())
}

/// A text box and a save button for a new note of the user's unit.
#[component]
pub fn NoteEditor(task: TaskId) -> impl IntoView {
    let store = store();
    let (text, set_text) = signal(String::new());
    let (problem, set_problem) = signal(None::<EventProblem>);
    let work_date = RwSignal::new(store.today.get_untracked().to_string());
    let attaching = Attaching::new(Vec::new());
    let registry = files();
    let (saving, set_saving) = signal(false);
    let (files_error, set_files_error) = signal(None::<String>);
    let lang = ui().lang;
    let save = move || {
        if attaching.busy.get_untracked() > 0 || saving.get_untracked() {
            return;
        }
        let body = text.get_untracked();
        let day = work_date_of(work_date);
        let chosen = attaching.chosen();
        let ready = attaching.ready();
        let record = move || {
            store.record(|r, id, at| r.add_note_with(id, task, at, day, &body, chosen.clone()))
        };
        let done = move |outcome: Result<(), EventProblem>| match outcome {
            Ok(()) => {
                set_text.set(String::new());
                work_date.set(store.today.get_untracked().to_string());
                attaching.reset(Vec::new());
                set_problem.set(None);
                set_files_error.set(None);
            }
            Err(p) => set_problem.set(Some(p)),
        };
        if ready.is_empty() {
            done(record());
            return;
        }
        // The record is checked first; the files' bytes are kept before the record that
        // names them is written.
        let checked = untrack(|| store.recorder()).map(|r| {
            r.add_note_with(
                crate::browser::clock::new_event_id(),
                task,
                crate::browser::clock::now(),
                day,
                &text.get_untracked(),
                attaching.chosen(),
            )
        });
        if let Some(Err(p)) = checked {
            set_problem.set(Some(p));
            return;
        }
        set_saving.set(true);
        leptos::task::spawn_local(async move {
            match registry.keep(ready).await {
                Ok(()) => done(record()),
                Err(e) => set_files_error.set(Some(e.text(lang.get_untracked()))),
            }
            set_saving.set(false);
        });
    };
    view! {
        <form
            class="note-editor"
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <label for="new-note">{tr(Key::NewNoteLabel)}</label>
            <textarea
                id="new-note"
                rows="4"
                maxlength=MAX_NOTE_CHARS.to_string()
                placeholder=tr(Key::NewNotePlaceholder)
                aria-describedby="new-note-hint"
                prop:value=move || text.get()
                on:input:target=move |ev| set_text.set(ev.target().value())
                on:keydown=move |ev| {
                    if is_submit_shortcut(&ev) {
                        ev.prevent_default();
                        save();
                    }
                }
            ></textarea>
            <p id="new-note-hint" class="hint keyboard-hint">{tr(Key::NoteShortcutHint)}</p>
            <WorkDateInput id="new-note-date".to_string() value=work_date />
            <Attacher attaching id="new-note-attach".to_string() />
            <ProblemError problem />
            {move || files_error.get().map(|e| view! { <p class="field-error save-files-error" role="alert">{e}</p> })}
            <Show when=move || saving.get()>
                <p role="status">{tr(Key::SaveFilesStoring)}</p>
            </Show>
            <div class="form-actions">
                <button type="submit" disabled=move || { saving.get() || attaching.busy.get() > 0 }>{tr(Key::SaveNote)}</button>
            </div>
        </form>
    }
}

/// One note as the list shows it, owned for rendering.
#[derive(Clone, PartialEq)]
struct NoteItem {
    note: NoteRef,
    mine: bool,
    text: Option<String>,
    author: Option<String>,
    created: Stamp,
    /// The date the work happened (工作日期).
    work_date: Date,
    /// The heaviest mark of its revisions (未验证, 已撤销设备).
    mark: Option<Mark>,
    /// Every revision, oldest first.
    revisions: Vec<Revision>,
    /// The files of its current revision (佐证材料).
    attachments: Vec<Attachment>,
}

/// One revision of a note: when, by whom, the text (None for the deletion), and its mark.
#[derive(Clone, PartialEq)]
struct Revision {
    at: Stamp,
    author: Option<String>,
    text: Option<String>,
    mark: Option<Mark>,
}

fn items(task: TaskId) -> Vec<NoteItem> {
    let store = store();
    let (my_unit, own) = store.profile.with(|p| (p.unit, p.device));
    let roster = trust().roster;
    roster.with(|roster| {
        store.ledger.with(|ledger| {
            note_threads(ledger, task)
                .into_iter()
                .map(|thread| NoteItem {
                    note: thread.note_ref(),
                    mine: Some(thread.unit) == my_unit,
                    text: thread.text().map(str::to_string),
                    author: thread.current().author.clone(),
                    created: thread.created(),
                    work_date: thread.work_date(),
                    mark: heaviest(thread.revisions.iter().copied(), roster, own),
                    attachments: if thread.is_deleted() {
                        Vec::new()
                    } else {
                        thread.current().attachments.clone()
                    },
                    revisions: thread
                        .revisions
                        .iter()
                        .map(|e| {
                            let text = match &e.change {
                                Change::Note { text, .. } => Some(text.clone()),
                                _ => None,
                            };
                            Revision {
                                at: e.at,
                                author: e.author.clone(),
                                text,
                                mark: mark(e, roster, own),
                            }
                        })
                        .collect(),
                })
                .collect()
        })
    })
}

/// Notes grouped by unit, side by side: the user's own unit first, then the registry order.
fn by_unit(notes: Vec<NoteItem>) -> Vec<(UnitId, Vec<NoteItem>)> {
    let mut groups: Vec<(UnitId, Vec<NoteItem>)> = Vec::new();
    for note in notes {
        match groups.iter_mut().find(|(u, _)| *u == note.note.unit) {
            Some((_, list)) => list.push(note),
            None => groups.push((note.note.unit, vec![note])),
        }
    }
    groups.sort_by_key(|(unit, list)| (!list[0].mine, *unit));
    groups
}

/// Every unit's notes on the task (or only `only`'s), by the date of the work, oldest first as
/// in a ledger, grouped by unit.
#[component]
pub fn NoteList(task: TaskId, #[prop(optional)] only: Option<UnitId>) -> impl IntoView {
    let notes = Memo::new(move |_| {
        let mut all = items(task);
        all.retain(|n| only.is_none_or(|u| n.note.unit == u));
        all
    });
    let live = move || {
        notes
            .get()
            .into_iter()
            .filter(|n| n.text.is_some())
            .collect::<Vec<NoteItem>>()
    };
    let groups = Memo::new(move |_| by_unit(live()));
    let deleted = move || {
        notes.with(|n| {
            n.iter()
                .filter(|n| n.text.is_none())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="notes" aria-labelledby="notes-heading">
            <h3 id="notes-heading">{move || fill(Key::NotesHeading, &[("n", &live().len().to_string())])}</h3>
            <Show when=move || live().is_empty()>
                <p class="none">{tr(Key::NoNotesYet)}</p>
            </Show>
            <div class="notes-by-unit">
                <For each=move || groups.with(|g| g.iter().map(|(u, _)| *u).collect::<Vec<_>>()) key=|u| *u let:unit>
                    <section class="unit-notes">
                        <h4>{unit.name()}</h4>
                        <ol class="note-list">
                            <For
                                each=move || {
                                    groups
                                        .with(|g| {
                                            g.iter().find(|(u, _)| *u == unit).map(|(_, n)| n.clone()).unwrap_or_default()
                                        })
                                }
                                key=|n| (n.note.id, n.revisions.len(), n.mark)
                                let:note
                            >
                                <Note note />
                            </For>
                        </ol>
                    </section>
                </For>
            </div>
            // Figures are progress too: each one recorded, by unit, newest first.
            <super::targets::FigureHistory task only />
            <Show when=move || !deleted().is_empty()>
                <details class="deleted-notes">
                    <summary>{move || fill(Key::DeletedNotes, &[("n", &deleted().len().to_string())])}</summary>
                    <ol class="note-list">
                        <For each=deleted key=|n| (n.note.id, n.revisions.len(), n.mark) let:note>
                            <Note note />
                        </For>
                    </ol>
                </details>
            </Show>
        </section>
    }
}

#[component]
fn Note(note: NoteItem) -> impl IntoView {
    let store = store();
    let (editing, set_editing) = signal(false);
    let (confirming_delete, set_confirming_delete) = signal(false);
    let (draft, set_draft) = signal(note.text.clone().unwrap_or_default());
    let (problem, set_problem) = signal(None::<EventProblem>);
    let draft_date = RwSignal::new(note.work_date.to_string());
    let note_ref = StoredValue::new(note.note.clone());
    let attaching = Attaching::new(note.attachments.clone());
    let registry = files();
    let lang = ui().lang;
    let (files_error, set_files_error) = signal(None::<String>);
    let act = move |make: &dyn Fn(
        &crate::ledger::record::Recorder,
        crate::ledger::EventId,
        Stamp,
    ) -> Result<crate::ledger::Event, EventProblem>| {
        match store.record(make) {
            Ok(()) => {
                set_problem.set(None);
                true
            }
            Err(p) => {
                set_problem.set(Some(p));
                false
            }
        }
    };
    let save_edit = move || {
        if attaching.busy.get_untracked() > 0 {
            return;
        }
        let text = draft.get_untracked();
        let note = note_ref.get_value();
        let day = work_date_of(draft_date);
        let chosen = attaching.chosen();
        let ready = attaching.ready();
        let write = move || {
            if act(&|r, id, at| r.edit_note_with(id, &note, at, day, &text, chosen.clone())) {
                set_editing.set(false);
                attaching.pending.set(Vec::new());
            }
        };
        if ready.is_empty() {
            write();
            return;
        }
        leptos::task::spawn_local(async move {
            match registry.keep(ready).await {
                Ok(()) => {
                    set_files_error.set(None);
                    write();
                }
                Err(e) => set_files_error.set(Some(e.text(lang.get_untracked()))),
            }
        });
    };
    let delete = move || {
        let note = note_ref.get_value();
        act(&|r, id, at| r.delete_note(id, &note, at));
        set_confirming_delete.set(false);
    };
    let deleted = note.text.is_none();
    let attachments = note.attachments.clone();
    let text = note.text.clone();
    let edited = note.revisions.len() > 1;
    let revisions = note.revisions.clone();
    let revision_count = revisions.len();
    view! {
        <li class="note" class:note-deleted=deleted class:note-mine=note.mine>
            <p class="note-meta">
                <span class="note-unit">{note.note.unit.name()}</span>
                {note.author.clone().map(|a| view! { <span class="note-author">{a}</span> })}
                <time class="note-work-date" datetime=note.work_date.to_string()>
                    {move || format_date(ui().lang.get(), note.work_date)}
                </time>
                <time class="note-time" datetime=note.created.to_string()>
                    {move || fill(Key::RecordedAt, &[("when", &format_stamp(ui().lang.get(), note.created))])}
                </time>
                {edited.then(|| view! { <span class="badge">{tr(Key::Edited)}</span> })}
                <MarkBadge mark=note.mark />
            </p>
            <Show
                when=move || editing.get()
                fallback=move || {
                    let text = text.clone();
                    view! {
                        <p class="note-text">
                            {text.unwrap_or_else(|| tr(Key::NoteWasDeleted)().to_string())}
                        </p>
                    }
                }
            >
                <form
                    class="note-edit"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save_edit();
                    }
                >
                    <label class="visually-hidden" for=format!("edit-{}", note.note.id)>{tr(Key::EditNoteLabel)}</label>
                    <textarea
                        id=format!("edit-{}", note.note.id)
                        rows="4"
                        maxlength=MAX_NOTE_CHARS.to_string()
                        prop:value=move || draft.get()
                        on:input:target=move |ev| set_draft.set(ev.target().value())
                        on:keydown=move |ev| {
                            if is_submit_shortcut(&ev) {
                                ev.prevent_default();
                                save_edit();
                            }
                        }
                    ></textarea>
                    <WorkDateInput id=format!("edit-date-{}", note.note.id) value=draft_date />
                    <Attacher attaching id=format!("edit-attach-{}", note.note.id) />
                    {move || files_error.get().map(|e| view! { <p class="field-error save-files-error" role="alert">{e}</p> })}
                    <SubmitOrCancel submit=Key::SaveNote on_cancel=move || set_editing.set(false) />
                </form>
            </Show>
            <Show when=move || !editing.get()>
                <AttachmentList files=attachments.clone() />
            </Show>
            <ProblemError problem />
            {(note.mine && !deleted)
                .then(|| {
                    view! {
                        <div class="note-actions">
                            <button type="button" class="button-secondary" on:click=move |_| set_editing.set(true)>
                                {tr(Key::EditNote)}
                            </button>
                            <Show
                                when=move || confirming_delete.get()
                                fallback=move || {
                                    view! {
                                        <button
                                            type="button"
                                            class="button-secondary"
                                            on:click=move |_| set_confirming_delete.set(true)
                                        >
                                            {tr(Key::DeleteNote)}
                                        </button>
                                    }
                                }
                            >
                                <span class="confirm-delete" role="group">
                                    <span>{tr(Key::ConfirmDeleteNote)}</span>
                                    <button type="button" class="button-danger" on:click=move |_| delete()>
                                        {tr(Key::DeleteNote)}
                                    </button>
                                    <button
                                        type="button"
                                        class="button-secondary"
                                        on:click=move |_| set_confirming_delete.set(false)
                                    >
                                        {tr(Key::Cancel)}
                                    </button>
                                </span>
                            </Show>
                        </div>
                    }
                })}
            {(revisions.len() > 1)
                .then(|| {
                    view! {
                        <details class="note-history">
                            <summary>{move || fill(Key::NoteHistory, &[("n", &revision_count.to_string())])}</summary>
                            <ol>
                                {revisions
                                    .iter()
                                    .cloned()
                                    .map(|Revision { at, author, text, mark }| {
                                        view! {
                                            <li>
                                                <time datetime=at.to_string()>
                                                    {move || format_stamp(ui().lang.get(), at)}
                                                </time>
                                                {author.map(|a| format!(" · {a}"))}
                                                " · "
                                                <span class="revision-text">
                                                    {text.unwrap_or_else(|| tr(Key::NoteWasDeleted)().to_string())}
                                                </span>
                                                " "
                                                <MarkBadge mark />
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        </details>
                    }
                })}
        </li>
    }
}

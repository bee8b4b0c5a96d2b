//! Sending progress: "导出本单位进展" (this unit's records) and "导出全部" (everything this
//! device holds), as a download, and straight to a chat app where the device can share files.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::evidence::{Files, files as file_registry};
use super::store::{Store, store};
use super::trust::{Trust, trust};
use super::{fill, tr};
use crate::browser::{clock, download, files, files_db};
use crate::evidence::kept;
use crate::exchange::Scope;
use crate::exchange::attached::{entry, frame, parts};
use crate::exchange::file::{exportable_count, file_name, file_name_with_files};
use crate::foundation::digest::Digest;
use crate::i18n::{Key, format_size};
use files::Shared;

/// One file of an export with attachments, made and waiting to be saved.
#[derive(Clone)]
struct Part {
    name: String,
    blob: web_sys::Blob,
    files: Vec<Digest>,
}

/// Makes the files of an export with attachments: every record in each, the files split so
/// that each stays under the exchange limit, one file's bytes read at a time.
async fn with_attachments(
    store: Store,
    trust: Trust,
    registry: Files,
    scope: Scope,
) -> Option<(Vec<Part>, usize)> {
    let unit = store.profile.with_untracked(|p| p.unit)?;
    let (text, named) = trust.export_with_files(store, scope).await?;
    registry.reload().await;
    let here: Vec<&crate::ledger::Attachment> = registry.catalogue.with_untracked(|c| {
        named
            .iter()
            .filter(|f| c.get(&f.sha256).is_some_and(|e| e.is_here()))
            .collect()
    });
    let missing = named.len() - here.len();
    let split = parts(text.len() as u64, &here);
    let (head, tail) = frame(&text);
    let at = clock::now();
    let count = split.len();
    let mut made = Vec::new();
    for (k, part) in split.into_iter().enumerate() {
        let pieces = js_sys::Array::new();
        pieces.push(&head.as_str().into());
        let mut carried = Vec::new();
        for hash in &part {
            let Ok(Some(blob)) = files_db::blob(hash).await else {
                continue;
            };
            let Ok(bytes) = files_db::bytes_of(&blob).await else {
                continue;
            };
            pieces.push(&entry(hash, &bytes, carried.is_empty()).as_str().into());
            carried.push(*hash);
        }
        pieces.push(&tail.into());
        let blob = download::blob_of_parts(MIME, &pieces)?;
        made.push(Part {
            name: file_name_with_files(unit, scope, at, k + 1, count),
            blob,
            files: carried,
        });
    }
    Some((made, missing))
}

const MIME: &str = "application/json";

#[component]
pub fn ExportPanel() -> impl IntoView {
    let store = store();
    let can_share = files::can_share_files();
    let trust = trust();
    // What became of the last file: where it went (a message and the file's name).
    let (done, set_done) = signal(None::<(Key, String)>);
    let (failed, set_failed) = signal(false);
    let registry = file_registry();
    registry.ensure();
    let with_files = RwSignal::new(false);
    let building = RwSignal::new(false);
    let missing = RwSignal::new(0usize);
    let parts_left = RwSignal::new_local(Vec::<Part>::new());
    let part_count = RwSignal::new(0usize);
    // The files this device could send with its records, and their size.
    let sendable = Memo::new(move |_| {
        let unit = store.profile.with(|p| p.unit);
        registry.catalogue.with(|c| {
            store.ledger.with(|l| {
                let files = kept::named_by(
                    l.events()
                        .filter(|e| e.is_sealed() && unit.is_some_and(|u| e.unit == u)),
                );
                let here: Vec<u64> = files
                    .iter()
                    .filter(|f| c.get(&f.sha256).is_some_and(|e| e.is_here()))
                    .map(|f| f.size)
                    .collect();
                (here.len(), here.iter().sum::<u64>())
            })
        })
    });
    let save_part = move |part: Part| {
        download::download_blob(&part.name, &part.blob);
        let name = part.name.clone();
        spawn_local(async move {
            registry.mark_exported(&part.files, &part.name).await;
        });
        set_done.set(Some((Key::ExportedDownloaded, name)));
    };
    let export_files = move |scope: Scope| {
        building.set(true);
        set_done.set(None);
        spawn_local(async move {
            match with_attachments(store, trust, registry, scope).await {
                Some((mut made, lacking)) => {
                    missing.set(lacking);
                    part_count.set(made.len());
                    let first = made.remove(0);
                    save_part(first);
                    parts_left.set(made);
                    store.exported();
                    set_failed.set(false);
                }
                None => set_failed.set(true),
            }
            building.set(false);
        });
    };
    // Signing is asynchronous (WebCrypto): the file is made, then shared (the tablet's share
    // sheet, where the browser has one) or saved to the downloads, and the message says where
    // it went.
    let prepare = move |scope: Scope, share: bool| {
        let Some(unit) = store.profile.with_untracked(|p| p.unit) else {
            return;
        };
        set_done.set(None);
        spawn_local(async move {
            let Some(content) = trust.export_text(store, scope).await else {
                set_failed.set(true);
                return;
            };
            set_failed.set(false);
            let name = file_name(unit, scope, clock::now());
            let outcome = if share {
                match files::share_file(&name, MIME, &content).await {
                    Shared::Sent => Some(Key::ExportedShared),
                    Shared::Cancelled => {
                        set_done.set(Some((Key::ShareCancelled, name)));
                        return;
                    }
                    Shared::Failed => None,
                }
            } else {
                None
            };
            let key = match outcome {
                Some(key) => key,
                None => {
                    download::download_text(&name, MIME, &content);
                    if share {
                        Key::ShareFailedDownloaded
                    } else {
                        Key::ExportedDownloaded
                    }
                }
            };
            store.exported();
            set_done.set(Some((key, name)));
        });
    };
    let save = move |scope: Scope| {
        if with_files.get_untracked() {
            export_files(scope);
            return;
        }
        prepare(scope, false)
    };
    let share = move |scope: Scope| prepare(scope, true);
    let count = move |scope: Scope| {
        let unit = store.profile.with(|p| p.unit);
        unit.map(|u| store.ledger.with(|l| exportable_count(l, u, scope)))
            .unwrap_or(0)
    };
    let option = move |scope: Scope, label: Key, help: Key| {
        view! {
            <div class="export-option">
                <p class="export-help">
                    {tr(help)} " "
                    {move || fill(Key::RecordCount, &[("n", &count(scope).to_string())])}
                </p>
                <div class="form-actions">
                    <button type="button" on:click=move |_| save(scope)>{tr(label)}</button>
                    {can_share
                        .then(|| {
                            view! {
                                <button type="button" class="button-secondary" on:click=move |_| share(scope)>
                                    {tr(Key::ShareFile)}
                                </button>
                            }
                        })}
                </div>
            </div>
        }
    };
    view! {
        <section class="export-panel" aria-labelledby="export-heading">
            <h2 id="export-heading" tabindex="-1">{tr(Key::ExportHeading)}</h2>
            <Show
                when=move || store.profile.with(|p| p.unit.is_some())
                fallback=|| view! { <p class="hint">{tr(Key::PickUnitToRecord)}</p> }
            >
                <label class="export-with-files">
                    <input type="checkbox" prop:checked=move || with_files.get() on:change=move |_| with_files.update(|w| *w = !*w) />
                    {move || {
                        let (n, bytes) = sendable.get();
                        if n == 0 {
                            tr(Key::ExportNoFiles)().to_string()
                        } else {
                            fill(Key::ExportWithFiles, &[("n", &n.to_string()), ("size", &format_size(bytes))])
                        }
                    }}
                </label>
                {option(Scope::Unit, Key::ExportMine, Key::ExportMineHelp)}
                {option(Scope::All, Key::ExportAll, Key::ExportAllHelp)}
            </Show>
            <Show when=move || building.get()>
                <p role="status">{tr(Key::ExportBuilding)}</p>
            </Show>
            <Show when=move || { missing.get() > 0 }>
                <p class="hint export-files-missing">{move || fill(Key::ExportFilesMissing, &[("n", &missing.get().to_string())])}</p>
            </Show>
            <Show when=move || parts_left.with(|p| !p.is_empty())>
                <div class="export-parts">
                    <p>{move || fill(Key::ExportParts, &[("n", &part_count.get().to_string())])}</p>
                    {move || {
                        let total = part_count.get();
                        parts_left
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, part)| {
                                let k = total - parts_left.with_untracked(Vec::len) + i + 1;
                                let name = part.name.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="button-secondary export-part"
                                        on:click=move |_| {
                                            save_part(part.clone());
                                            parts_left.update(|p| p.retain(|q| q.name != name));
                                        }
                                    >
                                        {fill(Key::ExportPart, &[("k", &k.to_string()), ("n", &total.to_string())])}
                                    </button>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </Show>
            <Show when=move || failed.get()>
                <p class="notice notice-warning" role="alert">{tr(Key::ExportSignFailed)}</p>
            </Show>
            {move || {
                done.get()
                    .map(|(key, name)| {
                        view! { <p class="notice notice-info export-done" role="status">{fill(key, &[("file", &name)])}</p> }
                    })
            }}
        </section>
    }
}

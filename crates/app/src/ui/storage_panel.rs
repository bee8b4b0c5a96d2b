//! 存储与备份: whether the browser protects this site's data, how much it uses, when the last
//! export (the user's backup) was made, the unreadable data kept aside, each with a download
//! and a delete, and the stored records this version cannot read (left in place) with a
//! download of their copy.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::notices::megabytes;
use super::store::{KeptItem, store};
use super::{fill, tr, ui};
use crate::browser::device_storage;
use crate::i18n::{Key, format_stamp};

#[component]
pub fn StoragePanel() -> impl IntoView {
    let store = store();
    let state = store.persistence;
    spawn_local(store.measure());
    let protection = move || match state.with(|p| p.persisted) {
        Some(true) => Key::StorageProtected,
        Some(false) => Key::StorageNotProtected,
        None => Key::StorageProtectionUnknown,
    };
    let ask = move |_| {
        spawn_local(async move {
            let granted = device_storage::persist().await;
            state.update(|p| p.persisted = granted.or(p.persisted));
        });
    };
    let usage = move || match state.with(|p| p.estimate) {
        Some(e) => fill(
            Key::StorageUsage,
            &[
                ("used", &megabytes(e.usage)),
                ("free", &megabytes(e.free())),
            ],
        ),
        None => tr(Key::StorageUsageUnknown)().to_string(),
    };
    let last_export = move || match store.profile.with(|p| p.last_export) {
        Some(at) => fill(
            Key::LastExport,
            &[("when", &format_stamp(ui().lang.get(), at))],
        ),
        None => tr(Key::NeverExported)().to_string(),
    };
    view! {
        <section class="storage-panel" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{tr(Key::StorageHeading)}</h2>
            <p class="storage-protection">{move || tr(protection())()}</p>
            <Show when=move || state.with(|p| p.persisted != Some(true))>
                <button type="button" class="button-secondary" on:click=ask>
                    {tr(Key::AskProtection)}
                </button>
            </Show>
            <p class="storage-usage">{usage}</p>
            <p class="storage-last-export">{last_export}</p>
            <Show when=move || state.with(|p| p.unsaved > 0)>
                <p class="storage-unsaved">
                    {move || fill(Key::UnsavedCount, &[("n", &state.with(|p| p.unsaved).to_string())])}
                </p>
            </Show>
            <super::evidence::FilesStorage />
            <Show when=move || state.with(|p| !p.kept.is_empty() || p.unreadable_records > 0)>
                <h3>{tr(Key::KeptHeading)}</h3>
            </Show>
            <Show when=move || state.with(|p| p.unreadable_records > 0)>
                <p class="unreadable-records-item">
                    <span>
                        {move || fill(Key::UnreadableRecordsItem, &[("n", &state.with(|p| p.unreadable_records).to_string())])}
                    </span>
                    <button
                        type="button"
                        class="button-secondary unreadable-download"
                        on:click=move |_| store.download_unreadable()
                    >
                        {tr(Key::UnreadableRecordsDownload)}
                    </button>
                </p>
            </Show>
            <Show when=move || state.with(|p| !p.kept.is_empty())>
                <ul class="kept-list">
                    {move || {
                        state
                            .with(|p| p.kept.clone())
                            .into_iter()
                            .map(|item| view! { <KeptEntry item /> })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn KeptEntry(item: KeptItem) -> impl IntoView {
    let store = store();
    let confirming = RwSignal::new(false);
    let hash = item.hash.clone();
    let download = move |_| store.download_kept(&hash);
    let hash = item.hash.clone();
    let delete = move |_| {
        if confirming.get_untracked() {
            store.forget_kept(&hash);
        } else {
            confirming.set(true);
        }
    };
    let kb = item.bytes.div_ceil(1024).to_string();
    view! {
        <li class="kept-item">
            <span>
                {move || {
                    fill(
                        Key::KeptItem,
                        &[
                            ("source", &item.source),
                            ("when", &format_stamp(ui().lang.get(), item.found)),
                            ("kb", &kb),
                        ],
                    )
                }}
            </span>
            <button type="button" class="button-secondary" on:click=download>
                {tr(Key::KeptDownload)}
            </button>
            <button type="button" class="button-secondary kept-delete" on:click=delete>
                {move || if confirming.get() { tr(Key::KeptConfirmDelete)() } else { tr(Key::KeptDelete)() }}
            </button>
        </li>
    }
}

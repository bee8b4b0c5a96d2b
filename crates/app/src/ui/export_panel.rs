//! Sending progress: "导出本单位进展" (this unit's records) and "导出全部" (everything this
//! device holds), as a download, and straight to a chat app where the device can share files.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::store::store;
use super::trust::trust;
use super::{fill, tr};
use crate::browser::{clock, download, files};
use crate::exchange::Scope;
use crate::exchange::file::{exportable_count, file_name};
use crate::i18n::Key;

const MIME: &str = "application/json";

#[component]
pub fn ExportPanel() -> impl IntoView {
    let store = store();
    let can_share = files::can_share_files();
    let trust = trust();
    let (done, set_done) = signal(None::<String>);
    let (failed, set_failed) = signal(false);
    // Signing is asynchronous (WebCrypto): the file is made, then saved or shared.
    let prepare = move |scope: Scope, deliver: fn(&str, &str)| {
        let Some(unit) = store.profile.with_untracked(|p| p.unit) else {
            return;
        };
        spawn_local(async move {
            match trust.export_text(store, scope).await {
                Some(content) => {
                    let name = file_name(unit, scope, clock::now());
                    deliver(&name, &content);
                    store.exported();
                    set_failed.set(false);
                    set_done.set(Some(name));
                }
                None => set_failed.set(true),
            }
        });
    };
    let save = move |scope: Scope| {
        prepare(scope, |name, content| {
            download::download_text(name, MIME, content);
        })
    };
    let share = move |scope: Scope| {
        prepare(scope, |name, content| {
            files::share_file(name, MIME, content);
        })
    };
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
                {option(Scope::Unit, Key::ExportMine, Key::ExportMineHelp)}
                {option(Scope::All, Key::ExportAll, Key::ExportAllHelp)}
            </Show>
            <Show when=move || failed.get()>
                <p class="notice notice-warning" role="alert">{tr(Key::ExportSignFailed)}</p>
            </Show>
            {move || {
                done.get()
                    .map(|name| {
                        view! { <p class="notice notice-info" role="status">{fill(Key::Exported, &[("file", &name)])}</p> }
                    })
            }}
        </section>
    }
}

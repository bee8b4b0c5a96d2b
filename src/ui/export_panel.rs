//! Sending progress: "导出本单位进展" (this unit's records) and "导出全部" (everything this
//! device holds), as a download, and straight to a chat app where the device can share files.

use leptos::prelude::*;

use super::store::store;
use super::{fill, tr};
use crate::browser::{clock, download, files};
use crate::exchange::file::{file_name, records_for};
use crate::exchange::{Scope, export};
use crate::i18n::Key;

const MIME: &str = "application/json";

#[component]
pub fn ExportPanel() -> impl IntoView {
    let store = store();
    let can_share = files::can_share_files();
    let (done, set_done) = signal(None::<String>);
    let prepare = move |scope: Scope| {
        let profile = store.profile.get_untracked();
        let unit = profile.unit?;
        let at = clock::now();
        let content = store
            .ledger
            .with_untracked(|l| export(l, unit, profile.device, scope, at));
        Some((file_name(unit, scope, at), content))
    };
    let save = move |scope: Scope| {
        if let Some((name, content)) = prepare(scope)
            && download::download_text(&name, MIME, &content)
        {
            store.exported();
            set_done.set(Some(name));
        }
    };
    let share = move |scope: Scope| {
        if let Some((name, content)) = prepare(scope) {
            files::share_file(&name, MIME, &content);
            store.exported();
        }
    };
    let count = move |scope: Scope| {
        let unit = store.profile.with(|p| p.unit);
        unit.map(|u| store.ledger.with(|l| records_for(l, u, scope).len()))
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
            {move || {
                done.get()
                    .map(|name| {
                        view! { <p class="notice notice-info" role="status">{fill(Key::Exported, &[("file", &name)])}</p> }
                    })
            }}
        </section>
    }
}

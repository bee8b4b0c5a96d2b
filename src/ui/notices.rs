//! Banners about the state of things: the plan year being over, and anything about storage
//! (unreadable data kept as a backup, a save that failed, storage filling up or missing).

use leptos::prelude::*;

use super::store::{Persistence, Unreadable, WARN_SHARE, store};
use super::{fill, tr, ui};
use crate::browser::storage::{QUOTA_BYTES, StorageError};
use crate::i18n::{Key, format_date, format_percent};
use crate::ledger::document::LoadProblem;
use crate::ledger::lights::plan_is_over;
use crate::plan::milestones::milestones;
use crate::profile::ProfileProblem;

#[component]
pub fn PlanOverNotice() -> impl IntoView {
    let today = store().today;
    view! {
        <Show when=move || plan_is_over(today.get())>
            <p class="notice notice-info plan-over" role="note">
                {move || {
                    let (_, end) = milestones().plan_period();
                    fill(
                        Key::PlanOver,
                        &[
                            ("year", &milestones().plan_year.to_string()),
                            ("end", &format_date(ui().lang.get(), end)),
                        ],
                    )
                }}
            </p>
        </Show>
    }
}

fn unreadable_text(what: &Unreadable) -> String {
    match what {
        Unreadable::Ledger(LoadProblem::NotJson | LoadProblem::NotALedger) => {
            tr(Key::LedgerUnreadable)().to_string()
        }
        Unreadable::Ledger(LoadProblem::NewerVersion {
            found,
            kept,
            dropped,
        }) => fill(
            Key::LedgerNewer,
            &[
                ("version", &found.to_string()),
                ("kept", &kept.to_string()),
                ("dropped", &dropped.to_string()),
            ],
        ),
        Unreadable::Ledger(LoadProblem::SomeRecordsUnreadable { kept, dropped, .. }) => fill(
            Key::LedgerPartly,
            &[
                ("kept", &kept.to_string()),
                ("dropped", &dropped.to_string()),
            ],
        ),
        Unreadable::Profile(ProfileProblem::UnknownUnit(unit)) => {
            fill(Key::ProfileUnknownUnit, &[("unit", unit)])
        }
        Unreadable::Profile(_) => tr(Key::ProfileUnreadable)().to_string(),
    }
}

fn save_error_text(error: &StorageError) -> &'static str {
    match error {
        StorageError::QuotaExceeded => tr(Key::SaveFailedFull)(),
        StorageError::Unavailable => tr(Key::SaveFailedUnavailable)(),
        StorageError::Other(_) => tr(Key::SaveFailedOther)(),
    }
}

fn megabytes(bytes: usize) -> String {
    let hundredths = (bytes as u64 * 100).div_ceil(1024 * 1024);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[component]
pub fn StorageNotices() -> impl IntoView {
    let store = store();
    let state = store.persistence;
    let has = move |f: fn(&Persistence) -> bool| move || state.with(f);
    view! {
        <Show when=has(|p| p.unavailable)>
            <p class="notice notice-error" role="alert">{tr(Key::StorageUnavailable)}</p>
        </Show>
        <Show when=has(|p| !p.notices.is_empty())>
            <div class="notice notice-warning load-notice" role="alert">
                <ul>
                    {move || {
                        state
                            .with(|p| {
                                p.notices
                                    .iter()
                                    .map(|n| {
                                        let kept = if n.backup_key.is_some() {
                                            tr(Key::BackupKept)()
                                        } else {
                                            tr(Key::BackupFailedHeld)()
                                        };
                                        view! { <li>{unreadable_text(&n.what)} " " {kept}</li> }
                                    })
                                    .collect_view()
                            })
                    }}
                </ul>
                <button type="button" class="button-secondary" on:click=move |_| store.download_originals()>
                    {tr(Key::DownloadBackup)}
                </button>
            </div>
        </Show>
        <Show when=has(|p| p.save_error.is_some())>
            <div class="notice notice-error save-error" role="alert">
                <p>
                    {move || state.with(|p| p.save_error.as_ref().map(save_error_text).unwrap_or_default())}
                    " "
                    {tr(Key::SaveKeptInMemory)}
                </p>
                <button type="button" class="button-secondary" on:click=move |_| store.retry_save()>
                    {tr(Key::RetrySave)}
                </button>
            </div>
        </Show>
        <Show when=has(|p| !p.unavailable && p.used_share() >= WARN_SHARE)>
            <p class="notice notice-warning storage-warning" role="alert">
                {move || {
                    fill(
                        Key::StorageAlmostFull,
                        &[("percent", &format_percent(state.with(Persistence::used_share) * 100.0))],
                    )
                }}
            </p>
        </Show>
    }
}

/// How much of the usual 5 MB this origin's storage uses.
#[component]
pub fn StorageMeter() -> impl IntoView {
    let state = store().persistence;
    view! {
        <p class="storage-meter">
            {move || {
                let (used, unsaved) = state.with(|p| (p.used_bytes, p.unsaved));
                let text = fill(
                    Key::StorageUsed,
                    &[("used", &megabytes(used)), ("quota", &megabytes(QUOTA_BYTES))],
                );
                if unsaved { format!("{text} · {}", tr(Key::Unsaved)()) } else { text }
            }}
        </p>
    }
}

//! Banners about the state of things: the plan year being over, and anything about storage
//! (the database missing, blocked or upgraded elsewhere, unreadable data kept, a save that
//! failed, an export overdue), and this device's clock being behind the newest record it holds.

use leptos::prelude::*;

use super::store::{DbState, Persistence, store};
use super::{fill, navigate_to, tr, ui};
use crate::browser::clock;
use crate::browser::location::HistoryEntry;
use crate::foundation::time::Stamp;
use crate::i18n::{Key, format_date};
use crate::ledger::lights::plan_is_over;
use crate::plan::milestones::milestones;
use crate::profile::ProfileProblem;
use crate::route::View;
use crate::trust::hlc::clock_behind;
use crate::vault::WriteFailure;

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

fn profile_text(problem: &ProfileProblem) -> String {
    match problem {
        ProfileProblem::UnknownUnit(unit) => fill(Key::ProfileUnknownUnit, &[("unit", unit)]),
        ProfileProblem::Renamed { from, to } => {
            fill(Key::ProfileRenamed, &[("from", from), ("to", to)])
        }
        ProfileProblem::Unreadable | ProfileProblem::NewerVersion(_) => {
            tr(Key::ProfileUnreadable)().to_string()
        }
    }
}

pub fn save_error_text(error: &WriteFailure) -> &'static str {
    match error {
        WriteFailure::Full => tr(Key::SaveFailedFull)(),
        WriteFailure::Unavailable => tr(Key::SaveFailedUnavailable)(),
        WriteFailure::Other(_) => tr(Key::SaveFailedOther)(),
    }
}

/// Bytes as megabytes with two decimals, rounded up.
pub fn megabytes(bytes: u64) -> String {
    let hundredths = (bytes * 100).div_ceil(1024 * 1024);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn state_notice(state: DbState) -> Option<(Key, &'static str)> {
    match state {
        DbState::Unavailable => Some((Key::StorageUnavailable, "notice notice-error")),
        DbState::Blocked => Some((Key::StorageBlocked, "notice notice-warning")),
        DbState::Newer => Some((Key::StorageNewer, "notice notice-error")),
        DbState::Opening | DbState::Ready => None,
    }
}

fn go_to_exchange() {
    navigate_to(HistoryEntry::Push, |r| {
        r.view = View::Exchange;
        r.task = None;
    });
}

/// 本机时间可能不准: the newest record held is stamped later than this device's clock. Checked
/// again whenever the ledger changes or the day turns.
#[component]
pub fn ClockNotice() -> impl IntoView {
    let store = store();
    let newest = Memo::new(move |_| {
        store.today.track();
        let now = clock::now();
        store
            .ledger
            .with(|l| l.newest())
            .filter(|&held| clock_behind(now.utc_ms, Some(held)))
            .map(|held| {
                Stamp::new(held.ms, now.offset_minutes)
                    .unwrap_or(Stamp {
                        utc_ms: held.ms,
                        offset_minutes: 0,
                    })
                    .local_date()
            })
    });
    move || {
        newest.get().map(|date| {
            view! {
                <p class="notice notice-warning clock-behind" role="alert">
                    {move || fill(Key::ClockBehind, &[("date", &format_date(ui().lang.get(), date))])}
                </p>
            }
        })
    }
}

#[component]
pub fn StorageNotices() -> impl IntoView {
    let store = store();
    let state = store.persistence;
    let has = move |f: fn(&Persistence) -> bool| move || state.with(f);
    view! {
        {move || {
            state_notice(state.with(|p| p.state))
                .map(|(key, class)| view! { <p class=class role="alert">{tr(key)}</p> })
        }}
        {move || {
            state
                .with(|p| {
                    p.profile_problem.as_ref().map(|problem| {
                        let class = if problem.keeps_backup() {
                            "notice notice-warning profile-notice"
                        } else {
                            "notice notice-info profile-notice profile-renamed"
                        };
                        (class, profile_text(problem))
                    })
                })
                .map(|(class, text)| view! { <p class=class role="alert">{text}</p> })
        }}
        <Show when=has(|p| p.unreadable_records > 0)>
            <p class="notice notice-warning unreadable-records" role="alert">
                {move || fill(Key::RecordsUnreadable, &[("n", &state.with(|p| p.unreadable_records).to_string())])}
            </p>
        </Show>
        <Show when=has(|p| !p.kept.is_empty())>
            <p class="notice notice-warning load-notice" role="alert">
                {move || fill(Key::KeptNotice, &[("n", &state.with(|p| p.kept.len()).to_string())])}
            </p>
        </Show>
        <Show when=has(|p| p.save_error.is_some())>
            <div class="notice notice-error save-error" role="alert">
                <p>
                    {move || state.with(|p| p.save_error.as_ref().map(save_error_text).unwrap_or_default())}
                    " "
                    {move || fill(Key::SaveKeptInMemory, &[("n", &state.with(|p| p.unsaved).to_string())])}
                </p>
                <button type="button" class="button-secondary" on:click=move |_| store.retry_save()>
                    {tr(Key::RetrySave)}
                </button>
            </div>
        </Show>
        <ClockNotice />
        <Show when=move || store.export_due()>
            <div class="notice notice-info export-reminder" role="note">
                <p>{tr(Key::ExportReminder)}</p>
                <button type="button" class="button-secondary" on:click=move |_| go_to_exchange()>
                    {tr(Key::GoToExport)}
                </button>
            </div>
        </Show>
    }
}

/// How much this site's storage uses, and whether anything is unsaved.
#[component]
pub fn StorageMeter() -> impl IntoView {
    let state = store().persistence;
    view! {
        <p class="storage-meter">
            {move || {
                let (usage, unsaved) = state.with(|p| (p.estimate.map(|e| e.usage), p.unsaved));
                let text = usage
                    .map(|used| fill(Key::StorageUsed, &[("used", &megabytes(used))]))
                    .unwrap_or_default();
                if unsaved > 0 { format!("{text} · {}", tr(Key::Unsaved)()) } else { text }
            }}
        </p>
    }
}

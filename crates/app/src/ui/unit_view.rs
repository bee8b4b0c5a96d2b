//! One unit's view of one task, as the coordinating office opens it from a 汇总 cell: the
//! unit's status with its reason and the date of the work, its light, figures, notes and
//! status trail, and when it last recorded anything. No status buttons, no note box (a unit
//! records only from its own view); where the unit is blocked, the office answers it here
//! (`coordination.rs`).

use leptos::prelude::*;

use super::coordination::{AnswerView, CoordinationForm};
use super::light::{LightBadge, StatusBadge};
use super::notes::NoteList;
use super::status_control::StatusHistory;
use super::store::store;
use super::targets::TargetPanel;
use super::{fill, tr, ui};
use crate::i18n::{Key, format_date, format_stamp};
use crate::ledger::lights::assess_for;
use crate::plan::targets::targets_of;
use crate::plan::{Task, UnitId};

#[component]
pub fn UnitTaskView(task: &'static Task, unit: UnitId) -> impl IntoView {
    let store = store();
    let summary = move || store.overview.with(|o| o.get(task.id, unit).cloned());
    let assessment = Signal::derive(move || {
        store
            .overview
            .with(|o| assess_for(o, task.id, unit, store.today.get()))
    });
    let status = move || summary().and_then(|s| s.status);
    view! {
        <section class="unit-view" aria-labelledby="unit-view-heading" data-unit=unit.name()>
            <h3 id="unit-view-heading">{move || fill(Key::UnitViewHeading, &[("unit", unit.name())])}</h3>
            <p class="hint read-only-hint">{move || fill(Key::UnitViewReadOnly, &[("unit", unit.name())])}</p>
            <div class="detail-light">
                <span class="detail-light-unit">{unit.name()}</span>
                <LightBadge assessment with_reason=true />
            </div>
            <p class="status-now unit-status">
                <StatusBadge status=Signal::derive(move || status().map(|s| s.status)) />
                {move || {
                    status()
                        .map(|s| {
                            let lang = ui().lang.get();
                            let day = fill(Key::WorkDateOn, &[("date", &format_date(lang, s.work_date))]);
                            let by = s.author.map(|a| format!(" · {a}")).unwrap_or_default();
                            format!(" {day}{by}")
                        })
                }}
            </p>
            {move || {
                status()
                    .and_then(|s| s.reason)
                    .map(|r| {
                        view! {
                            <p class="status-reason unit-reason">
                                <strong>{tr(Key::BlockedReasonLabel)}</strong>
                                " "
                                {r}
                            </p>
                        }
                    })
            }}
            <AnswerView task=task.id unit />
            <CoordinationForm task=task.id unit />
            <p class="last-record">
                {move || match summary().and_then(|s| s.last_activity) {
                    Some(at) => fill(Key::LastRecord, &[("when", &format_stamp(ui().lang.get(), at))]),
                    None => tr(Key::NothingSent)().to_string(),
                }}
            </p>
            {(targets_of(task.id).next().is_some())
                .then(|| view! { <TargetPanel task=task.id unit read_only=true /> })}
            <NoteList task=task.id only=unit />
            <StatusHistory task=task.id only=unit />
        </section>
    }
}

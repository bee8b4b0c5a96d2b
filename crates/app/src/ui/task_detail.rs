//! One task in full: its text, units and roles, and, for a unit it concerns, the controls to
//! record its status, notes and figures, with the history of all of them. Opened from a 汇总
//! cell (`of`), it shows that unit's view of the task instead, read-only unless it is the
//! user's own unit.

use leptos::prelude::*;

use super::light::{LightBadge, StatusBadge};
use super::notes::{NoteEditor, NoteList};
use super::status_control::{StatusControl, StatusHistory};
use super::store::store;
use super::targets::TargetPanel;
use super::task_card::{RepeatedBadge, TaskUnits};
use super::unit_view::UnitTaskView;
use super::{fill, navigate_to, tr, ui};
use crate::browser::location::HistoryEntry;
use crate::i18n::Key;
use crate::i18n::format_stamp;
use crate::ledger::consolidated::responsibility;
use crate::ledger::lights::assess_for;
use crate::plan::targets::targets_of;
use crate::plan::{Task, TaskId, UnitId, plan};

/// Can `unit` record on `task`? Only units it concerns, the coordinating office included: the
/// office records a status only on the tasks it is itself assigned to.
pub fn may_record(task: &Task, unit: UnitId) -> bool {
    task.concerns(unit)
}

#[component]
pub fn TaskDetail(task: TaskId, of: Option<UnitId>) -> impl IntoView {
    let Some(task) = plan().task(task) else {
        return view! { <p class="notice notice-warning">{tr(Key::NoSuchTask)}</p> }.into_any();
    };
    let store = store();
    let unit = move || store.profile.with(|p| p.unit);
    let recording_unit = move || unit().filter(|u| may_record(task, *u));
    // Another unit's cell: that unit's view, read-only.
    let other_unit = move || of.filter(|o| unit() != Some(*o));
    let heading = NodeRef::<leptos::html::H2>::new();
    // Move focus to the detail when it opens, so keyboard and screen-reader users land there.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let close = move |_| navigate_to(HistoryEntry::Push, |r| r.task = None);
    view! {
        <section class="task-detail" aria-labelledby="detail-heading" data-task=task.id.0>
            <div class="detail-head">
                <h2 id="detail-heading" tabindex="-1" node_ref=heading>
                    {move || fill(Key::TaskNumber, &[("n", &task.printed_number)])}
                    " "
                    <RepeatedBadge task />
                </h2>
                <button type="button" class="button-secondary close-detail" on:click=close>
                    {tr(Key::CloseDetail)}
                </button>
            </div>
            <p class="detail-area">
                {plan().area(task.area).map(|a| a.heading.as_str())}
            </p>
            <p class="measure measure-full">{task.measure.as_str()}</p>
            <TaskUnits task />
            {move || {
                other_unit()
                    .map(|of| {
                        view! {
                            <UnitTaskView task unit=of />
                            <p>
                                <a
                                    href=move || super::task_href(task.id)
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        navigate_to(HistoryEntry::Push, |r| r.of = None);
                                    }
                                >
                                    {tr(Key::AllUnitsOfTask)}
                                </a>
                            </p>
                        }
                    })
            }}
            <Show when=move || other_unit().is_none()>
            {move || match recording_unit() {
                Some(unit) => {
                    let assessment = Signal::derive(move || {
                        store.overview.with(|o| assess_for(o, task.id, unit, store.today.get()))
                    });
                    view! {
                        <div class="detail-light">
                            <span class="detail-light-unit">{unit.name()}</span>
                            <LightBadge assessment with_reason=true />
                        </div>
                        <StatusControl task=task.id unit />
                        <super::coordination::AnswerView task=task.id unit />
                        {(targets_of(task.id).next().is_some())
                            .then(|| view! { <TargetPanel task=task.id unit /> })}
                        <NoteEditor task=task.id />
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p class="hint not-yours">
                            {move || match unit() {
                                Some(u) => fill(Key::NotYourTask, &[("unit", u.name())]),
                                None => tr(Key::PickUnitToRecord)().to_string(),
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
            <UnitsProgress task />
            <NoteList task=task.id />
            <StatusHistory task=task.id />
            </Show>
        </section>
    }
    .into_any()
}

/// Every responsible unit's progress on the task, and any other unit that recorded on it.
#[component]
fn UnitsProgress(task: &'static Task) -> impl IntoView {
    let store = store();
    let rows = move || {
        store.overview.with(|o| {
            UnitId::all_units()
                .filter(|&u| responsibility(task, u).is_some() || o.get(task.id, u).is_some())
                .map(|u| {
                    let summary = o.get(task.id, u);
                    (
                        u,
                        assess_for(o, task.id, u, store.today.get()),
                        summary.and_then(|s| s.status.as_ref().map(|s| s.status)),
                        summary.and_then(|s| s.last_activity),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details class="units-progress">
            <summary>{move || fill(Key::UnitsProgressHeading, &[("n", &rows().len().to_string())])}</summary>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::UnitLabel)}</th>
                        <th scope="col">{tr(Key::LightLabel)}</th>
                        <th scope="col">{tr(Key::StatusHeading)}</th>
                        <th scope="col">{tr(Key::LastActivity)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|(unit, assessment, status, latest)| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a
                                                href=move || super::cell_href(task.id, unit)
                                                on:click=move |ev| {
                                                    ev.prevent_default();
                                                    navigate_to(HistoryEntry::Push, |r| r.of = Some(unit));
                                                }
                                            >
                                                {unit.name()}
                                            </a>
                                        </th>
                                        <td><LightBadge assessment=Signal::stored(assessment) /></td>
                                        <td><StatusBadge status=Signal::stored(status) /></td>
                                        <td>
                                            {latest
                                                .map(|at| format_stamp(ui().lang.get(), at))
                                                .unwrap_or_else(|| tr(Key::NothingSent)().to_string())}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </details>
    }
}

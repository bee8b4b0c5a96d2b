//! One task: its printed number, measure text, lead units with their roles and cooperating
//! units; for the chosen unit, how the task concerns it.

use leptos::prelude::*;

use super::light::{LightBadge, StatusBadge};
use super::store::store;
use super::{fill, task_href, tr, ui};
use crate::describe::roles_text;
use crate::i18n::Key;
use crate::ledger::lights::assess_for;
use crate::plan::{Assignment, Task, UnitId};

#[component]
pub fn TaskCard(task: &'static Task) -> impl IntoView {
    let route = ui().route;
    let chosen = move || route.with(|r| r.filter.unit);
    let number_id = format!("task-{}-number", task.id.0);
    let labelled_by = number_id.clone();
    let concerned = move || chosen().filter(|unit| task.concerns(*unit));
    view! {
        <li class="task" data-task=task.id.0 aria-labelledby=labelled_by>
            <div class="task-head">
                <span class="task-number" id=number_id>
                    {move || fill(Key::TaskNumber, &[("n", &task.printed_number)])}
                </span>
                <RepeatedBadge task />
            </div>
            <p class="measure">{task.measure.as_str()}</p>
            <TaskUnits task />
            {move || {
                concerned()
                    .map(|unit| view! { <ul class="involvement">{involvement_line(unit, task)}</ul> })
            }}
            <div class="task-foot">
                <MyProgress task />
                <a class="open-detail" href=move || task_href(task.id)>
                    {tr(Key::OpenTask)}
                </a>
            </div>
        </li>
    }
}

/// "重复编号（表中第 52 行）" on the second task printed as 48.
#[component]
pub fn RepeatedBadge(task: &'static Task) -> impl IntoView {
    task.repeats_number.then(|| {
        view! {
            <span class="badge badge-repeated">
                {move || fill(Key::RepeatedNumber, &[("position", &task.id.0.to_string())])}
            </span>
        }
    })
}

/// The task's lead units with their roles, and its cooperating units.
#[component]
pub fn TaskUnits(task: &'static Task) -> impl IntoView {
    view! {
        <dl class="units">
            <div class="units-row">
                <dt>{tr(Key::LeadUnitsLabel)}</dt>
                <dd>
                    <UnitChips assignments=task.lead_units().collect() />
                </dd>
            </div>
            <div class="units-row">
                <dt>{tr(Key::CooperatingUnitsLabel)}</dt>
                <dd>
                    {if task.cooperating_units().next().is_none() {
                        view! { <span class="none">{tr(Key::NoCooperatingUnits)}</span> }.into_any()
                    } else {
                        view! { <UnitChips assignments=task.cooperating_units().collect() /> }.into_any()
                    }}
                </dd>
            </div>
        </dl>
    }
}

/// The user's unit's light and status on this task, when it concerns that unit.
#[component]
fn MyProgress(task: &'static Task) -> impl IntoView {
    let store = store();
    let unit = move || store.profile.with(|p| p.unit).filter(|u| task.concerns(*u));
    move || {
        unit().map(|unit| {
            let assessment = Signal::derive(move || {
                store
                    .overview
                    .with(|o| assess_for(o, task.id, unit, store.today.get()))
            });
            let status = Signal::derive(move || store.overview.with(|o| o.status(task.id, unit)));
            view! {
                <span class="my-progress">
                    <LightBadge assessment />
                    <StatusBadge status />
                </span>
                <super::targets::FigureLines task=task.id unit />
            }
        })
    }
}

#[component]
fn UnitChips(assignments: Vec<&'static Assignment>) -> impl IntoView {
    view! {
        <ul class="unit-chips">
            {assignments
                .into_iter()
                .map(|a| {
                    view! {
                        <li class="unit-chip" data-role=a.role.token()>
                            <span class="unit-name">{a.unit.name()}</span>
                            {(!a.wording.is_empty())
                                .then(|| view! { <span class="role-word">{a.wording}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// "区教育局 · 协助": how the task concerns the chosen unit, in the one vocabulary.
fn involvement_line(unit: UnitId, task: &'static Task) -> impl IntoView {
    view! {
        <li>
            <strong>{unit.name()}</strong>
            " · "
            <span class="role-words">{move || roles_text(ui().lang.get(), task, unit)}</span>
        </li>
    }
}

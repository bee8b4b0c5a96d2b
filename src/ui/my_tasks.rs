//! "My tasks": every task that concerns the user's unit, with its light, status, latest note
//! and next milestone; red (overdue, blocked) first, then yellow, then green.

use leptos::prelude::*;

use super::light::{LightBadge, StatusBadge, light_class, status_key};
use super::store::store;
use super::task_card::role_key;
use super::{fill, task_href, tr, ui};
use crate::describe::next_text;
use crate::i18n::{Key, format_stamp};
use crate::ledger::Status;
use crate::ledger::lights::{Assessment, Light, assess_for};
use crate::plan::{Task, UnitId, plan};

/// One row of the list, computed from the overview.
#[derive(Clone, PartialEq)]
struct Row {
    task: &'static Task,
    assessment: Assessment,
    status: Option<Status>,
}

fn rows(unit: UnitId) -> Vec<Row> {
    let store = store();
    let today = store.today.get();
    store.overview.with(|overview| {
        let mut rows: Vec<Row> = plan()
            .tasks
            .iter()
            .filter(|t| t.concerns(unit))
            .map(|task| Row {
                task,
                assessment: assess_for(overview, task.id, unit, today),
                status: overview.status(task.id, unit),
            })
            .collect();
        rows.sort_by_key(|r| (r.assessment.light, r.task.id));
        rows
    })
}

#[component]
pub fn MyTasks(unit: UnitId) -> impl IntoView {
    let rows = Memo::new(move |_| rows(unit));
    let count_status = move |status: Status| {
        rows.with(|rows| {
            rows.iter()
                .filter(|r| r.status.unwrap_or(Status::NotStarted) == status)
                .count()
        })
    };
    let count_light = move |light: Light| {
        rows.with(|rows| rows.iter().filter(|r| r.assessment.light == light).count())
    };
    view! {
        <section class="my-tasks" aria-labelledby="my-tasks-heading">
            <h2 id="my-tasks-heading" tabindex="-1">
                {move || fill(Key::MyTasksHeading, &[("unit", unit.name()), ("n", &rows.with(Vec::len).to_string())])}
            </h2>
            <dl class="counts" aria-label=tr(Key::CountsLabel)>
                {Status::ALL
                    .into_iter()
                    .map(|status| {
                        view! {
                            <div class=format!("count count-{}", status.token())>
                                <dt>{tr(status_key(status))}</dt>
                                <dd>{move || count_status(status)}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
                {[(Light::Red, Key::LightRed), (Light::Yellow, Key::LightYellow), (Light::Green, Key::LightGreen)]
                    .into_iter()
                    .map(|(light, key)| {
                        view! {
                            <div class=format!("count count-light-{}", light_class(light))>
                                <dt>{tr(key)}</dt>
                                <dd>{move || count_light(light)}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            <ol class="my-task-list">
                {move || rows.get().into_iter().map(|row| view! {
                    <MyTaskRow row unit />
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn MyTaskRow(row: Row, unit: UnitId) -> impl IntoView {
    let store = store();
    let task = row.task;
    let next = row.assessment.next;
    let latest_note = move || {
        store
            .overview
            .with(|o| o.get(task.id, unit).and_then(|s| s.latest_note.clone()))
    };
    let roles = task
        .involvements(unit)
        .map(|i| (i.role, i.via))
        .collect::<Vec<_>>();
    let selected = move || ui().route.with(|r| r.task == Some(task.id));
    view! {
        <li class="my-task" data-task=task.id.0 class:selected=selected>
            <a class="my-task-link" href=move || task_href(task.id) aria-current=move || selected().then_some("true")>
                <span class="my-task-head">
                    <span class="task-number">{move || fill(Key::TaskNumber, &[("n", &task.printed_number)])}</span>
                    <LightBadge assessment=Signal::stored(row.assessment) with_reason=true />
                    <StatusBadge status=Signal::stored(row.status) />
                </span>
                <span class="measure-excerpt">{task.measure.as_str()}</span>
                <span class="my-role">
                    {roles
                        .into_iter()
                        .map(|(role, via)| {
                            view! {
                                <span class="role-tag">
                                    {tr(role_key(role))}
                                    {via.map(|g| move || format!(" · {}", fill(Key::Via, &[("group", g.name())])))}
                                </span>
                            }
                        })
                        .collect_view()}
                </span>
                <span class="latest-note">
                    {move || match latest_note() {
                        Some(note) => {
                            fill(
                                Key::LatestNote,
                                &[("when", &format_stamp(ui().lang.get(), note.at)), ("text", &note.text)],
                            )
                        }
                        None => tr(Key::NoNotesYet)().to_string(),
                    }}
                </span>
                <span class="next-milestone">
                    {move || next_text(ui().lang.get(), next)}
                </span>
            </a>
        </li>
    }
}

//! All tasks that pass the filter, grouped by area with headings and counts.

use leptos::prelude::*;

use super::task_card::TaskCard;
use super::{fill, tr, ui};
use crate::i18n::Key;
use crate::plan::{Area, Task, TaskId, plan};

#[component]
pub fn TaskList() -> impl IntoView {
    let route = ui().route;
    let visible = Memo::new(move |_| {
        route.with(|r| {
            plan()
                .tasks
                .iter()
                .filter(|t| r.filter.matches(t))
                .map(|t| t.id)
                .collect::<Vec<TaskId>>()
        })
    });
    let count = move || {
        fill(
            Key::ResultCount,
            &[
                ("shown", &visible.with(Vec::len).to_string()),
                ("total", &plan().tasks.len().to_string()),
            ],
        )
    };
    view! {
        <section class="task-list" aria-labelledby="task-list-heading">
            <div class="task-list-head">
                <h2 id="task-list-heading" tabindex="-1">{tr(Key::TaskListHeading)}</h2>
                <p class="result-count" role="status">{count}</p>
            </div>
            <p class="empty" hidden=move || visible.with(|v| !v.is_empty())>
                {tr(Key::NoResults)}
            </p>
            {plan()
                .areas
                .iter()
                .map(|area| view! { <AreaSection area visible /> })
                .collect_view()}
        </section>
    }
}

#[component]
fn AreaSection(area: &'static Area, visible: Memo<Vec<TaskId>>) -> impl IntoView {
    let tasks = move || {
        visible.with(|v| {
            plan()
                .area_tasks(area)
                .iter()
                .filter(|t| v.contains(&t.id))
                .collect::<Vec<&'static Task>>()
        })
    };
    let heading_id = format!("area-{}", area.number);
    let labelled_by = heading_id.clone();
    view! {
        <section class="area" aria-labelledby=labelled_by hidden=move || tasks().is_empty()>
            <h3 id=heading_id>
                <span class="area-heading">{area.heading.as_str()}</span>
                <span class="area-count">
                    {move || fill(Key::AreaTaskCount, &[("n", &tasks().len().to_string())])}
                </span>
            </h3>
            <ol class="tasks">
                {move || tasks().into_iter().map(|task| view! {
                    <TaskCard task />
                }).collect_view()}
            </ol>
        </section>
    }
}

//! The task's quantitative targets (量化指标): the latest figure against each goal (a total as
//! a bar with its share, a level as met or not), and a form to record a dated figure.

use leptos::prelude::*;

use super::store::store;
use super::{fill, tr, ui};
use crate::describe::{district_text, figure_now_text, goal_text};
use crate::foundation::time::Date;
use crate::i18n::{Key, format_date, format_number, format_stamp};
use crate::ledger::lights::plan_is_over;
use crate::ledger::progress::{TargetProgress, district_total, progress_of};
use crate::plan::milestones::milestones;
use crate::plan::targets::{Target, TargetKind, targets_of};
use crate::plan::{TaskId, UnitId};

fn value_hint(target: &Target) -> Key {
    match target.kind {
        TargetKind::Total => Key::ValueHintTotal,
        TargetKind::Level => Key::ValueHintLevel,
        TargetKind::PerQuarter => Key::ValueHintQuarter,
    }
}

/// The day a new figure is for by default: today, or the plan's last day once it is over.
fn default_as_of(today: Date) -> Date {
    if plan_is_over(today) {
        milestones().plan_period().1
    } else {
        today
    }
}

#[component]
pub fn TargetPanel(
    task: TaskId,
    unit: UnitId,
    /// Figures only, without the form (another unit's figures, as the office sees them).
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let store = store();
    let progress = Memo::new(move |_| {
        store
            .overview
            .with(|o| progress_of(o, task, unit, store.today.get()))
    });
    view! {
        <section class="targets" aria-labelledby="targets-heading">
            <h3 id="targets-heading">{tr(Key::TargetsHeading)}</h3>
            <ul class="target-list">
                {targets_of(task)
                    .enumerate()
                    .map(|(index, target)| {
                        let this = move || progress.with(|p| p.get(index).cloned());
                        view! { <TargetRow target this=Signal::derive(this) task read_only /> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn TargetRow(
    target: &'static Target,
    this: Signal<Option<TargetProgress>>,
    task: TaskId,
    read_only: bool,
) -> impl IntoView {
    let store = store();
    let percent = move || this.with(|p| p.as_ref().and_then(|p| p.percent));
    let (value, set_value) = signal(String::new());
    let (as_of, set_as_of) = signal(default_as_of(store.today.get_untracked()).to_string());
    let (problem, set_problem) = signal(None::<Key>);
    let input_id = format!("figure-{}", target.id);
    let date_id = format!("figure-date-{}", target.id);
    let (start, end) = milestones().plan_period();
    let record = move || {
        let Some(number) = crate::i18n::parse_number(&value.get_untracked()) else {
            set_problem.set(Some(Key::FigureNotANumber));
            return;
        };
        let Ok(date) = Date::parse(&as_of.get_untracked()) else {
            set_problem.set(Some(Key::FigureBadDate));
            return;
        };
        if date < start || date > end {
            set_problem.set(Some(Key::FigureDateRange));
            return;
        }
        match store.record(|r, id, at| r.record_figure(id, task, at, &target.id, date, number)) {
            Ok(()) => {
                set_problem.set(None);
                set_value.set(String::new());
            }
            Err(_) => set_problem.set(Some(Key::FigureOutOfRange)),
        }
    };
    view! {
        <li class="target" data-target=target.id.as_str()>
            <p class="target-head">
                <span class="target-label">{target.label.as_str()}</span>
                <span class="target-goal">{move || fill(Key::TargetGoal, &[("goal", &goal_text(target))])}</span>
            </p>
            // Totals show their share as a bar; levels and quarterly counts are met or not.
            {(target.kind == TargetKind::Total)
                .then(|| {
                    view! {
                        <div
                            class="bar"
                            role="progressbar"
                            aria-label=target.label.as_str()
                            aria-valuemin="0"
                            aria-valuemax="100"
                            aria-valuenow=move || percent().map(|p| p.min(100).to_string())
                            aria-valuetext=move || percent().map(|p| format!("{p}%"))
                        >
                            <span class="bar-fill" style=move || format!("width: {}%", percent().unwrap_or(0).min(100))></span>
                        </div>
                    }
                })}
            // The latest figure and its pace, or once what is missing (never 尚未填报数值 twice).
            <p class="target-now" class:pace-met=move || this.with(|p| p.as_ref().is_some_and(TargetProgress::is_met))>
                {move || {
                    this.with(|p| {
                        p.as_ref()
                            .map(|p| figure_now_text(ui().lang.get(), p))
                            .unwrap_or_else(|| tr(Key::PaceNoData)().to_string())
                    })
                }}
            </p>
            // 全区合计 where several units report on this target.
            {move || {
                let total = store
                    .overview
                    .with(|o| district_total(o, task, target, store.today.get()));
                total.map(|t| view! { <p class="district-total">{move || district_text(ui().lang.get(), &t)}</p> })
            }}
            // `novalidate`: the 截至日期 limits are explained in our words (FieldError), not in the
            // browser's own bubble.
            <form
                class="figure-form"
                novalidate
                hidden=read_only
                on:submit=move |ev| {
                    ev.prevent_default();
                    record();
                }
            >
                <div class="field">
                    <label for=input_id.clone()>{move || fill(Key::FigureValueLabel, &[("unit", &target.unit)])}</label>
                    <input
                        id=input_id
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        aria-describedby=format!("figure-hint-{}", target.id)
                        prop:value=move || value.get()
                        on:input:target=move |ev| set_value.set(ev.target().value())
                    />
                </div>
                <div class="field">
                    <label for=date_id.clone()>{tr(Key::FigureDateLabel)}</label>
                    <input
                        id=date_id
                        type="date"
                        min=start.to_string()
                        max=end.to_string()
                        aria-describedby=format!("figure-date-hint-{}", target.id)
                        prop:value=move || as_of.get()
                        on:input:target=move |ev| set_as_of.set(ev.target().value())
                    />
                </div>
                <button type="submit">{tr(Key::RecordFigure)}</button>
                <p class="hint" id=format!("figure-hint-{}", target.id)>{tr(value_hint(target))}</p>
                <p class="hint" id=format!("figure-date-hint-{}", target.id)>{move || range_text(Key::FigureDateHelp)}</p>
                {move || {
                    problem
                        .get()
                        .map(|key| {
                            let text = if key == Key::FigureDateRange { range_text(key) } else { tr(key)().to_string() };
                            view! { <p class="field-error" role="alert">{text}</p> }
                        })
                }}
            </form>
        </li>
    }
}

/// A message naming the plan year's first and last day ({start}, {end}).
fn range_text(key: Key) -> String {
    let (start, end) = milestones().plan_period();
    let lang = ui().lang.get();
    fill(
        key,
        &[
            ("start", &format_date(lang, start)),
            ("end", &format_date(lang, end)),
        ],
    )
}

/// The unit's figures on a task's card: one line per target ("抽检批次：最新：… · 进度正常"),
/// only for targets with a figure.
#[component]
pub fn FigureLines(task: TaskId, unit: UnitId) -> impl IntoView {
    let store = store();
    let lines = move || {
        store.overview.with(|o| {
            progress_of(o, task, unit, store.today.get())
                .into_iter()
                .filter(|p| p.value.is_some())
                .collect::<Vec<_>>()
        })
    };
    move || {
        let lines = lines();
        (!lines.is_empty()).then(|| {
            view! {
                <ul class="figure-lines">
                    {lines
                        .into_iter()
                        .map(|p| {
                            let target = p.target;
                            view! {
                                <li class="figure-line" data-target=target.id.as_str()>
                                    <span class="figure-label">{target.label.as_str()}</span>
                                    "："
                                    {move || figure_now_text(ui().lang.get(), &p)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

/// Every figure recorded on the task (one per target and 截至 date, the latest entry), by unit,
/// newest first: the figures' part of 进展记录.
#[component]
pub fn FigureHistory(task: TaskId, only: Option<UnitId>) -> impl IntoView {
    let store = store();
    let entries = move || {
        store.overview.with(|o| {
            let mut all = Vec::new();
            for unit in o
                .units_with_records()
                .filter(|u| only.is_none_or(|o| o == *u))
            {
                let Some(summary) = o.get(task, unit) else {
                    continue;
                };
                for target in targets_of(task) {
                    for point in summary.figures.get(&target.id).into_iter().flatten() {
                        all.push((unit, target, point.clone()));
                    }
                }
            }
            all.sort_by_key(|(_, _, p)| std::cmp::Reverse((p.as_of, p.recorded.utc_ms)));
            all
        })
    };
    move || {
        let entries = entries();
        (!entries.is_empty()).then(|| {
            view! {
                <ol class="figure-history">
                    {entries
                        .into_iter()
                        .map(|(unit, target, point)| {
                            view! {
                                <li class="figure-entry" data-target=target.id.as_str()>
                                    <span class="who">{unit.name()}</span>
                                    " · "
                                    {move || {
                                        let lang = ui().lang.get();
                                        fill(
                                            Key::FigureHistoryLine,
                                            &[
                                                ("label", &target.label),
                                                ("value", &format_number(point.value)),
                                                ("unit", &target.unit),
                                                ("date", &format_date(lang, point.as_of)),
                                            ],
                                        )
                                    }}
                                    " · "
                                    <span class="when">
                                        {move || fill(Key::RecordedAt, &[("when", &format_stamp(ui().lang.get(), point.recorded))])}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
        })
    }
}

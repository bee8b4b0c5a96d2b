//! The task's quantitative targets (量化指标): the latest figure against each goal (a total as
//! a bar with its share, a level as met or not), and a form to record a dated figure.

use leptos::prelude::*;

use super::form::FieldError;
use super::store::store;
use super::{fill, tr, ui};
use crate::describe::{goal_text, latest_text, pace_text};
use crate::foundation::time::Date;
use crate::i18n::Key;
use crate::ledger::lights::plan_is_over;
use crate::ledger::progress::{TargetProgress, progress_of};
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
            set_problem.set(Some(Key::FigureOutsidePlan));
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
            <p class="target-now">
                {move || {
                    this.with(|p| {
                        p.as_ref()
                            .map(|p| latest_text(ui().lang.get(), p))
                            .unwrap_or_else(|| tr(Key::PaceNoData)().to_string())
                    })
                }}
                " · "
                <span class="pace" class:pace-met=move || this.with(|p| p.as_ref().is_some_and(TargetProgress::is_met))>
                    {move || this.with(|p| p.as_ref().map(|p| pace_text(ui().lang.get(), p)).unwrap_or_default())}
                </span>
            </p>
            <form
                class="figure-form"
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
                        prop:value=move || as_of.get()
                        on:input:target=move |ev| set_as_of.set(ev.target().value())
                    />
                </div>
                <button type="submit">{tr(Key::RecordFigure)}</button>
                <p class="hint" id=format!("figure-hint-{}", target.id)>{tr(value_hint(target))}</p>
                <FieldError problem />
            </form>
        </li>
    }
}

//! Setting a task's status for the user's unit (受阻 needs a reason), and the trail of every
//! status change on the task (留痕).

use leptos::prelude::*;

use super::form::{ProblemError, SubmitOrCancel, WorkDateInput, work_date_of};
use super::light::{StatusBadge, status_key};
use super::notes::MarkBadge;
use super::store::store;
use super::trust::trust;
use super::{fill, tr, ui};
use crate::i18n::{Key, format_date, format_stamp};
use crate::ledger::event::EventProblem;
use crate::ledger::event::MAX_REASON_CHARS;
use crate::ledger::view::status_history;
use crate::ledger::{Change, Status};
use crate::plan::{TaskId, UnitId};
use crate::trust::marks::mark;

#[component]
pub fn StatusControl(task: TaskId, unit: UnitId) -> impl IntoView {
    let store = store();
    let current = move || {
        store
            .overview
            .with(|o| o.get(task, unit).and_then(|s| s.status.clone()))
    };
    let (asking_reason, set_asking_reason) = signal(false);
    let (reason, set_reason) = signal(String::new());
    let (problem, set_problem) = signal(None::<EventProblem>);
    // One work date per action: the field above the buttons goes with the next tap (or
    // corrects the current status's date, below); after each action it is today again.
    let work_date = RwSignal::new(store.today.get_untracked().to_string());
    let baseline = RwSignal::new(work_date.get_untracked());
    let (unchanged, set_unchanged) = signal(false);
    let set = move |status: Status, reason: &str| {
        let day = work_date_of(work_date);
        let result = store.record(|r, id, at| r.set_status_on(id, task, at, day, status, reason));
        match result {
            Ok(()) => {
                set_problem.set(None);
                set_asking_reason.set(false);
                set_reason.set(String::new());
                let today = store.today.get_untracked().to_string();
                work_date.set(today.clone());
                baseline.set(today);
            }
            Err(problem) => set_problem.set(Some(problem)),
        }
    };
    // The date typed, when the user changed it and it differs from the current status's.
    let redate = move || {
        let now = current()?;
        let day = work_date_of(work_date)?;
        (work_date.get() != baseline.get() && day != now.work_date).then_some((now.status, day))
    };
    let choose = move |status: Status| {
        set_unchanged.set(false);
        if status == Status::Blocked {
            set_asking_reason.set(true);
        } else if current().map(|s| s.status) == Some(status) && redate().is_none() {
            // Re-tapping the current status writes nothing.
            set_unchanged.set(true);
        } else {
            set(status, "");
        }
    };
    view! {
        <section class="status-control" aria-labelledby="status-heading">
            <h3 id="status-heading">{tr(Key::StatusHeading)}</h3>
            <p class="status-now">
                <StatusBadge status=Signal::derive(move || current().map(|s| s.status)) />
                {move || {
                    current()
                        .map(|s| {
                            let lang = ui().lang.get();
                            let day = fill(Key::WorkDateOn, &[("date", &format_date(lang, s.work_date))]);
                            let by = s.author.map(|a| format!(" · {a}")).unwrap_or_default();
                            format!(" {day}{by}")
                        })
                }}
                {move || current().and_then(|s| s.reason).map(|r| view! { <span class="status-reason">{r}</span> })}
            </p>
            <p class="hint status-date-help">{tr(Key::StatusDateHelp)}</p>
            <WorkDateInput id=format!("status-date-{}", task.0) value=work_date />
            {move || {
                redate()
                    .map(|(status, day)| {
                        view! {
                            <button
                                type="button"
                                class="button-secondary status-redate"
                                on:click=move |_| {
                                    let reason = current().and_then(|s| s.reason).unwrap_or_default();
                                    set(status, &reason);
                                }
                            >
                                {move || {
                                    let lang = ui().lang.get();
                                    fill(
                                        Key::StatusRedate,
                                        &[("status", status_key(status).text(lang)), ("date", &format_date(lang, day))],
                                    )
                                }}
                            </button>
                        }
                    })
            }}
            <div class="status-buttons" role="group" aria-label=tr(Key::StatusHeading)>
                {Status::ALL
                    .into_iter()
                    .map(|status| {
                        view! {
                            <button
                                type="button"
                                class=format!("status-button status-button-{}", status.token())
                                aria-pressed=move || {
                                    (current().map(|s| s.status) == Some(status)).to_string()
                                }
                                on:click=move |_| choose(status)
                            >
                                {tr(status_key(status))}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <Show when=move || unchanged.get()>
                <p class="hint status-unchanged" role="status">{tr(Key::StatusUnchanged)}</p>
            </Show>
            <Show when=move || asking_reason.get()>
                <form
                    class="reason-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        set(Status::Blocked, &reason.get_untracked());
                    }
                >
                    <label for="blocked-reason">{tr(Key::ReasonLabel)}</label>
                    <textarea
                        id="blocked-reason"
                        rows="3"
                        required
                        maxlength=MAX_REASON_CHARS.to_string()
                        prop:value=move || reason.get()
                        on:input:target=move |ev| set_reason.set(ev.target().value())
                    ></textarea>
                    <SubmitOrCancel submit=Key::ConfirmBlocked on_cancel=move || set_asking_reason.set(false) />
                </form>
            </Show>
            <ProblemError problem />
        </section>
    }
}

/// Every status change on the task, by every unit (or only `only`), oldest first: the date of
/// the work, and the time it was entered.
#[component]
pub fn StatusHistory(task: TaskId, #[prop(optional)] only: Option<UnitId>) -> impl IntoView {
    let store = store();
    let roster = trust().roster;
    let entries = move || {
        let own = store.profile.with(|p| p.device);
        roster.with(|roster| {
            store.ledger.with(|ledger| {
                status_history(ledger, task, only)
                    .into_iter()
                    .filter_map(|e| match &e.change {
                        Change::Status { status, reason } => Some((
                            e.at,
                            e.work_date(),
                            e.unit,
                            e.author.clone(),
                            *status,
                            reason.clone(),
                            mark(e, roster, own),
                        )),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <Show when=move || !entries().is_empty()>
            <details class="status-history">
                <summary>{move || fill(Key::StatusHistoryHeading, &[("n", &entries().len().to_string())])}</summary>
                <ol>
                    {move || {
                        entries()
                            .into_iter()
                            .map(|(at, day, unit, author, status, reason, mark)| {
                                view! {
                                    <li>
                                        <span class="work-day">{move || format_date(ui().lang.get(), day)}</span>
                                        " · "
                                        <span class="when">
                                            {move || fill(Key::RecordedAt, &[("when", &format_stamp(ui().lang.get(), at))])}
                                        </span>
                                        " · "
                                        <span class="who">{unit.name()}</span>
                                        {author.map(|a| format!(" · {a}"))}
                                        " · "
                                        {tr(status_key(status))}
                                        {reason.map(|r| format!("：{r}"))}
                                        " "
                                        <MarkBadge mark />
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </details>
        </Show>
    }
}

//! Setting a task's status for the user's unit (受阻 needs a reason), and the trail of every
//! status change on the task (留痕).

use leptos::prelude::*;

use super::form::{FieldError, SubmitOrCancel};
use super::light::{StatusBadge, status_key};
use super::store::store;
use super::{fill, tr, ui};
use crate::i18n::{Key, format_stamp};
use crate::ledger::event::MAX_REASON_CHARS;
use crate::ledger::view::status_history;
use crate::ledger::{Change, Status};
use crate::plan::{TaskId, UnitId};

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
    let (problem, set_problem) = signal(None::<Key>);
    let set = move |status: Status, reason: &str| {
        let result = store.record(|r, id, at| r.set_status(id, task, at, status, reason));
        match result {
            Ok(()) => {
                set_problem.set(None);
                set_asking_reason.set(false);
                set_reason.set(String::new());
            }
            Err(_) => set_problem.set(Some(Key::ReasonRequired)),
        }
    };
    let choose = move |status: Status| {
        if status == Status::Blocked {
            set_asking_reason.set(true);
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
                            let when = format_stamp(ui().lang.get(), s.at);
                            let by = s.author.map(|a| format!(" · {a}")).unwrap_or_default();
                            format!(" {when}{by}")
                        })
                }}
                {move || current().and_then(|s| s.reason).map(|r| view! { <span class="status-reason">{r}</span> })}
            </p>
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
            <FieldError problem />
        </section>
    }
}

/// Every status change on the task, by every unit, oldest first.
#[component]
pub fn StatusHistory(task: TaskId) -> impl IntoView {
    let store = store();
    let entries = move || {
        store.ledger.with(|ledger| {
            status_history(ledger, task, None)
                .into_iter()
                .filter_map(|e| match &e.change {
                    Change::Status { status, reason } => {
                        Some((e.at, e.unit, e.author.clone(), *status, reason.clone()))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
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
                            .map(|(at, unit, author, status, reason)| {
                                view! {
                                    <li>
                                        <span class="when">{move || format_stamp(ui().lang.get(), at)}</span>
                                        " · "
                                        <span class="who">{unit.name()}</span>
                                        {author.map(|a| format!(" · {a}"))}
                                        " · "
                                        {tr(status_key(status))}
                                        {reason.map(|r| format!("：{r}"))}
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

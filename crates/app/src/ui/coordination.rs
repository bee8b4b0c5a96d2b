//! 需协调 on the screen: the list on the 汇总 page, each row a link to the task and unit; the
//! office's answer (协调意见: reply, unit to act, due date, 已协调) recorded from that unit's view;
//! and the answer shown on the task, to the office and to the unit once it imported it. What an
//! answer means now is decided in `ledger::coordination`.

use leptos::prelude::*;

use super::store::store;
use super::{cell_href, fill, navigate_to, tr, ui};
use crate::browser::location::HistoryEntry;
use crate::i18n::{Key, format_date, format_stamp, problem_text};
use crate::ledger::consolidated::Blocked;
use crate::ledger::coordination::{State, answer, state};
use crate::ledger::{Status, view::status_history};
use crate::plan::{TaskId, UnitId, plan};

fn state_key(state: State) -> (Key, &'static str) {
    match state {
        State::Open => (Key::CoordinationStateOpen, "open"),
        State::Answered => (Key::CoordinationStateAnswered, "answered"),
        State::Settled => (Key::CoordinationStateSettled, "settled"),
    }
}

/// The 需协调 list: every blocked (task, unit), each a link to that unit's view of the task.
#[component]
pub fn CoordinationList(blocked: Memo<Vec<Blocked>>) -> impl IntoView {
    move || {
        let lang = ui().lang.get();
        blocked.with(|list| {
            if list.is_empty() {
                return view! { <p class="none">{Key::NothingBlocked.text(lang)}</p> }.into_any();
            }
            let items = list
                .iter()
                .map(|b| {
                    let (task, unit) = (b.task, b.unit);
                    let printed = plan().task(task).map(|t| t.printed_number.clone()).unwrap_or_default();
                    let measure = plan().task(task).map(|t| t.measure.clone()).unwrap_or_default();
                    let (state_text, state_class) = state_key(b.state);
                    let answered = b.answer.as_ref().map(|a| {
                        let owner_due = fill(
                            Key::CoordinationOwnerDue,
                            &[("owner", a.owner.name()), ("due", &format_date(lang, a.due))],
                        );
                        view! {
                            <span class="coordination-row-answer">{a.reply.clone()} " · " {owner_due}</span>
                        }
                    });
                    view! {
                        <li class=format!("coordination-item state-{state_class}") data-task=task.0 data-unit=unit.name()>
                            <a
                                class="coordination-open"
                                href=untrack(|| cell_href(task, unit))
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    navigate_to(HistoryEntry::Push, |r| {
                                        r.task = Some(task);
                                        r.of = Some(unit);
                                    });
                                }
                            >
                                <span class="coordination-row-head">
                                    <span class=format!("coordination-state state-{state_class}")>{state_text.text(lang)}</span>
                                    <span class="coordination-row-task">{fill(Key::TaskNumber, &[("n", &printed)])}</span>
                                    <span class="coordination-row-unit">{unit.name()}</span>
                                    <span class="coordination-row-since">
                                        {Key::BlockedSince.text(lang)} " " {format_date(lang, b.since)}
                                    </span>
                                </span>
                                <span class="coordination-row-measure">{measure}</span>
                                <span class="coordination-row-reason">
                                    <strong>{Key::BlockedReasonLabel.text(lang)}</strong> " " {b.reason.clone()}
                                </span>
                                {answered}
                                <span class="coordination-row-action">{Key::CoordinationOpenTask.text(lang)} " ›"</span>
                            </a>
                            <super::evidence::EvidenceStrip task unit />
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="coordination-list">{items}</ul> }.into_any()
        })
    }
}

/// The office's current answer on (task, unit), if any: on the unit's task and in the office's
/// cell view alike.
#[component]
pub fn AnswerView(task: TaskId, unit: UnitId) -> impl IntoView {
    let store = store();
    move || {
        let lang = ui().lang.get();
        store.ledger.with(|l| {
            let found = answer(l, task, unit)?;
            let now = state(l, task, unit);
            let (state_text, state_class) = state_key(now);
            let by = fill(
                Key::CoordinationBy,
                &[
                    ("office", UnitId::coordinator().name()),
                    ("when", &format_stamp(lang, found.at)),
                ],
            );
            let owner_due = fill(
                Key::CoordinationOwnerDue,
                &[("owner", found.owner.name()), ("due", &format_date(lang, found.due))],
            );
            let revisions = (found.revisions > 1)
                .then(|| fill(Key::CoordinationRevisions, &[("n", &found.revisions.to_string())]));
            Some(view! {
                <div class=format!("coordination-answer state-{state_class}") data-unit=unit.name()>
                    <p class="coordination-answer-head">
                        <span class=format!("coordination-state state-{state_class}")>{state_text.text(lang)}</span>
                        " "
                        <strong>{by}</strong>
                        {revisions}
                    </p>
                    <p class="coordination-reply">{found.reply}</p>
                    <p class="coordination-owner-due">{owner_due}{found.author.map(|a| format!(" · {a}"))}</p>
                    {(now == State::Open)
                        .then(|| view! { <p class="hint">{Key::CoordinationBlockedAgain.text(lang)}</p> })}
                </div>
            })
        })
    }
}

/// The office answers `unit` on `task`: reply, unit to act, due date, 已协调. Shown to the
/// office in the unit's view of a task where the unit is blocked or was answered before.
#[component]
pub fn CoordinationForm(task: TaskId, unit: UnitId) -> impl IntoView {
    let store = store();
    let is_office = move || {
        store
            .profile
            .with(|p| p.unit == Some(UnitId::coordinator()))
    };
    let relevant = move || {
        store.ledger.with(|l| {
            answer(l, task, unit).is_some()
                || status_history(l, task, Some(unit)).last().is_some_and(|e| {
                    matches!(
                        e.change,
                        crate::ledger::Change::Status {
                            status: Status::Blocked,
                            ..
                        }
                    )
                })
        })
    };
    let current = store.ledger.with_untracked(|l| answer(l, task, unit));
    let today = store.today.get_untracked();
    let reply = RwSignal::new(String::new());
    let owner = RwSignal::new(current.as_ref().map_or(unit, |a| a.owner));
    let due = RwSignal::new(
        current
            .as_ref()
            .map_or(today.add_days(14), |a| a.due.max(today))
            .to_string(),
    );
    let resolved = RwSignal::new(false);
    let (message, set_message) = signal(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ui().lang.get_untracked();
        let Ok(due_date) = crate::foundation::time::Date::parse(&due.get_untracked()) else {
            set_message.set(Some((false, Key::ProblemDueInPast.text(lang).to_string())));
            return;
        };
        let text = reply.get_untracked();
        let result = store.record(|r, id, at| {
            r.coordinate(
                id,
                task,
                at,
                unit,
                &text,
                owner.get_untracked(),
                due_date,
                resolved.get_untracked(),
            )
        });
        match result {
            Ok(()) => {
                reply.set(String::new());
                set_message.set(Some((
                    true,
                    crate::i18n::fill(Key::CoordinationSaved, lang, &[("unit", unit.name())]),
                )));
            }
            Err(problem) => set_message.set(Some((false, problem_text(lang, &problem)))),
        }
    };
    let on_task: Vec<UnitId> = plan()
        .task(task)
        .map(|t| {
            UnitId::all_units()
                .filter(|u| !u.is_group() && t.concerns(*u))
                .collect()
        })
        .unwrap_or_default();
    let others: Vec<UnitId> = UnitId::all_units()
        .filter(|u| !u.is_group() && !on_task.contains(u))
        .collect();
    let option = move |u: UnitId| {
        view! { <option value=u.name() prop:selected=move || owner.get() == u>{u.name()}</option> }
    };
    view! {
        <Show when=move || is_office() && relevant()>
            <form class="coordination-form" on:submit=save>
                <h4>{tr(Key::CoordinationHeading)}</h4>
                <div class="field">
                    <label for="coordination-reply">{tr(Key::CoordinationReplyLabel)}</label>
                    <textarea
                        id="coordination-reply"
                        rows="3"
                        prop:value=move || reply.get()
                        on:input:target=move |ev| reply.set(ev.target().value())
                    ></textarea>
                </div>
                <div class="coordination-fields">
                    <div class="field">
                        <label for="coordination-owner">{tr(Key::CoordinationOwnerLabel)}</label>
                        <select
                            id="coordination-owner"
                            on:change:target=move |ev| {
                                if let Some(u) = UnitId::from_name(&ev.target().value()) {
                                    owner.set(u);
                                }
                            }
                        >
                            {on_task.clone().into_iter().map(option).collect_view()}
                            <option disabled>"──"</option>
                            {others.clone().into_iter().map(option).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="coordination-due">{tr(Key::CoordinationDueLabel)}</label>
                        <input
                            id="coordination-due"
                            type="date"
                            prop:value=move || due.get()
                            on:input:target=move |ev| due.set(ev.target().value())
                        />
                    </div>
                </div>
                <label class="check coordination-resolved">
                    <input
                        type="checkbox"
                        prop:checked=move || resolved.get()
                        on:change:target=move |ev| resolved.set(ev.target().checked())
                    />
                    <span>{tr(Key::CoordinationResolvedLabel)}</span>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button-primary coordination-save">{tr(Key::CoordinationSave)}</button>
                </div>
                {move || {
                    message
                        .get()
                        .map(|(ok, text)| {
                            if ok {
                                view! { <p class="notice notice-info coordination-saved" role="status">{text}</p> }.into_any()
                            } else {
                                view! { <p class="field-error coordination-problem" role="alert">{text}</p> }.into_any()
                            }
                        })
                }}
            </form>
        </Show>
    }
}

//! The year's rhythm on the screen (issue 20 §1–3): on 我的任务 a unit's rounds (where it
//! stands, 提交, the office's 退回 and why), its steps with dates, lights and 已完成, and the
//! 落实方案 editor (contact, measures, expected results, steps with 责任人, each step's
//! versions); on 汇总 the office's board: each unit's state in a round, the submitted text
//! read-only, 退回 with a reason, due dates and the office's own rounds, and 催报 (who is
//! missing, with the reminder text to copy). Every decision is in `ledger::rounds` and
//! `ledger::implementation`.

use leptos::prelude::*;

use super::light::light_class;
use super::store::store;
use super::{fill, tr, ui};
use crate::foundation::time::Date;
use crate::i18n::{
    Key, Lang, format_date, format_stamp, problem_text, reminder_text, round_due, round_name,
    step_problem, submission_state,
};
use crate::ledger::event::When;
use crate::ledger::implementation::{Step, StepInput, UnitPlan, step_history, tasks_of, unit_plan};
use crate::ledger::rounds::{self, Round, State, as_submitted, expected_units, missing};
use crate::ledger::{Change, RoundRef};
use crate::plan::{TaskId, UnitId, plan};

/// "2026年5月" or the day, as a step's date reads.
fn when_text(lang: Lang, when: When) -> String {
    match (when, lang) {
        (When::Day(d), _) => format_date(lang, d),
        (When::Month(y, m), Lang::Zh) => format!("{y}年{m}月"),
        (When::Month(y, m), Lang::En) => {
            let d = Date::new(y, m, 1)
                .map(|d| format_date(lang, d))
                .unwrap_or_default();
            d.split_once(' ')
                .map(|(_, rest)| rest.to_string())
                .unwrap_or(d)
        }
    }
}

fn task_label(task: TaskId) -> String {
    let t = plan().task(task);
    let printed = t.map(|t| t.printed_number.clone()).unwrap_or_default();
    fill(Key::TaskNumber, &[("n", &printed)])
}

fn task_measure(task: TaskId) -> String {
    plan()
        .task(task)
        .map(|t| t.measure.clone())
        .unwrap_or_default()
}

/// Copies `text` to the clipboard where the browser allows it (the text stays selectable in
/// its box either way).
fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    write
        .dyn_ref::<js_sys::Function>()
        .is_some_and(|f| f.call1(&clipboard, &text.into()).is_ok())
}

/// On 我的任务: the unit's rounds, its steps, and the 落实方案 editor.
#[component]
pub fn RhythmMine(unit: UnitId) -> impl IntoView {
    let store = store();
    let open = RwSignal::new(false);
    let all_rounds = Memo::new(move |_| store.ledger.with(rounds::rounds));
    let the_plan = Memo::new(move |_| store.ledger.with(|l| unit_plan(l, unit)));
    let owes = expected_units().contains(&unit);
    view! {
        <section class="rhythm-mine" aria-labelledby="rhythm-heading">
            <h3 id="rhythm-heading">{tr(Key::RhythmHeading)}</h3>
            <Show when=move || owes>
                <ul class="rhythm-rounds">
                    {move || {
                        all_rounds
                            .get()
                            .into_iter()
                            .map(|round| view! { <RoundLine unit round /> })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <MySteps unit the_plan />
            <button
                type="button"
                class="button-secondary open-implementation"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { tr(Key::ImplementationClose)() } else { tr(Key::ImplementationOpen)() }}
            </button>
            <Show when=move || open.get()>
                <ImplementationEditor unit the_plan />
            </Show>
        </section>
    }
}

/// One round for the unit: name, due date, where it stands, 退回's reason, 提交.
#[component]
fn RoundLine(unit: UnitId, round: Round) -> impl IntoView {
    let store = store();
    let r = round.round;
    let state = Memo::new(move |_| store.ledger.with(|l| rounds::state(l, r, unit)));
    let (problem, set_problem) = signal(None::<String>);
    let submit = move |_| {
        let lang = ui().lang.get_untracked();
        match store.record(|rec, id, at| rec.submit(id, at, r)) {
            Ok(()) => set_problem.set(None),
            Err(p) => set_problem.set(Some(problem_text(lang, &p))),
        }
    };
    let name = round.clone();
    let due = round.clone();
    view! {
        <li class=move || format!("rhythm-round state-{}", state.with(State::token)) data-round=r.token()>
            <span class="rhythm-round-name">{move || round_name(ui().lang.get(), &name)}</span>
            <span class="rhythm-round-due">{move || round_due(ui().lang.get(), &due)}</span>
            <span class="rhythm-round-state">{move || state.with(|s| submission_state(ui().lang.get(), s))}</span>
            {move || {
                state
                    .with(|s| match s {
                        State::Returned { reason, returned, .. } => Some((reason.clone(), *returned)),
                        _ => None,
                    })
                    .map(|(reason, when)| {
                        view! {
                            <p class="notice notice-warning rhythm-returned" role="status">
                                {move || fill(Key::ReturnedNotice, &[("when", &format_stamp(ui().lang.get(), when)), ("reason", &reason)])}
                            </p>
                        }
                    })
            }}
            <button
                type="button"
                class="button-primary rhythm-submit"
                disabled=move || {
                    state.with(|s| {
                        matches!(s, State::Submitted { .. })
                            || (matches!(s, State::NotStarted) && !matches!(r, RoundRef::Office(_)))
                    })
                }
                on:click=submit
            >
                {move || fill(Key::SubmitRound, &[("round", &round_name(ui().lang.get(), &round))])}
            </button>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        </li>
    }
}

/// The unit's steps on 我的任务, by date, with lights and 已完成.
#[component]
fn MySteps(unit: UnitId, the_plan: Memo<UnitPlan>) -> impl IntoView {
    let store = store();
    move || {
        let lang = ui().lang.get();
        let today = store.today.get();
        let steps: Vec<Step> = the_plan.with(|p| p.steps().into_iter().cloned().collect());
        if steps.is_empty() {
            return view! { <p class="hint my-steps-none">{Key::StepsNone.text(lang)}</p> }
                .into_any();
        }
        let red = steps
            .iter()
            .filter(|s| s.light(today) == crate::ledger::lights::Light::Red)
            .count();
        view! {
            <div class="my-steps">
                <h4>{fill(Key::StepsHeading, &[("n", &steps.len().to_string()), ("red", &red.to_string())])}</h4>
                <ol class="my-step-list">
                    {steps
                        .into_iter()
                        .map(|step| {
                            let light = step.light(today);
                            let (id, task, done) = (step.id, step.task, step.done);
                            let toggle = move |_| {
                                let _ = store.record(|r, new, at| r.step_done(new, task, at, id, !done));
                            };
                            let light_word = match light {
                                crate::ledger::lights::Light::Red => Key::StepLate,
                                crate::ledger::lights::Light::Yellow => Key::StepSoon,
                                _ if done => Key::StepDone,
                                _ => Key::StepOnTime,
                            };
                            view! {
                                <li class=format!("my-step light-{}", light_class(light)) data-step=id.to_string() data-task=task.0>
                                    <span class=format!("light light-{}", light_class(light))>
                                        <span class="light-dot" aria-hidden="true"></span>
                                        {light_word.text(lang)}
                                    </span>
                                    <span class="my-step-when">{when_text(lang, step.when)}</span>
                                    <span class="my-step-task">{task_label(task)}</span>
                                    <span class="my-step-what">{step.what.clone()}</span>
                                    <span class="my-step-person">{fill(Key::StepPersonIs, &[("person", &step.person)])}</span>
                                    <button type="button" class="button-secondary step-done" aria-pressed=done.to_string() on:click=toggle>
                                        {if done { Key::StepUndoDone.text(lang) } else { Key::StepMarkDone.text(lang) }}
                                    </button>
                                    {let _ = unit;}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </div>
        }
        .into_any()
    }
}

/// The 落实方案 editor: the contact, then each task's measures, results and steps.
#[component]
fn ImplementationEditor(unit: UnitId, the_plan: Memo<UnitPlan>) -> impl IntoView {
    view! {
        <div class="implementation-editor">
            <p class="hint">{tr(Key::ImplementationHelp)}</p>
            <ContactForm the_plan />
            {tasks_of(unit)
                .into_iter()
                .map(|task| view! { <TaskPlanForm unit task the_plan /> })
                .collect_view()}
        </div>
    }
}

/// The unit's contact (name, post, phone): one with the contact its device signs into every
/// export, so saving here also updates that one.
#[component]
fn ContactForm(the_plan: Memo<UnitPlan>) -> impl IntoView {
    let store = store();
    let current = the_plan.with_untracked(|p| p.contact.clone());
    let signed = store.profile.with_untracked(|p| p.contact.clone());
    let name = RwSignal::new(
        current
            .as_ref()
            .map(|c| c.name.clone())
            .or_else(|| signed.as_ref().map(|c| c.name.clone()))
            .unwrap_or_default(),
    );
    let post = RwSignal::new(current.as_ref().map(|c| c.post.clone()).unwrap_or_default());
    let phone = RwSignal::new(
        current
            .as_ref()
            .map(|c| c.phone.clone())
            .or_else(|| signed.as_ref().map(|c| c.phone.clone()))
            .unwrap_or_default(),
    );
    let (message, set_message) = signal(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ui().lang.get_untracked();
        let (n, p, ph) = (
            name.get_untracked(),
            post.get_untracked(),
            phone.get_untracked(),
        );
        match store.record(|r, id, at| r.contact(id, at, &n, &p, &ph)) {
            Ok(()) => {
                if let Ok(contact) = crate::trust::Contact::new(&n, &ph) {
                    store.update_profile(|profile| profile.contact = Some(contact));
                }
                set_message.set(Some((true, Key::ContactPlanSaved.text(lang).to_string())));
            }
            Err(problem) => set_message.set(Some((false, problem_text(lang, &problem)))),
        }
    };
    view! {
        <form class="plan-contact-form" on:submit=save>
            <h4>{tr(Key::PlanContactHeading)}</h4>
            <div class="plan-contact-fields">
                <div class="field">
                    <label for="plan-contact-name">{tr(Key::FieldContactName)}</label>
                    <input id="plan-contact-name" type="text" autocomplete="name"
                        prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for="plan-contact-post">{tr(Key::FieldContactPost)}</label>
                    <input id="plan-contact-post" type="text"
                        prop:value=move || post.get() on:input:target=move |ev| post.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for="plan-contact-phone">{tr(Key::PlanContactPhone)}</label>
                    <input id="plan-contact-phone" type="tel" autocomplete="tel"
                        prop:value=move || phone.get() on:input:target=move |ev| phone.set(ev.target().value()) />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button-primary plan-contact-save">{tr(Key::PlanContactSave)}</button>
            </div>
            <FormMessage message />
        </form>
    }
}

/// A saved note (role status) or a refusal (role alert) under a form.
#[component]
fn FormMessage(message: ReadSignal<Option<(bool, String)>>) -> impl IntoView {
    move || {
        message.get().map(|(ok, text)| {
            if ok {
                view! { <p class="notice notice-info form-saved" role="status">{text}</p> }
                    .into_any()
            } else {
                view! { <p class="field-error form-problem" role="alert">{text}</p> }.into_any()
            }
        })
    }
}

/// One task of the 落实方案: measures and expected results, the steps, a new step.
#[component]
fn TaskPlanForm(unit: UnitId, task: TaskId, the_plan: Memo<UnitPlan>) -> impl IntoView {
    let store = store();
    let current = the_plan.with_untracked(|p| p.tasks.get(&task).and_then(|t| t.measures.clone()));
    let measures = RwSignal::new(
        current
            .as_ref()
            .map(|m| m.measures.clone())
            .unwrap_or_default(),
    );
    let results = RwSignal::new(
        current
            .as_ref()
            .map(|m| m.results.clone())
            .unwrap_or_default(),
    );
    let (message, set_message) = signal(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ui().lang.get_untracked();
        let (m, r) = (measures.get_untracked(), results.get_untracked());
        match store.record(|rec, id, at| rec.implementation(id, task, at, &m, &r)) {
            Ok(()) => set_message.set(Some((true, Key::MeasuresSaved.text(lang).to_string()))),
            Err(problem) => set_message.set(Some((false, problem_text(lang, &problem)))),
        }
    };
    let steps = Memo::new(move |_| {
        the_plan.with(|p| {
            p.tasks
                .get(&task)
                .map(|t| t.steps.clone())
                .unwrap_or_default()
        })
    });
    let id = |what: &str| format!("plan-{what}-{}", task.0);
    let _ = unit;
    view! {
        <details class="plan-task" data-task=task.0>
            <summary>
                <span class="plan-task-number">{task_label(task)}</span>
                <span class="plan-task-measure">{task_measure(task)}</span>
                <span class="plan-task-count">{move || fill(Key::PlanTaskSteps, &[("n", &steps.with(Vec::len).to_string())])}</span>
            </summary>
            <form class="plan-measures-form" on:submit=save>
                <div class="field">
                    <label for=id("measures")>{tr(Key::FieldMeasures)}</label>
                    <textarea id=id("measures") class="plan-measures" rows="3"
                        prop:value=move || measures.get() on:input:target=move |ev| measures.set(ev.target().value())></textarea>
                </div>
                <div class="field">
                    <label for=id("results")>{tr(Key::FieldResults)}</label>
                    <textarea id=id("results") class="plan-results" rows="2"
                        prop:value=move || results.get() on:input:target=move |ev| results.set(ev.target().value())></textarea>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button-primary plan-measures-save">{tr(Key::MeasuresSave)}</button>
                </div>
                <FormMessage message />
            </form>
            <h5>{tr(Key::StepsOfTask)}</h5>
            <ol class="plan-step-list">
                <For each=move || steps.get() key=|s| (s.id, s.revisions, s.done) let:step>
                    <StepItem step />
                </For>
            </ol>
            <StepForm task step=None />
            <RemovedSteps task the_plan />
        </details>
    }
}

/// The task's removed steps, each with 恢复 (a new version with its last text).
#[component]
fn RemovedSteps(task: TaskId, the_plan: Memo<UnitPlan>) -> impl IntoView {
    let store = store();
    let removed = Memo::new(move |_| {
        the_plan.with(|p| {
            p.tasks
                .get(&task)
                .map(|t| t.removed.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || removed.with(|r| !r.is_empty())>
            <details class="removed-steps">
                <summary>{move || fill(Key::StepsRemoved, &[("n", &removed.with(Vec::len).to_string())])}</summary>
                <ol>
                    {move || {
                        let lang = ui().lang.get();
                        removed
                            .get()
                            .into_iter()
                            .map(|s| {
                                let (id, what, when, person) = (s.id, s.what.clone(), s.when, s.person.clone());
                                let restore = move |_| {
                                    let _ = store.record(|r, new, at| r.step(new, task, at, Some(id), &what, when, &person));
                                };
                                view! {
                                    <li class="removed-step">
                                        {when_text(lang, s.when)} " · " {s.what} " · " {s.person}
                                        <button type="button" class="button-secondary step-bring-back" on:click=restore>{Key::StepRestore.text(lang)}</button>
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

/// A step in the editor: its text, edit, remove, and its versions with 恢复此版本.
#[component]
fn StepItem(step: Step) -> impl IntoView {
    let store = store();
    let editing = RwSignal::new(false);
    let (id, task) = (step.id, step.task);
    let remove = move |_| {
        let _ = store.record(|r, new, at| r.delete_step(new, task, at, id));
    };
    let history = Memo::new(move |_| {
        store.ledger.with(|l| {
            step_history(l, id)
                .into_iter()
                .filter_map(|e| match &e.change {
                    Change::Step {
                        what, when, person, ..
                    } => Some((e.at, what.clone(), *when, person.clone())),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    });
    let shown = step.clone();
    view! {
        <li class="plan-step" data-step=id.to_string()>
            {move || {
                let lang = ui().lang.get();
                view! {
                    <span class="plan-step-when">{when_text(lang, shown.when)}</span>
                    <span class="plan-step-what">{shown.what.clone()}</span>
                    <span class="plan-step-person">{fill(Key::StepPersonIs, &[("person", &shown.person)])}</span>
                }
            }}
            <div class="plan-step-actions">
                <button type="button" class="button-secondary step-edit" on:click=move |_| editing.update(|e| *e = !*e)>{tr(Key::StepEdit)}</button>
                <button type="button" class="button-secondary step-remove" on:click=remove>{tr(Key::StepRemove)}</button>
            </div>
            <Show when=move || editing.get()>
                <StepForm task step=Some(step.clone()) />
            </Show>
            <Show when=move || history.with(|h| h.len() > 1)>
                <details class="step-history">
                    <summary>{move || fill(Key::StepVersions, &[("n", &history.with(Vec::len).to_string())])}</summary>
                    <ol>
                        {move || {
                            let lang = ui().lang.get();
                            history
                                .get()
                                .into_iter()
                                .map(|(at, what, when, person)| {
                                    let (w, p) = (what.clone(), person.clone());
                                    let restore = move |_| {
                                        let _ = store.record(|r, new, now| r.step(new, task, now, Some(id), &w, when, &p));
                                    };
                                    view! {
                                        <li class="step-version">
                                            <span>{format_stamp(lang, at)}</span>
                                            " · " {when_text(lang, when)} " · " {what} " · " {person}
                                            <button type="button" class="button-secondary step-restore" on:click=restore>{Key::StepRestore.text(lang)}</button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ol>
                </details>
            </Show>
        </li>
    }
}

/// A new step, or a step's new version: what, a day or a month, 责任人. A refusal says why and
/// keeps everything typed.
#[component]
fn StepForm(task: TaskId, step: Option<Step>) -> impl IntoView {
    let store = store();
    let suffix = step
        .as_ref()
        .map_or_else(|| format!("new-{}", task.0), |s| s.id.to_string());
    let what = RwSignal::new(step.as_ref().map(|s| s.what.clone()).unwrap_or_default());
    let by_month = RwSignal::new(matches!(
        step.as_ref().map(|s| s.when),
        Some(When::Month(..))
    ));
    let when = RwSignal::new(
        step.as_ref()
            .map(|s| s.when.to_string())
            .unwrap_or_default(),
    );
    let person = RwSignal::new(step.as_ref().map(|s| s.person.clone()).unwrap_or_default());
    let (message, set_message) = signal(None::<(bool, String)>);
    let existing = step.as_ref().map(|s| s.id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ui().lang.get_untracked();
        let input = StepInput {
            what: what.get_untracked(),
            when: when.get_untracked(),
            person: person.get_untracked(),
        };
        let date = match input.check() {
            Ok(date) => date,
            Err(problem) => {
                set_message.set(Some((false, step_problem(lang, &problem))));
                return;
            }
        };
        match store
            .record(|r, id, at| r.step(id, task, at, existing, &input.what, date, &input.person))
        {
            Ok(()) => {
                if existing.is_none() {
                    what.set(String::new());
                    when.set(String::new());
                    person.set(String::new());
                }
                set_message.set(Some((true, Key::StepSaved.text(lang).to_string())));
            }
            Err(problem) => set_message.set(Some((false, problem_text(lang, &problem)))),
        }
    };
    let (start, end) = plan().period();
    let id = move |what: &str| format!("step-{what}-{suffix}");
    view! {
        // `novalidate`: the app says what is wrong (a date outside the plan's year among
        // others) in its own words, not the browser's bubble.
        <form class="step-form" novalidate on:submit=save data-task=task.0>
            <div class="field">
                <label for=id("what")>{tr(Key::FieldStepWhat)}</label>
                <input id=id("what") class="step-what" type="text"
                    prop:value=move || what.get() on:input:target=move |ev| what.set(ev.target().value()) />
            </div>
            <div class="step-form-row">
                <label class="check step-by-month">
                    <input type="checkbox" prop:checked=move || by_month.get()
                        on:change:target=move |ev| { by_month.set(ev.target().checked()); when.set(String::new()); } />
                    <span>{tr(Key::StepByMonth)}</span>
                </label>
                <div class="field">
                    <label for=id("when")>{tr(Key::StepWhenLabel)}</label>
                    <input id=id("when") class="step-when"
                        type=move || if by_month.get() { "month" } else { "date" }
                        min=move || if by_month.get() { format!("{:04}-{:02}", start.year(), start.month()) } else { start.to_string() }
                        max=move || if by_month.get() { format!("{:04}-{:02}", end.year(), end.month()) } else { end.to_string() }
                        prop:value=move || when.get() on:input:target=move |ev| when.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for=id("person")>{tr(Key::FieldPerson)}</label>
                    <input id=id("person") class="step-person" type="text"
                        prop:value=move || person.get() on:input:target=move |ev| person.set(ev.target().value()) />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button-primary step-save">
                    {if existing.is_some() { tr(Key::StepSaveVersion) } else { tr(Key::StepAdd) }}
                </button>
            </div>
            <FormMessage message />
        </form>
    }
}

/// The office's board on 汇总: rounds, each unit's state, the submitted text, 退回, 催报.
#[component]
pub fn SubmissionBoard() -> impl IntoView {
    let store = store();
    let is_office = move || {
        store
            .profile
            .with(|p| p.unit == Some(UnitId::coordinator()))
    };
    let all_rounds = Memo::new(move |_| store.ledger.with(rounds::rounds));
    let chosen = RwSignal::new(RoundRef::Plan);
    let round = Memo::new(move |_| {
        let c = chosen.get();
        all_rounds.with(|all| {
            all.iter()
                .find(|r| r.round == c)
                .cloned()
                .or_else(|| all.first().cloned())
        })
    });
    let states = Memo::new(move |_| {
        let r = round
            .with(|r| r.as_ref().map(|r| r.round))
            .unwrap_or(RoundRef::Plan);
        store.ledger.with(|l| rounds::states(l, r))
    });
    view! {
        <section class="submission-board" aria-labelledby="submission-heading">
            <h3 id="submission-heading">{tr(Key::BoardHeading)}</h3>
            <div class="field">
                <label for="round-select">{tr(Key::RoundLabel)}</label>
                <select id="round-select" class="round-select"
                    on:change:target=move |ev| {
                        if let Ok(r) = RoundRef::parse(&ev.target().value()) {
                            chosen.set(r);
                        }
                    }
                >
                    {move || {
                        let lang = ui().lang.get();
                        all_rounds
                            .get()
                            .into_iter()
                            .map(|r| {
                                let value = r.round.token();
                                let label = format!("{}（{}）", round_name(lang, &r), round_due(lang, &r));
                                let rr = r.round;
                                view! { <option value=value prop:selected=move || chosen.get() == rr>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <Show when=is_office>
                <RoundForms round chosen />
            </Show>
            <table class="submission-matrix">
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::UnitLabel)}</th>
                        <th scope="col">{tr(Key::BoardState)}</th>
                        <th scope="col">{tr(Key::PlanContactHeading)}</th>
                        <th scope="col">{tr(Key::BoardActions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let r = round.with(|r| r.as_ref().map(|r| r.round)).unwrap_or(RoundRef::Plan);
                        states
                            .get()
                            .into_iter()
                            .map(|(unit, state)| view! { <BoardRow unit state round=r is_office=is_office() /> })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <Show when=is_office>
                <Reminder round />
            </Show>
            <div class="form-actions board-downloads">
                <button type="button" class="button-secondary board-csv" on:click=move |_| download_board(false)>{tr(Key::BoardCsv)}</button>
                <button type="button" class="button-secondary board-xlsx" on:click=move |_| download_board(true)>{tr(Key::BoardXlsx)}</button>
            </div>
        </section>
    }
}

/// 落实方案 and 报送情况 as CSV (the plans) or XLSX (both sheets).
fn download_board(xlsx: bool) {
    use crate::browser::download;
    use crate::report::{csv, submissions};
    let store = store();
    let lang = ui().lang.get_untracked();
    let today = store.today.get_untracked();
    let stem = format!(
        "{}-{}-{today}",
        Key::RoundPlan.text(lang),
        Key::BoardHeading.text(lang)
    );
    store.ledger.with_untracked(|l| {
        if xlsx {
            let sheets = [
                submissions::states_sheet(l, lang),
                submissions::plans_sheet(l, lang, today),
            ];
            download::download_bytes(
                &format!("{stem}.xlsx"),
                crate::report::xlsx::MIME,
                &crate::report::xlsx::workbook(&sheets),
            );
        } else {
            let sheet = submissions::plans_sheet(l, lang, today);
            download::download_text(
                &format!("{stem}.csv"),
                "text/csv;charset=utf-8",
                &csv::to_csv(&sheet),
            );
        }
    });
}

/// The office sets the chosen round's due date (and an office round's title, or takes it
/// back), and adds a round.
#[component]
fn RoundForms(round: Memo<Option<Round>>, chosen: RwSignal<RoundRef>) -> impl IntoView {
    let store = store();
    let due = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let new_title = RwSignal::new(String::new());
    let new_due = RwSignal::new(String::new());
    let (message, set_message) = signal(None::<(bool, String)>);
    Effect::new(move |_| {
        if let Some(r) = round.get() {
            due.set(r.due.map(|d| d.to_string()).unwrap_or_default());
            title.set(r.title.clone().unwrap_or_default());
        }
    });
    let record_round =
        move |target: Option<RoundRef>, title: Option<String>, due: &str, withdrawn: bool| {
            let lang = ui().lang.get_untracked();
            let Ok(date) = Date::parse(due.trim()) else {
                set_message.set(Some((false, Key::RoundDueMissing.text(lang).to_string())));
                return false;
            };
            match store
                .record(|r, id, at| r.set_round(id, at, target, title.as_deref(), date, withdrawn))
            {
                Ok(()) => {
                    set_message.set(Some((true, Key::RoundSaved.text(lang).to_string())));
                    true
                }
                Err(p) => {
                    set_message.set(Some((false, problem_text(lang, &p))));
                    false
                }
            }
        };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(r) = round.get_untracked() else {
            return;
        };
        let t = matches!(r.round, RoundRef::Office(_)).then(|| title.get_untracked());
        record_round(Some(r.round), t, &due.get_untracked(), false);
    };
    let withdraw = move |_| {
        let Some(r) = round.get_untracked() else {
            return;
        };
        if record_round(Some(r.round), r.title.clone(), &due.get_untracked(), true) {
            chosen.set(RoundRef::Plan);
        }
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if record_round(
            None,
            Some(new_title.get_untracked()),
            &new_due.get_untracked(),
            false,
        ) {
            new_title.set(String::new());
            new_due.set(String::new());
        }
    };
    let is_office_round =
        move || round.with(|r| matches!(r.as_ref().map(|r| r.round), Some(RoundRef::Office(_))));
    view! {
        <div class="round-forms">
            <form class="round-due-form" on:submit=save>
                <Show when=is_office_round>
                    <div class="field">
                        <label for="round-title">{tr(Key::FieldRoundTitle)}</label>
                        <input id="round-title" type="text" prop:value=move || title.get() on:input:target=move |ev| title.set(ev.target().value()) />
                    </div>
                </Show>
                <div class="field">
                    <label for="round-due">{tr(Key::RoundDueLabel)}</label>
                    <input id="round-due" type="date" prop:value=move || due.get() on:input:target=move |ev| due.set(ev.target().value()) />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button-primary round-due-save">{tr(Key::RoundSave)}</button>
                    <Show when=is_office_round>
                        <button type="button" class="button-secondary round-withdraw" on:click=withdraw>{tr(Key::RoundWithdraw)}</button>
                    </Show>
                </div>
            </form>
            <form class="round-new-form" on:submit=add>
                <h4>{tr(Key::RoundNewHeading)}</h4>
                <div class="field">
                    <label for="round-new-title">{tr(Key::FieldRoundTitle)}</label>
                    <input id="round-new-title" type="text" prop:value=move || new_title.get() on:input:target=move |ev| new_title.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for="round-new-due">{tr(Key::RoundDueLabel)}</label>
                    <input id="round-new-due" type="date" prop:value=move || new_due.get() on:input:target=move |ev| new_due.set(ev.target().value()) />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button-secondary round-add">{tr(Key::RoundAdd)}</button>
                </div>
            </form>
            <FormMessage message />
        </div>
    }
}

/// One unit in the board: its state, contact, the submitted text read-only, 退回.
#[component]
fn BoardRow(unit: UnitId, state: State, round: RoundRef, is_office: bool) -> impl IntoView {
    let store = store();
    let lang = ui().lang.get_untracked();
    let contact = store.ledger.with_untracked(|l| unit_plan(l, unit).contact);
    let contact_text = contact
        .map(|c| {
            let post = if c.post.is_empty() {
                String::new()
            } else {
                format!(" · {}", c.post)
            };
            format!("{}{post} · {}", c.name, c.phone)
        })
        .unwrap_or_else(|| Key::ReminderNoContact.text(lang).to_string());
    let submission = state.submission();
    let returnable = state.is_submitted();
    let reason = RwSignal::new(String::new());
    let (message, set_message) = signal(None::<(bool, String)>);
    let give_back = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ui().lang.get_untracked();
        let Some(sub) = submission else { return };
        let text = reason.get_untracked();
        match store.record(|r, id, at| r.return_submission(id, at, unit, round, sub, &text)) {
            Ok(()) => set_message.set(Some((true, Key::ReturnedSaved.text(lang).to_string()))),
            Err(p) => set_message.set(Some((false, problem_text(lang, &p)))),
        }
    };
    let submitted_text = submission.filter(|_| round == RoundRef::Plan).map(|sub| {
        let plan_then = store.ledger.with_untracked(|l| {
            l.get(&sub)
                .map(|s| UnitPlan::build(as_submitted(l, round, unit, s), unit))
        });
        view! {
            <details class="submitted-text">
                <summary>{tr(Key::BoardOpenSubmitted)}</summary>
                {plan_then.map(|p| view! { <PlanReadOnly the_plan=p /> })}
            </details>
        }
    });
    view! {
        <tr class=format!("submission-row state-{}", state.token()) data-unit=unit.name()>
            <th scope="row">{unit.name()}</th>
            <td class="submission-state">{submission_state(lang, &state)}</td>
            <td class="submission-contact">{contact_text}</td>
            <td class="submission-actions">
                {submitted_text}
                {(is_office && returnable).then(|| view! {
                    <form class="return-form" on:submit=give_back>
                        <label for=format!("return-{}", unit.name())>{tr(Key::ReturnReasonLabel)}</label>
                        <input id=format!("return-{}", unit.name()) class="return-reason" type="text"
                            prop:value=move || reason.get() on:input:target=move |ev| reason.set(ev.target().value()) />
                        <button type="submit" class="button-secondary return-submit">{tr(Key::ReturnSubmit)}</button>
                        <FormMessage message />
                    </form>
                })}
            </td>
        </tr>
    }
}

/// A 落实方案 as submitted, read-only.
#[component]
fn PlanReadOnly(the_plan: UnitPlan) -> impl IntoView {
    let lang = ui().lang.get_untracked();
    let contact = the_plan.contact.clone().map(|c| {
        view! { <p class="readonly-contact">{Key::PlanContactHeading.text(lang)} "：" {c.name} " " {c.post} " " {c.phone}</p> }
    });
    view! {
        <div class="plan-readonly">
            {contact}
            {the_plan
                .tasks
                .into_iter()
                .filter(|(_, t)| !t.is_empty())
                .map(|(task, t)| {
                    view! {
                        <section class="readonly-task" data-task=task.0>
                            <h5>{task_label(task)} " " {task_measure(task)}</h5>
                            {t.measures.map(|m| view! {
                                <p><strong>{Key::FieldMeasures.text(lang)} "："</strong>{m.measures}</p>
                                <p><strong>{Key::FieldResults.text(lang)} "："</strong>{m.results}</p>
                            })}
                            <ol>
                                {t.steps.into_iter().map(|s| view! {
                                    <li class="readonly-step">{when_text(lang, s.when)} " · " {s.what} " · " {fill(Key::StepPersonIs, &[("person", &s.person)])}</li>
                                }).collect_view()}
                            </ol>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// 催报: the units that have not submitted the round, with their contacts, and the text to copy.
#[component]
fn Reminder(round: Memo<Option<Round>>) -> impl IntoView {
    let store = store();
    let (copied, set_copied) = signal(false);
    let text = Memo::new(move |_| {
        let lang = ui().lang.get();
        let Some(r) = round.get() else {
            return String::new();
        };
        store.ledger.with(|l| {
            let owing: Vec<_> = missing(l, r.round)
                .into_iter()
                .map(|(u, s)| (u, s, unit_plan(l, u).contact))
                .collect();
            reminder_text(lang, &r, &owing)
        })
    });
    let count = Memo::new(move |_| {
        round.with(|r| {
            r.as_ref()
                .map(|r| store.ledger.with(|l| missing(l, r.round).len()))
                .unwrap_or(0)
        })
    });
    view! {
        <section class="reminder" aria-labelledby="reminder-heading">
            <h4 id="reminder-heading">{move || fill(Key::ReminderListHeading, &[("n", &count.get().to_string())])}</h4>
            <textarea
                class="reminder-text"
                readonly
                rows=move || text.with(|t| t.lines().count() + 1).to_string()
                aria-labelledby="reminder-heading"
                prop:value=move || text.get()
            ></textarea>
            <div class="form-actions">
                <button type="button" class="button-primary reminder-copy" on:click=move |_| set_copied.set(copy_text(&text.get_untracked()))>
                    {tr(Key::ReminderCopy)}
                </button>
            </div>
            <Show when=move || copied.get()>
                <p class="notice notice-info" role="status">{tr(Key::ReminderCopied)}</p>
            </Show>
        </section>
    }
}

// ---- rhythm-c (issue 20 §2): the 落实方案 as submitted, for the matrix's column header. ----

/// A unit's 落实方案 as it was submitted (read-only, the board's view), or where it stands
/// when nothing is submitted.
#[component]
pub fn SubmittedPlan(unit: UnitId) -> impl IntoView {
    let store = store();
    move || {
        let lang = ui().lang.get();
        store.ledger.with(|l| {
            let state = rounds::state(l, RoundRef::Plan, unit);
            match state.submission().and_then(|sub| l.get(&sub)) {
                Some(sub) => {
                    let the_plan =
                        UnitPlan::build(as_submitted(l, RoundRef::Plan, unit, sub), unit);
                    view! { <PlanReadOnly the_plan /> }.into_any()
                }
                None => view! {
                    <p class="hint matrix-plan-none">
                        {fill(
                            Key::MatrixPlanNotSubmitted,
                            &[("unit", unit.name()), ("state", &submission_state(lang, &state))],
                        )}
                    </p>
                }
                .into_any(),
            }
        })
    }
}

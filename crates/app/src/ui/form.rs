//! Pieces every form shares: the message under a field, and "save / cancel".

use leptos::prelude::*;

use super::{tr, ui};
use crate::i18n::{Key, problem_text};
use crate::ledger::event::EventProblem;

/// The reason a form was not accepted, announced when it appears.
#[component]
pub fn FieldError(problem: ReadSignal<Option<Key>>) -> impl IntoView {
    move || {
        problem
            .get()
            .map(|k| view! { <p class="field-error" role="alert">{tr(k)}</p> })
    }
}

/// Why a record was not saved (`EventProblem`), in the current language, announced when it
/// appears: which field, and for a refused character which one (U+XXXX).
#[component]
pub fn ProblemError(problem: ReadSignal<Option<EventProblem>>) -> impl IntoView {
    move || {
        problem.get().map(|p| {
            let text = problem_text(ui().lang.get(), &p);
            view! { <p class="field-error" role="alert">{text}</p> }
        })
    }
}

/// A submit button and a cancel button.
#[component]
pub fn SubmitOrCancel(submit: Key, on_cancel: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="form-actions">
            <button type="submit">{tr(submit)}</button>
            <button type="button" class="button-secondary" on:click=move |_| on_cancel()>
                {tr(Key::Cancel)}
            </button>
        </div>
    }
}

/// The date the work happened (工作日期): today by default, earlier if chosen, never later
/// (`max` is today; `Event::check` refuses a later date whatever the browser allows).
#[component]
pub fn WorkDateInput(id: String, value: RwSignal<String>) -> impl IntoView {
    let today = super::store::store().today;
    view! {
        <div class="field work-date">
            <label for=id.clone()>{tr(Key::WorkDateLabel)}</label>
            <input
                id=id
                type="date"
                max=move || today.get().to_string()
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
        </div>
    }
}

/// The work date typed in `value`: `None` when empty or unreadable (the day of entry).
pub fn work_date_of(value: RwSignal<String>) -> Option<crate::foundation::time::Date> {
    crate::foundation::time::Date::parse(value.get_untracked().trim()).ok()
}

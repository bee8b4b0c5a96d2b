//! Pieces every form shares: the message under a field, and "save / cancel".

use leptos::prelude::*;

use super::tr;
use crate::i18n::Key;

/// The reason a form was not accepted, announced when it appears.
#[component]
pub fn FieldError(problem: ReadSignal<Option<Key>>) -> impl IntoView {
    move || {
        problem
            .get()
            .map(|k| view! { <p class="field-error" role="alert">{tr(k)}</p> })
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

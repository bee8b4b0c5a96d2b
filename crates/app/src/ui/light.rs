//! Lights and statuses as badges: always a word and a shape as well as a colour.

use leptos::prelude::*;

use super::{tr, ui};
pub use crate::describe::status_key;
use crate::describe::{light_key, reason_text};
use crate::ledger::Status;
use crate::ledger::lights::{Assessment, Light};

pub fn light_class(light: Light) -> &'static str {
    match light {
        Light::Green => "green",
        Light::Yellow => "yellow",
        Light::Red => "red",
        Light::Ended => "ended",
    }
}

/// A traffic light: a coloured dot with a distinct shape, its name and its reason.
#[component]
pub fn LightBadge(
    #[prop(into)] assessment: Signal<Assessment>,
    #[prop(optional)] with_reason: bool,
) -> impl IntoView {
    let light = move || assessment.with(|a| a.light);
    view! {
        <span class=move || format!("light light-{}", light_class(light()))>
            <span class="light-dot" aria-hidden="true"></span>
            <span class="light-name">{move || tr(light_key(light()))()}</span>
            {with_reason.then(|| view! { <span class="light-reason">{move || assessment.with(|a| reason_text(ui().lang.get(), a))}</span> })}
        </span>
    }
}

#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<Option<Status>>) -> impl IntoView {
    let status = move || status.get().unwrap_or(Status::NotStarted);
    view! {
        <span class=move || format!("status status-{}", status().token())>
            {move || tr(status_key(status()))()}
        </span>
    }
}

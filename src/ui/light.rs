//! Lights and statuses as badges: always a word and a shape as well as a colour.

use leptos::prelude::*;

use super::{fill, tr, ui};
use crate::i18n::{Key, format_date, format_number};
use crate::ledger::Status;
use crate::ledger::lights::{Assessment, Light, Reason};
use crate::ledger::progress::Pace;

pub fn status_key(status: Status) -> Key {
    match status {
        Status::NotStarted => Key::StatusNotStarted,
        Status::InProgress => Key::StatusInProgress,
        Status::Done => Key::StatusDone,
        Status::Blocked => Key::StatusBlocked,
    }
}

fn light_key(light: Light) -> Key {
    match light {
        Light::Green => Key::LightGreen,
        Light::Yellow => Key::LightYellow,
        Light::Red => Key::LightRed,
    }
}

pub fn light_class(light: Light) -> &'static str {
    match light {
        Light::Green => "green",
        Light::Yellow => "yellow",
        Light::Red => "red",
    }
}

/// Why the light is what it is, in words; call inside a reactive closure.
pub fn reason_text(assessment: &Assessment) -> String {
    let lang = ui().lang.get();
    match &assessment.reason {
        Reason::Done => Key::ReasonDone.text(lang).to_string(),
        Reason::OnTrack => Key::ReasonOnTrack.text(lang).to_string(),
        Reason::Blocked => Key::ReasonBlocked.text(lang).to_string(),
        Reason::Overdue { due } => fill(
            Key::ReasonOverdue,
            &[
                ("date", &format_date(lang, due.date)),
                ("label", &due.milestone.label),
            ],
        ),
        Reason::DueSoon { due, days } => fill(
            Key::ReasonDueSoon,
            &[("days", &days.to_string()), ("label", &due.milestone.label)],
        ),
        Reason::BehindTarget { progress } => {
            let detail = match progress.pace {
                Pace::Behind { expected } => fill(
                    Key::PaceBehind,
                    &[
                        ("expected", &format_number(expected)),
                        ("unit", &progress.target.unit),
                    ],
                ),
                Pace::QuarterMissed { quarter } => {
                    fill(Key::PaceQuarterMissed, &[("quarter", &quarter.to_string())])
                }
                _ => Key::PaceBelowGoal.text(lang).to_string(),
            };
            format!("{}：{detail}", progress.target.label)
        }
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
            {with_reason.then(|| view! { <span class="light-reason">{move || assessment.with(reason_text)}</span> })}
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

//! Tells the person who opened a link which parts of it could not be used.

use leptos::prelude::*;

use super::{fill, tr};
use crate::i18n::Key;
use crate::route::RouteProblem;

#[component]
pub fn LinkProblems(problems: RwSignal<Vec<RouteProblem>>) -> impl IntoView {
    let message = |problem: &RouteProblem| {
        let (key, value) = match problem {
            RouteProblem::UnknownUnit(value) => (Key::LinkProblemUnit, value),
            RouteProblem::UnknownRole(value) => (Key::LinkProblemRole, value),
            RouteProblem::UnknownArea(value) => (Key::LinkProblemArea, value),
            RouteProblem::UnknownView(value) => (Key::LinkProblemView, value),
            RouteProblem::UnknownTask(value) => (Key::LinkProblemTask, value),
            RouteProblem::UnknownChoice(value) => (Key::LinkProblemChoice, value),
        };
        fill(key, &[("value", value)])
    };
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <div class="notice notice-warning" role="alert">
                <ul>
                    {move || {
                        problems
                            .with(|p| p.iter().map(|p| view! { <li>{message(p)}</li> }).collect_view())
                    }}
                </ul>
                <button type="button" class="button-secondary" on:click=move |_| problems.set(Vec::new())>
                    {tr(Key::Dismiss)}
                </button>
            </div>
        </Show>
    }
}

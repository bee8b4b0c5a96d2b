//! The page: header, filters, the chosen unit's summary and the task list.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::filter_bar::FilterBar;
use super::link_problems::LinkProblems;
use super::task_list::TaskList;
use super::unit_summary::UnitSummary;
use super::{Ui, tr};
use crate::browser::location;
use crate::i18n::{Key, Lang};
use crate::plan::plan;
use crate::route::Route;

#[component]
pub fn App() -> impl IntoView {
    let (initial, problems) = Route::from_hash(&location::current_hash());
    let route = RwSignal::new(initial);
    let link_problems = RwSignal::new(problems);
    let lang = RwSignal::new(Lang::Zh);
    provide_context(Ui { lang, route });

    // Back, Forward and pasted links change the hash behind our back.
    let on_hash_change = move || {
        let (parsed, problems) = Route::from_hash(&location::current_hash());
        if route.with_untracked(|r| *r != parsed) {
            route.set(parsed);
        }
        link_problems.set(problems);
    };
    let hash_listener = window_event_listener(ev::hashchange, move |_| on_hash_change());
    let pop_listener = window_event_listener(ev::popstate, move |_| on_hash_change());
    on_cleanup(move || {
        hash_listener.remove();
        pop_listener.remove();
    });

    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().tag());
        }
    });

    let skip_to_tasks = move |ev: ev::MouseEvent| {
        ev.prevent_default();
        if let Some(list) = document().get_element_by_id("task-list-heading") {
            let _ = list.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };

    view! {
        <a class="skip-link" href="" on:click=skip_to_tasks>
            {tr(Key::SkipToTasks)}
        </a>
        <header class="app-header">
            <h1>{tr(Key::AppName)}</h1>
            <p class="plan-title">{plan().title.as_str()}</p>
        </header>
        <main class="app-main">
            <LinkProblems problems=link_problems />
            <FilterBar />
            <UnitSummary />
            <TaskList />
        </main>
    }
}

//! The page: header, notices, then either the unit picker or the chosen list (my tasks or the
//! whole table) with the open task's detail beside it.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::export_panel::ExportPanel;
use super::filter_bar::FilterBar;
use super::header::AppHeader;
use super::import_dialog::ImportDialog;
use super::link_problems::LinkProblems;
use super::matrix::MatrixView;
use super::my_tasks::MyTasks;
use super::notices::{PlanOverNotice, StorageMeter, StorageNotices};
use super::plans_view::PlansView;
use super::report_view::ReportView;
use super::roster_view::RosterView;
use super::storage_panel::StoragePanel;
use super::store::Store;
use super::task_detail::TaskDetail;
use super::task_list::TaskList;
use super::unit_picker::UnitPicker;
use super::unit_summary::UnitSummary;
use super::update_banner::UpdateBanner;
use super::{Ui, tr};
use crate::browser::location;
use crate::i18n::Key;
use crate::route::{Route, View};

#[component]
pub fn App() -> impl IntoView {
    let (initial, problems) = Route::from_hash(&location::current_hash());
    let route = RwSignal::new(initial);
    let link_problems = RwSignal::new(problems);
    let store = Store::init();
    let lang = RwSignal::new(store.profile.get_untracked().lang);
    provide_context(Ui { lang, route });
    provide_context(store);
    provide_context(super::trust::Trust::init());
    provide_context(super::evidence::Files::init());
    let choosing_unit = RwSignal::new(false);

    // Back, Forward, links and pasted addresses change the hash behind our back.
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
        let lang = lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document().set_title(Key::AppName.text(lang));
    });

    let skip_to_content = move |ev: ev::MouseEvent| {
        ev.prevent_default();
        let target = document()
            .query_selector("main h2[tabindex]")
            .ok()
            .flatten();
        if let Some(heading) = target {
            let _ = heading.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };

    // Memos, so typing in a filter does not rebuild the lists or an open detail.
    let unit = Memo::new(move |_| store.profile.with(|p| p.unit));
    let view_kind = Memo::new(move |_| route.with(|r| r.view));
    let loaded = Memo::new(move |_| store.persistence.with(|p| p.loaded()));
    let open_task = Memo::new(move |_| route.with(|r| r.task));
    let open_of = Memo::new(move |_| route.with(|r| r.of));
    let show_picker =
        move || choosing_unit.get() || (unit.get().is_none() && view_kind.get() == View::Mine);

    view! {
        <a class="skip-link" href="" on:click=skip_to_content>
            {tr(Key::SkipToContent)}
        </a>
        <AppHeader choosing_unit />
        <main class="app-main">
            <UpdateBanner />
            <LinkProblems problems=link_problems />
            <StorageNotices />
            <PlanOverNotice />
            <Show
                when=show_picker
                fallback=move || {
                    view! {
                        <div
                            class="workspace"
                            class:has-detail=move || open_task.get().is_some()
                            class:detail-sheet=move || view_kind.get() == View::Matrix
                        >
                            <div class="list-pane">
                                {move || match (view_kind.get(), unit.get()) {
                                    (View::Plans, _) => view! { <PlansView /> }.into_any(),
                                    _ if !loaded.get() => {
                                        view! { <p class="loading" role="status">{tr(Key::LoadingLedger)}</p> }
                                            .into_any()
                                    }
                                    (View::Mine, Some(unit)) => view! { <MyTasks unit /> }.into_any(),
                                    (View::Matrix, _) => view! { <MatrixView /> }.into_any(),
                                    (View::Report, _) => view! { <ReportView /> }.into_any(),
                                    (View::Exchange, _) => {
                                        view! {
                                            <ExportPanel />
                                            <ImportDialog />
                                            <StoragePanel />
                                            <RosterView />
                                        }
                                            .into_any()
                                    }
                                    _ => {
                                        view! {
                                            <FilterBar />
                                            <UnitSummary />
                                            <TaskList />
                                        }
                                            .into_any()
                                    }
                                }}
                            </div>
                            {move || {
                                let of = open_of.get();
                                open_task
                                    .get()
                                    .filter(|_| loaded.get())
                                    .map(|task| view! { <TaskDetail task of /> })
                            }}
                        </div>
                    }
                }
            >
                <UnitPicker choosing_unit />
            </Show>
        </main>
        <footer class="app-footer">
            <StorageMeter />
        </footer>
    }
}

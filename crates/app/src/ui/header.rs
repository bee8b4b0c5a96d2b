//! The top bar: app name, the plan's title, the two lists, and who is working.

use leptos::prelude::*;

use super::store::store;
use super::{fill, navigate_to, tr, ui};
use crate::browser::location::HistoryEntry;
use crate::i18n::{Key, format_date};
use crate::plan::plan;
use crate::route::View;

#[component]
pub fn AppHeader(choosing_unit: RwSignal<bool>) -> impl IntoView {
    let route = ui().route;
    let profile = store().profile;
    let unit = move || profile.with(|p| p.unit);
    let view_link = move |view: View, label: Key| {
        let current = move || route.with(|r| r.view == view);
        view! {
            <a
                class="nav-link"
                href=move || {
                    let mut target = route.get();
                    target.view = view;
                    target.task = None;
                    format!("#{}", target.to_hash())
                }
                aria-current=move || current().then_some("page")
                on:click=move |ev| {
                    ev.prevent_default();
                    navigate_to(HistoryEntry::Push, |r| {
                        r.view = view;
                        r.task = None;
                    });
                    choosing_unit.set(false);
                }
            >
                {tr(label)}
            </a>
        }
    };
    view! {
        <header class="app-header">
            <div class="app-title">
                <h1>{tr(Key::AppName)}</h1>
                <p class="plan-title">{plan().title.as_str()}</p>
                <p class="print-date">
                    {move || {
                        fill(
                            Key::PrintDate,
                            &[("date", &format_date(ui().lang.get(), store().today.get()))],
                        )
                    }}
                </p>
            </div>
            <nav class="app-nav" aria-label=tr(Key::NavLabel)>
                {view_link(View::Mine, Key::NavMine)}
                {view_link(View::All, Key::NavAll)}
                {view_link(View::Matrix, Key::NavMatrix)}
                {view_link(View::Exchange, Key::NavExchange)}
                {view_link(View::Report, Key::NavReport)}
                {view_link(View::Plans, Key::NavPlans)}
            </nav>
            <div class="who">
                <button
                    type="button"
                    class="button-on-dark lang-switch"
                    title=tr(Key::SwitchLanguage)
                    lang=move || ui().lang.get().other().tag()
                    on:click=move |_| {
                        let lang = ui().lang.get_untracked().other();
                        ui().lang.set(lang);
                        store().update_profile(|p| p.lang = lang);
                    }
                >
                    {move || ui().lang.get().other().own_name()}
                </button>
                <span class="who-unit">
                    {move || unit().map(|u| u.name()).unwrap_or_else(|| tr(Key::NoUnitYet)())}
                </span>
                <button
                    type="button"
                    class="button-on-dark"
                    on:click=move |_| choosing_unit.update(|c| *c = !*c)
                    aria-expanded=move || choosing_unit.get().to_string()
                >
                    {tr(Key::ChangeUnit)}
                </button>
            </div>
        </header>
    }
}

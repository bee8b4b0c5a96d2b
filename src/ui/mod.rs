//! Leptos components. They read state from [`Ui`] and describe the page; decisions live in
//! the pure modules.

pub mod app;
pub mod filter_bar;
pub mod link_problems;
pub mod task_card;
pub mod task_list;
pub mod unit_summary;

use leptos::prelude::*;

use crate::browser::location::{self, HistoryEntry};
use crate::i18n::{self, Key, Lang};
use crate::route::Route;

/// State shared by every component.
#[derive(Clone, Copy)]
pub struct Ui {
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
}

pub fn ui() -> Ui {
    expect_context::<Ui>()
}

/// A reactive interface string.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = ui().lang;
    move || key.text(lang.get())
}

/// The interface string `key` in the current language with `{name}` placeholders filled in;
/// call it inside a reactive closure.
pub fn fill(key: Key, values: &[(&str, &str)]) -> String {
    i18n::fill(key, ui().lang.get(), values)
}

/// Shows `route` and records it in the address bar.
pub fn navigate(route: Route, entry: HistoryEntry) {
    location::write_hash(&route.to_hash(), entry);
    let current = ui().route;
    if current.with_untracked(|r| *r != route) {
        current.set(route);
    }
}

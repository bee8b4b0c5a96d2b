//! Leptos components, one concept per file. They read state from [`Ui`] and the
//! [`store::Store`] and describe the page; decisions live in the pure modules.

pub mod annual;
pub mod app;
pub mod coordination;
pub mod evidence;
pub mod export_panel;
pub mod filter_bar;
pub mod form;
pub mod header;
pub mod import_dialog;
pub mod light;
pub mod link_problems;
pub mod matrix;
pub mod meeting;
pub mod my_tasks;
pub mod notes;
pub mod notices;
pub mod plan_editor;
pub mod plans_view;
pub mod report_view;
pub mod rhythm;
pub mod roster_view;
pub mod status_control;
pub mod storage_panel;
pub mod store;
pub mod targets;
pub mod task_card;
pub mod task_detail;
pub mod task_list;
pub mod trust;
pub mod trust_check;
pub mod unit_picker;
pub mod unit_summary;
pub mod unit_view;
pub mod update_banner;

use leptos::prelude::*;

use crate::browser::location::{self, HistoryEntry};
use crate::i18n::{self, Key, Lang};
use crate::plan::{TaskId, UnitId};
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
pub fn navigate(mut route: Route, entry: HistoryEntry) {
    if route.task.is_none() {
        route.of = None;
    }
    location::write_hash(&route.to_hash(), entry);
    let current = ui().route;
    if current.with_untracked(|r| *r != route) {
        current.set(route);
    }
}

/// Applies `change` to the current route and shows the result.
pub fn navigate_to(entry: HistoryEntry, change: impl FnOnce(&mut Route)) {
    let mut route = ui().route.get_untracked();
    change(&mut route);
    navigate(route, entry);
}

/// The link that opens a task's detail beside the current list; read inside a reactive closure.
pub fn task_href(task: TaskId) -> String {
    let mut route = ui().route.get();
    route.task = Some(task);
    route.of = None;
    format!("#{}", route.to_hash())
}

/// The link that opens `unit`'s view of a task (a 汇总 cell); read inside a reactive closure.
pub fn cell_href(task: TaskId, unit: UnitId) -> String {
    let mut route = ui().route.get();
    route.task = Some(task);
    route.of = Some(unit);
    format!("#{}", route.to_hash())
}

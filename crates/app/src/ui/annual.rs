//! 年度总结 on the screen. A unit writes, for each task it is responsible for, its summary of
//! results against the targets, starting from a draft pre-filled from its figures and notes,
//! and submits them (提交, the submission record of `ledger::rounds`). The office sees the
//! compilation (print, XLSX, Word) with the units that have not submitted named. Every rule
//! is in `report::annual`, `ledger::summary` and `ledger::rounds`.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::store::store;
use super::{fill, tr, ui};
use crate::browser::download;
use crate::describe::status_text;
use crate::i18n::{Key, format_date, problem_text, round_due, submission_state};
use crate::ledger::RoundRef;
use crate::ledger::consolidated::responsibility;
use crate::ledger::rounds::{State, round, state, states};
use crate::ledger::summary::current;
use crate::plan::{TaskId, UnitId, plan};
use crate::report::annual::{Annual, build, prefill};
use crate::report::{docx, xlsx};

/// The 年度总结 screen: the unit's own summaries, or for the office the compilation.
#[component]
pub fn AnnualReport() -> impl IntoView {
    let store = store();
    let unit = move || store.profile.with(|p| p.unit);
    move || match unit() {
        Some(u) if u != UnitId::coordinator() => view! { <UnitSummaries unit=u /> }.into_any(),
        _ => view! { <Compilation /> }.into_any(),
    }
}

/// The unit's summaries, one editor per task, and its submission.
#[component]
fn UnitSummaries(unit: UnitId) -> impl IntoView {
    let store = store();
    let tasks: Vec<TaskId> = plan()
        .tasks
        .iter()
        .filter(|t| responsibility(t, unit).is_some())
        .map(|t| t.id)
        .collect();
    let standing = Memo::new(move |_| store.ledger.with(|l| state(l, RoundRef::Summary, unit)));
    let due = Memo::new(move |_| store.ledger.with(|l| round(l, RoundRef::Summary)));
    let problem = RwSignal::new(None::<String>);
    let submit = move |_| {
        let lang = ui().lang.get_untracked();
        match store.record(|r, id, at| r.submit(id, at, RoundRef::Summary)) {
            Ok(()) => problem.set(None),
            Err(p) => problem.set(Some(problem_text(lang, &p))),
        }
    };
    view! {
        <div class="report-controls annual-controls">
            <p class="report-help">{tr(Key::AnnualHelpUnit)}</p>
            <p class="annual-state">
                {move || {
                    let lang = ui().lang.get();
                    let due = due.get().map(|r| round_due(lang, &r)).unwrap_or_default();
                    let now = standing.with(|s| submission_state(lang, s));
                    let token = standing.with(|s| s.token());
                    view! {
                        <span class=format!("annual-standing state-{token}")>{now}</span>
                        " · "
                        <span class="annual-due">{due}</span>
                    }
                }}
            </p>
            <div class="form-actions">
                <button type="button" class="button-primary annual-submit" on:click=submit>{tr(Key::AnnualSubmit)}</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        </div>
        <ul class="annual-editors">
            {tasks.into_iter().map(|task| view! { <SummaryEditor task unit /> }).collect_view()}
        </ul>
    }
}

/// One task's summary: the current text (or the pre-filled draft), save, start again from the
/// figures and notes.
#[component]
fn SummaryEditor(task: TaskId, unit: UnitId) -> impl IntoView {
    let store = store();
    let saved = Memo::new(move |_| store.ledger.with(|l| current(l, task, unit)));
    let draft_of = move || {
        let lang = ui().lang.get_untracked();
        let today = store.today.get_untracked();
        store.ledger.with_untracked(|l| {
            store
                .overview
                .with_untracked(|o| prefill(l, o, task, unit, lang, today))
        })
    };
    let text = RwSignal::new(saved.get_untracked().map_or_else(draft_of, |s| s.text));
    let message = RwSignal::new(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ui().lang.get_untracked();
        let words = text.get_untracked();
        match store.record(|r, id, at| r.summarize(id, task, at, &words)) {
            Ok(()) => message.set(Some((true, Key::AnnualSaved.text(lang).to_string()))),
            // What was typed stays in the box.
            Err(p) => message.set(Some((false, problem_text(lang, &p)))),
        }
    };
    let t = plan().task(task);
    let printed = t.map(|t| t.printed_number.clone()).unwrap_or_default();
    let measure = t.map(|t| t.measure.clone()).unwrap_or_default();
    let id = format!("summary-{}", task.0);
    view! {
        <li class="annual-editor" data-task=task.0>
            <form on:submit=save>
                <label for=id.clone() class="annual-task">
                    <strong>{fill(Key::TaskNumber, &[("n", &printed)])}</strong>
                    " "
                    {measure}
                </label>
                <p class="hint annual-saved-state">
                    {move || {
                        let lang = ui().lang.get();
                        saved.with(|s| match s {
                            Some(s) => crate::i18n::fill(
                                Key::AnnualWrittenOn,
                                lang,
                                &[("date", &format_date(lang, s.at.local_date())), ("n", &s.versions.to_string())],
                            ),
                            None => Key::AnnualDraftHint.text(lang).to_string(),
                        })
                    }}
                </p>
                <textarea
                    id=id
                    class="annual-text"
                    rows="8"
                    prop:value=move || text.get()
                    on:input:target=move |ev| text.set(ev.target().value())
                ></textarea>
                <div class="form-actions">
                    <button type="submit" class="button-primary annual-save">{tr(Key::AnnualSave)}</button>
                    <button type="button" class="button-secondary annual-refill" on:click=move |_| text.set(draft_of())>
                        {tr(Key::AnnualRefill)}
                    </button>
                </div>
                {move || {
                    message
                        .get()
                        .map(|(ok, m)| {
                            if ok {
                                view! { <p class="notice notice-info annual-saved" role="status">{m}</p> }.into_any()
                            } else {
                                view! { <p class="field-error annual-problem" role="alert">{m}</p> }.into_any()
                            }
                        })
                }}
            </form>
        </li>
    }
}

/// The office's compilation: who has not submitted, then every task with its units' summaries.
#[component]
fn Compilation() -> impl IntoView {
    let store = store();
    let annual = Memo::new(move |_| {
        let today = store.today.get();
        store.ledger.with(|l| {
            let submitted: BTreeMap<UnitId, crate::foundation::time::Date> =
                states(l, RoundRef::Summary)
                    .into_iter()
                    .filter_map(|(u, s)| match s {
                        State::Submitted { at, .. } | State::Revised { at, .. } => {
                            Some((u, at.local_date()))
                        }
                        _ => None,
                    })
                    .collect();
            store.overview.with(|o| build(l, o, today, &submitted))
        })
    });
    let download_xlsx = move |_| {
        let lang = ui().lang.get_untracked();
        annual.with_untracked(|a| {
            let name = format!("{}.xlsx", a.file_stem());
            download::download_bytes(&name, xlsx::MIME, &xlsx::workbook(&a.sheets(lang)));
        });
    };
    // rhythm-c: the same rows as CSV.
    let download_csv = move |_| {
        let lang = ui().lang.get_untracked();
        annual.with_untracked(|a| {
            let name = format!("{}.csv", a.file_stem());
            download::download_text(&name, "text/csv;charset=utf-8", &a.csv(lang));
        });
    };
    let download_docx = move |_| {
        let lang = ui().lang.get_untracked();
        annual.with_untracked(|a| {
            let name = format!("{}.docx", a.file_stem());
            download::download_bytes(&name, docx::MIME, &docx::document(&a.document(lang)));
        });
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <div class="report-controls annual-controls">
            <p class="report-help">{tr(Key::AnnualHelpOffice)}</p>
            <div class="form-actions">
                <button type="button" class="annual-print" on:click=print>{tr(Key::ReportPrint)}</button>
                <button type="button" class="button-secondary annual-xlsx" on:click=download_xlsx>{tr(Key::ReportXlsx)}</button>
                <button type="button" class="button-secondary annual-csv" on:click=download_csv>{tr(Key::ReportCsv)}</button>
                <button type="button" class="button-secondary annual-docx" on:click=download_docx>{tr(Key::ReportDocx)}</button>
            </div>
        </div>
        {move || annual.with(|a| printable(a, ui().lang.get()))}
    }
}

/// The compilation laid out for print: title, the units not submitted, then by area each task
/// with its units.
fn printable(annual: &Annual, lang: crate::i18n::Lang) -> AnyView {
    let subtitle = crate::i18n::fill(
        Key::AnnualSubtitle,
        lang,
        &[
            ("date", &format_date(lang, annual.date)),
            ("office", UnitId::coordinator().name()),
        ],
    );
    let areas = plan()
        .areas
        .iter()
        .filter_map(|area| {
            let rows: Vec<_> = annual.rows.iter().filter(|r| r.task.area == area.number).collect();
            (!rows.is_empty()).then(|| {
                let items = rows
                    .into_iter()
                    .map(|r| {
                        let text = r
                            .summary
                            .as_ref()
                            .map_or_else(|| Key::AnnualNotWritten.text(lang).to_string(), |s| s.text.clone());
                        let class = if r.summary.is_some() { "annual-row" } else { "annual-row annual-missing-row" };
                        view! {
                            <tr class=class data-task=r.task.id.0 data-unit=r.unit.name()>
                                <td>{r.task.printed_number.clone()}</td>
                                <td>{r.task.measure.clone()}</td>
                                <td>{r.unit.name()} <br /> <small>{status_text(lang, r.status)}</small></td>
                                <td class="annual-summary-text">{text}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="report-area">
                        <h3>{area.heading.clone()}</h3>
                        <table class="report-table annual-table">
                            <thead>
                                <tr>
                                    <th scope="col">{Key::ReportColumnNo.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnMeasure.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnUnit.text(lang)}</th>
                                    <th scope="col">{Key::FieldSummary.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>{items}</tbody>
                        </table>
                    </section>
                }
            })
        })
        .collect_view();
    view! {
        <article class="printable annual-compilation">
            <header class="report-head">
                <h2 class="report-title">{annual.title(lang)}</h2>
                <p class="report-subtitle">{subtitle}</p>
            </header>
            <section class="annual-missing">
                <h3>{Key::AnnualMissingHeading.text(lang)}</h3>
                <p class="annual-missing-text">{annual.missing_text(lang)}</p>
            </section>
            {areas}
        </article>
    }
    .into_any()
}

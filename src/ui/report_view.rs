//! Reports (报告): the implementation report for the user's unit or the whole district, as a
//! print view laid out for A4 (title, date, unit, charts, overdue items, one page per area),
//! and as CSV and XLSX downloads.

use leptos::prelude::*;

use super::store::store;
use super::{fill, tr, ui};
use crate::browser::download;
use crate::describe::{light_key, next_text, reason_text, status_text};
use crate::i18n::{Key, Lang, format_date, format_stamp};
use crate::ledger::consolidated::{Blocked, Completion};
use crate::plan::{UnitId, plan};
use crate::report::chart::{Bar, bar_chart};
use crate::report::progress_report::{Report, ReportScope, build, role_text};
use crate::report::{csv, xlsx};

/// An SVG chart of completion, drawn by the app (no chart library): 已完成 and then 推进中 as
/// two segments of each bar, under a visible title and legend.
pub fn completion_chart(
    lang: Lang,
    title: Key,
    bars: impl Iterator<Item = (String, Completion)>,
) -> AnyView {
    let bars: Vec<Bar> = bars
        .filter(|(_, c)| c.responsible > 0)
        .map(|(label, c)| Bar::two(label, c.rate(), c.in_progress_rate()))
        .collect();
    let title = title.text(lang);
    let svg = bar_chart(title, "", &bars);
    view! {
        <figure class="chart">
            <figcaption>
                <span class="chart-title">{title}</span>
                <span class="chart-legend">
                    <span class="swatch swatch-done" aria-hidden="true"></span>
                    {Key::StatusDone.text(lang)}
                    <span class="swatch swatch-progress" aria-hidden="true"></span>
                    {Key::StatusInProgress.text(lang)}
                </span>
            </figcaption>
            <div class="chart-svg" inner_html=svg></div>
        </figure>
    }
    .into_any()
}

/// The 需协调 list: every blocked (task, unit) with its reason and since when, oldest first.
pub fn blocked_list(lang: Lang, blocked: &[Blocked]) -> AnyView {
    if blocked.is_empty() {
        return view! { <p class="none">{Key::NothingBlocked.text(lang)}</p> }.into_any();
    }
    view! {
        <table class="blocked-table">
            <thead>
                <tr>
                    <th scope="col">{Key::BlockedSince.text(lang)}</th>
                    <th scope="col">{Key::ReportColumnNo.text(lang)}</th>
                    <th scope="col">{Key::ReportColumnUnit.text(lang)}</th>
                    <th scope="col">{Key::BlockedReasonColumn.text(lang)}</th>
                </tr>
            </thead>
            <tbody>
                {blocked
                    .iter()
                    .map(|b| {
                        let task = plan().task(b.task);
                        view! {
                            <tr data-task=b.task.0 data-unit=b.unit.name()>
                                <td class="nowrap">{format_date(lang, b.since)}</td>
                                <td>
                                    {task.map(|t| fill_task(lang, &t.printed_number))}
                                    <br />
                                    <small class="blocked-measure">{task.map(|t| t.measure.as_str())}</small>
                                </td>
                                <td>{b.unit.name()}</td>
                                <td class="blocked-reason">{b.reason.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Completion by area as chart bars.
pub fn area_bars(by_area: &[(u8, Completion)]) -> impl Iterator<Item = (String, Completion)> + '_ {
    by_area.iter().map(|(n, c)| {
        let heading = plan()
            .area(*n)
            .map(|a| a.heading.clone())
            .unwrap_or_default();
        (heading, *c)
    })
}

/// Completion by unit as chart bars, with short names.
pub fn unit_bars(
    by_unit: &[(UnitId, Completion)],
) -> impl Iterator<Item = (String, Completion)> + '_ {
    by_unit.iter().map(|(u, c)| (u.short().to_string(), *c))
}

#[component]
pub fn ReportView() -> impl IntoView {
    let store = store();
    let unit = move || store.profile.with(|p| p.unit);
    let district = RwSignal::new(unit().is_none_or(|u| u == UnitId::coordinator()));
    let report = Memo::new(move |_| {
        let scope = match (district.get(), unit()) {
            (false, Some(u)) => ReportScope::Unit(u),
            _ => ReportScope::District,
        };
        let today = store.today.get();
        store
            .ledger
            .with(|l| store.overview.with(|o| build(l, o, scope, today)))
    });
    let download_csv = move |_| {
        let lang = ui().lang.get_untracked();
        report.with_untracked(|r| {
            let name = format!("{}.csv", r.file_stem());
            download::download_text(
                &name,
                "text/csv;charset=utf-8",
                &csv::to_csv(&r.table(lang)),
            );
        });
    };
    let download_xlsx = move |_| {
        let lang = ui().lang.get_untracked();
        report.with_untracked(|r| {
            let name = format!("{}.xlsx", r.file_stem());
            download::download_bytes(&name, xlsx::MIME, &xlsx::workbook(&r.sheets(lang)));
        });
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <section class="report-view" aria-labelledby="report-heading">
            <div class="report-controls">
                <h2 id="report-heading" tabindex="-1">{tr(Key::ReportHeading)}</h2>
                <p>{tr(Key::ReportHelp)}</p>
                <fieldset class="field">
                    <legend>{tr(Key::ReportScopeLabel)}</legend>
                    <div class="segmented">
                        <label class="segment">
                            <input
                                type="radio"
                                name="report-scope"
                                value="unit"
                                disabled=move || unit().is_none()
                                prop:checked=move || !district.get()
                                on:change=move |_| district.set(false)
                            />
                            <span>
                                {tr(Key::ReportScopeMine)}
                                {move || unit().map(|u| format!("（{}）", u.name()))}
                            </span>
                        </label>
                        <label class="segment">
                            <input
                                type="radio"
                                name="report-scope"
                                value="district"
                                prop:checked=move || district.get()
                                on:change=move |_| district.set(true)
                            />
                            <span>{tr(Key::ReportDistrict)}</span>
                        </label>
                    </div>
                </fieldset>
                <div class="form-actions">
                    <button type="button" on:click=print>{tr(Key::ReportPrint)}</button>
                    <button type="button" class="button-secondary" on:click=download_csv>{tr(Key::ReportCsv)}</button>
                    <button type="button" class="button-secondary" on:click=download_xlsx>{tr(Key::ReportXlsx)}</button>
                </div>
                <p class="hint">
                    {move || {
                        report.with(|r| fill(
                            Key::ReportRowCount,
                            &[("n", &r.rows.len().to_string()), ("overdue", &r.overdue().count().to_string())],
                        ))
                    }}
                </p>
            </div>
            {move || report.with(|r| printable(r, ui().lang.get()))}
        </section>
    }
}

/// The report as it prints: rebuilt as a whole, it has no inner state.
fn printable(report: &Report, lang: Lang) -> AnyView {
    let charts = view! {
        <div class="report-charts">
            {matches!(report.scope, ReportScope::District)
                .then(|| completion_chart(lang, Key::ReportChartByUnit, unit_bars(&report.by_unit)))}
            {completion_chart(lang, Key::ReportChartByArea, area_bars(&report.by_area))}
        </div>
    };
    let overdue: Vec<_> = report.overdue().collect();
    let overdue_list = if overdue.is_empty() {
        view! { <p>{Key::ReportNoOverdue.text(lang)}</p> }.into_any()
    } else {
        view! {
            <ul class="report-overdue">
                {overdue
                    .iter()
                    .map(|r| {
                        view! {
                            <li>
                                {fill_task(lang, &r.task.printed_number)} " · " {r.unit.name()} " · "
                                {reason_text(lang, &r.assessment)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let areas = plan()
        .areas
        .iter()
        .filter_map(|area| {
            let rows: Vec<_> = report.rows.iter().filter(|r| r.task.area == area.number).collect();
            (!rows.is_empty()).then(|| {
                view! {
                    <section class="report-area">
                        <h3>{area.heading.as_str()}</h3>
                        <table class="report-table">
                            <thead>
                                <tr>
                                    <th scope="col">{Key::ReportColumnNo.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnMeasure.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnUnit.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnStatus.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnNotes.text(lang)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <tr>
                                                <th scope="row">{r.task.printed_number.as_str()}</th>
                                                <td class="report-measure">{r.task.measure.as_str()}</td>
                                                <td>{r.unit.name()} <br /> <small>{role_text(lang, r)}</small></td>
                                                <td>
                                                    <strong>{status_text(lang, r.status)}</strong>
                                                    " · "
                                                    {light_key(r.assessment.light).text(lang)}
                                                    <br />
                                                    <small>{reason_text(lang, &r.assessment)}</small>
                                                    <br />
                                                    <small>{next_text(lang, r.assessment.next)}</small>
                                                </td>
                                                <td class="report-notes">
                                                    {r
                                                        .notes
                                                        .iter()
                                                        .map(|(at, text)| {
                                                            view! {
                                                                <p>
                                                                    <small>{format_stamp(lang, *at)}</small>
                                                                    " "
                                                                    {text.clone()}
                                                                </p>
                                                            }
                                                        })
                                                        .collect_view()}
                                                    {r
                                                        .figures
                                                        .iter()
                                                        .map(|p| view! { <p class="report-figure">{crate::describe::figure_line(lang, p)}</p> })
                                                        .collect_view()}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
            })
        })
        .collect_view();
    view! {
        <article class="report-print">
            <header class="report-head">
                <h2>{report.title(lang)}</h2>
                <p>{fill_date(lang, report)}</p>
            </header>
            {charts}
            <section class="report-overdue-section">
                <h3>{crate::i18n::fill(Key::ReportOverdueHeading, lang, &[("n", &overdue.len().to_string())])}</h3>
                {overdue_list}
            </section>
            {areas}
        </article>
    }
    .into_any()
}

fn fill_task(lang: Lang, printed: &str) -> String {
    crate::i18n::fill(Key::TaskNumber, lang, &[("n", printed)])
}

fn fill_date(lang: Lang, report: &Report) -> String {
    crate::i18n::fill(
        Key::ReportDate,
        lang,
        &[("date", &format_date(lang, report.date))],
    )
}

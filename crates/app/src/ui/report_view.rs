//! Reports (报告): the implementation report for the user's unit or the whole district, as a
//! print view laid out for A4 (title, date, unit, charts, overdue items, one page per area),
//! and as CSV and XLSX downloads.

use leptos::prelude::*;

use super::store::store;
use super::{fill, tr, ui};
use crate::browser::download;
use crate::describe::{light_key, next_text, reason_text, status_text};
use crate::i18n::{Key, Lang, format_date};
use crate::ledger::consolidated::{Blocked, Completion};
use crate::ledger::lights::Light;
use crate::plan::{UnitId, plan};
use crate::report::chart::{Bar, bar_chart};
use crate::report::progress_report::{Report, ReportRow, ReportScope, build, role_text};
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
                    <th scope="col">{Key::ReportColumnAnswer.text(lang)}</th>
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
                                <td class="blocked-reason">
                                    {b.reason.clone()}
                                    <super::evidence::EvidenceStrip task=b.task unit=b.unit />
                                </td>
                                <td class="blocked-answer">
                                    {b.answer.as_ref().map(|a| crate::report::meeting::answer_text(lang, a))}
                                </td>
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

/// Which report the screen shows (rhythm-b): the implementation report, the coordination
/// meeting's material, or the 年度总结.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReportKind {
    Progress,
    Meeting,
    Annual,
}

/// The report screen: the kind of report, then that report.
#[component]
pub fn ReportView() -> impl IntoView {
    let kind = RwSignal::new(ReportKind::Progress);
    let choice = move |value: &'static str, this: ReportKind, key: Key| {
        view! {
            <label class="segment">
                <input
                    type="radio"
                    name="report-kind"
                    value=value
                    prop:checked=move || kind.get() == this
                    on:change=move |_| kind.set(this)
                />
                <span>{tr(key)}</span>
            </label>
        }
    };
    view! {
        <fieldset class="field report-kind no-print">
            <legend>{tr(Key::ReportKindLabel)}</legend>
            <div class="segmented">
                {choice("progress", ReportKind::Progress, Key::ReportKindProgress)}
                {choice("meeting", ReportKind::Meeting, Key::ReportKindMeeting)}
                {choice("annual", ReportKind::Annual, Key::ReportKindAnnual)}
            </div>
        </fieldset>
        {move || match kind.get() {
            ReportKind::Progress => view! { <ProgressReport /> }.into_any(),
            ReportKind::Meeting => view! {
                <section class="report-view" aria-label=tr(Key::ReportKindMeeting)>
                    <super::meeting::MeetingReport />
                </section>
            }
            .into_any(),
            ReportKind::Annual => view! {
                <section class="report-view" aria-label=tr(Key::ReportKindAnnual)>
                    <super::annual::AnnualReport />
                </section>
            }
            .into_any(),
        }}
    }
}

/// The implementation report (落实情况).
#[component]
fn ProgressReport() -> impl IntoView {
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
    // rhythm-c: the district report's 报送情况 as CSV of its own (the main CSV is one table).
    let download_submissions_csv = move |_| {
        let lang = ui().lang.get_untracked();
        report.with_untracked(|r| {
            let name = format!(
                "{}-{}.csv",
                r.file_stem(),
                Key::ReportSubmissionsHeading.text(lang)
            );
            download::download_text(
                &name,
                "text/csv;charset=utf-8",
                &csv::to_csv(&r.submissions_sheet(lang)),
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
    // 佐证材料: thumbnails of the notes' files beside them, when asked (read from this device).
    let thumbs = RwSignal::new(false);
    view! {
        <section class="report-view" aria-labelledby="report-heading">
            <div class="report-controls">
                <h2 id="report-heading" tabindex="-1">{tr(Key::ReportHeading)}</h2>
                <p class="report-help">
                    {move || {
                        // The office is who units hand the report to: it reports upward.
                        let office = store.profile.with(|p| p.unit == Some(UnitId::coordinator()));
                        tr(if office { Key::ReportHelpOffice } else { Key::ReportHelp })()
                    }}
                </p>
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
                <label class="report-thumbnails">
                    <input type="checkbox" prop:checked=move || thumbs.get() on:change=move |_| thumbs.update(|t| *t = !*t) />
                    {tr(Key::ReportPrintThumbnails)}
                </label>
                <div class="form-actions">
                    <button type="button" on:click=print>{tr(Key::ReportPrint)}</button>
                    <button type="button" class="button-secondary" on:click=download_csv>{tr(Key::ReportCsv)}</button>
                    <button type="button" class="button-secondary" on:click=download_xlsx>{tr(Key::ReportXlsx)}</button>
                    <Show when=move || district.get()>
                        <button type="button" class="button-secondary report-submissions-csv" on:click=download_submissions_csv>
                            {tr(Key::ReportSubmissionsCsv)}
                        </button>
                    </Show>
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
            {move || report.with(|r| printable(r, ui().lang.get(), thumbs.get()))}
        </section>
    }
}

/// The CSS of the printed page's margin boxes: page numbers and the print date in the footer
/// (Chromium 131+ prints @page margin boxes).
fn page_css(lang: Lang, report: &Report) -> String {
    let pages = crate::i18n::fill(
        Key::PageOf,
        lang,
        &[
            ("page", "\" counter(page) \""),
            ("pages", "\" counter(pages) \""),
        ],
    );
    let printed = crate::i18n::fill(
        Key::PrintDate,
        lang,
        &[("date", &format_date(lang, report.date))],
    );
    format!(
        "@page {{ @bottom-center {{ content: \"{pages}\"; font-size: 9pt; }} \
         @bottom-right {{ content: \"{printed}\"; font-size: 9pt; }} \
         @bottom-left {{ content: \"{}\"; font-size: 9pt; }} }}",
        report.subject(lang)
    )
}

/// The first page: totals, 需协调, units that have not reported, overdue deadlines once.
fn summary_page(report: &Report, lang: Lang) -> AnyView {
    let statuses = report.status_totals();
    let lights = report.light_totals();
    let deadlines = report.overdue_deadlines();
    let silent = report.silent.clone();
    view! {
        <section class="report-summary">
            <h3>{Key::ReportTotalsHeading.text(lang)}</h3>
            <table class="report-totals">
                <tbody>
                    <tr>
                        <th scope="row">{Key::ReportColumnStatus.text(lang)}</th>
                        {statuses
                            .iter()
                            .map(|(status, n)| view! { <td>{status_text(lang, Some(*status))} " " <strong>{*n}</strong></td> })
                            .collect_view()}
                    </tr>
                    <tr>
                        <th scope="row">{Key::ReportColumnLight.text(lang)}</th>
                        {lights
                            .iter()
                            .map(|&(light, n)| {
                                // 年度已结束 only once the year is over.
                                let shown = light != Light::Ended || n > 0;
                                view! {
                                    <td>{shown.then(|| view! { {light_key(light).text(lang)} " " <strong>{n}</strong> })}</td>
                                }
                            })
                            .collect_view()}
                    </tr>
                </tbody>
            </table>
            <h3>{crate::i18n::fill(Key::NeedsCoordinationHeading, lang, &[("n", &report.blocked.len().to_string())])}</h3>
            {blocked_list(lang, &report.blocked)}
            <h3>{crate::i18n::fill(Key::ReportSilentHeading, lang, &[("n", &silent.len().to_string())])}</h3>
            {if silent.is_empty() {
                view! { <p class="none">{Key::AllUnitsSent.text(lang)}</p> }.into_any()
            } else {
                view! {
                    <table class="report-silent">
                        <thead>
                            <tr>
                                <th scope="col">{Key::ReportColumnUnit.text(lang)}</th>
                                <th scope="col">{Key::ReportLastReported.text(lang)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {silent
                                .iter()
                                .map(|(unit, last)| {
                                    view! {
                                        <tr>
                                            <td>{unit.name()}</td>
                                            <td>
                                                {last
                                                    .map(|d| format_date(lang, d))
                                                    .unwrap_or_else(|| Key::ReportNeverReported.text(lang).to_string())}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
            {submissions_section(report, lang)}
            <h3>{crate::i18n::fill(Key::ReportOverdueHeading, lang, &[("n", &deadlines.len().to_string())])}</h3>
            {if deadlines.is_empty() {
                view! { <p class="none">{Key::ReportNoOverdue.text(lang)}</p> }.into_any()
            } else {
                view! {
                    <table class="report-deadlines">
                        <thead>
                            <tr>
                                <th scope="col">{Key::ReportColumnDeadline.text(lang)}</th>
                                <th scope="col">{Key::ReportColumnDue.text(lang)}</th>
                                <th scope="col">{Key::ReportColumnHeldUp.text(lang)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {deadlines
                                .iter()
                                .map(|d| {
                                    let units = d
                                        .units
                                        .iter()
                                        .map(|(u, n)| format!("{}（{n}）", u.name()))
                                        .collect::<Vec<_>>()
                                        .join("、");
                                    view! {
                                        <tr>
                                            <td>{d.milestone.map_or_else(|| Key::YearEndDeadline.text(lang).to_string(), |m| m.label.clone())}</td>
                                            <td class="nowrap">{format_date(lang, d.date)}</td>
                                            <td>
                                                {crate::i18n::fill(
                                                    Key::ReportHeldUp,
                                                    lang,
                                                    &[("tasks", &d.tasks.len().to_string()), ("units", &d.units.len().to_string())],
                                                )}
                                                <br />
                                                <small>{units}</small>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
    .into_any()
}

/// One unit's row under its task: status and light with the reason, notes with the date of
/// the work, figures.
fn unit_row(lang: Lang, r: &ReportRow, thumbs: bool) -> AnyView {
    view! {
        <tr class="report-unit-row">
            <th scope="row">{r.unit.name()} <br /> <small>{role_text(lang, r)}</small></th>
            <td>
                <strong>{status_text(lang, r.status)}</strong>
                " · "
                {light_key(r.assessment.light).text(lang)}
                {r.status_date.map(|d| view! { <br /> <small>{crate::i18n::fill(Key::WorkDateOn, lang, &[("date", &format_date(lang, d))])}</small> })}
                {r
                    .blocked_reason
                    .clone()
                    .map(|why| view! { <p class="report-blocked-reason"><strong>{Key::BlockedReasonLabel.text(lang)}</strong> {why}</p> })}
                <br />
                <small>{reason_text(lang, &r.assessment)}</small>
                <br />
                <small>{next_text(lang, r.assessment.next)}</small>
            </td>
            <td class="report-notes">
                {if r.notes.is_empty() {
                    view! { <p class="none">{Key::NoNotesYet.text(lang)}</p> }.into_any()
                } else {
                    r.notes
                        .iter()
                        .map(|n| {
                            view! {
                                <p>
                                    <strong class="report-work-date">{format_date(lang, n.work_date)}</strong>
                                    " "
                                    {n.text.clone()}
                                    {(!n.attachments.is_empty() && !thumbs)
                                        .then(|| {
                                            let count = crate::i18n::fill(Key::EvidenceCount, lang, &[("n", &n.attachments.len().to_string())]);
                                            view! { " " <small class="report-note-files">{format!("（{count}）")}</small> }
                                        })}
                                </p>
                                {(thumbs && !n.attachments.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul class="attachment-list report-thumbs">
                                                {n
                                                    .attachments
                                                    .iter()
                                                    .cloned()
                                                    .map(|file| view! { <li><super::evidence::AttachmentTile file /></li> })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </td>
            <td class="report-figures">
                {r
                    .figures
                    .iter()
                    .map(|p| view! { <p class="report-figure">{crate::describe::figure_line(lang, p)}</p> })
                    .collect_view()}
            </td>
        </tr>
    }
    .into_any()
}

/// The report as it prints: rebuilt as a whole, it has no inner state.
fn printable(report: &Report, lang: Lang, thumbs: bool) -> AnyView {
    let charts = view! {
        <div class="report-charts">
            {matches!(report.scope, ReportScope::District)
                .then(|| completion_chart(lang, Key::ReportChartByUnit, unit_bars(&report.by_unit)))}
            {completion_chart(lang, Key::ReportChartByArea, area_bars(&report.by_area))}
        </div>
    };
    let areas = plan()
        .areas
        .iter()
        .filter_map(|area| {
            let rows: Vec<&ReportRow> =
                report.rows.iter().filter(|r| r.task.area == area.number).collect();
            (!rows.is_empty()).then(|| {
                // Each task once, then its units.
                let mut tasks: Vec<(&'static crate::plan::Task, Vec<&ReportRow>)> = Vec::new();
                for row in rows {
                    match tasks.iter_mut().find(|(t, _)| t.id == row.task.id) {
                        Some((_, list)) => list.push(row),
                        None => tasks.push((row.task, vec![row])),
                    }
                }
                view! {
                    <section class="report-area">
                        <h3>{area.heading.as_str()}</h3>
                        <table class="report-table">
                            <colgroup>
                                <col class="col-unit-name" />
                                <col class="col-status" />
                                <col class="col-notes" />
                                <col class="col-figures" />
                            </colgroup>
                            <thead>
                                <tr>
                                    <th scope="col">{Key::ReportColumnUnit.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnStatus.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnNotes.text(lang)}</th>
                                    <th scope="col">{Key::ReportColumnTargets.text(lang)}</th>
                                </tr>
                            </thead>
                            {tasks
                                .into_iter()
                                .map(|(task, rows)| {
                                    let evidence: usize = rows.iter().map(|r| r.evidence).sum();
                                    view! {
                                        <tbody class="report-task" data-task=task.id.0>
                                            <tr class="report-task-row">
                                                <th scope="rowgroup" colspan="4">
                                                    <span class="report-task-no">{fill_task(lang, &task.printed_number)}</span>
                                                    " "
                                                    <span class="report-measure">{task.measure.as_str()}</span>
                                                    {(evidence > 0)
                                                        .then(|| {
                                                            view! {
                                                                " "
                                                                <span class="report-evidence">
                                                                    {crate::i18n::fill(Key::EvidenceCount, lang, &[("n", &evidence.to_string())])}
                                                                </span>
                                                            }
                                                        })}
                                                </th>
                                            </tr>
                                            {rows.into_iter().map(|r| unit_row(lang, r, thumbs)).collect_view()}
                                        </tbody>
                                    }
                                })
                                .collect_view()}
                        </table>
                    </section>
                }
            })
        })
        .collect_view();
    view! {
        <article class="report-print">
            <style>{page_css(lang, report)}</style>
            <header class="report-head">
                <h2>{report.title(lang)}</h2>
                <p>{fill_date(lang, report)}</p>
            </header>
            {summary_page(report, lang)}
            {charts}
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

/// rhythm-c: 报送情况 in the district report: per round, the units that have not submitted it.
fn submissions_section(report: &Report, lang: Lang) -> Option<AnyView> {
    if report.submissions.is_empty() {
        return None;
    }
    let rows = report
        .submissions
        .iter()
        .map(|r| {
            view! {
                <tr data-round=r.round.round.token()>
                    <th scope="row">{crate::i18n::round_name(lang, &r.round)}</th>
                    <td>{crate::i18n::round_due(lang, &r.round)}</td>
                    <td class="number">{r.missing.len()}</td>
                    <td>{Report::missing_text(lang, r)}</td>
                </tr>
            }
        })
        .collect_view();
    Some(
        view! {
            <section class="report-submissions">
                <h3>{Key::ReportSubmissionsHeading.text(lang)}</h3>
                <table class="report-submissions-table">
                    <thead>
                        <tr>
                            <th scope="col">{Key::ReportSubmissionsRound.text(lang)}</th>
                            <th scope="col">{Key::ReportSubmissionsDue.text(lang)}</th>
                            <th scope="col">{Key::ReportSubmissionsCount.text(lang)}</th>
                            <th scope="col">{Key::ReportSubmissionsUnits.text(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
        .into_any(),
    )
}

//! The consolidated view (汇总): tasks × units (responsible and cooperating, the role in each
//! cell) with status and light, completion per unit, each unit's latest data and which units
//! have sent nothing yet. Filters by area and unit; a cell opens that unit's view of the task
//! in a sheet over the grid, where the office answers a 需协调. Each row carries its task's
//! text in the sticky first column; the page is the grid's only scroller (header and first
//! column stick to the window), and the grid prints. Above it, the 需协调 list, each row a
//! link to the task and unit.

use leptos::prelude::*;

use super::coordination::CoordinationList;
use super::filter_bar::AreaSelect;
use super::light::{light_class, status_key};
use super::report_view::{area_bars, completion_chart, unit_bars};
use super::store::store;
use super::{cell_href, fill, navigate_to, tr, ui};
use crate::browser::location::HistoryEntry;
use crate::i18n::{Key, format_percent, format_stamp, submission_state, submission_state_short};
use crate::ledger::RoundRef;
use crate::ledger::consolidated::{
    Cell, Matrix, freshness, matrix, matrix_units, needs_coordination, responsible_units,
};
use crate::ledger::lights::Light;
use crate::ledger::rounds::{self, State};
use crate::plan::{Role, TaskId, UnitId, plan};

fn cell_title(task: TaskId, unit: UnitId, cell: &Cell) -> String {
    let status = tr(status_key(
        cell.status.unwrap_or(crate::ledger::Status::NotStarted),
    ))();
    let printed = plan().task(task).map_or("", |t| t.printed_number.as_str());
    format!(
        "{} · {} · {status}",
        fill(Key::TaskNumber, &[("n", printed)]),
        unit.name()
    )
}

/// The mark of a role in a cell (牵, 协, 导, 配) and its CSS token.
fn role_mark(role: Role) -> (Key, &'static str) {
    match role {
        Role::Lead => (Key::RoleMarkLead, "lead"),
        Role::Assist => (Key::RoleMarkAssist, "assist"),
        Role::Guide => (Key::RoleMarkGuide, "guide"),
        Role::Cooperate => (Key::RoleMarkCooperate, "cooperate"),
    }
}

fn light_symbol(light: Light) -> &'static str {
    match light {
        Light::Green => "●",
        Light::Yellow => "◆",
        Light::Red => "■",
        Light::Ended => "○",
    }
}

#[component]
pub fn MatrixView() -> impl IntoView {
    let store = store();
    let route = ui().route;
    let area = Memo::new(move |_| route.with(|r| r.filter.area));
    let only_unit = Memo::new(move |_| route.with(|r| r.filter.unit.filter(|u| !u.is_group())));
    let data = Memo::new(move |_| {
        let units: Vec<UnitId> = match only_unit.get() {
            Some(unit) => vec![unit],
            None => matrix_units(),
        };
        let area = area.get();
        store.overview.with(|o| {
            matrix(o, store.today.get(), &units, |t| {
                area.is_none_or(|a| t.area == a)
            })
        })
    });
    // Each column's 落实方案 state (the core's `ledger::rounds`), and the unit whose submitted
    // plan is open over the grid.
    let plan_states = Memo::new(move |_| {
        let units = data.with(|m| m.units.clone());
        store
            .ledger
            .with(|l| rounds::states_of(l, RoundRef::Plan, &units))
    });
    let open_plan = RwSignal::new(None::<UnitId>);
    let fresh = Memo::new(move |_| store.overview.with(|o| freshness(o, &responsible_units())));
    let blocked = Memo::new(move |_| {
        let area = area.get();
        let unit = only_unit.get();
        let mut list = store.ledger.with(needs_coordination);
        list.retain(|b| {
            unit.is_none_or(|u| b.unit == u)
                && area.is_none_or(|a| plan().task(b.task).is_some_and(|t| t.area == a))
        });
        list
    });
    let silent = move || {
        fresh.with(|f| {
            f.iter()
                .filter(|(_, t)| t.is_none())
                .map(|(u, _)| u.name())
                .collect::<Vec<_>>()
                .join("、")
        })
    };
    view! {
        <section class="matrix-view" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading" tabindex="-1">{tr(Key::MatrixHeading)}</h2>
            <div class="matrix-filters">
                <AreaSelect id="matrix-area" />
                <div class="field">
                    <label for="matrix-unit">{tr(Key::UnitLabel)}</label>
                    <select
                        id="matrix-unit"
                        on:change:target=move |ev| {
                            let unit = UnitId::from_name(&ev.target().value());
                            navigate_to(HistoryEntry::Push, |r| r.filter.unit = unit);
                        }
                    >
                        <option value="" prop:selected=move || only_unit.get().is_none()>{tr(Key::AllUnits)}</option>
                        {matrix_units()
                            .into_iter()
                            .map(|u| {
                                view! {
                                    <option value=u.name() prop:selected=move || only_unit.get() == Some(u)>
                                        {u.name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <section class="needs-coordination" aria-labelledby="blocked-heading">
                <h3 id="blocked-heading">
                    {move || blocked.with(|b| fill(Key::NeedsCoordinationHeading, &[("n", &b.len().to_string())]))}
                </h3>
                <p class="hint">{tr(Key::NeedsCoordinationHelp)}</p>
                <CoordinationList blocked />
            </section>
            <super::rhythm::SubmissionBoard />
            <div class="matrix-legend">
                <p class="hint">{tr(Key::MatrixLegend)} {tr(Key::MatrixCooperateHint)}</p>
                <button type="button" class="button-secondary print-matrix" on:click=move |_| {
                    let _ = window().print();
                }>
                    {tr(Key::MatrixPrint)}
                </button>
            </div>
            <div class="matrix-scroll" role="region" aria-labelledby="matrix-heading">
                {move || data.with(|m| plan_states.with(|s| render_table(m, s, open_plan)))}
            </div>
            {move || open_plan.get().map(|unit| view! {
                <section class="matrix-plan-sheet" role="dialog" aria-labelledby="matrix-plan-heading" data-unit=unit.name()>
                    <div class="matrix-plan-bar">
                        <h3 id="matrix-plan-heading">{fill(Key::MatrixPlanSheetHeading, &[("unit", unit.name())])}</h3>
                        <button type="button" class="button-secondary matrix-plan-close" on:click=move |_| open_plan.set(None)>
                            {tr(Key::MatrixPlanClose)}
                        </button>
                    </div>
                    <super::rhythm::SubmittedPlan unit />
                </section>
            })}
            <div class="report-charts">
                {move || {
                    data.with(|m| {
                        let lang = ui().lang.get();
                        view! {
                            {completion_chart(lang, Key::ReportChartByUnit, unit_bars(&m.by_unit()))}
                            {completion_chart(lang, Key::ReportChartByArea, area_bars(&m.by_area()))}
                        }
                    })
                }}
            </div>
            <section class="freshness" aria-labelledby="freshness-heading">
                <h3 id="freshness-heading">{tr(Key::FreshnessHeading)}</h3>
                <p class="silent">
                    {move || {
                        let names = silent();
                        if names.is_empty() {
                            tr(Key::AllUnitsSent)().to_string()
                        } else {
                            fill(Key::UnitsSilent, &[("units", &names)])
                        }
                    }}
                </p>
                <ul class="freshness-list">
                    {move || {
                        fresh
                            .get()
                            .into_iter()
                            .filter_map(|(unit, latest)| latest.map(|at| (unit, at)))
                            .map(|(unit, at)| {
                                view! {
                                    <li>
                                        <span class="note-unit">{unit.name()}</span>
                                        " "
                                        {fill(Key::LatestData, &[("when", &format_stamp(ui().lang.get(), at))])}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </section>
    }
}

/// The table itself, rebuilt as a whole when the data changes (it has no inner state).
/// Each column header carries its unit's 落实方案 state, a button that opens the submitted plan.
fn render_table(
    m: &Matrix,
    states: &std::collections::BTreeMap<UnitId, State>,
    open_plan: RwSignal<Option<UnitId>>,
) -> AnyView {
    let units = m.units.clone();
    let totals = m.by_unit();
    let lang = ui().lang.get();
    let head = units
        .iter()
        .map(|&u| {
            let state = states.get(&u).cloned().unwrap_or(State::NotStarted);
            let long = submission_state(lang, &state);
            view! {
                <th scope="col" title=u.name()>
                    <span class="col-unit">{u.name()}</span>
                    <button
                        type="button"
                        class=format!("col-plan-state state-{}", state.token())
                        data-unit=u.name()
                        title=fill(Key::MatrixPlanStateTitle, &[("unit", u.name()), ("state", &long)])
                        aria-haspopup="dialog"
                        on:click=move |_| open_plan.set(Some(u))
                    >
                        {submission_state_short(lang, &state)}
                    </button>
                </th>
            }
        })
        .collect_view();
    let rows = m
        .rows
        .iter()
        .map(|row| {
            let task = plan().task(row.task).expect("rows are plan tasks");
            let cells = row
                .cells
                .iter()
                .zip(&units)
                .map(|(cell, &unit)| match cell {
                    None => view! { <td class="cell-none"></td> }.into_any(),
                    Some(cell) => {
                        let task_id = row.task;
                        let (role_mark, role) = role_mark(cell.role);
                        view! {
                            <td class=format!("cell cell-{} role-{role}", light_class(cell.light))>
                                <a
                                    href=untrack(|| cell_href(task_id, unit))
                                    title=cell_title(task_id, unit, cell)
                                    data-unit=unit.name()
                                    aria-current=move || {
                                        ui().route.with(|r| (r.task == Some(task_id) && r.of == Some(unit)).then_some("true"))
                                    }
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        navigate_to(HistoryEntry::Push, |r| {
                                            r.task = Some(task_id);
                                            r.of = Some(unit);
                                        });
                                    }
                                >
                                    <span class="cell-light" aria-hidden="true">{light_symbol(cell.light)}</span>
                                    <span class="cell-status">{tr(status_key(cell.status.unwrap_or(crate::ledger::Status::NotStarted)))}</span>
                                    <span class="cell-role">{tr(role_mark)}</span>
                                </a>
                            </td>
                        }
                            .into_any()
                    }
                })
                .collect_view();
            let task_id = row.task;
            view! {
                <tr data-task=task_id.0>
                    <th scope="row" class="row-task">
                        <a
                            href=untrack(|| super::task_href(task_id))
                            on:click=move |ev| {
                                ev.prevent_default();
                                navigate_to(HistoryEntry::Push, |r| {
                                    r.task = Some(task_id);
                                    r.of = None;
                                });
                            }
                        >
                            <span class="row-number">
                                {task.printed_number.as_str()}
                                {task.repeats_number.then_some("*")}
                            </span>
                            <span class="row-text">{task.measure.as_str()}</span>
                        </a>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let total_cells = totals
        .iter()
        .map(|(_, c)| {
            view! {
                <td class="total">
                    <span class="total-rate">{format!("{}%", format_percent(c.rate() * 100.0))}</span>
                    <span class="total-count">{format!("{}/{}", c.done, c.responsible)}</span>
                </td>
            }
        })
        .collect_view();
    view! {
        <table class="matrix">
            <caption class="visually-hidden">{tr(Key::MatrixHeading)}</caption>
            <thead>
                <tr>
                    <th scope="col" class="row-task-head">
                        {tr(Key::MatrixTaskColumn)} " · " {tr(Key::MatrixTaskText)}
                    </th>
                    {head}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row">{tr(Key::CompletionRow)}</th>
                    {total_cells}
                </tr>
            </tfoot>
        </table>
    }
    .into_any()
}

//! For the chosen unit: how many tasks it leads, assists, guides and cooperates on, named
//! directly and through groups.

use leptos::prelude::*;

use super::{fill, tr, ui};
use crate::describe::role_kind_key;
use crate::i18n::Key;
use crate::plan::{Role, plan};

#[component]
pub fn UnitSummary() -> impl IntoView {
    let route = ui().route;
    let unit = move || route.with(|r| r.filter.unit);
    view! {
        {move || {
            unit()
                .map(|unit| {
                    let summary = plan().unit_summary(unit);
                    view! {
                        <section class="unit-summary" aria-labelledby="unit-summary-heading">
                            <h2 id="unit-summary-heading">
                                {move || fill(Key::SummaryHeading, &[("unit", unit.name())])}
                            </h2>
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{tr(Key::SummaryRole)}</th>
                                        <th scope="col">{tr(Key::SummaryDirect)}</th>
                                        <th scope="col">{tr(Key::SummaryViaGroup)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {[Role::Lead, Role::Assist, Role::Guide, Role::Cooperate]
                                        .into_iter()
                                        .map(|role| {
                                            let count = summary.for_role(role);
                                            view! {
                                                <tr data-role=role.token()>
                                                    <th scope="row">{tr(role_kind_key(role))}</th>
                                                    <td>{count.direct}</td>
                                                    <td>{count.via_group}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            <p class="summary-total">
                                {move || fill(Key::SummaryTotal, &[("n", &summary.tasks.to_string())])}
                            </p>
                        </section>
                    }
                })
        }}
    }
}

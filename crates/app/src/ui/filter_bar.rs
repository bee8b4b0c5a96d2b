//! The filter controls: unit, role, area and free text, plus the control that clears them.

use leptos::prelude::*;

use super::{navigate_to, tr, ui};
use crate::browser::location::HistoryEntry;
use crate::filter::{RoleFilter, TaskFilter};
use crate::i18n::Key;
use crate::plan::units::UnitKind;
use crate::plan::{UnitId, plan};

/// Applies `change` to the current filter and shows the result.
fn update_filter(entry: HistoryEntry, change: impl FnOnce(&mut TaskFilter)) {
    navigate_to(entry, |route| change(&mut route.filter));
}

fn role_label(role: RoleFilter) -> Key {
    match role {
        RoleFilter::Any => Key::RoleAny,
        RoleFilter::Lead => Key::RoleLead,
        RoleFilter::Cooperate => Key::RoleCooperate,
    }
}

#[component]
pub fn FilterBar() -> impl IntoView {
    let route = ui().route;
    let unit = move || route.with(|r| r.filter.unit);
    let unit_options = move |wanted: fn(UnitKind) -> bool| {
        UnitId::all()
            .filter(move |u| wanted(u.info().kind))
            .map(move |u| {
                view! {
                    <option value=u.name() prop:selected=move || unit() == Some(u)>
                        {u.name()}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <section class="filters" aria-labelledby="filters-heading">
            <h2 id="filters-heading" class="visually-hidden">{tr(Key::FiltersHeading)}</h2>
            <div class="field">
                <label for="filter-unit">{tr(Key::UnitLabel)}</label>
                <select
                    id="filter-unit"
                    on:change:target=move |ev| {
                        let name = ev.target().value();
                        update_filter(HistoryEntry::Push, |f| f.unit = UnitId::from_name(&name));
                    }
                >
                    <option value="" prop:selected=move || unit().is_none()>{tr(Key::AllUnits)}</option>
                    <optgroup label=tr(Key::DepartmentsGroup)>
                        {unit_options(|k| matches!(k, UnitKind::Coordinator | UnitKind::Department))}
                    </optgroup>
                    <optgroup label=tr(Key::SubdistrictsGroup)>
                        {unit_options(|k| k == UnitKind::Subdistrict)}
                    </optgroup>
                    <optgroup label=tr(Key::GroupsGroup)>
                        {unit_options(|k| matches!(k, UnitKind::Group(_)))}
                    </optgroup>
                </select>
            </div>
            <fieldset class="field role-filter" disabled=move || unit().is_none()>
                <legend>{tr(Key::RoleLabel)}</legend>
                <div class="segmented">
                    {RoleFilter::ALL
                        .into_iter()
                        .map(|role| {
                            view! {
                                <label class="segment">
                                    <input
                                        type="radio"
                                        name="role"
                                        value=role.token()
                                        prop:checked=move || route.with(|r| r.filter.role == role)
                                        on:change=move |_| {
                                            update_filter(HistoryEntry::Push, |f| f.role = role)
                                        }
                                    />
                                    <span>{tr(role_label(role))}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <p class="hint" hidden=move || unit().is_some()>
                    {tr(Key::RoleNeedsUnit)}
                </p>
            </fieldset>
            <AreaSelect id="filter-area" />
            <div class="field field-search">
                <label for="filter-query">{tr(Key::SearchLabel)}</label>
                <input
                    id="filter-query"
                    type="search"
                    autocomplete="off"
                    placeholder=tr(Key::SearchPlaceholder)
                    prop:value=move || route.with(|r| r.filter.query.clone())
                    on:input:target=move |ev| {
                        let query = ev.target().value();
                        // One history step per search, not per keystroke.
                        let entry = if route.with_untracked(|r| r.filter.query.is_empty()) {
                            HistoryEntry::Push
                        } else {
                            HistoryEntry::Replace
                        };
                        update_filter(entry, |f| f.query = query);
                    }
                />
            </div>
            <button
                type="button"
                class="button-secondary clear-filters"
                disabled=move || route.with(|r| r.filter.is_empty())
                on:click=move |_| update_filter(HistoryEntry::Push, |f| *f = TaskFilter::default())
            >
                {tr(Key::ClearFilters)}
            </button>
        </section>
    }
}

/// The area filter (领域), shared by the table and the matrix.
#[component]
pub fn AreaSelect(id: &'static str) -> impl IntoView {
    let route = ui().route;
    view! {
        <div class="field">
            <label for=id>{tr(Key::AreaLabel)}</label>
            <select
                id=id
                on:change:target=move |ev| {
                    let area = ev.target().value().parse().ok();
                    update_filter(HistoryEntry::Push, |f| f.area = area);
                }
            >
                <option value="" prop:selected=move || route.with(|r| r.filter.area.is_none())>
                    {tr(Key::AllAreas)}
                </option>
                {plan()
                    .areas
                    .iter()
                    .map(|area| {
                        let number = area.number;
                        view! {
                            <option
                                value=number.to_string()
                                prop:selected=move || route.with(|r| r.filter.area == Some(number))
                            >
                                {area.heading.as_str()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

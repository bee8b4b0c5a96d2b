//! "Who am I": the unit this device works for, and an optional name to sign notes with.

use leptos::prelude::*;

use super::store::store;
use super::tr;
use crate::i18n::Key;
use crate::plan::UnitId;
use crate::plan::units::UnitKind;
use crate::profile::MAX_AUTHOR_CHARS;

#[component]
pub fn UnitPicker(choosing_unit: RwSignal<bool>) -> impl IntoView {
    let store = store();
    let chosen = move || store.profile.with(|p| p.unit);
    let choose = move |unit: UnitId| {
        store.choose_unit(unit);
        choosing_unit.set(false);
    };
    let group = move |heading: Key, wanted: fn(UnitKind) -> bool| {
        view! {
            <fieldset class="unit-group">
                <legend>{tr(heading)}</legend>
                <div class="unit-buttons">
                    {UnitId::all_units()
                        .filter(move |u| wanted(u.info().kind))
                        .map(|unit| {
                            view! {
                                <button
                                    type="button"
                                    class="unit-button"
                                    aria-pressed=move || (chosen() == Some(unit)).to_string()
                                    on:click=move |_| choose(unit)
                                >
                                    {unit.name()}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        }
    };
    view! {
        <section class="unit-picker" aria-labelledby="unit-picker-heading">
            <h2 id="unit-picker-heading">{tr(Key::PickUnitHeading)}</h2>
            <p>{tr(Key::PickUnitHelp)}</p>
            <div class="field author-field">
                <label for="author-name">{tr(Key::AuthorLabel)}</label>
                <input
                    id="author-name"
                    type="text"
                    autocomplete="name"
                    maxlength=MAX_AUTHOR_CHARS.to_string()
                    prop:value=move || store.profile.with(|p| p.author.clone().unwrap_or_default())
                    on:change:target=move |ev| {
                        let name = ev.target().value().trim().to_string();
                        store.update_profile(|p| p.author = (!name.is_empty()).then_some(name));
                    }
                />
            </div>
            {group(Key::CoordinatorGroup, |k| k == UnitKind::Coordinator)}
            {group(Key::DepartmentsGroup, |k| k == UnitKind::Department)}
            {group(Key::SubdistrictsGroup, |k| k == UnitKind::Subdistrict)}
        </section>
    }
}

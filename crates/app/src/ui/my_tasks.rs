//! "My tasks": every task that concerns the user's unit, with its light, status, latest note
//! and next milestone. Tiles by status and light filter when tapped; a role filter, a search
//! box and the order sit above the list; everything is kept in the URL hash. The unit's own
//! tasks come first; those it has only as a member of 区食药安委各成员单位 are folded below.
//! Every decision is in [`crate::filter`].

use leptos::prelude::*;

use super::light::{LightBadge, StatusBadge, light_class, status_key};
use super::store::store;
use super::{fill, navigate_to, task_href, tr, ui};
use crate::browser::location::HistoryEntry;
use crate::describe::{light_key, next_text, roles_text};
use crate::filter::{Arranged, MineFilter, MyTask, Reach, SortOrder, my_tasks};
use crate::i18n::{Key, format_stamp};
use crate::ledger::Status;
use crate::ledger::lights::Light;
use crate::plan::UnitId;

/// The catch-all group as the table prints it (tasks 1–4 and most others name it).
const COMMITTEE_MEMBERS: &str = "区食药安委各成员单位";

/// Applies `change` to the filter of "my tasks" and shows the result.
fn update_mine(entry: HistoryEntry, change: impl FnOnce(&mut MineFilter)) {
    navigate_to(entry, |route| change(&mut route.mine));
}

fn reach_label(reach: Option<Reach>) -> Key {
    match reach {
        None => Key::RoleAny,
        Some(Reach::Lead) => Key::RoleLead,
        Some(Reach::Cooperate) => Key::RoleCooperate,
        Some(Reach::Member) => Key::ReachMember,
    }
}

fn sort_label(sort: SortOrder) -> Key {
    match sort {
        SortOrder::Urgency => Key::SortUrgency,
        SortOrder::Number => Key::SortNumber,
        SortOrder::LastUpdate => Key::SortUpdated,
    }
}

#[component]
pub fn MyTasks(unit: UnitId) -> impl IntoView {
    let store = store();
    let route = ui().route;
    let rows = Memo::new(move |_| {
        store
            .overview
            .with(|o| my_tasks(o, unit, store.today.get()))
    });
    let mine = Memo::new(move |_| route.with(|r| r.mine.clone()));
    let arranged: Memo<Arranged> =
        Memo::new(move |_| mine.with(|m| rows.with(|rows| m.arrange(rows))));
    let sort = move || mine.with(|m| m.sort);
    let member_overdue = move || {
        arranged.with(|a| {
            a.as_member
                .iter()
                .filter(|t| t.light() == Light::Red)
                .count()
        })
    };
    view! {
        <section class="my-tasks" aria-labelledby="my-tasks-heading">
            <h2 id="my-tasks-heading" tabindex="-1">
                {move || fill(Key::MyTasksHeading, &[("unit", unit.name()), ("n", &rows.with(Vec::len).to_string())])}
            </h2>
            <Tiles arranged mine />
            <MineControls mine />
            <p class="result-count" aria-live="polite">
                {move || {
                    arranged
                        .with(|a| {
                            fill(Key::ResultCount, &[("shown", &a.shown().to_string()), ("total", &a.total.to_string())])
                        })
                }}
            </p>
            <p class="empty" hidden=move || arranged.with(|a| a.shown() > 0)>{tr(Key::NoResults)}</p>
            <ol class="my-task-list my-task-list-own">
                {move || {
                    arranged
                        .with(|a| a.own.clone())
                        .into_iter()
                        .map(|row| view! { <MyTaskRow row unit sort=sort() /> })
                        .collect_view()
                }}
            </ol>
            <Show when=move || arranged.with(|a| !a.as_member.is_empty())>
                // Sorted by urgency, an overdue (red) task never hides in a folded section: it
                // opens, and its summary says how many are red.
                <details
                    class="member-tasks"
                    open=move || {
                        mine.with(|m| m.reach == Some(Reach::Member))
                            || arranged.with(|a| a.own.is_empty())
                            || (sort() == SortOrder::Urgency && member_overdue() > 0)
                    }
                >
                    <summary>
                        {move || {
                            fill(
                                Key::MemberTasksHeading,
                                &[("group", COMMITTEE_MEMBERS), ("n", &arranged.with(|a| a.as_member.len()).to_string())],
                            )
                        }}
                        {move || {
                            let n = member_overdue();
                            (n > 0)
                                .then(|| {
                                    view! {
                                        <span class="member-overdue">
                                            " · "
                                            {move || fill(Key::MemberOverdue, &[("n", &n.to_string())])}
                                        </span>
                                    }
                                })
                        }}
                    </summary>
                    <ol class="my-task-list my-task-list-member">
                        {move || {
                            arranged
                                .with(|a| a.as_member.clone())
                                .into_iter()
                                .map(|row| view! { <MyTaskRow row unit sort=sort() /> })
                                .collect_view()
                        }}
                    </ol>
                </details>
            </Show>
            <super::rhythm::RhythmMine unit />
        </section>
    }
}

/// The counts by status and by light, each a toggle that filters the list.
#[component]
fn Tiles(arranged: Memo<Arranged>, mine: Memo<MineFilter>) -> impl IntoView {
    let status_tile = move |status: Status| {
        view! {
            <Tile
                class=format!("tile tile-status status-tile-{}", status.token())
                label=status_key(status)
                dot=false
                count=Signal::derive(move || arranged.with(|a| a.tiles.status(status)))
                pressed=Signal::derive(move || mine.with(|m| m.status == Some(status)))
                toggle=Callback::new(move |()| {
                    update_mine(HistoryEntry::Push, |m| {
                        m.status = if m.status == Some(status) { None } else { Some(status) };
                    })
                })
            />
        }
    };
    let light_tile = move |light: Light| {
        view! {
            <Tile
                class=format!("tile tile-light light-{}", light_class(light))
                label=light_key(light)
                dot=true
                count=Signal::derive(move || arranged.with(|a| a.tiles.light(light)))
                pressed=Signal::derive(move || mine.with(|m| m.light == Some(light)))
                toggle=Callback::new(move |()| {
                    update_mine(HistoryEntry::Push, |m| {
                        m.light = if m.light == Some(light) { None } else { Some(light) };
                    })
                })
            />
        }
    };
    view! {
        <div class="tiles" role="group" aria-label=tr(Key::CountsLabel) aria-describedby="tiles-hint">
            <div class="tile-row" role="group" aria-label=tr(Key::StatusHeading)>
                {Status::ALL.into_iter().map(status_tile).collect_view()}
            </div>
            <div class="tile-row" role="group" aria-label=tr(Key::LightLabel)>
                {[Light::Red, Light::Yellow, Light::Green].into_iter().map(light_tile).collect_view()}
                // 年度已结束 once the plan year is over.
                {move || (arranged.with(|a| a.tiles.light(Light::Ended)) > 0).then(|| light_tile(Light::Ended))}
            </div>
            <p class="hint" id="tiles-hint">{tr(Key::TilesHint)}</p>
        </div>
    }
}

/// One count as a toggle button: its label (with the light's shape for a light) and number.
#[component]
fn Tile(
    class: String,
    label: Key,
    dot: bool,
    count: Signal<usize>,
    pressed: Signal<bool>,
    toggle: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            aria-pressed=move || if pressed.get() { "true" } else { "false" }
            on:click=move |_| toggle.run(())
        >
            <span class="tile-label">
                {dot.then(|| view! { <span class="light-dot" aria-hidden="true"></span> })}
                {tr(label)}
            </span>
            <span class="tile-count">{move || count.get()}</span>
        </button>
    }
}

/// Role, search and order, and the control that clears the filters.
#[component]
fn MineControls(mine: Memo<MineFilter>) -> impl IntoView {
    let reaches = [
        None,
        Some(Reach::Lead),
        Some(Reach::Cooperate),
        Some(Reach::Member),
    ];
    view! {
        <section class="filters mine-filters" aria-labelledby="mine-filters-heading">
            <h3 id="mine-filters-heading" class="visually-hidden">{tr(Key::FiltersHeading)}</h3>
            <fieldset class="field role-filter">
                <legend>{tr(Key::RoleLabel)}</legend>
                <div class="segmented">
                    {reaches
                        .into_iter()
                        .map(|reach| {
                            view! {
                                <label class="segment">
                                    <input
                                        type="radio"
                                        name="mine-role"
                                        value=reach.map_or("any", Reach::token)
                                        prop:checked=move || mine.with(|m| m.reach == reach)
                                        on:change=move |_| update_mine(HistoryEntry::Push, |m| m.reach = reach)
                                    />
                                    <span>{tr(reach_label(reach))}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <div class="field field-search">
                <label for="mine-query">{tr(Key::SearchLabel)}</label>
                <input
                    id="mine-query"
                    type="search"
                    autocomplete="off"
                    placeholder=tr(Key::SearchPlaceholder)
                    prop:value=move || mine.with(|m| m.query.clone())
                    on:input:target=move |ev| {
                        let query = ev.target().value();
                        // One history step per search, not per keystroke.
                        let entry = if mine.with_untracked(|m| m.query.is_empty()) {
                            HistoryEntry::Push
                        } else {
                            HistoryEntry::Replace
                        };
                        update_mine(entry, |m| m.query = query);
                    }
                />
            </div>
            <div class="field">
                <label for="mine-sort">{tr(Key::SortLabel)}</label>
                <select
                    id="mine-sort"
                    on:change:target=move |ev| {
                        let sort = SortOrder::from_token(&ev.target().value()).unwrap_or_default();
                        update_mine(HistoryEntry::Push, |m| m.sort = sort);
                    }
                >
                    {SortOrder::ALL
                        .into_iter()
                        .map(|sort| {
                            view! {
                                <option value=sort.token() prop:selected=move || mine.with(|m| m.sort == sort)>
                                    {tr(sort_label(sort))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button
                type="button"
                class="button-secondary clear-filters"
                disabled=move || mine.with(|m| !m.filters())
                on:click=move |_| {
                    update_mine(HistoryEntry::Push, |m| {
                        *m = MineFilter { sort: m.sort, ..MineFilter::default() };
                    })
                }
            >
                {tr(Key::ClearFilters)}
            </button>
        </section>
    }
}

#[component]
fn MyTaskRow(row: MyTask, unit: UnitId, sort: SortOrder) -> impl IntoView {
    let store = store();
    let task = row.task;
    let next = row.assessment.next;
    let latest_note = move || {
        store
            .overview
            .with(|o| o.get(task.id, unit).and_then(|s| s.latest_note.clone()))
    };
    let selected = move || ui().route.with(|r| r.task == Some(task.id));
    let last_update = row.last_update;
    view! {
        <li class="my-task" data-task=task.id.0 class:selected=selected>
            <a class="my-task-link" href=move || task_href(task.id) aria-current=move || selected().then_some("true")>
                <span class="my-task-head">
                    <span class="task-number">{move || fill(Key::TaskNumber, &[("n", &task.printed_number)])}</span>
                    <LightBadge assessment=Signal::stored(row.assessment) with_reason=true />
                    <StatusBadge status=Signal::stored(Some(row.status)) />
                </span>
                <span class="measure-excerpt">{task.measure.as_str()}</span>
                <span class="my-role">{move || roles_text(ui().lang.get(), task, unit)}</span>
                <super::targets::FigureLines task=task.id unit />
                <span class="latest-note">
                    {move || match latest_note() {
                        Some(note) => {
                            fill(
                                Key::LatestNote,
                                &[("when", &format_stamp(ui().lang.get(), note.at)), ("text", &note.text)],
                            )
                        }
                        None => tr(Key::NoNotesYet)().to_string(),
                    }}
                </span>
                {(sort == SortOrder::LastUpdate)
                    .then(|| {
                        view! {
                            <span class="last-update">
                                {move || {
                                    let lang = ui().lang.get();
                                    let when = last_update
                                        .map(|at| format_stamp(lang, at))
                                        .unwrap_or_else(|| Key::NothingSent.text(lang).to_string());
                                    fill(Key::LastUpdateLine, &[("when", &when)])
                                }}
                            </span>
                        }
                    })}
                <span class="next-milestone">
                    {move || next_text(ui().lang.get(), next)}
                </span>
            </a>
        </li>
    }
}

//! 会议材料 on the screen: the coordination meeting's items grouped by the departments involved
//! (each with the units, the reason, the day raised and the replies so far), printable and as
//! XLSX or Word; and, for the office, a decision recorded against an item (会议决定). What the
//! meeting lists and what a decision is are decided in `ledger::meeting`; the words in
//! `report::meeting`.

use leptos::prelude::*;

use super::store::store;
use super::{fill, tr, ui};
use crate::browser::download;
use crate::foundation::time::Date;
use crate::i18n::{Key, format_date, problem_text};
use crate::ledger::meeting::Item;
use crate::plan::{TaskId, UnitId, plan};
use crate::report::meeting::{Material, answer_text, departments_text};
use crate::report::{docx, xlsx};

/// The meeting's material with its downloads and, for the office, the decision forms.
#[component]
pub fn MeetingReport() -> impl IntoView {
    let store = store();
    let material = Memo::new(move |_| {
        let today = store.today.get();
        store.ledger.with(|l| Material::build(l, today))
    });
    let is_office = move || {
        store
            .profile
            .with(|p| p.unit == Some(UnitId::coordinator()))
    };
    let open = RwSignal::new(None::<(TaskId, UnitId)>);
    let download_xlsx = move |_| {
        let lang = ui().lang.get_untracked();
        material.with_untracked(|m| {
            let name = format!("{}.xlsx", m.file_stem());
            download::download_bytes(&name, xlsx::MIME, &xlsx::workbook(&[m.sheet(lang)]));
        });
    };
    // rhythm-c: the same rows as CSV.
    let download_csv = move |_| {
        let lang = ui().lang.get_untracked();
        material.with_untracked(|m| {
            let name = format!("{}.csv", m.file_stem());
            download::download_text(&name, "text/csv;charset=utf-8", &m.csv(lang));
        });
    };
    let download_docx = move |_| {
        let lang = ui().lang.get_untracked();
        material.with_untracked(|m| {
            let name = format!("{}.docx", m.file_stem());
            download::download_bytes(&name, docx::MIME, &docx::document(&m.document(lang)));
        });
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <div class="report-controls meeting-controls">
            <p class="report-help">{tr(Key::MeetingHelp)}</p>
            <div class="form-actions">
                <button type="button" class="meeting-print" on:click=print>{tr(Key::ReportPrint)}</button>
                <button type="button" class="button-secondary meeting-xlsx" on:click=download_xlsx>{tr(Key::ReportXlsx)}</button>
                <button type="button" class="button-secondary meeting-csv" on:click=download_csv>{tr(Key::ReportCsv)}</button>
                <button type="button" class="button-secondary meeting-docx" on:click=download_docx>{tr(Key::ReportDocx)}</button>
            </div>
        </div>
        <article class="printable meeting-material">
            {move || {
                let lang = ui().lang.get();
                material.with(|m| {
                    let subtitle = crate::i18n::fill(
                        Key::MeetingSubtitle,
                        lang,
                        &[
                            ("date", &format_date(lang, m.date)),
                            ("n", &m.item_count().to_string()),
                            ("office", UnitId::coordinator().name()),
                        ],
                    );
                    let groups = m
                        .groups
                        .iter()
                        .map(|g| {
                            let items = g
                                .items
                                .iter()
                                .map(|item| view! { <MeetingItem item=item.clone() open is_office /> })
                                .collect_view();
                            view! {
                                <section class="meeting-group">
                                    <h3 class="meeting-departments">{departments_text(g)}</h3>
                                    <ul class="meeting-items">{items}</ul>
                                </section>
                            }
                        })
                        .collect_view();
                    view! {
                        <header class="report-head">
                            <h2 class="report-title">{m.title(lang)}</h2>
                            <p class="report-subtitle">{subtitle}</p>
                        </header>
                        {(m.groups.is_empty())
                            .then(|| view! { <p class="none">{Key::NothingBlocked.text(lang)}</p> })}
                        {groups}
                    }
                })
            }}
        </article>
    }
}

/// One item: task, unit, reason, day raised, the replies so far (decisions marked), and the
/// office's button to record a decision.
#[component]
fn MeetingItem(
    item: Item,
    open: RwSignal<Option<(TaskId, UnitId)>>,
    is_office: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = ui().lang.get_untracked();
    let (task, unit) = (item.task, item.unit);
    let printed = plan()
        .task(task)
        .map(|t| t.printed_number.clone())
        .unwrap_or_default();
    let measure = plan()
        .task(task)
        .map(|t| t.measure.clone())
        .unwrap_or_default();
    let replies = if item.replies.is_empty() {
        view! { <p class="meeting-no-reply">{Key::MeetingNoReply.text(lang)}</p> }.into_any()
    } else {
        view! {
            <ol class="meeting-replies">
                {item
                    .replies
                    .iter()
                    .map(|a| {
                        let class = if a.meeting.is_some() { "meeting-reply meeting-decision" } else { "meeting-reply" };
                        view! { <li class=class>{answer_text(lang, a)}</li> }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let here = move || open.get() == Some((task, unit));
    view! {
        <li class="meeting-item" data-task=task.0 data-unit=unit.name()>
            <p class="meeting-item-head">
                <strong>{fill(Key::TaskNumber, &[("n", &printed)])}</strong>
                " "
                <span class="meeting-unit">{unit.name()}</span>
                " · "
                {fill(Key::MeetingRaisedOn, &[("date", &format_date(lang, item.raised))])}
            </p>
            <p class="meeting-measure">{measure}</p>
            <p class="meeting-reason">
                <strong>{Key::BlockedReasonLabel.text(lang)}</strong>
                " "
                {item.reason.clone()}
            </p>
            {replies}
            <Show when=move || is_office()>
                <div class="no-print">
                    <Show
                        when=here
                        fallback=move || {
                            view! {
                                <button
                                    type="button"
                                    class="button-secondary meeting-decide"
                                    on:click=move |_| open.set(Some((task, unit)))
                                >
                                    {tr(Key::MeetingRecordDecision)}
                                </button>
                            }
                        }
                    >
                        <DecisionForm task unit open />
                    </Show>
                </div>
            </Show>
        </li>
    }
}

/// The office records the meeting's decision on (task, unit): the meeting's date, the
/// decision, the unit to act, by when, 已协调.
#[component]
fn DecisionForm(
    task: TaskId,
    unit: UnitId,
    open: RwSignal<Option<(TaskId, UnitId)>>,
) -> impl IntoView {
    let store = store();
    let today = store.today.get_untracked();
    let meeting = RwSignal::new(today.to_string());
    let text = RwSignal::new(String::new());
    let owner = RwSignal::new(unit);
    let due = RwSignal::new(today.add_days(30).to_string());
    let resolved = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ui().lang.get_untracked();
        let (Ok(meeting_day), Ok(due_day)) = (
            Date::parse(&meeting.get_untracked()),
            Date::parse(&due.get_untracked()),
        ) else {
            problem.set(Some(Key::MeetingDatesNeeded.text(lang).to_string()));
            return;
        };
        let words = text.get_untracked();
        let result = store.record(|r, id, at| {
            r.decide(
                id,
                task,
                at,
                unit,
                &words,
                owner.get_untracked(),
                due_day,
                resolved.get_untracked(),
                meeting_day,
            )
        });
        match result {
            Ok(()) => open.set(None),
            // What was typed stays in the form.
            Err(p) => problem.set(Some(problem_text(lang, &p))),
        }
    };
    let on_task: Vec<UnitId> = plan()
        .task(task)
        .map(|t| {
            UnitId::all_units()
                .filter(|u| !u.is_group() && t.concerns(*u))
                .collect()
        })
        .unwrap_or_default();
    let id = format!("decision-{}-{}", task.0, unit.name());
    view! {
        <form class="coordination-form meeting-form" on:submit=save>
            <div class="coordination-fields">
                <div class="field">
                    <label for=format!("{id}-meeting")>{tr(Key::MeetingDateLabel)}</label>
                    <input
                        id=format!("{id}-meeting")
                        class="meeting-date"
                        type="date"
                        prop:value=move || meeting.get()
                        on:input:target=move |ev| meeting.set(ev.target().value())
                    />
                </div>
                <div class="field">
                    <label for=format!("{id}-owner")>{tr(Key::CoordinationOwnerLabel)}</label>
                    <select
                        id=format!("{id}-owner")
                        class="meeting-owner"
                        on:change:target=move |ev| {
                            if let Some(u) = UnitId::from_name(&ev.target().value()) {
                                owner.set(u);
                            }
                        }
                    >
                        {on_task
                            .into_iter()
                            .map(|u| view! { <option value=u.name() prop:selected=move || owner.get() == u>{u.name()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("{id}-due")>{tr(Key::CoordinationDueLabel)}</label>
                    <input
                        id=format!("{id}-due")
                        class="meeting-due"
                        type="date"
                        prop:value=move || due.get()
                        on:input:target=move |ev| due.set(ev.target().value())
                    />
                </div>
            </div>
            <div class="field">
                <label for=format!("{id}-text")>{tr(Key::MeetingDecisionText)}</label>
                <textarea
                    id=format!("{id}-text")
                    class="meeting-text"
                    rows="3"
                    prop:value=move || text.get()
                    on:input:target=move |ev| text.set(ev.target().value())
                ></textarea>
            </div>
            <label class="check coordination-resolved">
                <input
                    type="checkbox"
                    prop:checked=move || resolved.get()
                    on:change:target=move |ev| resolved.set(ev.target().checked())
                />
                <span>{tr(Key::CoordinationResolvedLabel)}</span>
            </label>
            <div class="form-actions">
                <button type="submit" class="button-primary meeting-save">{tr(Key::MeetingSaveDecision)}</button>
                <button type="button" class="button-secondary" on:click=move |_| open.set(None)>{tr(Key::Cancel)}</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="field-error meeting-problem" role="alert">{p}</p> })}
        </form>
    }
}

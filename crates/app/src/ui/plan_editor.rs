//! 载入新的分工表: the office turns next year's Word table into a plan on the plans screen.
//! Step 1 reads the table (a .docx picked or dropped, a paste, a text export) and lists every
//! problem by row; then, one step at a time: the preview (title, year, areas, tasks and units),
//! the unit names the registry does not know (a renamed bureau or a new unit) and the groups'
//! members, the targets and dates marked in the task text, and saving (export the plan file,
//! use the plan). The draft lives in one signal; every decision is made by `plan::draft`.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{fill, tr, ui};
use crate::browser::table_input::{self, InputError, MAX_TABLE_BYTES};
use crate::browser::{download, files, perf, plans};
use crate::describe::{annotate_problem, goal_text, plan_file_problems};
use crate::exchange::plan_file::{self, PlanFileError};
use crate::i18n::{self, Key, Lang};
use crate::plan::annotate::{AnnotateProblem, Suggestion, SuggestionKind, suggest};
use crate::plan::draft::{self, Draft, DraftProblem, Mapping};
use crate::plan::source::{Severity, SourceProblem, SourceReport};
use crate::plan::spec::{KindSpec, PlanSpec};
use crate::plan::{self, TaskId};
use crate::vault::plans::{Admit, new_id};

/// Where the table came from.
#[derive(Debug, Clone, PartialEq)]
enum Origin {
    File(String),
    Paste,
}

/// The table as read: where from, and every problem by row.
#[derive(Debug, Clone, PartialEq)]
struct Loaded {
    origin: Origin,
    problems: Vec<SourceProblem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Preview,
    Units,
    Marks,
    Save,
}

impl Step {
    const ALL: [Step; 4] = [Step::Preview, Step::Units, Step::Marks, Step::Save];

    fn key(self) -> Key {
        match self {
            Step::Preview => Key::EditorStepPreview,
            Step::Units => Key::EditorStepUnits,
            Step::Marks => Key::EditorStepMarks,
            Step::Save => Key::EditorStepSave,
        }
    }

    fn next(self) -> Option<Step> {
        Step::ALL.iter().skip_while(|s| **s != self).nth(1).copied()
    }
}

/// What saving gave.
#[derive(Debug, Clone, PartialEq)]
struct Saved {
    spec: PlanSpec,
    outcome: Result<Admit, ()>,
}

/// Why saving did not happen.
#[derive(Debug, Clone, PartialEq)]
enum Refused {
    Draft(Vec<DraftProblem>),
    Plan(PlanFileError),
}

/// The editor's state, shared by its parts.
#[derive(Clone, Copy)]
struct Editor {
    draft: RwSignal<Option<Draft>>,
    loaded: RwSignal<Option<Loaded>>,
    failed: RwSignal<Option<InputError>>,
    step: RwSignal<Step>,
    saved: RwSignal<Option<Saved>>,
}

impl Editor {
    /// Reads the draft, if there is one.
    fn with<T>(self, f: impl FnOnce(&Draft) -> T) -> Option<T> {
        self.draft.with(|d| d.as_ref().map(f))
    }

    fn update(self, f: impl FnOnce(&mut Draft)) {
        self.draft.update(|d| {
            if let Some(d) = d {
                f(d)
            }
        });
    }

    /// Takes a read table: checked against the plan in use, a draft started from it unless
    /// an error blocks it, unknown names pre-decided with the guesses.
    fn take(self, result: Result<SourceReport, InputError>, origin: Origin) {
        self.saved.set(None);
        match result {
            Err(error) => {
                self.failed.set(Some(error));
                self.loaded.set(None);
                self.draft.set(None);
            }
            Ok(report) => {
                let (draft, problems) = perf::timed("duty-ledger:table-check", || start(report));
                self.failed.set(None);
                self.draft.set(draft);
                self.loaded.set(Some(Loaded { origin, problems }));
                self.step.set(Step::Preview);
            }
        }
    }
}

fn start(report: SourceReport) -> (Option<Draft>, Vec<SourceProblem>) {
    let current = plan::plan();
    let report = report.checked(|name| current.units.find(name).is_some());
    if report.problems.iter().any(draft::blocks) {
        return (None, report.problems);
    }
    let mut d = Draft::new(report.table, current, String::new());
    d.id = new_id(d.year, table_input::random4());
    d.guess_undecided();
    (Some(d), report.problems)
}

#[component]
pub fn PlanEditor(on_saved: Callback<()>) -> impl IntoView {
    let editor = Editor {
        draft: RwSignal::new(None),
        loaded: RwSignal::new(None),
        failed: RwSignal::new(None),
        step: RwSignal::new(Step::Preview),
        saved: RwSignal::new(None),
    };
    let has_draft = Memo::new(move |_| editor.draft.with(Option::is_some));
    view! {
        <section class="plan-editor" aria-labelledby="plan-editor-heading">
            <h3 id="plan-editor-heading">{tr(Key::EditorHeading)}</h3>
            <p class="help">{tr(Key::EditorHelp)}</p>
            <SourceInput editor />
            <SourceProblems editor />
            <Show when=move || has_draft.get()>
                <Steps editor />
                {move || match editor.step.get() {
                    Step::Preview => view! { <Preview editor /> }.into_any(),
                    Step::Units => view! { <Units editor /> }.into_any(),
                    Step::Marks => view! { <Marks editor /> }.into_any(),
                    Step::Save => view! { <SaveStep editor on_saved /> }.into_any(),
                }}
                {move || editor.step.get().next().map(|next| view! {
                    <button type="button" class="button-primary editor-next" on:click=move |_| editor.step.set(next)>
                        {tr(Key::EditorNext)}" · "{tr(next.key())}
                    </button>
                })}
            </Show>
        </section>
    }
}

/// Step 1: a .docx or text file picked or dropped, or a table pasted.
#[component]
fn SourceInput(editor: Editor) -> impl IntoView {
    let (dragging, set_dragging) = signal(false);
    let take_files = move |list: Option<web_sys::FileList>| {
        let Some(file) = files::picked(list).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let span = perf::Span::start("duty-ledger:table-read");
            let result = table_input::read_file(&file).await;
            span.finish();
            editor.take(result, Origin::File(file.name.clone()));
        });
    };
    view! {
        <div
            class="table-source"
            class:dragging=dragging
            on:dragover=move |ev: ev::DragEvent| {
                ev.prevent_default();
                set_dragging.set(true);
            }
            on:dragleave=move |_| set_dragging.set(false)
            on:drop=move |ev: ev::DragEvent| {
                ev.prevent_default();
                set_dragging.set(false);
                take_files(ev.data_transfer().and_then(|d| d.files()));
            }
        >
            <label class="button-secondary file-pick">
                {tr(Key::EditorPickFile)}
                <input
                    type="file"
                    accept=".docx,.doc,.txt,.tsv,.htm,.html,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    class="visually-hidden table-file-input"
                    on:change=move |ev| {
                        let input = event_target::<web_sys::HtmlInputElement>(&ev);
                        take_files(input.files());
                        input.set_value("");
                    }
                />
            </label>
            <p class="hint">{tr(Key::EditorDropHint)}</p>
            <label class="field table-paste-field">
                <span>{tr(Key::EditorPasteLabel)}</span>
                <textarea
                    class="table-paste"
                    rows="2"
                    placeholder=tr(Key::EditorPastePlaceholder)
                    on:paste=move |ev: ev::ClipboardEvent| {
                        ev.prevent_default();
                        let span = perf::Span::start("duty-ledger:table-read");
                        let result = table_input::read_paste(&ev);
                        span.finish();
                        editor.take(result, Origin::Paste);
                    }
                ></textarea>
            </label>
        </div>
    }
}

fn input_error(lang: Lang, error: InputError) -> String {
    match error {
        InputError::Unreadable => Key::EditorInputUnreadable.text(lang).to_string(),
        InputError::TooLarge => i18n::fill(
            Key::EditorInputTooLarge,
            lang,
            &[("max", &(MAX_TABLE_BYTES / (1024 * 1024)).to_string())],
        ),
        InputError::NotUtf8 => Key::EditorInputNotUtf8.text(lang).to_string(),
        InputError::NoDecompression => Key::EditorInputNoDecompression.text(lang).to_string(),
        InputError::EmptyPaste => Key::EditorInputEmptyPaste.text(lang).to_string(),
    }
}

/// How a problem is shown: an error to fix in Word, a name to decide here, or a warning.
fn problem_class(problem: &SourceProblem) -> (&'static str, Key) {
    if draft::blocks(problem) {
        ("problem-error", Key::SourceError)
    } else if problem.severity() == Severity::Error {
        ("problem-decide", Key::EditorToDecide)
    } else {
        ("problem-warning", Key::SourceWarning)
    }
}

/// How many names the table's report left to decide (when no draft could be made).
fn loaded_decide_count(editor: &Editor) -> usize {
    editor
        .loaded
        .with_untracked(|l| {
            l.as_ref().map(|l| {
                l.problems
                    .iter()
                    .filter(|p| problem_class(p).0 == "problem-decide")
                    .count()
            })
        })
        .unwrap_or(0)
}

/// Step 1's result: the source and every problem, by row.
#[component]
fn SourceProblems(editor: Editor) -> impl IntoView {
    let lang = ui().lang;
    let failed = move || {
        editor
            .failed
            .get()
            .map(|e| view! { <p class="field-error table-failed" role="alert">{move || input_error(lang.get(), e)}</p> })
    };
    let loaded = move || {
        editor.loaded.get().map(|loaded| {
            let origin = loaded.origin.clone();
            let count = |class: &str| {
                loaded
                    .problems
                    .iter()
                    .filter(|p| problem_class(p).0 == class)
                    .count()
                    .to_string()
            };
            let (errors, warnings) = (count("problem-error"), count("problem-warning"));
            // Names still to decide, as the office decides them.
            let decide = move || {
                editor
                    .with(|d| d.unconfirmed().len())
                    .unwrap_or_else(|| loaded_decide_count(&editor))
                    .to_string()
            };
            let blocked = errors != "0";
            let clean = loaded.problems.is_empty();
            let problems = loaded.problems.clone();
            view! {
                <div class="table-report" role="status">
                    <p class="table-origin">
                        {move || match &origin {
                            Origin::File(name) => fill(Key::EditorFromFile, &[("file", name)]),
                            Origin::Paste => tr(Key::EditorFromPaste)().to_string(),
                        }}
                    </p>
                    <p class="table-summary">
                        {move || if clean {
                            tr(Key::EditorReadOk)().to_string()
                        } else {
                            fill(Key::EditorProblemSummary, &[("errors", &errors), ("decide", &decide()), ("warnings", &warnings)])
                        }}
                    </p>
                    {blocked.then(|| view! { <p class="field-error">{tr(Key::EditorBlocked)}</p> })}
                    <ul class="table-problems">
                        {problems.into_iter().map(|p| {
                            let (class, label) = problem_class(&p);
                            let row = p.row().map(|r| r.to_string()).unwrap_or_default();
                            // A name to decide reads 已确认 once the office decided it.
                            let decided = {
                                let name = match &p {
                                    SourceProblem::UnknownUnit { name, .. } => Some(name.clone()),
                                    _ => None,
                                };
                                move || {
                                    name.as_ref().is_some_and(|n| {
                                        editor.with(|d| d.confirmed.contains(n)).unwrap_or(false)
                                    })
                                }
                            };
                            let decided2 = decided.clone();
                            view! {
                                <li class=move || if decided() { "problem-decided" } else { class } data-row=row>
                                    <span class="problem-label">{move || if decided2() { tr(Key::EditorDecided)() } else { tr(label)() }}</span>" "
                                    {move || i18n::source_problem(lang.get(), &p)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    view! { {failed} {loaded} }
}

#[component]
fn Steps(editor: Editor) -> impl IntoView {
    view! {
        <nav class="editor-steps" aria-label=tr(Key::EditorStepsLabel)>
            <ol>
                {Step::ALL.into_iter().map(|step| view! {
                    <li>
                        <button
                            type="button"
                            class="editor-step"
                            aria-current=move || (editor.step.get() == step).then_some("step")
                            on:click=move |_| editor.step.set(step)
                        >
                            {tr(step.key())}
                        </button>
                    </li>
                }).collect_view()}
            </ol>
        </nav>
    }
}

/// The areas of the draft's table: heading and the positions (0-based) of its tasks.
fn areas_of(d: &Draft) -> Vec<(String, Vec<usize>)> {
    let mut areas: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, row) in d.table.rows.iter().enumerate() {
        match areas.last_mut() {
            Some((heading, tasks)) if *heading == row.area => tasks.push(i),
            _ => areas.push((row.area.clone(), vec![i])),
        }
    }
    areas
}

/// Step 2: title, year, areas with their tasks and units.
#[component]
fn Preview(editor: Editor) -> impl IntoView {
    let areas = Memo::new(move |_| editor.with(areas_of).unwrap_or_default());
    let facts = move || {
        editor
            .with(|d| {
                fill(
                    Key::EditorFacts,
                    &[
                        ("areas", &areas.with(Vec::len).to_string()),
                        ("tasks", &d.table.rows.len().to_string()),
                        ("units", &d.names().len().to_string()),
                    ],
                )
            })
            .unwrap_or_default()
    };
    view! {
        <section class="editor-preview">
            <div class="field">
                <label for="editor-title">{tr(Key::EditorTitleLabel)}</label>
                <input
                    id="editor-title"
                    type="text"
                    prop:value=move || editor.with(|d| d.title.clone()).unwrap_or_default()
                    on:change:target=move |ev| {
                        let title = ev.target().value().trim().to_string();
                        editor.update(|d| d.title = title);
                    }
                />
            </div>
            <div class="field">
                <label for="editor-year">{tr(Key::EditorYearLabel)}</label>
                <input
                    id="editor-year"
                    type="number"
                    min="2000"
                    max="2100"
                    prop:value=move || editor.with(|d| d.year.to_string()).unwrap_or_default()
                    on:change:target=move |ev| {
                        if let Ok(year) = ev.target().value().trim().parse::<i32>() {
                            editor.update(|d| {
                                d.set_year(year);
                                d.id = new_id(year, table_input::random4());
                            });
                        }
                    }
                />
                <p class="hint">{tr(Key::EditorYearHelp)}</p>
            </div>
            <p class="editor-facts">{facts}</p>
            <ol class="editor-areas">
                <For each=move || areas.get() key=|(heading, tasks)| (heading.clone(), tasks.clone()) let:area>
                    <PreviewArea editor heading=area.0 tasks=area.1 />
                </For>
            </ol>
        </section>
    }
}

/// One area: its heading and task count; its tasks with units once opened.
#[component]
fn PreviewArea(editor: Editor, heading: String, tasks: Vec<usize>) -> impl IntoView {
    let open = RwSignal::new(false);
    let count = tasks.len();
    let label = heading.clone();
    view! {
        <li class="editor-area">
            <details on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>
                    <span class="area-heading">{heading}</span>
                    " "
                    <span class="area-count">{move || fill(Key::EditorAreaTasks, &[("n", &count.to_string())])}</span>
                </summary>
                {move || open.get().then(|| {
                    let rows = editor.with(|d| tasks.iter().filter_map(|i| d.table.rows.get(*i).cloned()).collect::<Vec<_>>()).unwrap_or_default();
                    view! {
                        <ul class="editor-tasks" aria-label=label.clone()>
                            {rows.into_iter().map(|row| {
                                let names = |units: &[crate::plan::seed::NamedUnit]| units.iter().map(|u| u.name.clone()).collect::<Vec<_>>().join("、");
                                let (lead, cooperating) = (names(&row.lead), names(&row.cooperating));
                                view! {
                                    <li class="editor-task">
                                        <p><span class="task-number">{row.printed_number.clone()}</span>" "{row.measure.clone()}</p>
                                        <p class="task-units">{move || fill(Key::EditorLead, &[("units", &lead)])}</p>
                                        {(!cooperating.is_empty()).then(|| view! {
                                            <p class="task-units">{move || fill(Key::EditorCooperating, &[("units", &cooperating)])}</p>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })}
            </details>
        </li>
    }
}

fn kind_key(kind: KindSpec) -> Key {
    match kind {
        KindSpec::Coordinator => Key::KindCoordinator,
        KindSpec::Department => Key::KindDepartment,
        KindSpec::Subdistrict => Key::KindSubdistrict,
        KindSpec::Group => Key::KindGroup,
        KindSpec::AllMembers => Key::KindAllMembers,
    }
}

const NEW_KINDS: [KindSpec; 4] = [
    KindSpec::Department,
    KindSpec::Subdistrict,
    KindSpec::Group,
    KindSpec::AllMembers,
];

fn kind_value(kind: KindSpec) -> &'static str {
    match kind {
        KindSpec::Coordinator => "coordinator",
        KindSpec::Department => "department",
        KindSpec::Subdistrict => "subdistrict",
        KindSpec::Group => "group",
        KindSpec::AllMembers => "all_members",
    }
}

/// Step 3: the names the registry does not know, and the listed groups' members.
#[component]
fn Units(editor: Editor) -> impl IntoView {
    let unknown = Memo::new(move |_| {
        editor
            .with(|d| {
                d.unknown()
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let groups = Memo::new(move |_| {
        editor
            .with(|d| {
                let used = d.names();
                d.units
                    .iter()
                    .filter(|u| u.kind == KindSpec::Group && used.contains(&u.name.as_str()))
                    .map(|u| u.name.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="editor-units">
            <p class="help">{tr(Key::EditorUnitsHelp)}</p>
            <Pending editor />
            <Show when=move || unknown.with(Vec::is_empty)>
                <p class="editor-all-known">{tr(Key::EditorAllKnown)}</p>
            </Show>
            <ul class="unknown-units">
                <For each=move || unknown.get() key=|name| name.clone() let:name>
                    <UnknownUnit editor name />
                </For>
            </ul>
            <Show when=move || !groups.with(Vec::is_empty)>
                <h4>{tr(Key::EditorGroupsHeading)}</h4>
                <p class="help">{tr(Key::EditorGroupsHelp)}</p>
                <ul class="group-list">
                    <For each=move || groups.get() key=|name| name.clone() let:name>
                        <li class="group-entry" data-group=name.clone()>
                            <details>
                                <summary>{name.clone()}</summary>
                                <Members editor group=name.clone() />
                            </details>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// A change to a new unit's short label or kind.
type NewEdit = Box<dyn FnOnce(&mut String, &mut KindSpec)>;

/// One unknown name: the same unit as a known one (the candidates most alike first), or a new
/// unit. The app's proposal is pre-selected and marked until the office confirms or changes it.
#[component]
fn UnknownUnit(editor: Editor, name: String) -> impl IntoView {
    let mapping = {
        let name = name.clone();
        Memo::new(move |_| editor.with(|d| d.mapping.get(&name).cloned()).flatten())
    };
    let confirmed = {
        let name = name.clone();
        Memo::new(move |_| {
            editor
                .with(|d| d.confirmed.contains(&name))
                .unwrap_or(false)
        })
    };
    let candidates = {
        let name = name.clone();
        Memo::new(move |_| {
            editor
                .with(|d| {
                    d.rename_candidates(&name)
                        .into_iter()
                        .map(|(unit, _)| unit.to_string())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let uses = editor
        .with(|d| {
            d.table
                .rows
                .iter()
                .filter(|r| r.lead.iter().chain(&r.cooperating).any(|u| u.name == name))
                .count()
        })
        .unwrap_or(0);
    let is_known = move || matches!(mapping.get(), Some(Mapping::Known(_)));
    let is_new = move || matches!(mapping.get(), Some(Mapping::New { .. }));
    let n1 = name.clone();
    let choose_known = move |_| {
        let name = n1.clone();
        editor.update(|d| {
            // The likely unit, else none yet: never a unit the name does not resemble.
            let to = d.rename_guess(&name).map(String::from).unwrap_or_default();
            d.propose(&name, Mapping::Known(to));
            d.confirm(&name);
        });
    };
    let n2 = name.clone();
    let choose_new = move |_| {
        let name = n2.clone();
        editor.update(|d| {
            let new = d.new_unit(&name);
            d.decide(&name, new);
        });
    };
    let n3 = name.clone();
    let set_known = move |to: String| {
        let name = n3.clone();
        editor.update(|d| {
            if to.is_empty() {
                d.propose(&name, Mapping::Known(to));
                d.confirmed.remove(&name);
            } else {
                d.decide(&name, Mapping::Known(to));
            }
        });
    };
    let n4 = name.clone();
    let edit_new = move |change: NewEdit| {
        let name = n4.clone();
        editor.update(|d| {
            if let Some(Mapping::New { short, kind, .. }) = d.mapping.get_mut(&name) {
                change(short, kind);
            }
            d.confirm(&name);
        });
    };
    let n5 = name.clone();
    let confirm = move |_| {
        let name = n5.clone();
        editor.update(|d| d.confirm(&name));
    };
    let edit_kind = edit_new.clone();
    let radio = format!("unit-choice-{}", name);
    let group_name = name.clone();
    let chosen = move || match mapping.get() {
        Some(Mapping::Known(to)) => !to.is_empty(),
        Some(Mapping::New { .. }) => true,
        None => false,
    };
    view! {
        <li class="unknown-unit" class:unit-confirmed=move || confirmed.get() data-name=name.clone()>
            <p class="unknown-unit-head">
                <strong class="unit-name">{name.clone()}</strong>
                " "
                <span class="hint">{move || fill(Key::EditorUsedOn, &[("n", &uses.to_string())])}</span>
                " "
                {move || if confirmed.get() {
                    view! { <span class="badge unit-decided">{tr(Key::EditorDecided)}</span> }.into_any()
                } else {
                    view! {
                        <span class="badge badge-warning unit-proposed">{tr(Key::EditorProposed)}</span>
                        " "
                        <button type="button" class="button-secondary confirm-unit" prop:disabled=move || !chosen() on:click=confirm.clone()>
                            {tr(Key::EditorConfirm)}
                        </button>
                    }.into_any()
                }}
            </p>
            <div class="unit-choice">
                <label class="choice">
                    <input type="radio" name=radio.clone() class="choose-known" prop:checked=is_known on:change=choose_known />
                    <span>{tr(Key::EditorSameAs)}</span>
                </label>
                <select
                    class="known-unit"
                    aria-label=tr(Key::EditorSameAs)
                    prop:disabled=move || !is_known()
                    on:change:target=move |ev| set_known(ev.target().value())
                >
                    {move || {
                        let current = match mapping.get() {
                            Some(Mapping::Known(to)) => to,
                            _ => String::new(),
                        };
                        let placeholder = current.is_empty().then(|| view! {
                            <option value="" prop:selected=true>{tr(Key::EditorChooseFormer)}</option>
                        });
                        let options = candidates.get().into_iter().map(|unit| {
                            let selected = unit == current;
                            view! { <option value=unit.clone() prop:selected=selected>{unit.clone()}</option> }
                        }).collect_view();
                        view! { {placeholder} {options} }
                    }}
                </select>
            </div>
            <div class="unit-choice">
                <label class="choice">
                    <input type="radio" name=radio class="choose-new" prop:checked=is_new on:change=choose_new />
                    <span>{tr(Key::EditorNewUnit)}</span>
                </label>
                <Show when=is_new>
                    <label class="field-inline">
                        {tr(Key::EditorKindLabel)}
                        <select
                            class="new-kind"
                            on:change:target={
                                let edit_kind = edit_kind.clone();
                                move |ev| {
                                    let value = ev.target().value();
                                    if let Some(k) = NEW_KINDS.into_iter().find(|k| kind_value(*k) == value) {
                                        edit_kind(Box::new(move |_, kind| *kind = k));
                                    }
                                }
                            }
                        >
                            {NEW_KINDS.into_iter().map(|k| view! {
                                <option
                                    value=kind_value(k)
                                    prop:selected=move || matches!(mapping.get(), Some(Mapping::New { kind, .. }) if kind == k)
                                >
                                    {tr(kind_key(k))}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field-inline">
                        {tr(Key::EditorShortLabel)}
                        <input
                            type="text"
                            class="new-short"
                            maxlength="12"
                            prop:value=move || match mapping.get() { Some(Mapping::New { short, .. }) => short, _ => String::new() }
                            on:change:target={
                                let edit_new = edit_new.clone();
                                move |ev| {
                                    let value = ev.target().value().trim().to_string();
                                    edit_new(Box::new(move |short, _| *short = value));
                                }
                            }
                        />
                    </label>
                </Show>
                <Show when=move || matches!(mapping.get(), Some(Mapping::New { kind: KindSpec::Group, .. }))>
                    <Members editor group=group_name.clone() />
                </Show>
            </div>
        </li>
    }
}

/// 待确认: the unit names still waiting for the office's decision, updated as it decides.
#[component]
fn Pending(editor: Editor) -> impl IntoView {
    let pending = Memo::new(move |_| {
        editor
            .with(|d| {
                d.unconfirmed()
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    move || {
        let names = pending.get();
        if names.is_empty() {
            view! { <p class="notice notice-info editor-pending editor-pending-none" role="status">{tr(Key::EditorAllDecided)}</p> }.into_any()
        } else {
            let text = fill(
                Key::EditorPending,
                &[
                    ("n", &names.len().to_string()),
                    ("names", &names.join("、")),
                ],
            );
            view! { <p class="notice notice-warning editor-pending" role="status">{text}</p> }
                .into_any()
        }
    }
}

/// The member checklist of a listed group (known or new): every unit that is not a group.
#[component]
fn Members(editor: Editor, group: String) -> impl IntoView {
    let candidates = Memo::new(move |_| {
        editor
            .with(|d| {
                let mut names: Vec<String> = d
                    .units
                    .iter()
                    .filter(|u| !matches!(u.kind, KindSpec::Group | KindSpec::AllMembers))
                    .map(|u| u.name.clone())
                    .collect();
                for (name, mapping) in &d.mapping {
                    if let Mapping::New { kind, .. } = mapping
                        && !matches!(kind, KindSpec::Group | KindSpec::AllMembers)
                    {
                        names.push(name.clone());
                    }
                }
                names
            })
            .unwrap_or_default()
    });
    let g = group.clone();
    let members = Memo::new(move |_| editor.with(|d| d.members(&g)).unwrap_or_default());
    view! {
        <fieldset class="members">
            <legend>{tr(Key::EditorMembers)}</legend>
            {move || candidates.get().into_iter().map(|unit| {
                let checked = {
                    let unit = unit.clone();
                    move || members.with(|m| m.contains(&unit))
                };
                let group = group.clone();
                let toggle_unit = unit.clone();
                view! {
                    <label class="member">
                        <input
                            type="checkbox"
                            value=unit.clone()
                            prop:checked=checked
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                let unit = toggle_unit.clone();
                                let group = group.clone();
                                editor.update(|d| {
                                    let mut list = d.members(&group);
                                    list.retain(|m| *m != unit);
                                    if on {
                                        list.push(unit);
                                    }
                                    d.set_members(&group, list);
                                });
                            }
                        />
                        {unit.clone()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Step 4: targets and dates, from the suggestions or a selection in the task's text.
#[component]
fn Marks(editor: Editor) -> impl IntoView {
    let tasks = editor
        .draft
        .with_untracked(|d| {
            d.as_ref().map(|d| {
                d.table
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        (
                            TaskId(i as u16 + 1),
                            r.printed_number.clone(),
                            r.measure.clone(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default();
    let refusal = RwSignal::new(None::<(TaskId, AnnotateProblem)>);
    let selected = RwSignal::new(None::<(TaskId, String)>);
    view! {
        <section class="editor-marks">
            <p class="help">{tr(Key::EditorMarksHelp)}</p>
            <MarkedList editor />
            <ol class="mark-tasks">
                {tasks.into_iter().map(|(task, printed, text)| view! {
                    <MarkTask editor task printed text refusal selected />
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The text selected inside `element`, if the whole selection is in it.
fn selection_in(element: &web_sys::Element) -> Option<String> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() {
        return None;
    }
    let inside = |node: Option<web_sys::Node>| node.is_some_and(|n| element.contains(Some(&n)));
    if !inside(selection.anchor_node()) || !inside(selection.focus_node()) {
        return None;
    }
    let text: String = selection.to_string().into();
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

#[component]
fn MarkTask(
    editor: Editor,
    task: TaskId,
    printed: String,
    text: String,
    refusal: RwSignal<Option<(TaskId, AnnotateProblem)>>,
    selected: RwSignal<Option<(TaskId, String)>>,
) -> impl IntoView {
    let suggestions = suggest(&text);
    let text_ref = NodeRef::<leptos::html::P>::new();
    let capture = move || {
        if let Some(element) = text_ref.get_untracked() {
            match selection_in(&element) {
                Some(quote) => selected.set(Some((task, quote))),
                None => {
                    if selected.with_untracked(|s| s.as_ref().is_some_and(|(t, _)| *t == task)) {
                        selected.set(None)
                    }
                }
            }
        }
    };
    let mine = move || {
        selected
            .get()
            .filter(|(t, _)| *t == task)
            .map(|(_, quote)| quote)
    };
    let result = move |r: Result<(), AnnotateProblem>| match r {
        Ok(()) => refusal.set(None),
        Err(problem) => refusal.set(Some((task, problem))),
    };
    let mark_selected = move |as_target: bool| {
        let Some(quote) = mine() else { return };
        let mut outcome = Ok(());
        editor.update(|d| {
            outcome = if as_target {
                d.mark_target(task, &quote)
            } else {
                d.mark_date(task, &quote)
            };
        });
        let ok = outcome.is_ok();
        result(outcome);
        if ok {
            selected.set(None);
        }
    };
    let lang = ui().lang;
    let has_marks = move || {
        editor
            .with(|d| {
                d.targets.iter().any(|t| t.task == task)
                    || d.milestones.iter().any(|m| m.task == task)
            })
            .unwrap_or(false)
    };
    view! {
        <li class="mark-task" data-task=task.0 class:has-marks=has_marks>
            <p class="mark-text" node_ref=text_ref on:mouseup=move |_| capture() on:keyup=move |_| capture() on:touchend=move |_| capture()>
                <span class="task-number">{printed}</span>" "{text.clone()}
            </p>
            {(!suggestions.is_empty()).then(|| view! {
                <div class="suggestions">
                    {suggestions.into_iter().map(|s| view! { <SuggestionButton editor task text=text.clone() suggestion=s on_result=Callback::new(result) /> }).collect_view()}
                </div>
            })}
            <div class="selection-actions">
                <span class="selected-text">
                    {move || match mine() {
                        Some(quote) => fill(Key::EditorSelected, &[("text", &quote)]),
                        None => tr(Key::EditorSelectHint)().to_string(),
                    }}
                </span>
                <button type="button" class="button-secondary mark-target" prop:disabled=move || mine().is_none() on:click=move |_| mark_selected(true)>
                    {tr(Key::EditorMarkTarget)}
                </button>
                <button type="button" class="button-secondary mark-date" prop:disabled=move || mine().is_none() on:click=move |_| mark_selected(false)>
                    {tr(Key::EditorMarkDate)}
                </button>
            </div>
            {move || refusal.get().filter(|(t, _)| *t == task).map(|(_, problem)| view! {
                <p class="field-error mark-refused" role="alert">{move || annotate_problem(lang.get(), &problem)}</p>
            })}
        </li>
    }
}

/// A suggested phrase as a toggle: pressed once marked; pressing again removes the mark.
#[component]
fn SuggestionButton(
    editor: Editor,
    task: TaskId,
    text: String,
    suggestion: Suggestion,
    on_result: Callback<Result<(), AnnotateProblem>>,
) -> impl IntoView {
    let is_figure = matches!(suggestion.kind, SuggestionKind::Figure { .. });
    let clause = text[suggestion.clause.clone()].to_string();
    let s = suggestion.clone();
    let marked = Memo::new(move |_| editor.with(|d| d.suggestion_mark(task, &s)).flatten());
    let press = move |_| {
        let mut outcome = Ok(());
        editor.update(|d| match d.suggestion_mark(task, &suggestion) {
            Some(id) => d.unmark(&id),
            None => outcome = d.mark_suggestion(task, &suggestion),
        });
        on_result.run(outcome);
    };
    view! {
        <button
            type="button"
            class="suggestion"
            class:suggestion-figure=is_figure
            class:suggestion-date=!is_figure
            aria-pressed=move || if marked.get().is_some() { "true" } else { "false" }
            on:click=press
        >
            <span class="suggestion-kind">{tr(if is_figure { Key::EditorTarget } else { Key::EditorDate })}</span>
            " "
            {clause}
        </button>
    }
}

/// The targets and dates marked so far, each removable.
#[component]
fn MarkedList(editor: Editor) -> impl IntoView {
    let lang = ui().lang;
    let items = move || {
        editor
            .with(|d| {
                let targets = d.targets.iter().map(|t| {
                    (
                        t.id.clone(),
                        t.printed.clone(),
                        true,
                        t.quote.clone(),
                        goal_text(t),
                    )
                });
                let dates = d.milestones.iter().map(|m| {
                    let due = m
                        .due
                        .first()
                        .map(|date| i18n::format_date(lang.get(), *date))
                        .unwrap_or_default();
                    (
                        m.id.clone(),
                        m.printed.clone(),
                        false,
                        m.quote.clone(),
                        format!("{} · {due}", m.due_text),
                    )
                });
                targets.chain(dates).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let counts = move || {
        editor
            .with(|d| {
                fill(
                    Key::EditorMarked,
                    &[
                        ("targets", &d.targets.len().to_string()),
                        ("dates", &d.milestones.len().to_string()),
                    ],
                )
            })
            .unwrap_or_default()
    };
    view! {
        <div class="marked">
            <h4>{counts}</h4>
            <ul class="marked-list">
                {move || items().into_iter().map(|(id, printed, is_target, quote, value)| {
                    let remove_id = id.clone();
                    view! {
                        <li class="marked-item" data-id=id.clone()>
                            <span class="task-number">{printed}</span>" "
                            <span class="suggestion-kind">{tr(if is_target { Key::EditorTarget } else { Key::EditorDate })}</span>" "
                            "「"{quote}"」 "
                            <span class="marked-value">{value}</span>
                            " "
                            <button type="button" class="button-quiet marked-remove" on:click=move |_| editor.update(|d| d.unmark(&remove_id))>
                                {tr(Key::EditorRemove)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

fn draft_problem(lang: Lang, problem: &DraftProblem) -> String {
    match problem {
        DraftProblem::Undecided(name) => i18n::fill(Key::DraftUndecided, lang, &[("name", name)]),
        DraftProblem::MappedToUnknown { name, to } => i18n::fill(
            Key::DraftMappedToUnknown,
            lang,
            &[("name", name), ("to", to)],
        ),
        DraftProblem::BadShort { name } => i18n::fill(Key::DraftBadShort, lang, &[("name", name)]),
        DraftProblem::NoRows => Key::DraftNoRows.text(lang).to_string(),
        DraftProblem::NoLead { row } => {
            i18n::fill(Key::DraftNoLead, lang, &[("row", &row.to_string())])
        }
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Step 5: what will be saved, saving, then export and use.
#[component]
fn SaveStep(editor: Editor, on_saved: Callback<()>) -> impl IntoView {
    let lang = ui().lang;
    let refused = RwSignal::new(None::<Refused>);
    let message = RwSignal::new(None::<String>);
    let summary = move || {
        editor
            .with(|d| {
                let renames: Vec<String> = d
                    .renames()
                    .into_iter()
                    .map(|(old, new)| fill(Key::EditorRenames, &[("old", old), ("new", new)]))
                    .collect();
                let new_units: Vec<&str> = d
                    .mapping
                    .iter()
                    .filter(|(_, m)| matches!(m, Mapping::New { .. }))
                    .map(|(name, _)| name.as_str())
                    .collect();
                let mut lines = vec![
                    d.title.clone(),
                    fill(
                        Key::EditorSaveSummary,
                        &[
                            ("year", &d.year.to_string()),
                            ("tasks", &d.table.rows.len().to_string()),
                            ("targets", &d.targets.len().to_string()),
                            ("dates", &d.milestones.len().to_string()),
                        ],
                    ),
                ];
                lines.extend(renames);
                if !new_units.is_empty() {
                    lines.push(fill(
                        Key::EditorNewUnits,
                        &[("names", &new_units.join("、"))],
                    ));
                }
                lines
            })
            .unwrap_or_default()
    };
    let save = move |_| {
        let Some(d) = editor.draft.get_untracked() else {
            return;
        };
        let spec = match d.to_spec() {
            Ok(spec) => spec,
            Err(problems) => {
                refused.set(Some(Refused::Draft(problems)));
                return;
            }
        };
        match plan_file::plan_of(&spec) {
            Err(error) => refused.set(Some(Refused::Plan(error))),
            Ok(p) => {
                refused.set(None);
                let outcome = plans::store(&spec, &p.table_sha256).map_err(|_| ());
                editor.saved.set(Some(Saved { spec, outcome }));
                on_saved.run(());
            }
        }
    };
    let refusal = move || {
        refused.get().map(|r| {
            let lines = move || match &r {
                Refused::Draft(problems) => problems.iter().map(|p| draft_problem(lang.get(), p)).collect::<Vec<_>>(),
                Refused::Plan(error) => plan_file_problems(lang.get(), error),
            };
            view! {
                <div class="field-error save-refused" role="alert">
                    <p>{tr(Key::EditorCannotSave)}</p>
                    <ul>{move || lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    let done = move || {
        editor.saved.get().map(|saved| {
            let text = {
                let saved = saved.clone();
                move || match &saved.outcome {
                    Ok(Admit::Store) => fill(Key::PlanSaved, &[("title", &saved.spec.title)]),
                    Ok(Admit::AlreadyHeld) => tr(Key::PlanAlreadyHeld)().to_string(),
                    Ok(Admit::Builtin) => tr(Key::PlanIsBuiltin)().to_string(),
                    Ok(Admit::IdTaken) => fill(Key::PlanIdTaken, &[("id", &saved.spec.id)]),
                    Err(()) => tr(Key::PlanStoreFailed)().to_string(),
                }
            };
            let stored = matches!(saved.outcome, Ok(Admit::Store | Admit::AlreadyHeld));
            let spec = saved.spec.clone();
            let id = saved.spec.id.clone();
            // The office's device signs the plan as it goes out (see `Trust::plan_text`).
            let (store, trust) = (super::store::store(), super::trust::trust());
            let export = move |_| {
                let spec = spec.clone();
                spawn_local(async move {
                    let name = plan_file::file_name(&spec);
                    let (text, _signed) = trust.plan_text(store, spec).await;
                    if download::download_text(&name, "application/json", &text) {
                        message.set(Some(name));
                    }
                });
            };
            let use_plan = move |_| {
                if plans::choose(&id).is_ok() {
                    reload();
                }
            };
            view! {
                <div class="editor-saved" role="status">
                    <p class="editor-saved-message">{text}</p>
                    {stored.then(|| view! {
                        <div class="plan-actions">
                            <button type="button" class="button-secondary editor-export" on:click=export>{tr(Key::PlanExport)}</button>
                            <button type="button" class="button-primary editor-use" on:click=use_plan>{tr(Key::PlanUse)}</button>
                        </div>
                    })}
                    {move || message.get().map(|file| view! { <p class="editor-exported">{move || fill(Key::PlanExported, &[("file", &file)])}</p> })}
                </div>
            }
        })
    };
    view! {
        <section class="editor-save">
            <ul class="save-summary">
                {move || summary().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
            <button type="button" class="button-primary editor-save-button" on:click=save>{tr(Key::EditorSave)}</button>
            {refusal}
            {done}
        </section>
    }
}

//! 计划: the plans on this device (the built-in 2023 table and any loaded since), the one in use,
//! switching (the page reloads on the chosen plan), exporting a plan file for the units and
//! importing one from the office.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::plan_editor::PlanEditor;
use super::store::store;
use super::trust::trust;
use super::{fill, tr, ui};
use crate::browser::{download, files, plans};
use crate::describe::plan_file_problems;
use crate::exchange::plan_file::{self, PlanSignature};
use crate::i18n::Key;
use crate::plan::spec::PlanSpec;
use crate::plan::{self, Plan};
use crate::trust::roster::Verdict;
use crate::vault::plans::Admit;

/// One plan as the list shows it.
#[derive(Clone)]
struct Entry {
    id: String,
    spec: Option<PlanSpec>,
    facts: Option<(i32, usize, usize, usize, String)>,
    problem: Option<plan_file::PlanFileError>,
}

fn facts(p: &Plan) -> (i32, usize, usize, usize, String) {
    (
        p.year,
        p.areas.len(),
        p.tasks.len(),
        p.units
            .infos()
            .iter()
            .filter(|u| !matches!(u.kind, crate::plan::units::UnitKind::Group(_)))
            .count(),
        p.title.clone(),
    )
}

fn entries() -> Vec<Entry> {
    let builtin = plan::builtin();
    let mut list = vec![Entry {
        id: builtin.id.clone(),
        spec: Some(PlanSpec::of(builtin)),
        facts: Some(facts(builtin)),
        problem: None,
    }];
    list.extend(plans::stored().into_iter().map(|s| match s.spec {
        Ok((spec, p)) => Entry {
            id: s.id,
            facts: Some(facts(&p)),
            spec: Some(spec),
            problem: None,
        },
        Err(e) => Entry {
            id: s.id,
            spec: None,
            facts: None,
            problem: Some(e),
        },
    }));
    list
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

#[component]
pub fn PlansView() -> impl IntoView {
    let list = RwSignal::new(entries());
    let message = RwSignal::new(None::<String>);
    view! {
        <section class="plans-view" aria-labelledby="plans-heading">
            <h2 id="plans-heading" tabindex="-1">{tr(Key::PlansHeading)}</h2>
            <p class="help">{tr(Key::PlansHelp)}</p>
            <StartProblem />
            <ul class="plan-list">
                {move || list.get().into_iter().map(|entry| view! { <PlanEntry entry message /> }).collect_view()}
            </ul>
            <p class="plan-message" role="status">{move || message.get()}</p>
            <PlanEditor on_saved=Callback::new(move |()| list.set(entries())) />
            <PlanImport list message />
        </section>
    }
}

#[component]
fn StartProblem() -> impl IntoView {
    let text = move || {
        let lang = ui().lang.get();
        plans::start_problem().map(|problem| match problem {
            plans::StartProblem::Missing(id) => fill(Key::PlanMissing, &[("id", &id)]),
            plans::StartProblem::Unreadable(id, error) => fill(
                Key::PlanUnreadable,
                &[
                    ("id", &id),
                    ("why", &plan_file_problems(lang, &error).join(" ")),
                ],
            ),
        })
    };
    view! { <Show when=move || text().is_some()><p class="notice notice-warning" role="alert">{text}</p></Show> }
}

#[component]
fn PlanEntry(entry: Entry, message: RwSignal<Option<String>>) -> impl IntoView {
    let in_use = entry.id == plan::plan().id;
    let builtin = entry.id == plan::BUILTIN_ID;
    let id = entry.id.clone();
    let choose = move |_| {
        if plans::choose(&id).is_ok() {
            reload();
        } else {
            message.set(Some(tr(Key::PlanStoreFailed)().to_string()));
        }
    };
    let spec = entry.spec.clone();
    let (store, trust, language) = (store(), trust(), ui().lang);
    let export = move |_| {
        let Some(spec) = spec.clone() else { return };
        spawn_local(async move {
            let name = plan_file::file_name(&spec);
            let (text, signed) = trust.plan_text(store, spec).await;
            if download::download_text(&name, "application/json", &text) {
                let lang = language.get_untracked();
                let mut said = crate::i18n::fill(Key::PlanExported, lang, &[("file", &name)]);
                if !signed {
                    said = format!("{said} {}", Key::PlanExportNeedsOffice.text(lang));
                }
                message.set(Some(said));
            }
        });
    };
    let (title, facts_text) = match entry.facts.clone() {
        Some((year, areas, tasks, units, title)) => (
            title,
            Some(move || {
                fill(
                    Key::PlanFacts,
                    &[
                        ("year", &year.to_string()),
                        ("areas", &areas.to_string()),
                        ("tasks", &tasks.to_string()),
                        ("units", &units.to_string()),
                    ],
                )
            }),
        ),
        None => (entry.id.clone(), None),
    };
    let problem = entry.problem.clone();
    let problem_id = entry.id.clone();
    view! {
        <li class="plan-entry" class:plan-in-use=in_use data-plan=entry.id.clone()>
            <h3>
                {title}
                {in_use.then(|| view! { <span class="badge">{tr(Key::PlanInUse)}</span> })}
                {builtin.then(|| view! { <span class="badge badge-quiet">{tr(Key::PlanBuiltin)}</span> })}
            </h3>
            {facts_text.map(|f| view! { <p class="plan-facts">{f}</p> })}
            {problem.map(|error| {
                let id = problem_id.clone();
                view! {
                    <p class="field-error">
                        {move || fill(Key::PlanUnreadable, &[("id", &id), ("why", &plan_file_problems(ui().lang.get(), &error).join(" "))])}
                    </p>
                }
            })}
            <div class="plan-actions">
                {(!in_use && entry.spec.is_some()).then(|| view! {
                    <button type="button" class="button-primary plan-use" on:click=choose.clone()>{tr(Key::PlanUse)}</button>
                })}
                {entry.spec.is_some().then(|| view! {
                    <button type="button" class="button-secondary plan-export" on:click=export.clone()>{tr(Key::PlanExport)}</button>
                })}
            </div>
        </li>
    }
}

/// A plan file read and checked, waiting for 保存.
#[derive(Clone)]
struct Candidate {
    spec: PlanSpec,
    table_sha256: String,
    facts: (i32, usize, usize, usize, String),
    areas: Vec<(String, usize)>,
    /// The text as received (kept with its issuer's signature).
    text: String,
    signed: PlanSignature,
}

#[component]
fn PlanImport(list: RwSignal<Vec<Entry>>, message: RwSignal<Option<String>>) -> impl IntoView {
    let candidate = RwSignal::new(None::<Candidate>);
    let problems = RwSignal::new(Vec::<String>::new());
    let trust = trust();
    let language = ui().lang;
    let take = move |picked: Vec<files::Picked>| {
        let Some(file) = picked.into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let bytes = file.bytes().await.unwrap_or_default();
            match plan_file::read_signed(&bytes) {
                Ok((_, _, None)) => {
                    candidate.set(None);
                    problems.set(vec![
                        Key::PlanFileUnsigned
                            .text(language.get_untracked())
                            .to_string(),
                    ]);
                }
                Ok((spec, p, Some(signed))) => {
                    problems.set(Vec::new());
                    candidate.set(Some(Candidate {
                        text: String::from_utf8_lossy(&bytes).into_owned(),
                        signed,
                        areas: p
                            .areas
                            .iter()
                            .map(|a| (a.heading.clone(), a.tasks.len()))
                            .collect(),
                        facts: facts(&p),
                        table_sha256: p.table_sha256.clone(),
                        spec,
                    }));
                }
                Err(error) => {
                    candidate.set(None);
                    problems.set(plan_file_problems(language.get_untracked(), &error));
                }
            }
        });
    };
    let save = move |_| {
        let Some(c) = candidate.get_untracked() else {
            return;
        };
        let text = match plans::store_text(&c.spec, &c.table_sha256, &c.text) {
            Ok(Admit::Store) => fill(Key::PlanSaved, &[("title", &c.spec.title)]),
            Ok(Admit::AlreadyHeld) => tr(Key::PlanAlreadyHeld)().to_string(),
            Ok(Admit::Builtin) => tr(Key::PlanIsBuiltin)().to_string(),
            Ok(Admit::IdTaken) => fill(Key::PlanIdTaken, &[("id", &c.spec.id)]),
            Err(_) => tr(Key::PlanStoreFailed)().to_string(),
        };
        message.set(Some(text));
        candidate.set(None);
        list.set(entries());
    };
    view! {
        <section class="plan-import" aria-labelledby="plan-import-heading">
            <h3 id="plan-import-heading">{tr(Key::PlanImportHeading)}</h3>
            <p class="help">{tr(Key::PlanImportHelp)}</p>
            <label class="button-secondary file-pick">
                {tr(Key::PlanImportPick)}
                <input
                    type="file"
                    accept=".json,application/json"
                    class="visually-hidden plan-file-input"
                    on:change=move |ev| {
                        let input = event_target::<web_sys::HtmlInputElement>(&ev);
                        take(files::picked(input.files()));
                        input.set_value("");
                    }
                />
            </label>
            <ul class="plan-problems" role="alert">
                {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
            {move || candidate.get().map(|c| {
                let (year, areas, tasks, units, title) = c.facts.clone();
                let signed = c.signed.clone();
                let verdict = RwSignal::new(trust.plan_verdict(&signed));
                let fingerprint = crate::trust::fingerprint(&signed.public_key);
                let signer_unit = signed.unit.clone();
                let (shown_unit, shown_fingerprint) = (signer_unit.clone(), fingerprint.clone());
                let trust_signer = move || {
                    let signed = signed.clone();
                    spawn_local(async move {
                        trust.trust_signer(signed.clone()).await;
                        verdict.set(trust.plan_verdict(&signed));
                    });
                };
                let usable = move || matches!(verdict.get(), Verdict::Known);
                view! {
                    <div class="plan-preview">
                        <p class="plan-signer">{move || fill(Key::PlanSignedBy, &[("unit", &shown_unit), ("fingerprint", &shown_fingerprint)])}</p>
                        {move || match verdict.get() {
                            Verdict::Known => None,
                            Verdict::New { .. } => Some(view! {
                                <div class="notice notice-warning">
                                    <p>{tr(Key::PlanSignerNew)}</p>
                                    <super::trust_check::TrustCheck
                                        unit=signer_unit.clone()
                                        contact=None
                                        fingerprint=fingerprint.clone()
                                        on_trust=std::rc::Rc::new(trust_signer.clone())
                                    />
                                </div>
                            }.into_any()),
                            _ => Some(view! { <p class="field-error">{tr(Key::PlanSignerRefused)}</p> }.into_any()),
                        }}
                        <h4>{move || fill(Key::PlanPreviewHeading, &[("title", &title)])}</h4>
                        <p>{move || fill(Key::PlanFacts, &[("year", &year.to_string()), ("areas", &areas.to_string()), ("tasks", &tasks.to_string()), ("units", &units.to_string())])}</p>
                        <ol class="plan-preview-areas">
                            {c.areas.iter().map(|(heading, n)| view! { <li>{format!("{heading}（{n}）")}</li> }).collect_view()}
                        </ol>
                        <button type="button" class="button-primary plan-save" disabled=move || !usable() on:click=save>{tr(Key::PlanSave)}</button>
                    </div>
                }
            })}
        </section>
    }
}

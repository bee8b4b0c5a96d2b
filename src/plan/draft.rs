//! A new table on its way to becoming a plan: the office's decisions between reading the Word
//! table ([`super::source`]) and saving the plan file. Pure data and rules, so the plans screen
//! only shows them:
//!
//! - every unit name the table uses is either a unit of the registry the draft started from
//!   (the plan in use, the 2023 one by default) or the office decides: map it to a known unit
//!   (a renamed bureau) or accept it as a new unit of some kind;
//! - groups (各街道办事处, 区食药安委各成员单位 …) keep their kind; a listed group's members are
//!   editable, starting from the registry's;
//! - targets and dates are marked by quoting a phrase of a task ([`super::annotate`]);
//! - [`Draft::to_spec`] makes the [`PlanSpec`], which `Plan::from_spec` checks once more.

use std::collections::{BTreeMap, BTreeSet};

use super::annotate::{self, AnnotateProblem, Suggestion, SuggestionKind, TargetValues};
use super::milestones::{Milestone, MilestoneScope};
use super::seed::{NamedUnit, SeedRole};
use super::similar;
use super::source::{Severity, SourceProblem, SourceTable};
use super::spec::{AreaSpec, KindSpec, NamingSpec, PlanSpec, RoleSpec, TaskSpec, UnitSpec};
use super::targets::Target;
use super::{Plan, TaskId};

/// What the office decided for a name the registry does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mapping {
    /// The same unit under its known name (renamed bureaus are common).
    Known(String),
    /// A unit (or group) new in this table; a listed group names its members.
    New {
        short: String,
        kind: KindSpec,
        members: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub table: SourceTable,
    /// The registry the draft started from, then units accepted as new, in listing order.
    pub units: Vec<UnitSpec>,
    /// Decisions for the names the starting registry does not know. Mapping a name to a known
    /// unit renames that unit (its short label, kind and group memberships carry over), unless
    /// the table uses the known name too.
    pub mapping: BTreeMap<String, Mapping>,
    /// The names whose decision the office made or confirmed; the others' decisions are the
    /// app's proposals ([`Draft::guess_undecided`]) and stop saving until confirmed.
    pub confirmed: BTreeSet<String>,
    pub targets: Vec<Target>,
    pub milestones: Vec<Milestone>,
}

/// Why a draft cannot be saved yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftProblem {
    /// A unit name with no decision.
    Undecided(String),
    /// Mapped to a name that is not a unit of the registry.
    MappedToUnknown { name: String, to: String },
    /// A new unit's short label is empty or already used.
    BadShort { name: String },
    /// The table has no rows.
    NoRows,
    /// A row names no 责任单位.
    NoLead { row: usize },
}

/// Whether a problem met reading the table stops it from becoming a draft: every error but a
/// unit name the registry does not know, which the office decides in the draft itself.
pub fn blocks(problem: &SourceProblem) -> bool {
    problem.severity() == Severity::Error && !matches!(problem, SourceProblem::UnknownUnit { .. })
}

/// The label a marked phrase gets: its first twenty characters.
fn label_of(quote: &str) -> String {
    quote.chars().take(20).collect()
}

/// The year a title states ("福田区2026年…" → 2026), if any.
pub fn year_in(title: &str) -> Option<i32> {
    let chars: Vec<char> = title.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[4] == '年' && w[..4].iter().all(|c| c.is_ascii_digit()))
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
    })
}

/// A guess of what a new name is, from how Chinese unit names end.
pub fn guess_kind(name: &str) -> KindSpec {
    if name.contains("成员单位") {
        KindSpec::AllMembers
    } else if name.starts_with('各') {
        KindSpec::Group
    } else if name.ends_with("街道办事处") {
        KindSpec::Subdistrict
    } else {
        KindSpec::Department
    }
}

/// A short label for a new unit: the name without its district prefix and common endings,
/// at most six characters, made unique against `taken`.
pub fn guess_short(name: &str, taken: &[&str]) -> String {
    let mut core = name;
    for prefix in ["深圳市", "市", "区", "福田区"] {
        core = core.strip_prefix(prefix).unwrap_or(core);
    }
    for suffix in [
        "街道办事处",
        "办事处",
        "委员会",
        "管理局",
        "分局",
        "局",
        "办",
    ] {
        if let Some(rest) = core.strip_suffix(suffix)
            && !rest.is_empty()
        {
            core = rest;
            break;
        }
    }
    let base: String = core.chars().take(6).collect();
    let base = if base.is_empty() {
        name.chars().take(6).collect()
    } else {
        base
    };
    let mut short = base.clone();
    let mut n = 2;
    while taken.contains(&short.as_str()) {
        short = format!("{base}{n}");
        n += 1;
    }
    short
}

/// Whether a unit of kind `known` may be what a name that looks like `guessed` renames: a group
/// only a group of the same kind, any unit any unit (a department may become a subdistrict's
/// office or the coordinating office).
fn kinds_match(guessed: KindSpec, known: KindSpec) -> bool {
    let group = |k| matches!(k, KindSpec::Group | KindSpec::AllMembers);
    if group(guessed) || group(known) {
        guessed == known
    } else {
        true
    }
}

/// The known units `name` may rename, most alike first, with their score (0–100, see
/// [`super::similar`]): every unit of `known` of a matching kind but those in `exclude`.
pub fn rename_candidates<'a>(
    name: &str,
    known: &'a [UnitSpec],
    exclude: &[&str],
) -> Vec<(&'a str, u8)> {
    let kind = guess_kind(name);
    let weights = similar::Weights::of(known.iter().map(|u| u.name.as_str()));
    let candidates: Vec<&str> = known
        .iter()
        .filter(|u| kinds_match(kind, u.kind) && !exclude.contains(&u.name.as_str()))
        .map(|u| u.name.as_str())
        .collect();
    similar::ranked(name, &candidates, &weights)
        .into_iter()
        .map(|(score, _, i)| (candidates[i], score))
        .collect()
}

/// The known unit a new name most likely renames: the most alike of [`rename_candidates`] when
/// it scores at least [`similar::RENAME_AT`] (区城市管理和综合执法局 → 区城管和综合执法局,
/// 区卫生健康委员会 → 区卫生健康局).
pub fn guess_rename<'a>(name: &str, known: &'a [UnitSpec]) -> Option<&'a str> {
    rename_candidates(name, known, &[])
        .into_iter()
        .next()
        .filter(|(_, score)| *score >= similar::RENAME_AT)
        .map(|(unit, _)| unit)
}

fn role_spec(role: SeedRole) -> RoleSpec {
    match role {
        SeedRole::Lead => RoleSpec::Lead,
        SeedRole::Assist => RoleSpec::Assist,
        SeedRole::Guide => RoleSpec::Guide,
        SeedRole::Cooperate => RoleSpec::Cooperate,
    }
}

impl Draft {
    /// A draft of `table` starting from the registry of `start` (the plan in use).
    pub fn new(table: SourceTable, start: &Plan, id: String) -> Draft {
        let year = year_in(&table.title).unwrap_or(start.year + 1);
        let units = super::spec::PlanSpec::of(start).units;
        Draft {
            id,
            year,
            title: table.title.clone(),
            table,
            units,
            mapping: BTreeMap::new(),
            confirmed: BTreeSet::new(),
            targets: Vec::new(),
            milestones: Vec::new(),
        }
    }

    fn known(&self, name: &str) -> bool {
        self.units.iter().any(|u| u.name == name)
    }

    /// Every unit name the table uses, in first-use order.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for row in &self.table.rows {
            for named in row.lead.iter().chain(&row.cooperating) {
                if !names.contains(&named.name.as_str()) {
                    names.push(&named.name);
                }
            }
        }
        names
    }

    /// The names the starting registry does not know (each needs a decision).
    pub fn unknown(&self) -> Vec<&str> {
        self.names()
            .into_iter()
            .filter(|n| !self.known(n) || self.mapping.contains_key(*n))
            .collect()
    }

    /// Decides `name`: a known unit, or a new one (the office's decision: confirmed).
    pub fn decide(&mut self, name: &str, mapping: Mapping) {
        self.propose(name, mapping);
        self.confirm(name);
    }

    /// Proposes a decision for `name` without confirming it (a guess shown pre-selected).
    pub fn propose(&mut self, name: &str, mapping: Mapping) {
        self.mapping.insert(name.to_string(), mapping);
    }

    /// Confirms the decision shown for `name` as it is (a "same as" with no unit chosen yet
    /// stays unconfirmed).
    pub fn confirm(&mut self, name: &str) {
        let chosen = match self.mapping.get(name) {
            Some(Mapping::Known(to)) => !to.is_empty(),
            Some(Mapping::New { .. }) => true,
            None => false,
        };
        if chosen {
            self.confirmed.insert(name.to_string());
        }
    }

    /// The names still 待确认: unknown names whose decision the office has not confirmed, in
    /// first-use order.
    pub fn unconfirmed(&self) -> Vec<&str> {
        self.names()
            .into_iter()
            .filter(|n| !self.known(n) && !self.confirmed.contains(*n))
            .collect()
    }

    /// The known units `name` may rename, most alike first, with their score: those the table
    /// no longer names and no other name renames (see [`rename_candidates`]).
    pub fn rename_candidates(&self, name: &str) -> Vec<(&str, u8)> {
        let used = self.names();
        let mut exclude: Vec<&str> = used.clone();
        for (other, m) in &self.mapping {
            if let Mapping::Known(to) = m
                && other != name
                && self.confirmed.contains(other)
            {
                exclude.push(to);
            }
        }
        rename_candidates(name, &self.units, &exclude)
    }

    /// The name `name` stands for in the plan: itself, unless it is mapped to a known unit the
    /// table does not rename (an alias).
    fn resolve<'a>(&'a self, name: &'a str) -> &'a str {
        match self.mapping.get(name) {
            Some(Mapping::Known(to)) if self.names().contains(&to.as_str()) => to,
            _ => name,
        }
    }

    /// The decision to offer for an unknown name: the known unit it most likely renames (the
    /// best of [`Draft::rename_candidates`] scoring at least [`similar::RENAME_AT`]), else a new
    /// unit ([`Draft::new_unit`]).
    pub fn guess(&self, name: &str) -> Mapping {
        match self.rename_guess(name) {
            Some(known) => Mapping::Known(known.to_string()),
            None => self.new_unit(name),
        }
    }

    /// The known unit `name` most likely renames, if any is alike enough.
    pub fn rename_guess(&self, name: &str) -> Option<&str> {
        self.rename_candidates(name)
            .into_iter()
            .next()
            .filter(|(_, score)| *score >= similar::RENAME_AT)
            .map(|(unit, _)| unit)
    }

    /// `name` as a new unit: its kind guessed from the name, a short label unique among the
    /// registry's and the other new units'.
    pub fn new_unit(&self, name: &str) -> Mapping {
        let mut taken: Vec<&str> = self.units.iter().map(|u| u.short.as_str()).collect();
        for (other, m) in &self.mapping {
            if let Mapping::New { short, .. } = m
                && other != name
            {
                taken.push(short);
            }
        }
        Mapping::New {
            short: guess_short(name, &taken),
            kind: guess_kind(name),
            members: Vec::new(),
        }
    }

    /// Proposes [`Draft::guess`] for every unknown name not decided yet (the screen shows each
    /// proposal pre-selected; the office confirms it or changes it, and nothing is saved before).
    pub fn guess_undecided(&mut self) {
        let undecided: Vec<String> = self
            .unknown()
            .into_iter()
            .filter(|n| !self.mapping.contains_key(*n))
            .map(String::from)
            .collect();
        for name in undecided {
            let mapping = self.guess(&name);
            self.propose(&name, mapping);
        }
    }

    /// The members of the listed group `group`: decided for a new group, else the registry's.
    pub fn members(&self, group: &str) -> Vec<String> {
        match self.mapping.get(group) {
            Some(Mapping::New { members, .. }) => members.clone(),
            _ => self
                .units
                .iter()
                .find(|u| u.name == group)
                .map(|u| u.members.clone())
                .unwrap_or_default(),
        }
    }

    /// Sets the plan's year; marked dates are dated again in it (a phrase that names its own
    /// year, or a day the new year lacks, keeps its dates and is refused when saving).
    pub fn set_year(&mut self, year: i32) {
        self.year = year;
        let mut dated = Vec::with_capacity(self.milestones.len());
        for m in &self.milestones {
            let again = annotate::milestone_from(
                m.task,
                &m.printed,
                &m.quote,
                &m.label,
                year,
                m.scope,
                &[],
            );
            dated.push(match again {
                Ok(new) => Milestone {
                    id: m.id.clone(),
                    ..new
                },
                Err(_) => m.clone(),
            });
        }
        self.milestones = dated;
    }

    /// The id of the target or date marked from `suggestion` in `task` (its clause or its
    /// phrase quoted), if any.
    pub fn suggestion_mark(&self, task: TaskId, suggestion: &Suggestion) -> Option<String> {
        let text = self.task_text(task)?;
        let clause = text.get(suggestion.clause.clone())?;
        let quoted = |q: &str| q == clause || q == suggestion.quote;
        match suggestion.kind {
            SuggestionKind::Figure { .. } => self
                .targets
                .iter()
                .find(|t| t.task == task && quoted(&t.quote))
                .map(|t| t.id.clone()),
            SuggestionKind::Date { .. } | SuggestionKind::Recurring { .. } => self
                .milestones
                .iter()
                .find(|m| m.task == task && quoted(&m.quote))
                .map(|m| m.id.clone()),
        }
    }

    /// Marks a suggestion of `task`: its clause quoted (what the 2023 files quote), or the
    /// phrase alone when the clause is not unique in the task or states more than one date
    /// or figure.
    pub fn mark_suggestion(
        &mut self,
        task: TaskId,
        suggestion: &Suggestion,
    ) -> Result<(), AnnotateProblem> {
        let text = self
            .task_text(task)
            .ok_or(AnnotateProblem::QuoteNotFound)?
            .to_string();
        let clause = text
            .get(suggestion.clause.clone())
            .ok_or(AnnotateProblem::QuoteNotFound)?;
        let mark = |draft: &mut Draft, quote: &str| match &suggestion.kind {
            kind @ SuggestionKind::Figure { .. } => {
                let values = TargetValues::from_suggestion(kind).expect("a figure");
                draft.add_target(task, quote, &label_of(quote), values)
            }
            SuggestionKind::Date { .. } | SuggestionKind::Recurring { .. } => {
                draft.add_milestone(task, quote, &label_of(quote), MilestoneScope::Task)
            }
        };
        match mark(self, clause) {
            Err(
                AnnotateProblem::QuoteRepeated { .. }
                | AnnotateProblem::SeveralDates { .. }
                | AnnotateProblem::SeveralFigures { .. },
            ) if clause != suggestion.quote => mark(self, &suggestion.quote),
            other => other,
        }
    }

    /// Marks a phrase the office selected in `task` as a target: the one figure it states.
    pub fn mark_target(&mut self, task: TaskId, quote: &str) -> Result<(), AnnotateProblem> {
        let text = self.task_text(task).ok_or(AnnotateProblem::QuoteNotFound)?;
        annotate::check_quote(text, quote)?;
        let values = TargetValues::from_quote(quote)?;
        self.add_target(task, quote, &label_of(quote), values)
    }

    /// Marks a phrase the office selected in `task` as a date (this task only).
    pub fn mark_date(&mut self, task: TaskId, quote: &str) -> Result<(), AnnotateProblem> {
        self.add_milestone(task, quote, &label_of(quote), MilestoneScope::Task)
    }

    /// Removes the target or date `id`.
    pub fn unmark(&mut self, id: &str) {
        self.targets.retain(|t| t.id != id);
        self.milestones.retain(|m| m.id != id);
    }

    /// Sets the members of the listed group `group` (by name), known or new.
    pub fn set_members(&mut self, group: &str, members: Vec<String>) {
        if let Some(Mapping::New { members: m, .. }) = self.mapping.get_mut(group) {
            *m = members;
        } else if let Some(unit) = self.units.iter_mut().find(|u| u.name == group) {
            unit.members = members;
        }
    }

    /// Known units the table renames: (known name, name in the table).
    pub fn renames(&self) -> Vec<(&str, &str)> {
        let used = self.names();
        self.mapping
            .iter()
            .filter_map(|(name, m)| match m {
                Mapping::Known(to) if !used.contains(&to.as_str()) => {
                    Some((to.as_str(), name.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    /// The text of the task at `task` (1-based position), if there is one.
    pub fn task_text(&self, task: TaskId) -> Option<&str> {
        self.table
            .rows
            .get((task.0 as usize).checked_sub(1)?)
            .map(|r| r.measure.as_str())
    }

    fn printed(&self, task: TaskId) -> String {
        self.table.rows[task.0 as usize - 1].printed_number.clone()
    }

    /// Marks `quote` of task `task` as a target.
    pub fn add_target(
        &mut self,
        task: TaskId,
        quote: &str,
        label: &str,
        values: TargetValues,
    ) -> Result<(), AnnotateProblem> {
        let text = self.task_text(task).ok_or(AnnotateProblem::QuoteNotFound)?;
        annotate::check_quote(text, quote)?;
        let target = annotate::target_from(
            task,
            &self.printed(task),
            quote,
            label,
            values,
            &self.targets,
        );
        self.targets.push(target);
        Ok(())
    }

    /// Marks `quote` of task `task` as a date (deadline or recurring), in the draft's year.
    pub fn add_milestone(
        &mut self,
        task: TaskId,
        quote: &str,
        label: &str,
        scope: MilestoneScope,
    ) -> Result<(), AnnotateProblem> {
        let text = self.task_text(task).ok_or(AnnotateProblem::QuoteNotFound)?;
        annotate::check_quote(text, quote)?;
        let milestone = annotate::milestone_from(
            task,
            &self.printed(task),
            quote,
            label,
            self.year,
            scope,
            &self.milestones,
        )?;
        self.milestones.push(milestone);
        Ok(())
    }

    /// What still stops the draft from being saved.
    pub fn problems(&self) -> Vec<DraftProblem> {
        let mut problems = Vec::new();
        if self.table.rows.is_empty() {
            problems.push(DraftProblem::NoRows);
        }
        for row in &self.table.rows {
            if row.lead.is_empty() {
                problems.push(DraftProblem::NoLead { row: row.row });
            }
        }
        let mut shorts: Vec<&str> = self.units.iter().map(|u| u.short.as_str()).collect();
        for name in self.names() {
            match self.mapping.get(name) {
                _ if !self.known(name) && !self.confirmed.contains(name) => {
                    problems.push(DraftProblem::Undecided(name.to_string()))
                }
                Some(Mapping::Known(to)) if !self.known(to) => {
                    problems.push(DraftProblem::MappedToUnknown {
                        name: name.to_string(),
                        to: to.clone(),
                    })
                }
                Some(Mapping::New { short, .. }) => {
                    if short.trim().is_empty() || shorts.contains(&short.as_str()) {
                        problems.push(DraftProblem::BadShort {
                            name: name.to_string(),
                        });
                    }
                    shorts.push(short);
                }
                _ => {}
            }
        }
        problems
    }

    /// The plan spec of this draft: the starting registry plus new units, the table's areas and
    /// tasks with names resolved, and the marked targets and dates.
    pub fn to_spec(&self) -> Result<PlanSpec, Vec<DraftProblem>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut units = self.units.clone();
        for (old, new) in self.renames() {
            for unit in &mut units {
                if unit.name == old {
                    unit.name = new.to_string();
                    unit.formerly.push(old.to_string());
                }
                for member in &mut unit.members {
                    if member == old {
                        *member = new.to_string();
                    }
                }
            }
        }
        for name in self.names() {
            if let Some(Mapping::New {
                short,
                kind,
                members,
            }) = self.mapping.get(name)
            {
                units.push(UnitSpec {
                    name: name.to_string(),
                    short: short.clone(),
                    kind: *kind,
                    members: members.clone(),
                    formerly: Vec::new(),
                });
            }
        }
        let naming = |n: &NamedUnit| NamingSpec {
            unit: self.resolve(&n.name).to_string(),
            role: role_spec(n.role),
            wording: n.wording.to_string(),
        };
        let mut areas: Vec<AreaSpec> = Vec::new();
        for row in &self.table.rows {
            if areas.last().is_none_or(|a| a.heading != row.area) {
                areas.push(AreaSpec {
                    heading: row.area.clone(),
                    tasks: Vec::new(),
                });
            }
            let area = areas.last_mut().expect("just pushed");
            area.tasks.push(TaskSpec {
                number: row.printed_number.clone(),
                measure: row.measure.clone(),
                lead: row.lead.iter().map(naming).collect(),
                cooperating: row.cooperating.iter().map(naming).collect(),
            });
        }
        Ok(PlanSpec {
            id: self.id.clone(),
            year: self.year,
            title: self.title.clone(),
            units,
            areas,
            targets: self.targets.clone(),
            milestones: self.milestones.clone(),
        })
    }
}

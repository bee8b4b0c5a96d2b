//! The implementation report (落实情况) that printed task 56 asks every unit to hand to
//! 区食药安办 by 8 November, and that the office reports upward: for one unit or the whole
//! district, by area and task, with status, light, latest notes, figures against targets and
//! overdue items; as tables for CSV and XLSX, and as data for the print view.
//!
//! It opens with one page a leader reads first: totals by status and light, the 需协调 list,
//! the units that have not reported with the day each last did, and each overdue deadline
//! once. Then, by area, each task once with its units in rows.

use std::collections::BTreeMap;

use super::{Cell, Sheet};
use crate::describe::{figure_line, light_key, next_text, reason_text, status_text};
use crate::foundation::time::{Date, Stamp};
use crate::i18n::{Key, Lang, fill, format_date, round_name, submission_state_short};
use crate::ledger::consolidated::{
    Blocked, Completion, matrix, needs_coordination, responsibility, responsible_units,
    silent_units,
};
use crate::ledger::lights::{Assessment, Light, Reason, assess_for};
use crate::ledger::progress::{TargetProgress, progress_of};
use crate::ledger::rounds::{self, Round, State};
use crate::ledger::view::{Overview, note_threads};
use crate::ledger::{Ledger, Status};
use crate::plan::milestones::Milestone;
use crate::plan::{Role, Task, TaskId, UnitId, plan};

/// How many of the newest notes a row shows.
pub const NOTES_PER_ROW: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportScope {
    /// One unit's own tasks (what it hands in).
    Unit(UnitId),
    /// Every responsible unit on every task (what the office reports upward).
    District,
}

/// One task for one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub task: &'static Task,
    pub unit: UnitId,
    pub role: Role,
    pub via: Option<UnitId>,
    pub status: Option<Status>,
    /// The date of the work of the current status, if any.
    pub status_date: Option<Date>,
    /// What blocks it (受阻原因), when blocked.
    pub blocked_reason: Option<String>,
    pub assessment: Assessment,
    /// The newest [`NOTES_PER_ROW`] by the date of the work, in date order (oldest first):
    /// work date, entry time, text.
    pub notes: Vec<ReportNote>,
    pub figures: Vec<TargetProgress>,
    /// 佐证材料: how many files the unit's notes on the task carry now (each once).
    pub evidence: usize,
}

/// A note as a report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportNote {
    pub work_date: Date,
    pub recorded: Stamp,
    pub text: String,
    /// The files of the note as it stands (thumbnails print beside it when asked).
    pub attachments: Vec<crate::ledger::Attachment>,
}

/// One deadline that has passed with work not done, counted once however many tasks and
/// units it holds up.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueDeadline {
    /// The 节点 passed; `None`: the plan year's last day (tasks without a date of their own).
    pub milestone: Option<&'static Milestone>,
    pub date: Date,
    /// Tasks with an overdue unit, in plan order.
    pub tasks: Vec<TaskId>,
    /// Units with how many of their tasks it holds up, most first.
    pub units: Vec<(UnitId, usize)>,
}

impl ReportRow {
    pub fn is_overdue(&self) -> bool {
        matches!(self.assessment.reason, Reason::Overdue { .. })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub scope: ReportScope,
    pub date: Date,
    /// In plan order; within a task, in registry order of units.
    pub rows: Vec<ReportRow>,
    pub by_unit: Vec<(UnitId, Completion)>,
    pub by_area: Vec<(u8, Completion)>,
    /// 需协调: the blocked pairs of this report's units, longest blocked first.
    pub blocked: Vec<Blocked>,
    /// Units that have not reported for a while, with the day each last did.
    pub silent: Vec<(UnitId, Option<Date>)>,
    /// 报送情况 (the district report only; empty for a unit): each round as it stands, in
    /// [`rounds::rounds`] order, with the units that have not submitted it (the office never
    /// listed), from [`rounds::missing`].
    pub submissions: Vec<RoundMissing>,
}

/// One round in the district report's 报送情况: the units that have not submitted it and where
/// each stands.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundMissing {
    pub round: Round,
    pub missing: Vec<(UnitId, State)>,
}

/// How `unit` takes part in `task` for a unit report: responsibility first, else cooperation.
fn part(task: &Task, unit: UnitId) -> Option<(Role, Option<UnitId>)> {
    responsibility(task, unit).or_else(|| {
        let mut all: Vec<_> = task.involvements(unit).map(|i| (i.role, i.via)).collect();
        all.sort_by_key(|(_, via)| via.is_some());
        all.into_iter().next()
    })
}

fn newest_notes(ledger: &Ledger, task: &Task, unit: UnitId) -> Vec<ReportNote> {
    // Threads come in work-date order; keep the last few.
    let notes: Vec<ReportNote> = note_threads(ledger, task.id)
        .into_iter()
        .filter(|t| t.unit == unit)
        .filter_map(|t| {
            t.text().map(|text| ReportNote {
                work_date: t.work_date(),
                recorded: t.current().at,
                text: text.to_string(),
                attachments: t.current().attachments.clone(),
            })
        })
        .collect();
    let skip = notes.len().saturating_sub(NOTES_PER_ROW);
    notes.into_iter().skip(skip).collect()
}

pub fn build(ledger: &Ledger, overview: &Overview, scope: ReportScope, today: Date) -> Report {
    let units: Vec<UnitId> = match scope {
        ReportScope::Unit(unit) => vec![unit],
        ReportScope::District => UnitId::all_units().collect(),
    };
    let mut rows = Vec::new();
    for task in &plan().tasks {
        for &unit in &units {
            let taking_part = match scope {
                ReportScope::Unit(_) => part(task, unit),
                ReportScope::District => responsibility(task, unit),
            };
            let Some((role, via)) = taking_part else {
                continue;
            };
            let now = overview.get(task.id, unit).and_then(|s| s.status.as_ref());
            rows.push(ReportRow {
                task,
                unit,
                role,
                via,
                status: now.map(|s| s.status),
                status_date: now.map(|s| s.work_date),
                blocked_reason: now.and_then(|s| s.reason.clone()),
                assessment: assess_for(overview, task.id, unit, today),
                notes: newest_notes(ledger, task, unit),
                figures: progress_of(overview, task.id, unit, today),
                evidence: crate::evidence::files_of(ledger, task.id, unit).len(),
            });
        }
    }
    let by_unit = match scope {
        ReportScope::Unit(unit) => {
            let mut completion = Completion::default();
            for row in &rows {
                completion.add(row.status, row.assessment.light);
            }
            vec![(unit, completion)]
        }
        ReportScope::District => matrix(overview, today, &responsible_units(), |_| true).by_unit(),
    };
    let by_area = plan()
        .areas
        .iter()
        .map(|area| {
            let mut completion = Completion::default();
            for row in rows.iter().filter(|r| r.task.area == area.number) {
                completion.add(row.status, row.assessment.light);
            }
            (area.number, completion)
        })
        .collect();
    let mut blocked = needs_coordination(ledger);
    if let ReportScope::Unit(unit) = scope {
        blocked.retain(|b| b.unit == unit);
    }
    let silent = match scope {
        ReportScope::Unit(unit) => silent_units(overview, &[unit], today),
        ReportScope::District => silent_units(overview, &responsible_units(), today),
    };
    let submissions = match scope {
        ReportScope::Unit(_) => Vec::new(),
        ReportScope::District => rounds::rounds(ledger)
            .into_iter()
            .map(|round| RoundMissing {
                missing: rounds::missing(ledger, round.round),
                round,
            })
            .collect(),
    };
    Report {
        scope,
        date: today,
        rows,
        by_unit,
        by_area,
        blocked,
        silent,
        submissions,
    }
}

/// A printed number (序号) as a number cell, or as text if it is not a whole number.
fn number_cell(printed: &str) -> Cell {
    printed
        .parse::<u32>()
        .map_or_else(|_| Cell::Text(printed.to_string()), Cell::from)
}

/// The role words of a row, from the one vocabulary of [`crate::describe::part_text`].
pub fn role_text(lang: Lang, row: &ReportRow) -> String {
    crate::describe::part_text(lang, row.task, row.unit, row.role, row.via)
}

impl Report {
    pub fn unit(&self) -> Option<UnitId> {
        match self.scope {
            ReportScope::Unit(unit) => Some(unit),
            ReportScope::District => None,
        }
    }

    /// Who the report is for: the unit's name, or 全区汇总.
    pub fn subject(&self, lang: Lang) -> String {
        match self.scope {
            ReportScope::Unit(unit) => unit.name().to_string(),
            ReportScope::District => Key::ReportDistrict.text(lang).to_string(),
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        fill(
            Key::ReportTitle,
            lang,
            &[("plan", &plan().title), ("subject", &self.subject(lang))],
        )
    }

    /// `区教育局-落实情况-2023-11-08`.
    pub fn file_stem(&self) -> String {
        let subject = self.unit().map_or("全区汇总", UnitId::name);
        format!("{subject}-落实情况-{}", self.date)
    }

    pub fn overdue(&self) -> impl Iterator<Item = &ReportRow> {
        self.rows.iter().filter(|r| r.is_overdue())
    }

    /// Each passed deadline once, with the tasks and units it holds up; earliest first.
    pub fn overdue_deadlines(&self) -> Vec<OverdueDeadline> {
        let mut by_deadline: BTreeMap<(Date, &str), OverdueDeadline> = BTreeMap::new();
        for row in self.overdue() {
            let Reason::Overdue { due } = &row.assessment.reason else {
                continue;
            };
            let entry = by_deadline
                .entry((due.date, due.milestone.map_or("", |m| m.id.as_str())))
                .or_insert_with(|| OverdueDeadline {
                    milestone: due.milestone,
                    date: due.date,
                    tasks: Vec::new(),
                    units: Vec::new(),
                });
            if !entry.tasks.contains(&row.task.id) {
                entry.tasks.push(row.task.id);
            }
            match entry.units.iter_mut().find(|(u, _)| *u == row.unit) {
                Some((_, n)) => *n += 1,
                None => entry.units.push((row.unit, 1)),
            }
        }
        by_deadline
            .into_values()
            .map(|mut d| {
                d.units
                    .sort_by_key(|(unit, n)| (std::cmp::Reverse(*n), *unit));
                d
            })
            .collect()
    }

    /// How many rows have each status (no status counts as 未开始), in [`Status::ALL`] order.
    pub fn status_totals(&self) -> [(Status, usize); 4] {
        Status::ALL.map(|status| {
            let n = self
                .rows
                .iter()
                .filter(|r| r.status.unwrap_or(Status::NotStarted) == status)
                .count();
            (status, n)
        })
    }

    /// How many rows have each light, red first.
    pub fn light_totals(&self) -> [(Light, usize); 4] {
        Light::ALL.map(|light| {
            let n = self
                .rows
                .iter()
                .filter(|r| r.assessment.light == light)
                .count();
            (light, n)
        })
    }

    /// The 需协调 list as a table (its own CSV file and worksheet).
    pub fn blocked_sheet(&self, lang: Lang) -> Sheet {
        Sheet {
            name: Key::NeedsCoordinationSheet.text(lang).to_string(),
            header: [
                Key::BlockedSince,
                Key::ReportColumnNo,
                Key::ReportColumnMeasure,
                Key::ReportColumnUnit,
                Key::BlockedReasonColumn,
                Key::ReportColumnRecorded,
                // rhythm-b: the office's current answer, a meeting's decision marked so.
                Key::ReportColumnAnswer,
            ]
            .into_iter()
            .map(|k| k.text(lang).to_string())
            .collect(),
            rows: self
                .blocked
                .iter()
                .map(|b| {
                    let task = plan().task(b.task);
                    vec![
                        Cell::Text(b.since.to_string()),
                        task.map_or(Cell::Empty, |t| number_cell(&t.printed_number)),
                        Cell::Text(task.map(|t| t.measure.clone()).unwrap_or_default()),
                        Cell::Text(b.unit.name().to_string()),
                        Cell::Text(b.reason.clone()),
                        Cell::Text(b.recorded.local_date().to_string()),
                        b.answer.as_ref().map_or(Cell::Empty, |a| {
                            Cell::Text(super::meeting::answer_text(lang, a))
                        }),
                    ]
                })
                .collect(),
            widths: vec![12.0, 8.0, 50.0, 24.0, 40.0, 12.0, 50.0],
        }
    }

    fn header(lang: Lang, with_area: bool) -> Vec<String> {
        let keys = [
            Key::ReportColumnNo,
            Key::ReportColumnMeasure,
            Key::ReportColumnUnit,
            Key::ReportColumnRole,
            Key::ReportColumnStatus,
            Key::ReportColumnStatusDate,
            Key::BlockedReasonColumn,
            Key::ReportColumnLight,
            Key::ReportColumnReason,
            Key::ReportColumnNoteDate,
            Key::ReportColumnNotes,
            Key::ReportColumnEvidence,
            Key::ReportColumnTargets,
            Key::ReportColumnNext,
        ];
        with_area
            .then_some(Key::AreaLabel)
            .into_iter()
            .chain(keys)
            .map(|k| k.text(lang).to_string())
            .collect()
    }

    fn cells(lang: Lang, row: &ReportRow, with_area: bool) -> Vec<Cell> {
        let area = plan()
            .area(row.task.area)
            .map(|a| a.heading.clone())
            .unwrap_or_default();
        let notes = row
            .notes
            .iter()
            .map(|n| format!("{} {}", format_date(lang, n.work_date), n.text))
            .collect::<Vec<_>>()
            .join("\n");
        // Empty cells stay text cells, so they wrap and are styled like the rest of the row.
        let date = |d: Option<Date>| Cell::Text(d.map(|d| d.to_string()).unwrap_or_default());
        let figures = row
            .figures
            .iter()
            .map(|p| figure_line(lang, p))
            .collect::<Vec<_>>()
            .join("\n");
        // 序号 is a number in the sheet; a number the table prints twice says which row it is.
        let number = if row.task.repeats_number {
            Cell::Text(format!(
                "{}（{}）",
                row.task.printed_number,
                fill(Key::ReportRow, lang, &[("n", &row.task.id.0.to_string())])
            ))
        } else {
            number_cell(&row.task.printed_number)
        };
        with_area
            .then_some(Cell::Text(area))
            .into_iter()
            .chain([
                number,
                Cell::Text(row.task.measure.clone()),
                Cell::Text(row.unit.name().to_string()),
                Cell::Text(role_text(lang, row)),
                Cell::Text(status_text(lang, row.status).to_string()),
                date(row.status_date),
                Cell::Text(row.blocked_reason.clone().unwrap_or_default()),
                Cell::Text(light_key(row.assessment.light).text(lang).to_string()),
                Cell::Text(reason_text(lang, &row.assessment)),
                date(row.notes.last().map(|n| n.work_date)),
                Cell::Text(notes),
                Cell::Number(row.evidence as f64),
                Cell::Text(figures),
                Cell::Text(next_text(lang, row.assessment.next)),
            ])
            .collect()
    }

    const WIDTHS: [f64; 14] = [
        8.0, 60.0, 24.0, 18.0, 10.0, 12.0, 30.0, 8.0, 30.0, 12.0, 50.0, 10.0, 40.0, 30.0,
    ];

    /// One table of every row, with the area as the first column (the CSV).
    pub fn table(&self, lang: Lang) -> Sheet {
        Sheet {
            name: self.subject(lang),
            header: Self::header(lang, true),
            rows: self
                .rows
                .iter()
                .map(|r| Self::cells(lang, r, true))
                .collect(),
            widths: std::iter::once(24.0).chain(Self::WIDTHS).collect(),
        }
    }

    /// 报送情况 as a sheet (also its CSV): per round, its due date, how many units have not
    /// submitted it and their names with where each stands (未开始, 草稿, 已退回).
    pub fn submissions_sheet(&self, lang: Lang) -> Sheet {
        Sheet {
            name: Key::ReportSubmissionsHeading.text(lang).to_string(),
            header: [
                Key::ReportSubmissionsRound,
                Key::ReportSubmissionsDue,
                Key::ReportSubmissionsCount,
                Key::ReportSubmissionsUnits,
            ]
            .into_iter()
            .map(|k| k.text(lang).to_string())
            .collect(),
            rows: self
                .submissions
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(round_name(lang, &r.round)),
                        r.round
                            .due
                            .map_or(Cell::Empty, |d| Cell::Text(d.to_string())),
                        Cell::from(r.missing.len() as u32),
                        Cell::Text(Self::missing_text(lang, r)),
                    ]
                })
                .collect(),
            widths: vec![24.0, 12.0, 12.0, 80.0],
        }
    }

    /// The units that have not submitted a round, each with where it stands, or 均已提交.
    pub fn missing_text(lang: Lang, round: &RoundMissing) -> String {
        if round.missing.is_empty() {
            return Key::ReportSubmissionsAll.text(lang).to_string();
        }
        round
            .missing
            .iter()
            .map(|(u, s)| format!("{}（{}）", u.name(), submission_state_short(lang, s)))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The workbook: a summary sheet of completion by unit and by area, then one sheet per area.
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet> {
        let completion_row = |name: String, c: &Completion| {
            vec![
                Cell::Text(name),
                Cell::Number(c.responsible as f64),
                Cell::Number(c.done as f64),
                Cell::Number(c.in_progress as f64),
                Cell::Number(c.blocked as f64),
                Cell::Number(c.red as f64),
                Cell::Percent(c.rate()),
            ]
        };
        let completion_header = |first: Key| {
            [
                first,
                Key::ReportColumnTasks,
                Key::StatusDone,
                Key::StatusInProgress,
                Key::StatusBlocked,
                Key::LightRed,
                Key::ReportColumnRate,
            ]
            .into_iter()
            .map(|k| k.text(lang).to_string())
            .collect()
        };
        let mut sheets = vec![
            Sheet {
                name: Key::ReportSummarySheet.text(lang).to_string(),
                header: completion_header(Key::UnitLabel),
                rows: self
                    .by_unit
                    .iter()
                    .map(|(u, c)| completion_row(u.name().to_string(), c))
                    .collect(),
                widths: vec![30.0, 12.0, 10.0, 10.0, 10.0, 10.0, 10.0],
            },
            Sheet {
                name: Key::ReportAreaSheet.text(lang).to_string(),
                header: completion_header(Key::AreaLabel),
                rows: self
                    .by_area
                    .iter()
                    .map(|(n, c)| {
                        let heading = plan()
                            .area(*n)
                            .map(|a| a.heading.clone())
                            .unwrap_or_default();
                        completion_row(heading, c)
                    })
                    .collect(),
                widths: vec![30.0, 12.0, 10.0, 10.0, 10.0, 10.0, 10.0],
            },
        ];
        sheets.insert(0, self.blocked_sheet(lang));
        if !self.submissions.is_empty() {
            sheets.push(self.submissions_sheet(lang));
        }
        for area in &plan().areas {
            sheets.push(Sheet {
                name: area.heading.clone(),
                header: Self::header(lang, false),
                rows: self
                    .rows
                    .iter()
                    .filter(|r| r.task.area == area.number)
                    .map(|r| Self::cells(lang, r, false))
                    .collect(),
                widths: Self::WIDTHS.to_vec(),
            });
        }
        sheets
    }
}

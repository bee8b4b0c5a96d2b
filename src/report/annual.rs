//! 年度总结: the text a unit starts its summary from (pre-filled from its figures and notes),
//! and the office's compilation of every unit's summaries into the district report (print,
//! XLSX, Word), with the units that have not submitted named.
//!
//! Rules (written down in ARCHITECTURE.md):
//! - The pre-fill is words only, never a record: the unit's status, each target's figure
//!   against its goal (the same line as every report), then its notes in date order. Nothing
//!   is saved until the unit saves its (edited) text.
//! - The compilation has one row per task and responsible unit (as the district report), with
//!   the unit's current summary, or 未填写.
//! - A unit has submitted when the submission record says so (passed in: `submitted`); every
//!   responsible unit but the office that has not is named, with how many of its summaries are
//!   written.

use std::collections::BTreeMap;

use super::docx::Block;
use super::{Cell, Sheet};
use crate::describe::{figure_line, status_text};
use crate::foundation::time::Date;
use crate::i18n::{Key, Lang, fill, format_date};
use crate::ledger::consolidated::{responsibility, responsible_units};
use crate::ledger::progress::{TargetProgress, progress_of};
use crate::ledger::summary::{Summary, all_current};
use crate::ledger::view::{Overview, note_threads};
use crate::ledger::{Ledger, Status};
use crate::plan::{Role, Task, TaskId, UnitId, plan};

/// The text a unit's 年度总结 on `task` starts from: its status, its figures against the
/// targets, its notes (oldest first, each with its date of work).
pub fn prefill(
    ledger: &Ledger,
    overview: &Overview,
    task: TaskId,
    unit: UnitId,
    lang: Lang,
    today: Date,
) -> String {
    let status = overview
        .get(task, unit)
        .and_then(|s| s.status.as_ref())
        .map(|s| s.status);
    let mut lines = vec![fill(
        Key::SummaryPrefillStatus,
        lang,
        &[("status", status_text(lang, status))],
    )];
    let figures = progress_of(overview, task, unit, today);
    if !figures.is_empty() {
        lines.push(Key::SummaryPrefillFigures.text(lang).to_string());
        lines.extend(
            figures
                .iter()
                .map(|p| format!("- {}", figure_line(lang, p))),
        );
    }
    lines.push(Key::SummaryPrefillWork.text(lang).to_string());
    let notes: Vec<String> = note_threads(ledger, task)
        .into_iter()
        .filter(|t| t.unit == unit)
        .filter_map(|t| {
            let text = t.text()?.trim().replace('\n', " ");
            let date = format_date(lang, t.work_date());
            Some(fill(
                Key::SummaryPrefillNote,
                lang,
                &[("date", &date), ("text", &text)],
            ))
        })
        .collect();
    if notes.is_empty() {
        lines.push(Key::SummaryPrefillNoNotes.text(lang).to_string());
    }
    lines.extend(notes);
    lines.join("\n")
}

/// One task and one responsible unit in the compilation.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualRow {
    pub task: &'static Task,
    pub unit: UnitId,
    pub role: Role,
    pub via: Option<UnitId>,
    pub status: Option<Status>,
    pub figures: Vec<TargetProgress>,
    /// The unit's current summary, if it wrote one.
    pub summary: Option<Summary>,
}

/// Where one unit stands.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitStanding {
    pub unit: UnitId,
    /// Tasks it is responsible for.
    pub tasks: usize,
    /// Summaries written among them.
    pub written: usize,
    /// The day it submitted, if it did.
    pub submitted: Option<Date>,
}

/// The office's compilation of the 年度总结.
#[derive(Debug, Clone, PartialEq)]
pub struct Annual {
    pub date: Date,
    /// In plan order; within a task, in registry order of units.
    pub rows: Vec<AnnualRow>,
    /// Every responsible unit but the office, in registry order.
    pub units: Vec<UnitStanding>,
}

/// The compilation on `today`; `submitted` holds the units that submitted their 年度总结 and
/// the day each did.
pub fn build(
    ledger: &Ledger,
    overview: &Overview,
    today: Date,
    submitted: &BTreeMap<UnitId, Date>,
) -> Annual {
    let mut summaries = all_current(ledger);
    let office = UnitId::coordinator();
    let units: Vec<UnitId> = responsible_units()
        .into_iter()
        .filter(|u| *u != office)
        .collect();
    let mut rows = Vec::new();
    let mut standing: BTreeMap<UnitId, (usize, usize)> = BTreeMap::new();
    for task in &plan().tasks {
        for &unit in &units {
            let Some((role, via)) = responsibility(task, unit) else {
                continue;
            };
            let summary = summaries.remove(&(task.id, unit));
            let count = standing.entry(unit).or_default();
            count.0 += 1;
            count.1 += usize::from(summary.is_some());
            rows.push(AnnualRow {
                task,
                unit,
                role,
                via,
                status: overview
                    .get(task.id, unit)
                    .and_then(|s| s.status.as_ref())
                    .map(|s| s.status),
                figures: progress_of(overview, task.id, unit, today),
                summary,
            });
        }
    }
    let units = units
        .into_iter()
        .map(|unit| {
            let (tasks, written) = standing.get(&unit).copied().unwrap_or_default();
            UnitStanding {
                unit,
                tasks,
                written,
                submitted: submitted.get(&unit).copied(),
            }
        })
        .collect();
    Annual {
        date: today,
        rows,
        units,
    }
}

impl Annual {
    /// The units that have not submitted, in registry order.
    pub fn not_submitted(&self) -> impl Iterator<Item = &UnitStanding> {
        self.units.iter().filter(|u| u.submitted.is_none())
    }

    pub fn title(&self, lang: Lang) -> String {
        fill(Key::AnnualTitle, lang, &[("plan", &plan().title)])
    }

    /// `全区汇总-年度总结-2026-11-09`.
    pub fn file_stem(&self) -> String {
        format!("全区汇总-年度总结-{}", self.date)
    }

    /// The missing units in one sentence (empty list: everyone submitted).
    pub fn missing_text(&self, lang: Lang) -> String {
        let missing: Vec<String> = self
            .not_submitted()
            .map(|u| {
                fill(
                    Key::AnnualMissingUnit,
                    lang,
                    &[
                        ("unit", u.unit.name()),
                        ("written", &u.written.to_string()),
                        ("tasks", &u.tasks.to_string()),
                    ],
                )
            })
            .collect();
        if missing.is_empty() {
            Key::AnnualNoneMissing.text(lang).to_string()
        } else {
            fill(
                Key::AnnualMissing,
                lang,
                &[
                    ("n", &missing.len().to_string()),
                    ("units", &missing.join("、")),
                ],
            )
        }
    }

    fn summary_text(lang: Lang, row: &AnnualRow) -> String {
        row.summary.as_ref().map_or_else(
            || Key::AnnualNotWritten.text(lang).to_string(),
            |s| s.text.clone(),
        )
    }

    fn figures_text(lang: Lang, row: &AnnualRow) -> String {
        row.figures
            .iter()
            .map(|p| figure_line(lang, p))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The compilation as CSV: the summaries sheet, each row with its unit's submission date
    /// or 未提交 (so the units that have not submitted are named in the one table).
    pub fn csv(&self, lang: Lang) -> String {
        let mut sheet = self
            .sheets(lang)
            .into_iter()
            .next()
            .expect("the summaries sheet comes first");
        sheet
            .header
            .push(Key::AnnualColumnSubmitted.text(lang).to_string());
        for (row, r) in sheet.rows.iter_mut().zip(&self.rows) {
            let submitted = self
                .units
                .iter()
                .find(|u| u.unit == r.unit)
                .and_then(|u| u.submitted);
            // The office receives the summaries; it owes none.
            row.push(if r.unit == UnitId::coordinator() {
                Cell::Empty
            } else {
                Cell::Text(submitted.map_or_else(
                    || Key::AnnualNotSubmitted.text(lang).to_string(),
                    |d| d.to_string(),
                ))
            });
        }
        super::csv::to_csv(&sheet)
    }

    /// The sheets of the XLSX: the summaries, then the units and where each stands.
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet> {
        let summaries = Sheet {
            name: Key::AnnualSheet.text(lang).to_string(),
            header: [
                Key::ReportColumnNo,
                Key::ReportColumnMeasure,
                Key::ReportColumnUnit,
                Key::ReportColumnStatus,
                Key::ReportColumnTargets,
                Key::FieldSummary,
            ]
            .into_iter()
            .map(|k| k.text(lang).to_string())
            .collect(),
            rows: self
                .rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(r.task.printed_number.clone()),
                        Cell::Text(r.task.measure.clone()),
                        Cell::Text(r.unit.name().to_string()),
                        Cell::Text(status_text(lang, r.status).to_string()),
                        Cell::Text(Self::figures_text(lang, r)),
                        Cell::Text(Self::summary_text(lang, r)),
                    ]
                })
                .collect(),
            widths: vec![8.0, 40.0, 20.0, 10.0, 36.0, 60.0],
        };
        let units = Sheet {
            name: Key::AnnualUnitsSheet.text(lang).to_string(),
            header: [
                Key::ReportColumnUnit,
                Key::ReportColumnTasks,
                Key::AnnualColumnWritten,
                Key::AnnualColumnSubmitted,
            ]
            .into_iter()
            .map(|k| k.text(lang).to_string())
            .collect(),
            rows: self
                .units
                .iter()
                .map(|u| {
                    vec![
                        Cell::Text(u.unit.name().to_string()),
                        Cell::from(u.tasks as u32),
                        Cell::from(u.written as u32),
                        Cell::Text(u.submitted.map_or_else(
                            || Key::AnnualNotSubmitted.text(lang).to_string(),
                            |d| d.to_string(),
                        )),
                    ]
                })
                .collect(),
            widths: vec![28.0, 10.0, 10.0, 14.0],
        };
        vec![summaries, units]
    }

    /// The compilation as a Word document: title, who has not submitted, then by area each
    /// task with its units' summaries.
    pub fn document(&self, lang: Lang) -> Vec<Block> {
        let mut blocks = vec![
            Block::Title(self.title(lang)),
            Block::Paragraph(fill(
                Key::AnnualSubtitle,
                lang,
                &[
                    ("date", &format_date(lang, self.date)),
                    ("office", UnitId::coordinator().name()),
                ],
            )),
            Block::Heading(1, Key::AnnualMissingHeading.text(lang).to_string()),
            Block::Paragraph(self.missing_text(lang)),
        ];
        for area in &plan().areas {
            let rows: Vec<&AnnualRow> = self
                .rows
                .iter()
                .filter(|r| r.task.area == area.number)
                .collect();
            if rows.is_empty() {
                continue;
            }
            blocks.push(Block::Heading(1, area.heading.clone()));
            let mut task: Option<TaskId> = None;
            for row in rows {
                if task != Some(row.task.id) {
                    task = Some(row.task.id);
                    blocks.push(Block::Heading(
                        2,
                        format!(
                            "{} {}",
                            fill(Key::TaskNumber, lang, &[("n", &row.task.printed_number)]),
                            row.task.measure
                        ),
                    ));
                }
                blocks.push(Block::Paragraph(fill(
                    Key::AnnualUnitLine,
                    lang,
                    &[
                        ("unit", row.unit.name()),
                        ("status", status_text(lang, row.status)),
                    ],
                )));
                let figures = Self::figures_text(lang, row);
                if !figures.is_empty() {
                    blocks.push(Block::Paragraph(figures));
                }
                blocks.push(Block::Paragraph(Self::summary_text(lang, row)));
            }
        }
        blocks
    }
}

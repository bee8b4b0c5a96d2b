//! 会议材料: the coordination meeting's material (decided in [`crate::ledger::meeting`]) in
//! words, for the print view, a worksheet and a Word document; and an answer in words, with a
//! meeting's decision marked so, for every report that lists 需协调.

use super::docx::Block;
use super::{Cell, Sheet};
use crate::foundation::time::Date;
use crate::i18n::{Key, Lang, fill, format_date};
use crate::ledger::Ledger;
use crate::ledger::coordination::Answer;
use crate::ledger::meeting::{Group, agenda};
use crate::plan::{UnitId, plan};

/// One answer in words: `会议决定（2026年5月15日）：… 由区教育局在…前落实` or
/// `协调意见（…）：…`, then `已协调` when it settled the matter.
pub fn answer_text(lang: Lang, answer: &Answer) -> String {
    let head = match answer.meeting {
        Some(day) => fill(
            Key::MeetingDecisionLabel,
            lang,
            &[("date", &format_date(lang, day))],
        ),
        None => fill(
            Key::MeetingReplyLabel,
            lang,
            &[("date", &format_date(lang, answer.at.local_date()))],
        ),
    };
    let owner_due = fill(
        Key::CoordinationOwnerDue,
        lang,
        &[
            ("owner", answer.owner.name()),
            ("due", &format_date(lang, answer.due)),
        ],
    );
    let mut text = fill(
        Key::MeetingAnswerLine,
        lang,
        &[
            ("head", &head),
            ("reply", &answer.reply),
            ("owner_due", &owner_due),
        ],
    );
    if answer.resolved {
        text.push_str(&format!(" · {}", Key::CoordinationStateSettled.text(lang)));
    }
    text
}

/// The departments of a group in words: `区教育局、区市场监管局`.
pub fn departments_text(group: &Group) -> String {
    group
        .departments
        .iter()
        .map(|u| u.name())
        .collect::<Vec<_>>()
        .join("、")
}

/// The meeting's material, built once for a view or a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Material {
    pub date: Date,
    pub groups: Vec<Group>,
}

impl Material {
    pub fn build(ledger: &Ledger, today: Date) -> Material {
        Material {
            date: today,
            groups: agenda(ledger),
        }
    }

    pub fn item_count(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }

    pub fn title(&self, lang: Lang) -> String {
        fill(Key::MeetingTitle, lang, &[("plan", &plan().title)])
    }

    /// `会议材料-2026-05-15`.
    pub fn file_stem(&self) -> String {
        format!("会议材料-{}", self.date)
    }

    fn header(lang: Lang) -> Vec<String> {
        [
            Key::MeetingColumnDepartments,
            Key::ReportColumnNo,
            Key::ReportColumnMeasure,
            Key::ReportColumnUnit,
            Key::BlockedReasonColumn,
            Key::MeetingColumnRaised,
            Key::MeetingColumnReplies,
        ]
        .into_iter()
        .map(|k| k.text(lang).to_string())
        .collect()
    }

    /// Each item's cells as text: departments, number, measure, unit, reason, raised, replies.
    fn rows(&self, lang: Lang) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for group in &self.groups {
            let departments = departments_text(group);
            for item in &group.items {
                let task = plan().task(item.task);
                let replies = if item.replies.is_empty() {
                    Key::MeetingNoReply.text(lang).to_string()
                } else {
                    item.replies
                        .iter()
                        .map(|a| answer_text(lang, a))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                rows.push(vec![
                    departments.clone(),
                    task.map(|t| t.printed_number.clone()).unwrap_or_default(),
                    task.map(|t| t.measure.clone()).unwrap_or_default(),
                    item.unit.name().to_string(),
                    item.reason.clone(),
                    item.raised.to_string(),
                    replies,
                ]);
            }
        }
        rows
    }

    /// The material as CSV (the worksheet's rows, [`super::csv::to_csv`]).
    pub fn csv(&self, lang: Lang) -> String {
        super::csv::to_csv(&self.sheet(lang))
    }

    /// The material as one worksheet.
    pub fn sheet(&self, lang: Lang) -> Sheet {
        Sheet {
            name: Key::MeetingSheet.text(lang).to_string(),
            header: Self::header(lang),
            rows: self
                .rows(lang)
                .into_iter()
                .map(|r| r.into_iter().map(Cell::Text).collect())
                .collect(),
            widths: vec![24.0, 8.0, 40.0, 20.0, 36.0, 12.0, 50.0],
        }
    }

    /// The material as a Word document: the title, then each group under its departments.
    pub fn document(&self, lang: Lang) -> Vec<Block> {
        let mut blocks = vec![
            Block::Title(self.title(lang)),
            Block::Paragraph(fill(
                Key::MeetingSubtitle,
                lang,
                &[
                    ("date", &format_date(lang, self.date)),
                    ("n", &self.item_count().to_string()),
                    ("office", UnitId::coordinator().name()),
                ],
            )),
        ];
        let header: Vec<String> = Self::header(lang).into_iter().skip(1).collect();
        let rows = self.rows(lang);
        let mut at = 0;
        for group in &self.groups {
            blocks.push(Block::Heading(1, departments_text(group)));
            let n = group.items.len();
            blocks.push(Block::Table {
                header: header.clone(),
                rows: rows[at..at + n].iter().map(|r| r[1..].to_vec()).collect(),
                widths: vec![2, 8, 4, 6, 3, 10],
            });
            at += n;
        }
        blocks
    }
}

//! Ledger states in words, in either interface language: roles, statuses, lights and their
//! reasons, targets, figures and pace. Shared by the screens and the reports, so both say the same.

use crate::i18n::{Key, Lang, fill, format_date, format_number};
use crate::ledger::Status;
use crate::ledger::lights::{Assessment, Deadline, Light, Reason};
use crate::ledger::progress::{Pace, TargetProgress};
use crate::plan::milestones::Due;
use crate::plan::targets::{Target, TargetKind};
use crate::plan::{Involvement, Role, Task, UnitId};

pub fn status_key(status: Status) -> Key {
    match status {
        Status::NotStarted => Key::StatusNotStarted,
        Status::InProgress => Key::StatusInProgress,
        Status::Done => Key::StatusDone,
        Status::Blocked => Key::StatusBlocked,
    }
}

/// A missing status reads as 未开始.
pub fn status_text(lang: Lang, status: Option<Status>) -> &'static str {
    status_key(status.unwrap_or(Status::NotStarted)).text(lang)
}

/// One role in the table's own words: 牵头 where the table says 牵头, 负责 for any other unit of
/// 责任单位 that neither assists nor guides, then 协助, 业务指导, 配合.
pub fn role_key(role: Role, wording: &str) -> Key {
    match role {
        Role::Lead if wording == "牵头" => Key::InvolvementLead,
        Role::Lead => Key::InvolvementResponsible,
        Role::Assist => Key::InvolvementAssist,
        Role::Guide => Key::InvolvementGuide,
        Role::Cooperate => Key::InvolvementCooperate,
    }
}

/// A role as a kind, where 牵头 and 负责 count together (counts by role).
pub fn role_kind_key(role: Role) -> Key {
    match role {
        Role::Lead => Key::InvolvementLeadOrResponsible,
        Role::Assist | Role::Guide | Role::Cooperate => role_key(role, ""),
    }
}

/// One way a task concerns a unit: "牵头", "协助", "作为「区食药安委各成员单位」成员配合",
/// "作为「各街道办事处」之一牵头". The words of every card, detail, matrix and report.
pub fn involvement_text(lang: Lang, involvement: Involvement) -> String {
    let role = role_key(involvement.role, involvement.wording).text(lang);
    match involvement.via {
        None => role.to_string(),
        Some(group) => {
            let key = if involvement.as_committee_member() {
                Key::AsMemberOf
            } else {
                Key::AsOneOf
            };
            fill(key, lang, &[("group", group.name()), ("role", role)])
        }
    }
}

/// Every way `task` concerns `unit`, each once ([`Task::roles_of`]), joined: "牵头",
/// "协助、配合". Empty when the task does not concern the unit.
pub fn roles_text(lang: Lang, task: &Task, unit: UnitId) -> String {
    let separator = match lang {
        Lang::Zh => "、",
        Lang::En => "; ",
    };
    task.roles_of(unit)
        .into_iter()
        .map(|i| involvement_text(lang, i))
        .collect::<Vec<_>>()
        .join(separator)
}

/// The words for `unit` taking part in `task` as `role`, named directly or through `via`: a
/// report row's 角色.
pub fn part_text(lang: Lang, task: &Task, unit: UnitId, role: Role, via: Option<UnitId>) -> String {
    let wording = task
        .assignments
        .iter()
        .find(|a| a.unit == via.unwrap_or(unit) && a.role == role)
        .map_or("", |a| a.wording);
    involvement_text(lang, Involvement { role, wording, via })
}

pub fn light_key(light: Light) -> Key {
    match light {
        Light::Green => Key::LightGreen,
        Light::Yellow => Key::LightYellow,
        Light::Red => Key::LightRed,
        Light::Ended => Key::LightEnded,
    }
}

/// What a deadline is for: its 节点's label, or 完成全年任务 for the plan year's last day.
pub fn deadline_label(lang: Lang, due: &Deadline) -> String {
    match due.milestone {
        Some(m) => m.label.clone(),
        None => Key::YearEndDeadline.text(lang).to_string(),
    }
}

/// How far a target is from its pace, in words.
pub fn pace_text(lang: Lang, progress: &TargetProgress) -> String {
    match progress.pace {
        Pace::NoData => Key::PaceNoData.text(lang).to_string(),
        Pace::Met => Key::PaceMet.text(lang).to_string(),
        Pace::OnPace => Key::PaceOnPace.text(lang).to_string(),
        Pace::Behind { expected } => fill(
            Key::PaceBehind,
            lang,
            &[
                ("expected", &format_number(expected)),
                ("unit", &progress.target.unit),
                (
                    "date",
                    &progress
                        .as_of
                        .map(|d| format_date(lang, d))
                        .unwrap_or_default(),
                ),
            ],
        ),
        Pace::BelowGoal => Key::PaceBelowGoal.text(lang).to_string(),
        Pace::QuarterMissed { quarter } => fill(
            Key::PaceQuarterMissed,
            lang,
            &[("quarter", &quarter.to_string())],
        ),
    }
}

/// Why the light is what it is.
pub fn reason_text(lang: Lang, assessment: &Assessment) -> String {
    match &assessment.reason {
        Reason::Done => Key::ReasonDone.text(lang).to_string(),
        Reason::OnTrack => Key::ReasonOnTrack.text(lang).to_string(),
        Reason::Blocked => Key::ReasonBlocked.text(lang).to_string(),
        Reason::Overdue { due } => fill(
            Key::ReasonOverdue,
            lang,
            &[
                ("date", &format_date(lang, due.date)),
                ("label", &deadline_label(lang, due)),
            ],
        ),
        Reason::DueSoon { due, days } => fill(
            Key::ReasonDueSoon,
            lang,
            &[
                ("days", &days.to_string()),
                ("label", &deadline_label(lang, due)),
            ],
        ),
        Reason::NotBegun { due, days } => fill(
            if assessment.light == Light::Green {
                Key::ReasonNotBegunEarly
            } else {
                Key::ReasonNotBegun
            },
            lang,
            &[
                ("days", &days.to_string()),
                ("date", &format_date(lang, due.date)),
                ("label", &deadline_label(lang, due)),
            ],
        ),
        Reason::Ended { status } => fill(
            Key::ReasonEnded,
            lang,
            &[("status", status_text(lang, Some(*status)))],
        ),
        Reason::BehindTarget { progress } => {
            format!("{}：{}", progress.target.label, pace_text(lang, progress))
        }
    }
}

/// "86,400 批次", "1–2 所" for a range, "≥ 99 %" for a level or a count per quarter.
pub fn goal_text(target: &Target) -> String {
    let at_least = match target.kind {
        TargetKind::Total => "",
        TargetKind::Level | TargetKind::PerQuarter => "≥ ",
    };
    match target.goal_max {
        Some(max) => format!(
            "{at_least}{}–{} {}",
            format_number(target.goal),
            format_number(max),
            target.unit
        ),
        None => format!("{at_least}{} {}", format_number(target.goal), target.unit),
    }
}

/// The latest figure against its goal: "最新：44,000 批次，完成 51%（截至 2023年6月30日）" for a
/// total, "最新：98.6 %（截至 2023年9月30日）" for a level, which is met or not and has no share.
pub fn latest_text(lang: Lang, progress: &TargetProgress) -> String {
    let (Some(value), Some(date)) = (progress.value, progress.as_of) else {
        return Key::PaceNoData.text(lang).to_string();
    };
    let value = format_number(value);
    let date = format_date(lang, date);
    let unit = progress.target.unit.as_str();
    match progress.percent {
        Some(percent) => fill(
            Key::TargetLatest,
            lang,
            &[
                ("value", &value),
                ("unit", unit),
                ("percent", &percent.to_string()),
                ("date", &date),
            ],
        ),
        None => fill(
            Key::TargetLatestLevel,
            lang,
            &[("value", &value), ("unit", unit), ("date", &date)],
        ),
    }
}

/// The latest figure and its pace in one line ("最新：…（截至 …） · 进度正常"); without a figure,
/// only what is missing, once ("尚未填报数值", or for a count per quarter "本季度尚未填报").
pub fn figure_now_text(lang: Lang, progress: &TargetProgress) -> String {
    match progress.pace {
        Pace::NoData if progress.target.kind == TargetKind::PerQuarter => {
            Key::QuarterNoData.text(lang).to_string()
        }
        Pace::NoData => Key::PaceNoData.text(lang).to_string(),
        _ => format!(
            "{} · {}",
            latest_text(lang, progress),
            pace_text(lang, progress)
        ),
    }
}

/// One line per target for a report cell: label, goal, latest figure and pace.
pub fn figure_line(lang: Lang, progress: &TargetProgress) -> String {
    let now = match progress.pace {
        Pace::NoData => figure_now_text(lang, progress),
        _ => format!(
            "{}；{}",
            latest_text(lang, progress),
            pace_text(lang, progress)
        ),
    };
    format!(
        "{}（{}）：{now}",
        progress.target.label,
        fill(
            Key::TargetGoal,
            lang,
            &[("goal", &goal_text(progress.target))]
        ),
    )
}

/// A district figure (全区合计) in words: "全区合计：12,000 批次，完成 81%（截至 …，3 个单位）".
pub fn district_text(lang: Lang, total: &crate::ledger::progress::DistrictTotal) -> String {
    fill(
        Key::DistrictTotal,
        lang,
        &[
            ("latest", &latest_text(lang, &total.progress)),
            ("pace", &pace_text(lang, &total.progress)),
            ("n", &total.units.len().to_string()),
        ],
    )
}

/// "下一节点：2023年11月8日 向区食药安办提交任务落实情况".
pub fn next_text(lang: Lang, next: Option<Due>) -> String {
    match next {
        Some(due) => fill(
            Key::NextMilestone,
            lang,
            &[
                ("date", &format_date(lang, due.date)),
                ("label", &due.milestone.label),
            ],
        ),
        None => Key::NoNextMilestone.text(lang).to_string(),
    }
}

/// Why a plan file or a loaded table was refused, one line per problem.
pub fn plan_file_problems(
    lang: Lang,
    error: &crate::exchange::plan_file::PlanFileError,
) -> Vec<String> {
    use crate::exchange::plan_file::{MAX_PLAN_BYTES, PlanFileError as E};
    let one = |key: Key, values: &[(&str, &str)]| vec![fill(key, lang, values)];
    match error {
        E::TooLarge { bytes } => one(
            Key::PlanFileTooLarge,
            &[
                ("mb", &bytes.div_ceil(1024 * 1024).to_string()),
                ("max", &(MAX_PLAN_BYTES / (1024 * 1024)).to_string()),
            ],
        ),
        E::NotText => one(Key::PlanFileNotText, &[]),
        E::NotJson { line, column } => one(
            Key::PlanFileNotJson,
            &[("line", &line.to_string()), ("column", &column.to_string())],
        ),
        E::NotOurFormat => one(Key::PlanFileNotOurs, &[]),
        E::NewerVersion { found } => one(Key::PlanFileNewer, &[("version", &found.to_string())]),
        E::Malformed { field } => one(Key::PlanFileMalformed, &[("field", field)]),
        E::HashMismatch => one(Key::PlanFileHash, &[]),
        E::BadSignature => one(Key::PlanFileBadSignature, &[]),
        E::SignerNotCoordinator { unit } => one(Key::PlanFileSignerNotOffice, &[("unit", unit)]),
        E::Problems(problems) => {
            let mut lines = one(Key::PlanFileProblems, &[("n", &problems.len().to_string())]);
            lines.extend(problems.iter().map(|p| spec_problem(lang, p)));
            lines
        }
    }
}

/// One problem of a plan's content.
pub fn spec_problem(lang: Lang, problem: &crate::plan::spec::SpecProblem) -> String {
    use crate::plan::spec::{MAX_TASKS, SpecProblem as P};
    let f = |key: Key, values: &[(&str, &str)]| fill(key, lang, values);
    match problem {
        P::BadId(id) => f(Key::SpecBadId, &[("id", id)]),
        P::YearOutOfRange(year) => f(Key::SpecYear, &[("year", &year.to_string())]),
        P::EmptyTitle => f(Key::SpecEmptyTitle, &[]),
        P::Units(problem) => f(Key::SpecUnits, &[("why", &registry_problem(lang, problem))]),
        P::NoAreas => f(Key::SpecNoAreas, &[]),
        P::EmptyArea { area } => f(Key::SpecEmptyArea, &[("area", &area.to_string())]),
        P::TooManyTasks(n) => f(
            Key::SpecTooManyTasks,
            &[("n", &n.to_string()), ("max", &MAX_TASKS.to_string())],
        ),
        P::EmptyMeasure { task } => f(Key::SpecEmptyMeasure, &[("task", &task.to_string())]),
        P::NoLeadUnit { task } => f(Key::SpecNoLead, &[("task", &task.to_string())]),
        P::UnknownUnit { task, name } => f(
            Key::SpecUnknownUnit,
            &[("task", &task.to_string()), ("unit", name)],
        ),
        P::UnknownWording { task, wording } => f(
            Key::SpecUnknownWording,
            &[("task", &task.to_string()), ("wording", wording)],
        ),
        P::TargetTask { id, task } => f(
            Key::SpecAnnotationTask,
            &[("id", id), ("task", &task.to_string())],
        ),
        P::QuoteNotInTask { id } => f(Key::SpecQuote, &[("id", id)]),
        P::DuplicateAnnotation { id } => f(Key::SpecDuplicate, &[("id", id)]),
        P::DateOutsideYear { id } => f(Key::SpecDateYear, &[("id", id)]),
        P::BadGoal { id } => f(Key::SpecBadGoal, &[("id", id)]),
        P::FormerName { name } => f(Key::SpecFormerName, &[("name", name)]),
    }
}

fn registry_problem(lang: Lang, problem: &crate::plan::registry::RegistryProblem) -> String {
    use crate::plan::registry::RegistryProblem as R;
    let f = |key: Key, values: &[(&str, &str)]| fill(key, lang, values);
    match problem {
        R::TooMany(n) => f(Key::RegistryTooMany, &[("n", &n.to_string())]),
        R::Empty(n) => f(Key::RegistryEmpty, &[("n", &(n + 1).to_string())]),
        R::DuplicateName(name) => f(Key::RegistryDuplicate, &[("name", name)]),
        R::DuplicateShort(name) => f(Key::RegistryDuplicateShort, &[("name", name)]),
        R::NoCoordinator => f(Key::RegistryNoCoordinator, &[]),
        R::SeveralCoordinators => f(Key::RegistrySeveralCoordinators, &[]),
        R::UnknownMember { group, member } => f(
            Key::RegistryUnknownMember,
            &[("group", group), ("member", member)],
        ),
        R::EmptyGroup(group) => f(Key::RegistryEmptyGroup, &[("group", group)]),
    }
}

/// Why a marked phrase cannot become a target or date.
pub fn annotate_problem(lang: Lang, problem: &crate::plan::annotate::AnnotateProblem) -> String {
    let list = |items: &[String]| items.join(if lang == Lang::Zh { "、" } else { ", " });
    match problem {
        crate::plan::annotate::AnnotateProblem::EmptyQuote => {
            Key::AnnotateEmptyQuote.text(lang).to_string()
        }
        crate::plan::annotate::AnnotateProblem::QuoteNotFound => {
            Key::AnnotateQuoteNotFound.text(lang).to_string()
        }
        crate::plan::annotate::AnnotateProblem::QuoteRepeated { times } => fill(
            Key::AnnotateQuoteRepeated,
            lang,
            &[("times", &times.to_string())],
        ),
        crate::plan::annotate::AnnotateProblem::NoDate => {
            Key::AnnotateNoDate.text(lang).to_string()
        }
        crate::plan::annotate::AnnotateProblem::SeveralDates { found } => {
            fill(Key::AnnotateSeveralDates, lang, &[("found", &list(found))])
        }
        crate::plan::annotate::AnnotateProblem::OtherYear { text, stated, plan } => fill(
            Key::AnnotateOtherYear,
            lang,
            &[
                ("text", text),
                ("stated", &stated.to_string()),
                ("plan", &plan.to_string()),
            ],
        ),
        crate::plan::annotate::AnnotateProblem::NoSuchDay { text, year } => fill(
            Key::AnnotateNoSuchDay,
            lang,
            &[("text", text), ("year", &year.to_string())],
        ),
        crate::plan::annotate::AnnotateProblem::NoFigure => {
            Key::AnnotateNoFigure.text(lang).to_string()
        }
        crate::plan::annotate::AnnotateProblem::SeveralFigures { found } => fill(
            Key::AnnotateSeveralFigures,
            lang,
            &[("found", &list(found))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::time::{Date, Stamp};
    use crate::ledger::progress::progress;
    use crate::ledger::view::FigurePoint;
    use crate::plan::TaskId;
    use crate::plan::targets::target;

    fn figure(task: u16, id: &str, as_of: &str, value: f64) -> TargetProgress {
        let as_of = Date::parse(as_of).unwrap();
        let series = [FigurePoint {
            as_of,
            value,
            recorded: Stamp::new(0, 0).unwrap(),
        }];
        let year = (
            Date::new(2023, 1, 1).unwrap(),
            Date::new(2023, 12, 31).unwrap(),
        );
        // Looked at long after the year: the words follow the value's own date.
        progress(
            target(TaskId(task), id).unwrap(),
            &series,
            Date::new(2024, 3, 1).unwrap(),
            year,
        )
    }

    #[test]
    fn a_range_reads_100_percent_at_its_upper_end() {
        let p = figure(11, "nutrition-schools", "2023-11-30", 2.0);
        assert_eq!(goal_text(p.target), "1–2 所");
        assert_eq!(
            latest_text(Lang::Zh, &p),
            "最新：2 所，完成 100%（截至 2023年11月30日）"
        );
        assert_eq!(pace_text(Lang::Zh, &p), "已达标");
    }

    #[test]
    fn a_level_below_its_goal_has_no_percentage() {
        let p = figure(36, "evaluation-pass-rate", "2023-09-30", 98.6);
        assert_eq!(goal_text(p.target), "≥ 99 %");
        assert_eq!(
            latest_text(Lang::Zh, &p),
            "最新：98.6 %（截至 2023年9月30日）"
        );
        assert_eq!(pace_text(Lang::Zh, &p), "未达到目标值");
        assert!(!figure_line(Lang::Zh, &p).contains("100"));
    }

    #[test]
    fn a_total_is_paced_on_its_own_date() {
        let september = figure(36, "sampling-batches", "2023-09-30", 12_650.0);
        assert_eq!(pace_text(Lang::Zh, &september), "进度正常");
        let november = figure(36, "sampling-batches", "2023-11-30", 12_650.0);
        assert_eq!(
            pace_text(Lang::Zh, &november),
            "落后于时序进度（截至 2023年11月30日 应达 13,544 批次）"
        );
        assert_eq!(
            pace_text(Lang::En, &november),
            "behind the year's pace (13,544 批次 were due by 30 Nov 2023)"
        );
    }
}

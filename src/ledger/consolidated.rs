//! The consolidated picture the coordinating office works from: every task against every
//! responsible unit, with status and light, completion per unit and per area, and how fresh
//! each unit's data is.

use std::collections::HashMap;

use super::coordination::{Answer, State, answer, state};
use super::lights::{Light, assess_for};
use super::view::Overview;
use super::{Change, Event, Ledger, Status};
use crate::foundation::time::{Date, Stamp};
use crate::plan::units::UnitKind;
use crate::plan::{Role, Task, TaskId, UnitId, plan};

/// A unit's part in a task where it carries responsibility (named in 责任单位).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub role: Role,
    /// The group it is named through, if not by name.
    pub via: Option<UnitId>,
    pub status: Option<Status>,
    pub light: Light,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub task: TaskId,
    /// One entry per column unit; `None` where the unit has no responsibility for the task.
    pub cells: Vec<Option<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    pub units: Vec<UnitId>,
    pub rows: Vec<Row>,
}

/// Completion for one unit or one area.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Completion {
    pub responsible: usize,
    pub done: usize,
    /// 推进中, counted apart from 已完成.
    pub in_progress: usize,
    pub blocked: usize,
    pub red: usize,
}

impl Completion {
    /// Done as a share of responsible, 0–1 (0 when nothing is due).
    pub fn rate(&self) -> f64 {
        if self.responsible == 0 {
            0.0
        } else {
            self.done as f64 / self.responsible as f64
        }
    }

    /// In progress as a share of responsible, 0–1.
    pub fn in_progress_rate(&self) -> f64 {
        if self.responsible == 0 {
            0.0
        } else {
            self.in_progress as f64 / self.responsible as f64
        }
    }

    /// Counts one responsible task with its status and light.
    pub fn add(&mut self, status: Option<Status>, light: Light) {
        self.responsible += 1;
        self.done += usize::from(status == Some(Status::Done));
        self.in_progress += usize::from(status == Some(Status::InProgress));
        self.blocked += usize::from(status == Some(Status::Blocked));
        self.red += usize::from(light == Light::Red);
    }

    /// Counts a cell where its unit is responsible; a cooperating unit's cell is not counted.
    fn count(&mut self, cell: &Cell) {
        if cell.role != Role::Cooperate {
            self.add(cell.status, cell.light);
        }
    }
}

/// How `unit` carries responsibility for `task`, preferring a direct naming.
pub fn responsibility(task: &Task, unit: UnitId) -> Option<(Role, Option<UnitId>)> {
    let mut found = task
        .involvements(unit)
        .filter(|i| i.role != Role::Cooperate)
        .map(|i| (i.role, i.via))
        .collect::<Vec<_>>();
    found.sort_by_key(|(_, via)| via.is_some());
    found.into_iter().next()
}

/// How `unit` takes part in `task` for the office's matrix: its responsibility, else its part
/// as a cooperating unit (配合单位), which the matrix shows but never counts in completion.
pub fn involvement(task: &Task, unit: UnitId) -> Option<(Role, Option<UnitId>)> {
    responsibility(task, unit).or_else(|| {
        let mut found = task
            .involvements(unit)
            .map(|i| (i.role, i.via))
            .collect::<Vec<_>>();
        found.sort_by_key(|(_, via)| via.is_some());
        found.into_iter().next()
    })
}

/// Every unit the office's matrix shows: each unit any task names, responsible or cooperating
/// (配合单位), a unit a new table adds included, and the subdistrict offices; in registry order.
pub fn matrix_units() -> Vec<UnitId> {
    UnitId::all_units()
        .filter(|&unit| {
            unit.info().kind == UnitKind::Subdistrict
                || plan()
                    .tasks
                    .iter()
                    .any(|t| t.assignments.iter().any(|a| a.unit == unit))
        })
        .collect()
}

/// The units the matrix has columns for: every unit named in a 责任单位 cell, and the ten
/// subdistrict offices that 各街道办事处 names. (区食药安委各有关成员单位 in printed 56 names
/// every member; that task gets a cell in every column instead of 27 more columns.)
pub fn responsible_units() -> Vec<UnitId> {
    UnitId::all_units()
        .filter(|&unit| {
            unit.info().kind == UnitKind::Subdistrict
                || plan()
                    .tasks
                    .iter()
                    .any(|t| t.lead_units().any(|a| a.unit == unit))
        })
        .collect()
}

/// The matrix for the tasks that pass `keep`, over `units`: each unit's responsibility, or its
/// part as a cooperating unit (shown, not counted in completion).
pub fn matrix(
    overview: &Overview,
    today: Date,
    units: &[UnitId],
    keep: impl Fn(&Task) -> bool,
) -> Matrix {
    let rows = plan()
        .tasks
        .iter()
        .filter(|t| keep(t))
        .map(|task| Row {
            task: task.id,
            cells: units
                .iter()
                .map(|&unit| {
                    involvement(task, unit).map(|(role, via)| Cell {
                        role,
                        via,
                        status: overview.status(task.id, unit),
                        light: assess_for(overview, task.id, unit, today).light,
                    })
                })
                .collect(),
        })
        .filter(|row| row.cells.iter().any(Option::is_some))
        .collect();
    Matrix {
        units: units.to_vec(),
        rows,
    }
}

impl Matrix {
    /// Completion per column unit, in column order.
    pub fn by_unit(&self) -> Vec<(UnitId, Completion)> {
        self.units
            .iter()
            .enumerate()
            .map(|(column, &unit)| {
                let mut completion = Completion::default();
                for cell in self.rows.iter().filter_map(|r| r.cells[column].as_ref()) {
                    completion.count(cell);
                }
                (unit, completion)
            })
            .collect()
    }

    /// Completion per area (1–9), counting every responsible cell.
    pub fn by_area(&self) -> Vec<(u8, Completion)> {
        plan()
            .areas
            .iter()
            .map(|area| {
                let mut completion = Completion::default();
                for row in self
                    .rows
                    .iter()
                    .filter(|r| plan().task(r.task).map(|t| t.area) == Some(area.number))
                {
                    for cell in row.cells.iter().flatten() {
                        completion.count(cell);
                    }
                }
                (area.number, completion)
            })
            .collect()
    }
}

/// For each unit, when its newest record was written, or `None` if it has sent nothing.
pub fn freshness(overview: &Overview, units: &[UnitId]) -> Vec<(UnitId, Option<Stamp>)> {
    units
        .iter()
        .map(|&u| (u, overview.latest_by_unit.get(&u).copied()))
        .collect()
}

/// A unit is counted as not reporting when its newest record is older than this many days.
pub const SILENT_AFTER_DAYS: i64 = 30;

/// One (task, unit) that is blocked now (需协调): what is in the way and since when.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    pub task: TaskId,
    pub unit: UnitId,
    pub reason: String,
    /// The work date of the first 受阻 in the current unbroken run of 受阻 records (a new
    /// reason does not restart the clock).
    pub since: Date,
    /// When the current reason was recorded.
    pub recorded: Stamp,
    pub author: Option<String>,
    /// The office's current answer (协调意见), if any.
    pub answer: Option<Answer>,
    /// Where the matter stands (需协调, answered, 已协调).
    pub state: State,
}

/// Every blocked (task, unit), the longest blocked first (then by task and unit). The office
/// escalates these first; the page and every report form show this one list.
pub fn needs_coordination(ledger: &Ledger) -> Vec<Blocked> {
    let mut by_key: HashMap<(TaskId, UnitId), Vec<&Event>> = HashMap::new();
    for event in ledger.events() {
        if matches!(event.change, Change::Status { .. }) {
            by_key
                .entry((event.task, event.unit))
                .or_default()
                .push(event);
        }
    }
    let mut blocked: Vec<Blocked> = by_key
        .into_iter()
        .filter_map(|((task, unit), mut history)| {
            history.sort_by(|a, b| a.lww_cmp(b));
            let is_blocked = |e: &&&Event| {
                matches!(
                    e.change,
                    Change::Status {
                        status: Status::Blocked,
                        ..
                    }
                )
            };
            let current = *history.last()?;
            let Change::Status {
                status: Status::Blocked,
                reason,
            } = &current.change
            else {
                return None;
            };
            let since = history
                .iter()
                .rev()
                .take_while(is_blocked)
                .map(|e| e.work_date())
                .min()?;
            Some(Blocked {
                task,
                unit,
                reason: reason.clone().unwrap_or_default(),
                since,
                recorded: current.at,
                author: current.author.clone(),
                answer: answer(ledger, task, unit),
                state: state(ledger, task, unit),
            })
        })
        .collect();
    blocked.sort_by_key(|b| (b.since, b.task, b.unit));
    blocked
}

/// The units of `units` that have not reported in the last [`SILENT_AFTER_DAYS`] days, with
/// the day each last did (`None`: never), those silent longest first.
pub fn silent_units(
    overview: &Overview,
    units: &[UnitId],
    today: Date,
) -> Vec<(UnitId, Option<Date>)> {
    let office = UnitId::coordinator();
    let mut silent: Vec<(UnitId, Option<Date>)> = freshness(overview, units)
        .into_iter()
        // The office is who units report to: it never owes itself a report.
        .filter(|(unit, _)| *unit != office)
        .map(|(unit, at)| (unit, at.map(Stamp::local_date)))
        .filter(|(_, last)| last.is_none_or(|d| d.days_until(today) > SILENT_AFTER_DAYS))
        .collect();
    silent.sort_by_key(|(unit, last)| (*last, *unit));
    silent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::record::Recorder;
    use crate::ledger::{DeviceId, EventId, Ledger};

    fn unit(name: &str) -> UnitId {
        UnitId::from_name(name).unwrap()
    }

    #[test]
    fn columns_are_the_named_lead_units_and_the_subdistricts() {
        let units = responsible_units();
        assert_eq!(units.len(), 24);
        assert!(units.contains(&unit("区教育局")));
        assert!(units.contains(&unit("华强北街道办事处")));
        assert!(!units.contains(&unit("区委宣传部")), "only ever cooperates");
    }

    #[test]
    fn cells_show_responsibility_status_and_completion() {
        let edu = unit("区教育局");
        let recorder = Recorder {
            unit: edu,
            device: DeviceId::from_random([1; 8]),
            author: None,
            hlc: None,
        };
        let mut ledger = Ledger::new();
        let at = crate::foundation::time::Stamp::parse("2023-06-01T09:00:00+08:00").unwrap();
        ledger.add(
            recorder
                .set_status(
                    EventId::from_random([1; 8]),
                    TaskId(10),
                    at,
                    Status::Done,
                    "",
                )
                .unwrap(),
        );
        let overview = Overview::build(&ledger);
        let today = Date::new(2023, 6, 2).unwrap();
        let units = responsible_units();
        let m = matrix(&overview, today, &units, |_| true);
        assert_eq!(m.rows.len(), 58, "every task has someone responsible");
        let column = units.iter().position(|u| *u == edu).unwrap();
        let row10 = m.rows.iter().find(|r| r.task == TaskId(10)).unwrap();
        let cell = row10.cells[column].unwrap();
        assert_eq!(
            (cell.status, cell.light, cell.role),
            (Some(Status::Done), Light::Green, Role::Lead)
        );
        let row57 = m.rows.iter().find(|r| r.task == TaskId(57)).unwrap();
        assert!(
            row57.cells.iter().all(Option::is_some),
            "printed 56 names every member"
        );
        let (_, edu_completion) = m.by_unit()[column];
        assert_eq!((edu_completion.responsible, edu_completion.done), (5, 1));
        assert!((edu_completion.rate() - 0.2).abs() < 1e-9);
        let fresh = freshness(&overview, &units);
        assert_eq!(fresh.iter().filter(|(_, t)| t.is_some()).count(), 1);
        let areas = m.by_area();
        assert_eq!(areas.len(), 9);
        assert_eq!(areas[2].1.done, 1);
    }

    #[test]
    fn cooperating_units_have_columns_and_cells_but_no_share_in_completion() {
        let units = matrix_units();
        let publicity = unit("区委宣传部");
        assert!(units.contains(&publicity), "it only ever cooperates");
        assert!(units.len() > responsible_units().len());
        for u in responsible_units() {
            assert!(units.contains(&u));
        }
        let overview = Overview::build(&Ledger::new());
        let m = matrix(&overview, Date::new(2023, 6, 2).unwrap(), &units, |_| true);
        let column = units.iter().position(|u| *u == publicity).unwrap();
        let cells: Vec<&Cell> = m
            .rows
            .iter()
            .filter_map(|r| r.cells[column].as_ref())
            .collect();
        assert!(!cells.is_empty());
        let cooperating = cells.iter().filter(|c| c.role == Role::Cooperate).count();
        assert!(cooperating >= 3, "its role shows in each cell");
        let (_, completion) = m.by_unit()[column];
        assert_eq!(
            completion.responsible,
            cells.len() - cooperating,
            "cooperating is not counted (only the task naming every member is)"
        );
        let responsible = matrix(
            &overview,
            Date::new(2023, 6, 2).unwrap(),
            &responsible_units(),
            |_| true,
        );
        let total = |m: &Matrix| {
            m.by_area()
                .iter()
                .map(|(_, c)| c.responsible)
                .sum::<usize>()
        };
        let named = plan()
            .tasks
            .iter()
            .map(|t| {
                responsible_units()
                    .into_iter()
                    .filter(|u| responsibility(t, *u).is_some())
                    .count()
            })
            .sum::<usize>();
        assert_eq!(
            total(&responsible),
            named,
            "cooperating cells shown among the responsible units' columns count nothing"
        );
        assert!(total(&m) >= named);
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn stamp(text: &str) -> Stamp {
        Stamp::parse(text).unwrap()
    }

    #[test]
    fn needs_coordination_lists_every_blocked_pair_oldest_first() {
        let edu = Recorder {
            unit: unit("区教育局"),
            device: DeviceId::from_random([1; 8]),
            author: Some("王五".into()),
            hlc: None,
        };
        let health = Recorder {
            unit: unit("区卫生健康局"),
            device: DeviceId::from_random([2; 8]),
            author: None,
            hlc: None,
        };
        let mut n = 0u64;
        let mut id = || {
            n += 1;
            EventId::from_random(n.to_be_bytes())
        };
        let typed = stamp("2023-11-01T09:00:00+08:00");
        let mut ledger = Ledger::new();
        let mut add = |e: Result<crate::ledger::Event, _>| {
            ledger.add(e.unwrap());
        };
        // Blocked since June (work date), reason updated in October: the clock keeps June.
        add(edu.set_status_on(
            id(),
            TaskId(12),
            typed,
            Some(day("2023-06-05")),
            Status::Blocked,
            "等待配合",
        ));
        add(edu.set_status_on(
            id(),
            TaskId(12),
            stamp("2023-11-02T09:00:00+08:00"),
            Some(day("2023-10-01")),
            Status::Blocked,
            "仍在等待区卫生健康局",
        ));
        // Blocked, then unblocked: not listed.
        add(edu.set_status_on(id(), TaskId(10), typed, None, Status::Blocked, "缺经费"));
        add(edu.set_status_on(
            id(),
            TaskId(10),
            stamp("2023-11-03T09:00:00+08:00"),
            None,
            Status::InProgress,
            "",
        ));
        // Blocked in September, typed later than the others.
        add(health.set_status_on(
            id(),
            TaskId(3),
            stamp("2023-11-05T09:00:00+08:00"),
            Some(day("2023-09-10")),
            Status::Blocked,
            "场地未落实",
        ));
        // In progress, then blocked again in August: since August.
        add(health.set_status_on(
            id(),
            TaskId(36),
            typed,
            Some(day("2023-05-01")),
            Status::Blocked,
            "旧原因",
        ));
        add(health.set_status_on(
            id(),
            TaskId(36),
            typed,
            Some(day("2023-07-01")),
            Status::InProgress,
            "",
        ));
        add(health.set_status_on(
            id(),
            TaskId(36),
            stamp("2023-11-04T09:00:00+08:00"),
            Some(day("2023-08-01")),
            Status::Blocked,
            "新原因",
        ));
        let list = needs_coordination(&ledger);
        let seen: Vec<_> = list
            .iter()
            .map(|b| {
                (
                    b.task.0,
                    b.unit.name(),
                    b.reason.as_str(),
                    b.since.to_string(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    12,
                    "区教育局",
                    "仍在等待区卫生健康局",
                    "2023-06-05".to_string()
                ),
                (36, "区卫生健康局", "新原因", "2023-08-01".to_string()),
                (3, "区卫生健康局", "场地未落实", "2023-09-10".to_string()),
            ]
        );
        assert_eq!(list[0].author.as_deref(), Some("王五"));
        assert_eq!(list[0].recorded, stamp("2023-11-02T09:00:00+08:00"));
    }

    #[test]
    fn silent_units_are_those_without_a_record_for_30_days() {
        let mut ledger = Ledger::new();
        for (n, (name, when)) in [
            ("区教育局", "2023-11-01T09:00:00+08:00"),
            ("区卫生健康局", "2023-09-01T09:00:00+08:00"),
        ]
        .into_iter()
        .enumerate()
        {
            let r = Recorder {
                unit: unit(name),
                device: DeviceId::from_random([1; 8]),
                author: None,
                hlc: None,
            };
            let id = EventId::from_random([n as u8 + 1; 8]);
            ledger.add(r.add_note(id, TaskId(3), stamp(when), "进展").unwrap());
        }
        let overview = Overview::build(&ledger);
        let units = [unit("区教育局"), unit("区卫生健康局"), unit("福田海关")];
        let silent = silent_units(&overview, &units, day("2023-11-08"));
        assert_eq!(
            silent,
            [
                (unit("福田海关"), None),
                (unit("区卫生健康局"), Some(day("2023-09-01")))
            ]
        );
    }
}

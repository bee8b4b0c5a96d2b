//! The consolidated picture the coordinating office works from: every task against every
//! responsible unit, with status and light, completion per unit and per area, and how fresh
//! each unit's data is.

use super::Status;
use super::lights::{Light, assess_for};
use super::time::{Date, Stamp};
use super::view::Overview;
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

    /// Counts one responsible task with its status and light.
    pub fn add(&mut self, status: Option<Status>, light: Light) {
        self.responsible += 1;
        self.done += usize::from(status == Some(Status::Done));
        self.blocked += usize::from(status == Some(Status::Blocked));
        self.red += usize::from(light == Light::Red);
    }

    fn count(&mut self, cell: &Cell) {
        self.add(cell.status, cell.light);
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

/// The matrix for the tasks that pass `keep`, over `units`.
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
                    responsibility(task, unit).map(|(role, via)| Cell {
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
        };
        let mut ledger = Ledger::new();
        let at = crate::ledger::time::Stamp::parse("2023-06-01T09:00:00+08:00").unwrap();
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
}

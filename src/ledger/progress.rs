//! Recorded figures against the table's targets: the latest value, the percentage, and
//! whether the unit keeps pace with the year.

use super::time::Date;
use super::view::{FigurePoint, Overview};
use crate::plan::milestones::milestones;
use crate::plan::targets::{Target, TargetKind, targets_of};
use crate::plan::{TaskId, UnitId};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pace {
    /// Nothing recorded yet.
    NoData,
    /// The goal is reached.
    Met,
    /// Not reached yet but where the year so far says it should be.
    OnPace,
    /// A paced total below its pro-rata share of the year: `expected` by today.
    Behind { expected: f64 },
    /// A level (rate) below its goal.
    BelowGoal,
    /// A quarter that has ended without reaching its count.
    QuarterMissed { quarter: u8 },
}

impl Pace {
    /// Whether this calls for attention (a yellow light).
    pub fn is_behind(self) -> bool {
        matches!(
            self,
            Pace::Behind { .. } | Pace::BelowGoal | Pace::QuarterMissed { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetProgress {
    pub target: &'static Target,
    /// The value shown against the goal: the latest total or level, or the latest quarter's count.
    pub value: Option<f64>,
    pub as_of: Option<Date>,
    /// value / goal as a percentage, not capped (a total can exceed its goal).
    pub percent: Option<f64>,
    pub pace: Pace,
}

fn quarter_of(date: Date) -> u8 {
    (date.month() - 1) / 3 + 1
}

fn quarter_end(year: i32, quarter: u8) -> Date {
    let month = quarter * 3;
    let day = if month == 6 || month == 9 { 30 } else { 31 };
    Date::new(year, month, day).expect("quarter ends are valid dates")
}

/// Progress of `series` (oldest date first, one point per date) against `target` on `today`,
/// in the plan period `period`.
pub fn progress(
    target: &'static Target,
    series: &[FigurePoint],
    today: Date,
    period: (Date, Date),
) -> TargetProgress {
    let (start, end) = period;
    let latest = series.iter().rfind(|p| p.as_of <= today).or(series.last());
    let value = latest.map(|p| p.value);
    let percent = value.map(|v| {
        if target.goal > 0.0 {
            v / target.goal * 100.0
        } else {
            100.0
        }
    });
    let pace = match (target.kind, value) {
        (_, None) if target.kind != TargetKind::PerQuarter => Pace::NoData,
        (TargetKind::Total, Some(v)) if v >= target.goal => Pace::Met,
        (TargetKind::Total, Some(v)) => {
            let year_days = start.days_until(end) as f64 + 1.0;
            // Not `f64::clamp`: its NaN assertion formats floats with `Debug`, which brings core's
            // float printing (several KB) into the wasm.
            let elapsed = (start.days_until(today) as f64 + 1.0)
                .max(0.0)
                .min(year_days);
            let expected = target.goal * elapsed / year_days;
            if target.paced && v < expected {
                Pace::Behind { expected }
            } else {
                Pace::OnPace
            }
        }
        (TargetKind::Level, Some(v)) if v >= target.goal => Pace::Met,
        (TargetKind::Level, Some(_)) => Pace::BelowGoal,
        (TargetKind::PerQuarter, _) => {
            let missed = (1..=4).find(|&q| {
                let ends = quarter_end(start.year(), q);
                ends < today
                    && ends <= end
                    && !series
                        .iter()
                        .rfind(|p| p.as_of.year() == start.year() && quarter_of(p.as_of) == q)
                        .is_some_and(|p| p.value >= target.goal)
            });
            match (missed, value) {
                (Some(quarter), _) => Pace::QuarterMissed { quarter },
                (None, None) => Pace::NoData,
                (None, Some(v)) if v >= target.goal => Pace::Met,
                (None, Some(_)) => Pace::OnPace,
            }
        }
        (_, None) => Pace::NoData,
    };
    TargetProgress {
        target,
        value,
        as_of: latest.map(|p| p.as_of),
        percent,
        pace,
    }
}

/// Progress of every target of `task` for `unit`, from the overview's figure series.
pub fn progress_of(
    overview: &Overview,
    task: TaskId,
    unit: UnitId,
    today: Date,
) -> Vec<TargetProgress> {
    let summary = overview.get(task, unit);
    targets_of(task)
        .map(|target| {
            let series = summary
                .and_then(|s| s.figures.get(&target.id))
                .map(Vec::as_slice)
                .unwrap_or_default();
            progress(target, series, today, milestones().plan_period())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::TaskId;
    use crate::plan::targets::target;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn points(values: &[(&str, f64)]) -> Vec<FigurePoint> {
        values
            .iter()
            .map(|(date, value)| FigurePoint {
                as_of: d(date),
                value: *value,
                recorded: crate::ledger::time::Stamp::new(0, 0).unwrap(),
            })
            .collect()
    }

    const YEAR: (&str, &str) = ("2023-01-01", "2023-12-31");

    fn year() -> (Date, Date) {
        (d(YEAR.0), d(YEAR.1))
    }

    #[test]
    fn a_paced_total_is_behind_below_its_share_of_the_year() {
        let rapid = target(TaskId(37), "rapid-test-batches").unwrap();
        // 2023-07-02 is day 183 of 365: the pro-rata share of 86,400 is 43,318.4.
        let behind = progress(
            rapid,
            &points(&[("2023-06-30", 40_000.0)]),
            d("2023-07-02"),
            year(),
        );
        assert!(
            matches!(behind.pace, Pace::Behind { expected } if (expected - 43_318.4).abs() < 0.1),
            "{:?}",
            behind.pace
        );
        assert!((behind.percent.unwrap() - 46.296).abs() < 0.01);
        let on_pace = progress(
            rapid,
            &points(&[("2023-06-30", 45_000.0)]),
            d("2023-07-02"),
            year(),
        );
        assert_eq!(on_pace.pace, Pace::OnPace);
        let met = progress(
            rapid,
            &points(&[("2023-11-30", 90_000.0)]),
            d("2023-12-01"),
            year(),
        );
        assert_eq!(met.pace, Pace::Met);
        assert!(met.percent.unwrap() > 100.0);
    }

    #[test]
    fn an_unpaced_total_is_not_behind_before_the_end() {
        let schools = target(TaskId(11), "nutrition-schools").unwrap();
        let p = progress(
            schools,
            &points(&[("2023-06-01", 0.0)]),
            d("2023-09-01"),
            year(),
        );
        assert_eq!(p.pace, Pace::OnPace);
        let p = progress(
            schools,
            &points(&[("2023-06-01", 1.0)]),
            d("2023-09-01"),
            year(),
        );
        assert_eq!(p.pace, Pace::Met);
    }

    #[test]
    fn a_level_is_met_or_below() {
        let pass_rate = target(TaskId(36), "evaluation-pass-rate").unwrap();
        let p = progress(
            pass_rate,
            &points(&[("2023-03-01", 99.2), ("2023-06-01", 98.5)]),
            d("2023-07-01"),
            year(),
        );
        assert_eq!(p.value, Some(98.5), "the latest date wins");
        assert_eq!(p.pace, Pace::BelowGoal);
        assert_eq!(
            progress(pass_rate, &[], d("2023-07-01"), year()).pace,
            Pace::NoData
        );
    }

    #[test]
    fn a_quarter_ended_without_its_count_is_missed() {
        let supervision = target(TaskId(3), "quarterly-supervision").unwrap();
        let q1_only = points(&[("2023-03-15", 2.0)]);
        assert_eq!(
            progress(supervision, &q1_only, d("2023-05-01"), year()).pace,
            Pace::Met
        );
        assert_eq!(
            progress(supervision, &q1_only, d("2023-07-01"), year()).pace,
            Pace::QuarterMissed { quarter: 2 }
        );
        assert_eq!(
            progress(supervision, &[], d("2023-04-01"), year()).pace,
            Pace::QuarterMissed { quarter: 1 }
        );
        assert_eq!(
            progress(supervision, &[], d("2023-03-01"), year()).pace,
            Pace::NoData
        );
    }

    #[test]
    fn future_dated_values_do_not_count_as_today() {
        let rapid = target(TaskId(37), "rapid-test-batches").unwrap();
        let p = progress(
            rapid,
            &points(&[("2023-05-01", 30_000.0), ("2023-12-01", 86_400.0)]),
            d("2023-06-01"),
            year(),
        );
        assert_eq!(p.value, Some(30_000.0));
    }
}

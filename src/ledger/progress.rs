//! Recorded figures against the table's targets: the latest value, the share of the goal, and
//! whether the unit keeps pace with the year. [`progress`] is the one function that decides;
//! screens and reports only put its answer into words.
//!
//! - A total (`total`) is paced on its own 截至 date: 12,650 batches as of 30 September is
//!   compared with the share of the year up to 30 September, whatever the date today. A total
//!   as of the plan's last day that is short of the goal has not met it.
//! - A range ("1–2 所") is met at its lower end and never reads more than 100 %.
//! - A level (`level`: "≥ 99 %", "4.7 批次/千人") and a count per quarter are met or not met;
//!   they carry no percentage, so "100 %" can never stand beside 未达到目标值.
//! - A count per quarter is judged for the current period: the quarter today falls in (the
//!   last one once the year is over), on that quarter's own count; an earlier quarter never
//!   speaks for it, so 第 1 季度未达要求 cannot show in the fourth quarter.
//! - A percentage below the goal is rounded down and stays under 100.

use super::view::{FigurePoint, Overview};
use crate::foundation::time::Date;
use crate::plan::milestones::milestones;
use crate::plan::targets::{Target, TargetKind, targets_of};
use crate::plan::{TaskId, UnitId};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pace {
    /// Nothing recorded yet.
    NoData,
    /// The goal is reached.
    Met,
    /// Not reached yet but where the year says it should be on the value's 截至 date.
    OnPace,
    /// A paced total below its pro-rata share of the year on the value's 截至 date: `expected`
    /// (a whole number) by then.
    Behind { expected: f64 },
    /// Not met: a level below its goal, or a total short of it at the end of the plan year.
    BelowGoal,
    /// The plan year's last quarter ended without reaching its count (a count per quarter is
    /// judged for the current quarter only: an earlier quarter's count is history).
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
    /// A total's share of its goal in whole percent: rounded down and at most 99 while the goal
    /// is not met, exactly 100 for a met range, and above 100 for a total beyond its goal.
    /// `None` for levels and quarterly counts, which are met or not.
    pub percent: Option<u32>,
    pub pace: Pace,
}

impl TargetProgress {
    pub fn is_met(&self) -> bool {
        self.pace == Pace::Met
    }
}

fn quarter_of(date: Date) -> u8 {
    (date.month() - 1) / 3 + 1
}

fn quarter_end(year: i32, quarter: u8) -> Date {
    let month = quarter * 3;
    let day = if month == 6 || month == 9 { 30 } else { 31 };
    Date::new(year, month, day).expect("quarter ends are valid dates")
}

/// The goal's share due by `day`: goal × days elapsed / days in the period, rounded up to a
/// whole count (a total counts things: batches, markets).
fn share_due(goal: f64, day: Date, (start, end): (Date, Date)) -> f64 {
    let year_days = start.days_until(end) as f64 + 1.0;
    // Not `f64::clamp`: its NaN assertion formats floats with `Debug`, which brings core's
    // float printing (several KB) into the wasm.
    let elapsed = (start.days_until(day) as f64 + 1.0).max(0.0).min(year_days);
    (goal * elapsed / year_days).ceil()
}

/// A total's share of its goal in whole percent (see [`TargetProgress::percent`]).
fn percent_of(target: &Target, value: f64, met: bool) -> u32 {
    if target.goal <= 0.0 {
        return 100;
    }
    let raw = value / target.goal * 100.0;
    match (met, target.goal_max) {
        (true, Some(_)) => 100,
        (true, None) => (raw.round() as u32).max(100),
        // `as` saturates: a negative share reads 0.
        (false, _) => (raw.floor() as u32).min(99),
    }
}

/// Progress of `series` (oldest date first, one point per date) against `target`, in the plan
/// period `period`. `today` picks the latest value (a value dated after today does not count
/// yet) and which quarters have ended; a total's pace depends only on its value and 截至 date.
pub fn progress(
    target: &'static Target,
    series: &[FigurePoint],
    today: Date,
    period: (Date, Date),
) -> TargetProgress {
    let (start, end) = period;
    // A count per quarter is judged for the current quarter (the last one once the year is
    // over): its own latest count, never an earlier quarter's.
    let judged = if today > end { end } else { today.max(start) };
    let quarter = quarter_of(judged);
    let quarter_point = series.iter().rfind(|p| {
        p.as_of <= today && p.as_of.year() == start.year() && quarter_of(p.as_of) == quarter
    });
    let latest = if target.kind == TargetKind::PerQuarter {
        quarter_point
    } else {
        series.iter().rfind(|p| p.as_of <= today).or(series.last())
    };
    let value = latest.map(|p| p.value);
    let pace = match (target.kind, latest) {
        (TargetKind::Total | TargetKind::Level, None) => Pace::NoData,
        (_, Some(p)) if target.kind != TargetKind::PerQuarter && p.value >= target.goal => {
            Pace::Met
        }
        (TargetKind::Level, Some(_)) => Pace::BelowGoal,
        (TargetKind::Total, Some(p)) if p.as_of >= end => Pace::BelowGoal,
        (TargetKind::Total, Some(p)) => {
            let expected = share_due(target.goal, p.as_of, period);
            if target.paced && p.value < expected {
                Pace::Behind { expected }
            } else {
                Pace::OnPace
            }
        }
        (TargetKind::PerQuarter, _) => match quarter_point {
            Some(p) if p.value >= target.goal => Pace::Met,
            _ if today > quarter_end(start.year(), quarter) => Pace::QuarterMissed { quarter },
            Some(_) => Pace::OnPace,
            None => Pace::NoData,
        },
    };
    let percent = match target.kind {
        TargetKind::Total => value.map(|v| percent_of(target, v, pace == Pace::Met)),
        TargetKind::Level | TargetKind::PerQuarter => None,
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

/// A target's district figure (全区合计) where several units report on one target: each unit's
/// own figure for the period (its latest total, or its count for the current quarter) counted
/// once, however many of its figures were recorded and however many ways the task names it,
/// and summed; the sum is as of the earliest of the dates summed (it is no fresher than its
/// oldest part) and judged like one unit's figure. Levels (rates, 批次/千人) are not added up:
/// a sum of rates means nothing, so they have none.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictTotal {
    pub progress: TargetProgress,
    /// The units counted, each once, with the value each contributed, in registry order.
    pub units: Vec<(UnitId, f64)>,
}

/// The district figure of `target` on `today` when at least two units have a figure for it.
pub fn district_total(
    overview: &Overview,
    task: TaskId,
    target: &'static Target,
    today: Date,
) -> Option<DistrictTotal> {
    if target.kind == TargetKind::Level {
        return None;
    }
    let period = milestones().plan_period();
    let mut units = Vec::new();
    let mut as_of: Option<Date> = None;
    for unit in overview.units_with_records() {
        let Some(series) = overview
            .get(task, unit)
            .and_then(|s| s.figures.get(&target.id))
        else {
            continue;
        };
        let own = progress(target, series, today, period);
        // A figure dated after today does not count yet.
        if let (Some(value), Some(date)) = (own.value, own.as_of.filter(|d| *d <= today)) {
            units.push((unit, value));
            as_of = Some(as_of.map_or(date, |d| d.min(date)));
        }
    }
    let as_of = as_of.filter(|_| units.len() >= 2)?;
    let sum = FigurePoint {
        as_of,
        value: units.iter().map(|(_, v)| v).sum(),
        recorded: crate::foundation::time::Stamp {
            utc_ms: 0,
            offset_minutes: 0,
        },
    };
    Some(DistrictTotal {
        progress: progress(target, &[sum], today, period),
        units,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::TaskId;
    use crate::plan::targets::{target, targets};

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn points(values: &[(&str, f64)]) -> Vec<FigurePoint> {
        values
            .iter()
            .map(|(date, value)| FigurePoint {
                as_of: d(date),
                value: *value,
                recorded: crate::foundation::time::Stamp::new(0, 0).unwrap(),
            })
            .collect()
    }

    fn year() -> (Date, Date) {
        (d("2023-01-01"), d("2023-12-31"))
    }

    /// Where a case's value stands against the goal.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Against {
        Below,
        At,
        Above,
    }

    /// Early (first quarter) or late (November) in the plan year.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum When {
        Early,
        Late,
    }

    use Against::{Above, At, Below};
    use When::{Early, Late};

    struct Case {
        target: &'static str,
        against: Against,
        when: When,
        /// The recorded series, oldest first; the last point is the value under test.
        series: &'static [(&'static str, f64)],
        /// The day the figure is looked at.
        today: &'static str,
        pace: Pace,
        percent: Option<u32>,
    }

    const fn case(
        target: &'static str,
        against: Against,
        when: When,
        series: &'static [(&'static str, f64)],
        today: &'static str,
        pace: Pace,
        percent: Option<u32>,
    ) -> Case {
        Case {
            target,
            against,
            when,
            series,
            today,
            pace,
            percent,
        }
    }

    /// Every target of `seeds/targets-2023.json` below, at and above its goal, early and late in
    /// the year. Totals and levels are looked at after the year is over: their answer depends on
    /// the value's own 截至 date, not on today. (31 March is day 90 of 365, 30 September day
    /// 273, 30 November day 334.)
    #[rustfmt::skip]
    const CASES: &[Case] = &[
        // 抽检 1.48 万批次, paced: by 31 March 14,800 × 90 / 365 = 3,649.3 → 3,650 are due.
        case("sampling-batches", Below, Early, &[("2023-03-31", 2_000.0)], "2024-02-01", Pace::Behind { expected: 3_650.0 }, Some(13)),
        case("sampling-batches", Below, Early, &[("2023-03-31", 3_650.0)], "2024-02-01", Pace::OnPace, Some(24)),
        case("sampling-batches", At, Early, &[("2023-03-31", 14_800.0)], "2024-02-01", Pace::Met, Some(100)),
        case("sampling-batches", Above, Early, &[("2023-03-31", 16_000.0)], "2024-02-01", Pace::Met, Some(108)),
        // The case: 12,650 as of 30 September is ahead of the 11,070 due by then.
        case("sampling-batches", Below, Late, &[("2023-09-30", 12_650.0)], "2024-02-01", Pace::OnPace, Some(85)),
        case("sampling-batches", Below, Late, &[("2023-11-30", 12_650.0)], "2024-02-01", Pace::Behind { expected: 13_544.0 }, Some(85)),
        // Short of the goal at the year's end is not met, and never reads 100 %.
        case("sampling-batches", Below, Late, &[("2023-12-31", 14_790.0)], "2024-02-01", Pace::BelowGoal, Some(99)),
        case("sampling-batches", At, Late, &[("2023-11-30", 14_800.0)], "2024-02-01", Pace::Met, Some(100)),
        case("sampling-batches", Above, Late, &[("2023-11-30", 15_100.0)], "2024-02-01", Pace::Met, Some(102)),
        // 覆盖率 4.7 批次/千人: a level, met or not, no percentage.
        case("sampling-coverage", Below, Early, &[("2023-03-31", 4.5)], "2024-02-01", Pace::BelowGoal, None),
        case("sampling-coverage", At, Early, &[("2023-03-31", 4.7)], "2024-02-01", Pace::Met, None),
        case("sampling-coverage", Above, Early, &[("2023-03-31", 5.2)], "2024-02-01", Pace::Met, None),
        case("sampling-coverage", Below, Late, &[("2023-11-30", 4.69)], "2024-02-01", Pace::BelowGoal, None),
        case("sampling-coverage", At, Late, &[("2023-11-30", 4.7)], "2024-02-01", Pace::Met, None),
        case("sampling-coverage", Above, Late, &[("2023-11-30", 6.0)], "2024-02-01", Pace::Met, None),
        // 合格率 ≥ 99 %: 98.6 % is not met, and nothing says 100 % beside it.
        case("evaluation-pass-rate", Below, Early, &[("2023-03-31", 98.6)], "2024-02-01", Pace::BelowGoal, None),
        case("evaluation-pass-rate", At, Early, &[("2023-03-31", 99.0)], "2024-02-01", Pace::Met, None),
        case("evaluation-pass-rate", Above, Early, &[("2023-03-31", 99.4)], "2024-02-01", Pace::Met, None),
        case("evaluation-pass-rate", Below, Late, &[("2023-03-31", 99.4), ("2023-11-30", 98.6)], "2024-02-01", Pace::BelowGoal, None),
        case("evaluation-pass-rate", At, Late, &[("2023-11-30", 99.0)], "2024-02-01", Pace::Met, None),
        case("evaluation-pass-rate", Above, Late, &[("2023-11-30", 99.95)], "2024-02-01", Pace::Met, None),
        // 核查处置率 100 %.
        case("nonconforming-disposal-rate", Below, Early, &[("2023-03-31", 99.5)], "2024-02-01", Pace::BelowGoal, None),
        case("nonconforming-disposal-rate", At, Early, &[("2023-03-31", 100.0)], "2024-02-01", Pace::Met, None),
        case("nonconforming-disposal-rate", Above, Early, &[("2023-03-31", 100.5)], "2024-02-01", Pace::Met, None),
        case("nonconforming-disposal-rate", Below, Late, &[("2023-11-30", 99.99)], "2024-02-01", Pace::BelowGoal, None),
        case("nonconforming-disposal-rate", At, Late, &[("2023-11-30", 100.0)], "2024-02-01", Pace::Met, None),
        case("nonconforming-disposal-rate", Above, Late, &[("2023-11-30", 101.0)], "2024-02-01", Pace::Met, None),
        // 快检 8.64 万批次, paced: 21,305 due by 31 March, 79,064 by 30 November.
        case("rapid-test-batches", Below, Early, &[("2023-03-31", 21_000.0)], "2024-02-01", Pace::Behind { expected: 21_305.0 }, Some(24)),
        case("rapid-test-batches", At, Early, &[("2023-03-31", 86_400.0)], "2024-02-01", Pace::Met, Some(100)),
        case("rapid-test-batches", Above, Early, &[("2023-03-31", 90_000.0)], "2024-02-01", Pace::Met, Some(104)),
        case("rapid-test-batches", Below, Late, &[("2023-11-30", 80_000.0)], "2024-02-01", Pace::OnPace, Some(92)),
        case("rapid-test-batches", Below, Late, &[("2023-11-30", 79_000.0)], "2024-02-01", Pace::Behind { expected: 79_062.0 }, Some(91)),
        case("rapid-test-batches", At, Late, &[("2023-11-30", 86_400.0)], "2024-02-01", Pace::Met, Some(100)),
        case("rapid-test-batches", Above, Late, &[("2023-11-30", 86_401.0)], "2024-02-01", Pace::Met, Some(100)),
        // 覆盖 24 家农贸市场: a total, not paced, not met if short at the year's end.
        case("markets-covered", Below, Early, &[("2023-03-31", 10.0)], "2024-02-01", Pace::OnPace, Some(41)),
        case("markets-covered", At, Early, &[("2023-03-31", 24.0)], "2024-02-01", Pace::Met, Some(100)),
        case("markets-covered", Above, Early, &[("2023-03-31", 25.0)], "2024-02-01", Pace::Met, Some(104)),
        case("markets-covered", Below, Late, &[("2023-11-30", 23.0)], "2024-02-01", Pace::OnPace, Some(95)),
        case("markets-covered", Below, Late, &[("2023-12-31", 23.0)], "2024-02-01", Pace::BelowGoal, Some(95)),
        case("markets-covered", At, Late, &[("2023-12-31", 24.0)], "2024-02-01", Pace::Met, Some(100)),
        case("markets-covered", Above, Late, &[("2023-12-31", 26.0)], "2024-02-01", Pace::Met, Some(108)),
        // 1–2 所: met at 1, and 2 (or 3) is 100 %, not 200 %.
        case("nutrition-schools", Below, Early, &[("2023-03-31", 0.0)], "2024-02-01", Pace::OnPace, Some(0)),
        case("nutrition-schools", At, Early, &[("2023-03-31", 1.0)], "2024-02-01", Pace::Met, Some(100)),
        case("nutrition-schools", Above, Early, &[("2023-03-31", 2.0)], "2024-02-01", Pace::Met, Some(100)),
        case("nutrition-schools", Below, Late, &[("2023-12-31", 0.0)], "2024-02-01", Pace::BelowGoal, Some(0)),
        case("nutrition-schools", At, Late, &[("2023-11-30", 1.0)], "2024-02-01", Pace::Met, Some(100)),
        case("nutrition-schools", Above, Late, &[("2023-11-30", 3.0)], "2024-02-01", Pace::Met, Some(100)),
        // 每季度至少 1 次: met or not for the quarter; an ended quarter without it is missed.
        case("quarterly-supervision", Below, Early, &[("2023-03-15", 0.0)], "2023-03-20", Pace::OnPace, None),
        case("quarterly-supervision", Below, Early, &[("2023-03-15", 0.0)], "2023-03-31", Pace::OnPace, None),
        case("quarterly-supervision", At, Early, &[("2023-03-15", 1.0)], "2023-03-20", Pace::Met, None),
        case("quarterly-supervision", Above, Early, &[("2023-03-15", 3.0)], "2023-03-20", Pace::Met, None),
        case("quarterly-supervision", Below, Late, &[("2023-03-15", 1.0), ("2023-06-15", 1.0), ("2023-09-15", 2.0), ("2023-11-30", 0.0)], "2023-12-05", Pace::OnPace, None),
        // The second quarter was missed, but in December the fourth is judged; after the year,
        // the fourth quarter's short count is the final verdict.
        case("quarterly-supervision", Below, Late, &[("2023-03-15", 1.0), ("2023-09-15", 2.0), ("2023-11-30", 0.0)], "2023-12-05", Pace::OnPace, None),
        case("quarterly-supervision", Below, Late, &[("2023-03-15", 1.0), ("2023-09-15", 2.0), ("2023-11-30", 0.0)], "2024-01-05", Pace::QuarterMissed { quarter: 4 }, None),
        case("quarterly-supervision", At, Late, &[("2023-03-15", 1.0), ("2023-06-15", 1.0), ("2023-09-15", 2.0), ("2023-11-30", 1.0)], "2023-12-05", Pace::Met, None),
        case("quarterly-supervision", Above, Late, &[("2023-03-15", 1.0), ("2023-06-15", 1.0), ("2023-09-15", 2.0), ("2023-11-30", 4.0)], "2023-12-05", Pace::Met, None),
    ];

    fn target_named(id: &str) -> &'static Target {
        targets()
            .targets
            .iter()
            .find(|t| t.id == id)
            .unwrap_or_else(|| panic!("no target {id}"))
    }

    #[test]
    fn every_target_below_at_and_above_early_and_late() {
        for case in CASES {
            let target = target_named(case.target);
            let got = progress(target, &points(case.series), d(case.today), year());
            let last = case.series.last().unwrap();
            let context = format!(
                "{} {:?} {:?} {:?}",
                case.target, case.against, case.when, last
            );
            assert_eq!(got.pace, case.pace, "{context}");
            assert_eq!(got.percent, case.percent, "{context}");
            assert_eq!(got.value, Some(last.1), "{context}");
            assert_eq!(got.as_of, Some(d(last.0)), "{context}");
            let relation = match case.against {
                Below => last.1 < target.goal,
                At => last.1 == target.goal,
                Above => last.1 > target.goal,
            };
            assert!(relation, "{context}: not {:?} the goal", case.against);
            let month = d(last.0).month();
            let when = match case.when {
                Early => month <= 3,
                Late => month >= 9,
            };
            assert!(when, "{context}: not {:?} in the year", case.when);
        }
        // The table covers every target of the seed file in every combination.
        for target in &targets().targets {
            for against in [Below, At, Above] {
                for when in [Early, Late] {
                    assert!(
                        CASES.iter().any(|c| c.target == target.id
                            && c.against == against
                            && c.when == when),
                        "{} has no case {against:?} {when:?}",
                        target.id
                    );
                }
            }
        }
    }

    #[test]
    fn totals_and_levels_are_judged_on_their_own_date_whatever_today_is() {
        for case in CASES {
            let target = target_named(case.target);
            if target.kind == TargetKind::PerQuarter {
                continue;
            }
            let series = points(case.series);
            let as_of = series.last().unwrap().as_of;
            for today in [as_of, as_of.add_days(1), d("2023-12-31"), d("2025-06-01")] {
                let got = progress(target, &series, today, year());
                assert_eq!(
                    (got.pace, got.percent),
                    (case.pace, case.percent),
                    "{} on {today}",
                    case.target
                );
            }
        }
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
        assert_eq!(p.pace, Pace::OnPace);
    }

    #[test]
    fn nothing_recorded_is_no_data_until_a_quarter_ends() {
        for target in &targets().targets {
            let p = progress(target, &[], d("2023-03-01"), year());
            assert_eq!((p.pace, p.percent, p.value), (Pace::NoData, None, None));
        }
        let supervision = target(TaskId(3), "quarterly-supervision").unwrap();
        assert_eq!(
            progress(supervision, &[], d("2023-04-01"), year()).pace,
            Pace::NoData,
            "the second quarter has just begun"
        );
        assert_eq!(
            progress(supervision, &[], d("2024-01-01"), year()).pace,
            Pace::QuarterMissed { quarter: 4 }
        );
    }

    #[test]
    fn a_quarterly_count_is_judged_for_the_current_quarter() {
        let supervision = target(TaskId(3), "quarterly-supervision").unwrap();
        // Only the first quarter had its visit: in the fourth, Q1 is history.
        let series = points(&[("2023-02-10", 1.0)]);
        let p = progress(supervision, &series, d("2023-12-05"), year());
        assert_eq!((p.pace, p.value), (Pace::NoData, None));
        let series = points(&[("2023-02-10", 0.0), ("2023-10-10", 1.0)]);
        let p = progress(supervision, &series, d("2023-12-05"), year());
        assert_eq!((p.pace, p.value), (Pace::Met, Some(1.0)));
    }

    // proptest runs natively only (see Cargo.toml).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever is recorded: no percentage reads 100 while the goal is unmet, a range never
        /// exceeds 100, levels and quarterly counts carry none, and met means the goal is reached.
        #[test]
        fn percentages_never_contradict_the_verdict(
            which in 0usize..8,
            goal_share in 0.0f64..2.5,
            day in 0i64..500,
            look in 0i64..500,
        ) {
            let all = &targets().targets;
            let target = &all[which % all.len()];
            let value = target.goal * goal_share;
            let as_of = d("2023-01-01").add_days(day.min(364));
            let today = d("2023-01-01").add_days(look);
            let series = [FigurePoint {
                as_of,
                value,
                recorded: crate::foundation::time::Stamp::new(0, 0).unwrap(),
            }];
            let p = progress(target, &series, today, year());
            match target.kind {
                TargetKind::Total => {
                    let percent = p.percent.expect("a total has a percentage");
                    if p.is_met() {
                        proptest::prop_assert!(value >= target.goal);
                        proptest::prop_assert!(percent >= 100);
                    } else {
                        proptest::prop_assert!(value < target.goal);
                        proptest::prop_assert!(percent < 100);
                    }
                    if target.goal_max.is_some() {
                        proptest::prop_assert!(percent <= 100);
                    }
                }
                TargetKind::Level | TargetKind::PerQuarter => {
                    proptest::prop_assert_eq!(p.percent, None);
                }
            }
            if target.kind != TargetKind::PerQuarter {
                proptest::prop_assert_eq!(p.is_met(), value >= target.goal);
            }
        }
    }
}

//! Marking a new year's targets (量化指标) and dates (节点) in the task text, the way
//! `seeds/targets-2023.json` and `seeds/milestones-2023.json` quote them.
//!
//! The office selects a phrase of a task; this module offers the phrases worth selecting
//! ([`suggest`]), reads the date or figure a phrase states ([`dates_of`],
//! [`TargetValues::from_quote`]), checks a quote ([`check_quote`]) and builds the existing
//! [`Target`] and [`Milestone`] values ([`target_from`], [`milestone_from`]).
//!
//! What is recognised:
//! - figures with a unit: `1.48万批次`, `4.7批次/千人`, `99%以上`, `1-2所`, `20余家`,
//!   `不少于10次`, `百分之九十`, Chinese numerals for counts (`一所`, `两家`; `两个` only after a
//!   comparison word such as 至少, since `两个责任` is a name, not a goal); comparison words
//!   directly before (达到, 不少于, 保持在 …) or after (以上, 以内, 左右 …) belong to the phrase;
//! - dates: `11月8日前`, `5月中旬`, `6月底`, `2026年12月31日`, `年底前`, `上半年`, `第三季度`;
//! - recurring words: `每季度`, `按季度`, `每月`, `每半年`, `每年` (with an optional 末/底).
//!
//! Dates read as the 2023 file reads them: 上旬 and 月初 end on the 10th, 中旬 on the 20th,
//! 下旬, 月底, 月末 and a month alone (`5月召开`) on the month's last day; `6月前` (before June)
//! on the last day of May; a quarter or half year on its last day; 年底, 年末 and 年内 on 12-31.
//! The plan's year sets every date unless the phrase states its own year (`2025年6月底`).
//!
//! One pass over the text: at each position a bounded look-ahead (a handful of words, one
//! number), and a run of digits that is no phrase is skipped whole, so the work is linear in
//! the text's length.

use std::ops::Range;

use super::TaskId;
use super::milestones::{Milestone, MilestoneKind, MilestoneScope};
use super::targets::{Target, TargetKind};
use crate::foundation::time::Date;

/// A phrase of a task's text that is likely a target or a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Byte range of the phrase in the text (always on char boundaries).
    pub range: Range<usize>,
    /// `text[range]`, exactly.
    pub quote: String,
    /// The clause around the phrase (between punctuation or brackets): what the 2023 files
    /// quote (`抽检任务达到1.48万批次`), and the selection the screen offers first, since a
    /// clause is far more often unique in its task than a bare figure such as `100%`.
    pub clause: Range<usize>,
    pub kind: SuggestionKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SuggestionKind {
    /// A number with its unit. `goal` is the plain value (`1.48万批次` → 14800, unit 批次);
    /// a range gives its upper end in `goal_max`.
    Figure {
        goal: f64,
        goal_max: Option<f64>,
        unit: String,
        /// % and rates → level; a count in a clause that starts with 每季度/按季度 → per
        /// quarter; other counts → total.
        kind_guess: TargetKind,
    },
    /// A one-off date; `text` is the phrase as worded, what a milestone keeps as `due_text`.
    Date { text: String },
    /// A recurring date; `text` is its normal wording (`按季度` → `每季度末`), what a
    /// milestone keeps as `due_text`.
    Recurring { text: String },
}

/// Why a selection cannot become a target or milestone. Messages: `describe::annotate_problem`.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotateProblem {
    EmptyQuote,
    /// The quote is not in the task's text.
    QuoteNotFound,
    /// The quote appears more than once, so it would not say which phrase is meant.
    QuoteRepeated {
        times: usize,
    },
    NoDate,
    SeveralDates {
        found: Vec<String>,
    },
    /// The phrase names a year other than the plan's (`2025年6月底` in a 2026 plan).
    OtherYear {
        text: String,
        stated: i32,
        plan: i32,
    },
    /// The phrase names a day the year does not have (`2月29日` in 2026).
    NoSuchDay {
        text: String,
        year: i32,
    },
    NoFigure,
    SeveralFigures {
        found: Vec<String>,
    },
}

/// The values of a target as the office confirms them (from a suggestion or typed in).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetValues {
    pub kind: TargetKind,
    pub goal: f64,
    pub goal_max: Option<f64>,
    pub unit: String,
    /// Whether a total grows in step with the year (see [`Target::paced`]).
    pub paced: bool,
}

/// Units of work done through the year (batches tested, visits): a total of them is paced.
/// Counts of things created or covered (家, 所, 个) are not.
const PACED_UNITS: &[&str] = &["批次", "人次", "户次", "家次", "场次", "次", "场"];

impl TargetValues {
    /// The values a figure suggests; `None` for a date. `paced` is guessed from the unit.
    pub fn from_suggestion(kind: &SuggestionKind) -> Option<TargetValues> {
        match kind {
            SuggestionKind::Figure {
                goal,
                goal_max,
                unit,
                kind_guess,
            } => Some(TargetValues {
                kind: *kind_guess,
                goal: *goal,
                goal_max: *goal_max,
                unit: unit.clone(),
                paced: *kind_guess == TargetKind::Total && PACED_UNITS.contains(&unit.as_str()),
            }),
            SuggestionKind::Date { .. } | SuggestionKind::Recurring { .. } => None,
        }
    }

    /// The values of the one figure a selected quote states.
    pub fn from_quote(quote: &str) -> Result<TargetValues, AnnotateProblem> {
        let figures: Vec<Suggestion> = suggest(quote)
            .into_iter()
            .filter(|s| matches!(s.kind, SuggestionKind::Figure { .. }))
            .collect();
        match figures.as_slice() {
            [] => Err(AnnotateProblem::NoFigure),
            [one] => Ok(TargetValues::from_suggestion(&one.kind).expect("a figure")),
            several => Err(AnnotateProblem::SeveralFigures {
                found: several.iter().map(|s| s.quote.clone()).collect(),
            }),
        }
    }
}

/// The phrases of `text` that are likely targets or dates, in order, never overlapping.
pub fn suggest(text: &str) -> Vec<Suggestion> {
    let bounds = clause_bounds(text);
    let mut quarterly_since: Option<usize> = None;
    phrases(text)
        .into_iter()
        .map(|phrase| {
            let clause = clause_of(text, &bounds, &phrase.range);
            let kind = match phrase.found {
                Found::Figure {
                    goal,
                    goal_max,
                    unit,
                    level,
                } => {
                    let quarterly = quarterly_since.is_some_and(|at| at >= clause.start);
                    SuggestionKind::Figure {
                        goal,
                        goal_max,
                        unit,
                        kind_guess: if level {
                            TargetKind::Level
                        } else if quarterly {
                            TargetKind::PerQuarter
                        } else {
                            TargetKind::Total
                        },
                    }
                }
                Found::When(When::Every(period)) => {
                    if period == Period::Quarter {
                        quarterly_since = Some(phrase.range.start);
                    }
                    SuggestionKind::Recurring {
                        text: period.wording().to_string(),
                    }
                }
                Found::When(_) => SuggestionKind::Date {
                    text: text[phrase.range.clone()].to_string(),
                },
            };
            Suggestion {
                quote: text[phrase.range.clone()].to_string(),
                range: phrase.range,
                clause,
                kind,
            }
        })
        .collect()
}

/// The dates the first date phrase of `text` states, in the plan's `year` (or the year the
/// phrase names): one date and [`MilestoneKind::Deadline`] for a one-off date, every
/// occurrence in the year and [`MilestoneKind::Checkpoint`] for a recurring one. `None` when
/// the text states no date, or a day the year does not have.
pub fn dates_of(text: &str, year: i32) -> Option<(Vec<Date>, MilestoneKind)> {
    let when = phrases(text).into_iter().find_map(|p| match p.found {
        Found::When(when) => Some(when),
        Found::Figure { .. } => None,
    })?;
    Some((when.dates(year)?, when.kind()))
}

/// The quote must appear in the task's text exactly once (overlapping occurrences count).
pub fn check_quote(task_text: &str, quote: &str) -> Result<(), AnnotateProblem> {
    if quote.trim().is_empty() {
        return Err(AnnotateProblem::EmptyQuote);
    }
    let mut times = 0;
    let mut from = 0;
    while let Some(at) = task_text[from..].find(quote) {
        times += 1;
        let first = quote.chars().next().map_or(1, char::len_utf8);
        from += at + first;
    }
    match times {
        0 => Err(AnnotateProblem::QuoteNotFound),
        1 => Ok(()),
        times => Err(AnnotateProblem::QuoteRepeated { times }),
    }
}

/// A new target. Its id is `t{task}-{n}` (`t36-1`), `n` one more than the highest `n` of
/// that task among `taken` (the plan's targets so far), so it is stable once given: ids are
/// assigned when a target is made and kept in the plan file, never recomputed. The quote is
/// checked separately ([`check_quote`]) against the task's text.
pub fn target_from(
    task: TaskId,
    printed: &str,
    quote: &str,
    label: &str,
    values: TargetValues,
    taken: &[Target],
) -> Target {
    Target {
        id: next_id('t', task, taken.iter().map(|t| t.id.as_str())),
        task,
        printed: printed.to_string(),
        quote: quote.to_string(),
        label: label.to_string(),
        kind: values.kind,
        goal: values.goal,
        goal_max: values.goal_max,
        unit: values.unit,
        paced: values.paced,
    }
}

/// A new milestone from the one date phrase of `quote`, dated in the plan's `year`. Its id
/// is `m{task}-{n}`, given as for [`target_from`].
pub fn milestone_from(
    task: TaskId,
    printed: &str,
    quote: &str,
    label: &str,
    year: i32,
    scope: MilestoneScope,
    taken: &[Milestone],
) -> Result<Milestone, AnnotateProblem> {
    let dates: Vec<(Range<usize>, When)> = phrases(quote)
        .into_iter()
        .filter_map(|p| match p.found {
            Found::When(when) => Some((p.range, when)),
            Found::Figure { .. } => None,
        })
        .collect();
    let (range, when) = match dates.as_slice() {
        [] => return Err(AnnotateProblem::NoDate),
        [one] => one.clone(),
        several => {
            return Err(AnnotateProblem::SeveralDates {
                found: several
                    .iter()
                    .map(|(r, _)| quote[r.clone()].to_string())
                    .collect(),
            });
        }
    };
    let text = quote[range].to_string();
    if let Some(stated) = when.year()
        && stated != year
    {
        return Err(AnnotateProblem::OtherYear {
            text,
            stated,
            plan: year,
        });
    }
    let Some(due) = when.dates(year) else {
        return Err(AnnotateProblem::NoSuchDay { text, year });
    };
    let due_text = match when {
        When::Every(period) => period.wording().to_string(),
        _ => text,
    };
    Ok(Milestone {
        id: next_id('m', task, taken.iter().map(|m| m.id.as_str())),
        task,
        printed: printed.to_string(),
        quote: quote.to_string(),
        label: label.to_string(),
        due_text,
        due,
        kind: when.kind(),
        scope,
    })
}

/// `{prefix}{task}-{n}` with `n` one more than the highest taken for that task.
fn next_id<'a>(prefix: char, task: TaskId, taken: impl Iterator<Item = &'a str>) -> String {
    let head = format!("{prefix}{}-", task.0);
    let highest = taken
        .filter_map(|id| id.strip_prefix(&head)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{head}{}", highest + 1)
}

// ---------------------------------------------------------------------------------------
// The scanner.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Month,
    Quarter,
    Half,
    Year,
}

impl Period {
    fn wording(self) -> &'static str {
        match self {
            Period::Month => "每月末",
            Period::Quarter => "每季度末",
            Period::Half => "每半年末",
            Period::Year => "每年末",
        }
    }

    fn months(self) -> &'static [u8] {
        match self {
            Period::Month => &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            Period::Quarter => &[3, 6, 9, 12],
            Period::Half => &[6, 12],
            Period::Year => &[12],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    Nth(u8),
    Last,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Day {
        year: Option<i32>,
        month: u8,
        day: Day,
    },
    /// The end of a quarter (1–4), or of a half year (quarter 2 or 4), or of the year.
    MonthEnd {
        year: Option<i32>,
        month: u8,
    },
    Every(Period),
}

impl When {
    fn year(self) -> Option<i32> {
        match self {
            When::Day { year, .. } | When::MonthEnd { year, .. } => year,
            When::Every(_) => None,
        }
    }

    fn kind(self) -> MilestoneKind {
        match self {
            When::Every(_) => MilestoneKind::Checkpoint,
            When::Day { .. } | When::MonthEnd { .. } => MilestoneKind::Deadline,
        }
    }

    fn dates(self, plan_year: i32) -> Option<Vec<Date>> {
        let year = self.year().unwrap_or(plan_year);
        match self {
            When::Day {
                month,
                day: Day::Nth(day),
                ..
            } => Some(vec![Date::new(year, month, day)?]),
            When::Day {
                month,
                day: Day::Last,
                ..
            }
            | When::MonthEnd { month, .. } => Some(vec![month_end(year, month)?]),
            When::Every(period) => period
                .months()
                .iter()
                .map(|&month| month_end(plan_year, month))
                .collect(),
        }
    }
}

fn month_end(year: i32, month: u8) -> Option<Date> {
    (28..=31).rev().find_map(|day| Date::new(year, month, day))
}

#[derive(Debug, Clone, PartialEq)]
enum Found {
    Figure {
        goal: f64,
        goal_max: Option<f64>,
        unit: String,
        level: bool,
    },
    When(When),
}

#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    range: Range<usize>,
    found: Found,
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

fn eat(text: &str, i: usize, word: &str) -> Option<usize> {
    text.get(i..)?.starts_with(word).then_some(i + word.len())
}

fn eat_any(text: &str, i: usize, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|word| eat(text, i, word))
}

fn eat_opt(text: &str, i: usize, words: &[&str]) -> usize {
    eat_any(text, i, words).unwrap_or(i)
}

fn digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(u64::from(c) - u64::from('0')),
        '０'..='９' => Some(u64::from(c) - u64::from('０')),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

fn is_numeral(c: char) -> bool {
    digit(c).is_some() || chinese_digit(c).is_some() || chinese_unit(c).is_some() || c == '万'
}

/// A number: Arabic (full-width digits, one decimal point, thousands commas) or Chinese.
#[derive(Debug, Clone, Copy)]
struct Num {
    end: usize,
    mantissa: u64,
    /// Digits after the decimal point.
    scale: i32,
    chinese: bool,
    /// False for a run that is no usable number (too long, 一二, 十百): skipped whole.
    ok: bool,
}

impl Num {
    fn whole(self) -> Option<u64> {
        (self.ok && self.scale == 0).then_some(self.mantissa)
    }

    fn value(self, multiplier: u64) -> f64 {
        let scaled = match self.mantissa.checked_mul(multiplier) {
            Some(exact) => exact as f64,
            None => self.mantissa as f64 * multiplier as f64,
        };
        scaled / 10f64.powi(self.scale)
    }
}

fn number_at(text: &str, i: usize) -> Option<Num> {
    let first = char_at(text, i)?;
    if digit(first).is_some() {
        Some(arabic(text, i))
    } else if chinese_digit(first).is_some() || first == '十' {
        Some(chinese(text, i))
    } else {
        None
    }
}

fn arabic(text: &str, i: usize) -> Num {
    let bytes = text.as_bytes();
    let (mut j, mut mantissa, mut scale, mut digits) = (i, 0u64, 0i32, 0u32);
    let (mut point, mut ok) = (false, true);
    while let Some(c) = char_at(text, j) {
        if let Some(d) = digit(c) {
            if digits < 15 {
                mantissa = mantissa * 10 + d;
                scale += i32::from(point);
            } else {
                ok = false;
            }
            digits += 1;
        } else if (c == '.' || c == '．')
            && !point
            && char_at(text, j + c.len_utf8()).is_some_and(|n| digit(n).is_some())
        {
            point = true;
        } else if c == ','
            && !point
            && bytes
                .get(j + 1..j + 4)
                .is_some_and(|group| group.iter().all(u8::is_ascii_digit))
            && !bytes.get(j + 4).is_some_and(u8::is_ascii_digit)
        {
        } else {
            break;
        }
        j += c.len_utf8();
    }
    Num {
        end: j,
        mantissa,
        scale,
        chinese: false,
        ok,
    }
}

fn chinese(text: &str, i: usize) -> Num {
    let (mut j, mut total, mut count) = (i, 0u64, 0usize);
    let (mut pending, mut last_unit, mut zero, mut ok) = (None::<u64>, u64::MAX, false, true);
    while let Some(c) = char_at(text, j) {
        if let Some(d) = chinese_digit(c) {
            if pending.is_some() {
                ok = false; // 一二, 三四: not one number
            }
            if d == 0 {
                zero = true;
            } else {
                pending = Some(d);
            }
        } else if let Some(unit) = chinese_unit(c) {
            if unit >= last_unit {
                ok = false;
            }
            let n = match pending {
                Some(d) => d,
                None if unit == 10 && total == 0 && !zero => 1,
                None => {
                    ok = false;
                    0
                }
            };
            total += n * unit;
            (pending, last_unit, zero) = (None, unit, false);
        } else {
            break;
        }
        count += 1;
        j += c.len_utf8();
    }
    Num {
        end: j,
        mantissa: total + pending.unwrap_or(0),
        scale: 0,
        chinese: true,
        ok: ok && count <= 8,
    }
}

const BEFORE: &[&str] = &["之前", "以前", "前"];

fn phrases(text: &str) -> Vec<Phrase> {
    let mut found = Vec::new();
    let (mut i, mut floor) = (0, 0);
    while i < text.len() {
        let phrase = recurring_at(text, i)
            .or_else(|| relative_at(text, i))
            .or_else(|| percent_words_at(text, i, floor));
        let phrase = match phrase {
            Some(phrase) => Some(phrase),
            None => match number_at(text, i) {
                Some(num) => {
                    let phrase =
                        date_from(text, i, num, floor).or_else(|| figure_from(text, i, num, floor));
                    if phrase.is_none() {
                        i = num.end; // the whole run of digits, so the pass stays linear
                        continue;
                    }
                    phrase
                }
                None => None,
            },
        };
        match phrase {
            Some(phrase) => {
                (i, floor) = (phrase.range.end, phrase.range.end);
                found.push(phrase);
            }
            None => i += char_at(text, i).map_or(1, char::len_utf8),
        }
    }
    found
}

const RECURRING: &[(&str, Period)] = &[
    ("每半年", Period::Half),
    ("每季度", Period::Quarter),
    ("按季度", Period::Quarter),
    ("每季", Period::Quarter),
    ("按季", Period::Quarter),
    ("逐季", Period::Quarter),
    ("每个月", Period::Month),
    ("每月", Period::Month),
    ("按月", Period::Month),
    ("逐月", Period::Month),
    ("每年度", Period::Year),
    ("每年", Period::Year),
    ("按年度", Period::Year),
    ("按年", Period::Year),
];

fn recurring_at(text: &str, i: usize) -> Option<Phrase> {
    if !char_at(text, i).is_some_and(|c| "每按逐".contains(c)) {
        return None;
    }
    let (end, period) = RECURRING
        .iter()
        .find_map(|&(word, period)| Some((eat(text, i, word)?, period)))?;
    if char_at(text, end).is_some_and(|c| "龄级".contains(c)) {
        return None; // 按年龄, 按年级
    }
    Some(Phrase {
        range: i..eat_opt(text, end, &["末", "底"]),
        found: Found::When(When::Every(period)),
    })
}

/// 年底前, 年内, 上半年, 下半年 without a number before them.
fn relative_at(text: &str, i: usize) -> Option<Phrase> {
    let c = char_at(text, i)?;
    if c != '年' && c != '上' && c != '下' {
        return None;
    }
    if char_before(text, i).is_some_and(|b| is_numeral(b) || "去明前后".contains(b)) {
        return None; // 2023年 is read from its number; 三年内, 去年底 are no dates of the plan
    }
    let (end, when) = year_end_at(text, i, None).or_else(|| half_at(text, i, None))?;
    Some(Phrase {
        range: i..end,
        found: Found::When(when),
    })
}

/// 年底, 年末 (with 前 …), 年内, at the 年.
fn year_end_at(text: &str, i: usize, year: Option<i32>) -> Option<(usize, When)> {
    let year_end = When::MonthEnd { year, month: 12 };
    if let Some(end) = eat_any(text, i, &["年底", "年末"]) {
        return Some((eat_opt(text, end, BEFORE), year_end));
    }
    Some((eat(text, i, "年内")?, year_end))
}

/// 上半年, 下半年 (with 末, 前, 内 …).
fn half_at(text: &str, i: usize, year: Option<i32>) -> Option<(usize, When)> {
    let (end, month) = if let Some(end) = eat(text, i, "上半年") {
        (end, 6)
    } else {
        (eat(text, i, "下半年")?, 12)
    };
    Some((period_end(text, end), When::MonthEnd { year, month }))
}

/// The optional 末/底 and 前/内 after a quarter or half year.
fn period_end(text: &str, end: usize) -> usize {
    let end = eat_opt(text, end, &["末", "底"]);
    eat_any(text, end, BEFORE)
        .or_else(|| eat(text, end, "内"))
        .unwrap_or(end)
}

fn date_from(text: &str, start: usize, num: Num, floor: usize) -> Option<Phrase> {
    let value = num.whole()?;
    if let Some(after) = eat(text, num.end, "年") {
        if num.chinese || !(1000..=9999).contains(&value) {
            return None;
        }
        let year = Some(value as i32);
        let (end, when) = year_end_at(text, num.end, year)
            .or_else(|| half_at(text, after, year))
            .or_else(|| {
                let at = eat_any(text, after, &["第", "前"]);
                let num = number_at(text, at.unwrap_or(after))?;
                let (end, when) = month_or_quarter(text, num, year)?;
                (at.is_none() || matches!(when, When::MonthEnd { .. })).then_some((end, when))
            })?;
        return Some(Phrase {
            range: start..end,
            found: Found::When(when),
        });
    }
    let (end, when) = month_or_quarter(text, num, None)?;
    let mut start = start;
    if matches!(when, When::MonthEnd { .. }) {
        // 第三季度, 前三季度
        if let Some(before) = ["第", "前"]
            .iter()
            .find(|w| text[..start].ends_with(**w) && start - w.len() >= floor)
        {
            start -= before.len();
        }
    }
    Some(Phrase {
        range: start..end,
        found: Found::When(when),
    })
}

const MONTH_DAYS: [u64; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// `5月…` or `3季度…` after the number `num`.
fn month_or_quarter(text: &str, num: Num, year: Option<i32>) -> Option<(usize, When)> {
    let value = num.whole()?;
    if let Some(end) = eat(text, num.end, "季度") {
        if !(1..=4).contains(&value) {
            return None;
        }
        let month = value as u8 * 3;
        return Some((period_end(text, end), When::MonthEnd { year, month }));
    }
    let after = eat(text, num.end, "月")?;
    if !(1..=12).contains(&value) {
        return None;
    }
    let month = value as u8;
    let day = |end, day| Some((eat_opt(text, end, BEFORE), When::Day { year, month, day }));
    if let Some(d) = number_at(text, after)
        && let Some(end) = eat_any(text, d.end, &["日", "号"])
    {
        let n = d.whole()?;
        if !(1..=MONTH_DAYS[usize::from(month) - 1]).contains(&n) {
            return None;
        }
        return day(end, Day::Nth(n as u8));
    }
    if let Some(end) = eat(text, after, "上旬")
        .or_else(|| eat(text, after, "初").filter(|&e| char_at(text, e) != Some('步')))
    {
        return day(end, Day::Nth(10));
    }
    if let Some(end) = eat(text, after, "中旬") {
        return day(end, Day::Nth(20));
    }
    if let Some(end) = eat_any(text, after, &["下旬", "底", "末"]) {
        return day(end, Day::Last);
    }
    let after = eat_opt(text, after, &["份"]);
    if let Some(end) = eat_any(text, after, BEFORE) {
        // 6月前: before June, so by the end of May.
        let month = month.checked_sub(1).filter(|&m| m > 0)?;
        return Some((
            end,
            When::Day {
                year,
                month,
                day: Day::Last,
            },
        ));
    }
    Some((
        after,
        When::Day {
            year,
            month,
            day: Day::Last,
        },
    ))
}

const COMPARE_BEFORE: &[&str] = &[
    "保持在",
    "稳定在",
    "控制在",
    "维持在",
    "不少于",
    "不低于",
    "不多于",
    "不高于",
    "不超过",
    "不小于",
    "不大于",
    "达到",
    "超过",
    "至少",
    "最少",
    "高于",
    "低于",
    "多于",
    "少于",
    "大于",
    "小于",
    "约",
    "达",
    "逾",
    "≥",
    "≤",
    ">=",
    "<=",
    "＞",
    "＜",
    ">",
    "<",
];
const COMPARE_AFTER: &[&str] = &["及以上", "以上", "以下", "以内", "左右"];
const RANGE_SEPARATORS: &[&str] = &["-", "－", "–", "—", "~", "～", "〜", "至", "到"];

/// A unit: as written, as kept, whether a Chinese numeral may count it, and the characters
/// after it that make it part of another word (一次性, 所有, 场所, 人员).
struct Unit(&'static str, &'static str, bool, &'static str);

const UNITS: &[Unit] = &[
    Unit("个百分点", "个百分点", true, ""),
    Unit("批次", "批次", true, ""),
    Unit("人次", "人次", true, ""),
    Unit("户次", "户次", true, ""),
    Unit("家次", "家次", true, ""),
    Unit("场次", "场次", true, ""),
    Unit("公斤", "公斤", false, ""),
    Unit("%", "%", false, ""),
    Unit("％", "%", false, ""),
    Unit("‰", "‰", false, ""),
    Unit("个", "个", true, "月工小星季"),
    Unit("家", "家", true, "庭属长"),
    Unit("所", "所", true, "有在属辖需得以谓"),
    Unit("次", "次", true, "性日"),
    Unit("场", "场", true, "所地景"),
    Unit("户", "户", true, "籍口外"),
    Unit("项", "项", true, "目"),
    Unit("名", "名", true, "称单义录"),
    Unit("人", "人", false, "员民口群大士"),
    Unit("件", "件", false, "事"),
    Unit("宗", "宗", false, "旨教"),
    Unit("间", "间", false, "隔"),
    Unit("台", "台", false, "账"),
    Unit("条", "条", false, "例件款龙"),
    Unit("元", "元", false, "素旦"),
    Unit("吨", "吨", false, ""),
];

const RATE_PER: &[&str] = &["千人", "万人", "百人", "人", "年", "月", "季度", "家", "户"];

fn multiplier(text: &str, i: usize) -> (u64, usize) {
    if let Some(end) = eat(text, i, "万") {
        (10_000, end)
    } else if let Some(end) = eat(text, i, "亿") {
        (100_000_000, end)
    } else {
        (1, i)
    }
}

fn figure_from(text: &str, start: usize, num: Num, floor: usize) -> Option<Phrase> {
    if !num.ok || char_before(text, start).is_some_and(|c| c == '第' || c.is_ascii_alphanumeric())
    {
        return None;
    }
    let (mult, mut end) = multiplier(text, num.end);
    let (mut goal, mut goal_max) = (num.value(mult), None);
    if let Some(next) = eat_any(text, end, RANGE_SEPARATORS)
        && let Some(upper) = number_at(text, next)
        && upper.ok
        && upper.chinese == num.chinese
    {
        let (mult_upper, after) = multiplier(text, upper.end);
        let low = num.value(if mult == 1 { mult_upper } else { mult });
        let high = upper.value(mult_upper);
        if high > low {
            (goal, goal_max, end) = (low, Some(high), after);
        }
    }
    let end = eat_opt(text, end, &["余", "多"]);
    let Unit(written, kept, chinese_ok, not_before) =
        UNITS.iter().find(|u| eat(text, end, u.0).is_some())?;
    let mut end = end + written.len();
    if (num.chinese && !chinese_ok) || char_at(text, end).is_some_and(|c| not_before.contains(c)) {
        return None;
    }
    if num.chinese && char_at(text, end).is_some_and(is_numeral) {
        return None; // 千家万户, 一户一档: a saying, not a figure
    }
    let mut unit = kept.to_string();
    let mut level = matches!(*kept, "%" | "‰" | "个百分点");
    if !level
        && let Some(slash) = eat_any(text, end, &["/", "／"])
        && let Some(per) = RATE_PER.iter().find(|p| eat(text, slash, p).is_some())
    {
        unit = format!("{kept}/{per}");
        level = true;
        end = slash + per.len();
    }
    let end = eat_opt(text, end, COMPARE_AFTER);
    let compared = COMPARE_BEFORE
        .iter()
        .find(|w| text[..start].ends_with(**w) && start - w.len() >= floor);
    if num.chinese && *kept == "个" && compared.is_none() {
        return None; // 两个责任: a name
    }
    Some(Phrase {
        range: start - compared.map_or(0, |w| w.len())..end,
        found: Found::Figure {
            goal,
            goal_max,
            unit,
            level,
        },
    })
}

/// 百分之九十五, 百分之99.5.
fn percent_words_at(text: &str, i: usize, floor: usize) -> Option<Phrase> {
    let after = eat(text, i, "百分之")?;
    let num = number_at(text, after)?;
    if !num.ok {
        return None;
    }
    let end = eat_opt(text, num.end, COMPARE_AFTER);
    let compared = COMPARE_BEFORE
        .iter()
        .find(|w| text[..i].ends_with(**w) && i - w.len() >= floor);
    Some(Phrase {
        range: i - compared.map_or(0, |w| w.len())..end,
        found: Found::Figure {
            goal: num.value(1),
            goal_max: None,
            unit: "%".to_string(),
            level: true,
        },
    })
}

/// Characters that end a clause: punctuation and brackets (not 、, which joins a list).
const CLAUSE_ENDS: &str = "，,。；;！!？?：:\n\r\t（）()【】[]";

fn clause_bounds(text: &str) -> Vec<(usize, usize)> {
    text.char_indices()
        .filter(|&(_, c)| CLAUSE_ENDS.contains(c))
        .map(|(at, c)| (at, at + c.len_utf8()))
        .collect()
}

fn clause_of(text: &str, bounds: &[(usize, usize)], range: &Range<usize>) -> Range<usize> {
    let before = bounds.partition_point(|&(at, _)| at < range.start);
    let start = before.checked_sub(1).map_or(0, |k| bounds[k].1);
    let after = bounds.partition_point(|&(at, _)| at < range.end);
    let end = bounds.get(after).map_or(text.len(), |&(at, _)| at);
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    start + lead..end - trail
}

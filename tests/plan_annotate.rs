//! Marking targets and dates in a task's text (`plan::annotate`): the suggester finds every
//! target and date the 2023 files quote, and nothing else in the 2023 table; dates follow the
//! plan's year; ranges always index the text.
#![cfg(not(target_arch = "wasm32"))] // proptest runs natively

use duty_ledger::describe::annotate_problem;
use duty_ledger::foundation::time::Date;
use duty_ledger::i18n::Lang;
use duty_ledger::plan::annotate::{
    AnnotateProblem, Suggestion, SuggestionKind, TargetValues, check_quote, dates_of,
    milestone_from, suggest, target_from,
};
use duty_ledger::plan::milestones::{MilestoneKind, MilestoneScope, milestones};
use duty_ledger::plan::targets::{TargetKind, targets};
use duty_ledger::plan::{TaskId, plan};
use proptest::prelude::*;

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn days(texts: &[&str]) -> Vec<Date> {
    texts.iter().map(|t| day(t)).collect()
}

/// The suggestion lying inside the quote's one occurrence in the task text.
fn inside<'a>(
    suggestions: &'a [Suggestion],
    text: &str,
    quote: &str,
    want: impl Fn(&SuggestionKind) -> bool,
) -> Option<&'a Suggestion> {
    let at = text.find(quote)?;
    suggestions
        .iter()
        .find(|s| s.range.start >= at && s.range.end <= at + quote.len() && want(&s.kind))
}

#[test]
fn every_2023_target_is_suggested_with_its_goal_unit_and_kind() {
    assert_eq!(targets().targets.len(), 8);
    for target in &targets().targets {
        let text = &plan().task(target.task).unwrap().measure;
        let suggestions = suggest(text);
        let found = inside(&suggestions, text, &target.quote, |k| {
            matches!(k, SuggestionKind::Figure { .. })
        })
        .unwrap_or_else(|| panic!("{}: no figure suggested in {:?}", target.id, target.quote));
        assert_eq!(
            found.kind,
            SuggestionKind::Figure {
                goal: target.goal,
                goal_max: target.goal_max,
                unit: target.unit.clone(),
                kind_guess: target.kind,
            },
            "{}",
            target.id
        );
        // The clause offered as the selection is the phrase the 2023 file quotes.
        assert_eq!(&text[found.clause.clone()], target.quote, "{}", target.id);
        check_quote(text, &target.quote).unwrap();

        // Building the target from the suggestion gives the 2023 target (paced guessed too).
        let values = TargetValues::from_suggestion(&found.kind).unwrap();
        assert_eq!(
            TargetValues::from_quote(&target.quote).as_ref(),
            Ok(&values),
            "{}",
            target.id
        );
        let built = target_from(
            target.task,
            &target.printed,
            &target.quote,
            &target.label,
            values,
            &[],
        );
        assert_eq!(built.id, format!("t{}-1", target.task.0));
        let mut expected = target.clone();
        expected.id = built.id.clone();
        assert_eq!(built, expected);
    }
}

#[test]
fn every_2023_milestone_is_suggested_and_dated_as_the_file_dates_it() {
    // 5月中旬's clause runs on past the file's quote ("…会议进行食品安全工作研讨、解决跨部门
    // 衔接问题"): the 2023 file cut the clause at the meeting's name. The clause still starts
    // with the quote.
    const QUOTE_IS_A_PREFIX_OF_THE_CLAUSE: &[&str] = &["annual-meeting"];
    assert_eq!(milestones().milestones.len(), 4);
    for milestone in &milestones().milestones {
        let text = &plan().task(milestone.task).unwrap().measure;
        let suggestions = suggest(text);
        let found = inside(&suggestions, text, &milestone.quote, |k| {
            matches!(
                k,
                SuggestionKind::Date { .. } | SuggestionKind::Recurring { .. }
            )
        })
        .unwrap_or_else(|| panic!("{}: no date suggested", milestone.id));
        let (SuggestionKind::Date { text: due_text }
        | SuggestionKind::Recurring { text: due_text }) = &found.kind
        else {
            unreachable!()
        };
        assert_eq!(due_text, &milestone.due_text, "{}", milestone.id);
        let clause = &text[found.clause.clone()];
        if QUOTE_IS_A_PREFIX_OF_THE_CLAUSE.contains(&milestone.id.as_str()) {
            assert!(clause.starts_with(&milestone.quote) && clause != milestone.quote);
        } else {
            assert_eq!(clause, milestone.quote, "{}", milestone.id);
        }
        assert_eq!(
            dates_of(&found.quote, 2023),
            Some((milestone.due.clone(), milestone.kind)),
            "{}",
            milestone.id
        );
        let built = milestone_from(
            milestone.task,
            &milestone.printed,
            &milestone.quote,
            &milestone.label,
            2023,
            milestone.scope,
            &[],
        )
        .unwrap();
        let mut expected = milestone.clone();
        expected.id = format!("m{}-1", milestone.task.0);
        assert_eq!(built, expected);
    }
}

#[test]
fn the_2023_table_yields_these_suggestions_and_nothing_else() {
    // 两个责任, 一街一车一室, 第一责任人, 2023年, 昆仑2023 are no targets or dates.
    let all: Vec<(u16, String)> = plan()
        .tasks
        .iter()
        .flat_map(|t| suggest(&t.measure).into_iter().map(|s| (t.id.0, s.quote)))
        .collect();
    let expected = [
        (2, "按季度"),
        (3, "每季度"),
        (3, "1次"),
        (11, "1-2所"),
        (36, "达到1.48万批次"),
        (36, "达到4.7批次/千人"),
        (36, "保持在99%以上"),
        (36, "达到100%"),
        (37, "不少于8.64万批次"),
        (37, "24家"),
        (57, "5月中旬"),
        (57, "11月8日前"),
    ];
    let expected: Vec<(u16, String)> = expected
        .iter()
        .map(|(task, quote)| (*task, quote.to_string()))
        .collect();
    assert_eq!(all, expected);
}

/// Quote, goal, upper end, unit, kind.
type Figure = (String, f64, Option<f64>, String, TargetKind);

fn figure(text: &str) -> Figure {
    let found = suggest(text);
    let figures: Vec<_> = found
        .iter()
        .filter_map(|s| match &s.kind {
            SuggestionKind::Figure {
                goal,
                goal_max,
                unit,
                kind_guess,
            } => Some((s.quote.clone(), *goal, *goal_max, unit.clone(), *kind_guess)),
            _ => None,
        })
        .collect();
    assert_eq!(figures.len(), 1, "{text}: {found:?}");
    figures.into_iter().next().unwrap()
}

#[test]
fn figures_with_their_units_ranges_and_comparison_words() {
    use TargetKind::{Level, PerQuarter, Total};
    type Case<'a> = (&'a str, &'a str, f64, Option<f64>, &'a str, TargetKind);
    let cases: &[Case] = &[
        (
            "完成1.48万批次。",
            "1.48万批次",
            14_800.0,
            None,
            "批次",
            Total,
        ),
        (
            "覆盖率4.7批次/千人",
            "4.7批次/千人",
            4.7,
            None,
            "批次/千人",
            Level,
        ),
        ("合格率99%以上", "99%以上", 99.0, None, "%", Level),
        ("处置率100%", "100%", 100.0, None, "%", Level),
        (
            "处置率达到１００％。",
            "达到１００％",
            100.0,
            None,
            "%",
            Level,
        ),
        ("创建1-2所学校", "1-2所", 1.0, Some(2.0), "所", Total),
        ("创建1至2所学校", "1至2所", 1.0, Some(2.0), "所", Total),
        ("培育20家示范店", "20家", 20.0, None, "家", Total),
        ("建成3个平台", "3个", 3.0, None, "个", Total),
        ("开展培训不少于10次", "不少于10次", 10.0, None, "次", Total),
        ("创建一所示范学校", "一所", 1.0, None, "所", Total),
        ("新增两家", "两家", 2.0, None, "家", Total),
        ("至少两个", "至少两个", 2.0, None, "个", Total),
        ("培训3000人次", "3000人次", 3000.0, None, "人次", Total),
        ("举办十二场宣传活动", "十二场", 12.0, None, "场", Total),
        ("走访二百五十户", "二百五十户", 250.0, None, "户", Total),
        (
            "完成14,800批次",
            "14,800批次",
            14_800.0,
            None,
            "批次",
            Total,
        ),
        ("覆盖20余家企业", "20余家", 20.0, None, "家", Total),
        (
            "快检1-2万批次",
            "1-2万批次",
            10_000.0,
            Some(20_000.0),
            "批次",
            Total,
        ),
        (
            "知晓率百分之九十以上",
            "百分之九十以上",
            90.0,
            None,
            "%",
            Level,
        ),
        ("提高2个百分点", "2个百分点", 2.0, None, "个百分点", Level),
        ("每季度开展一次检查", "一次", 1.0, None, "次", PerQuarter),
        (
            "每季度检查不少于2场",
            "不少于2场",
            2.0,
            None,
            "场",
            PerQuarter,
        ),
        // A quarter word in an earlier clause does not make a later count quarterly.
        ("每季度督导，全年开展5次", "5次", 5.0, None, "次", Total),
    ];
    for &(text, quote, goal, goal_max, unit, kind) in cases {
        assert_eq!(
            figure(text),
            (quote.to_string(), goal, goal_max, unit.to_string(), kind),
            "{text}"
        );
    }
}

#[test]
fn words_that_only_look_like_figures_are_not_suggested() {
    for text in [
        "实现“两个责任”工作机制相互衔接",
        "继续发挥“一街一车一室”快速检测作用",
        "主要负责人是第一责任人",
        "高质量完成2023年市民生实事工作任务",
        "开展“昆仑2023”行动",
        "3个月内完成整改",
        "5个工作日内答复",
        "惠及千家万户",
        "一次性告知",
        "覆盖所有场所",
        "进一步统一标准",
        "建立一户一档",
        "第3次会议",
        "按年龄段开展",
        "三年内",
        "去年底",
    ] {
        assert_eq!(suggest(text), vec![], "{text}");
    }
}

#[test]
fn dates_read_in_the_plans_year() {
    use MilestoneKind::{Checkpoint, Deadline};
    let one = |text: &str, year: i32| dates_of(text, year);
    assert_eq!(
        one("5月中旬", 2026),
        Some((days(&["2026-05-20"]), Deadline))
    );
    assert_eq!(
        one("于11月8日前提交", 2026),
        Some((days(&["2026-11-08"]), Deadline))
    );
    assert_eq!(
        one("5月上旬", 2026),
        Some((days(&["2026-05-10"]), Deadline))
    );
    assert_eq!(
        one("5月下旬", 2026),
        Some((days(&["2026-05-31"]), Deadline))
    );
    assert_eq!(
        one("6月底前", 2026),
        Some((days(&["2026-06-30"]), Deadline))
    );
    assert_eq!(one("9月末", 2026), Some((days(&["2026-09-30"]), Deadline)));
    assert_eq!(
        one("12月31日", 2026),
        Some((days(&["2026-12-31"]), Deadline))
    );
    assert_eq!(one("年底前", 2026), Some((days(&["2026-12-31"]), Deadline)));
    assert_eq!(
        one("年内完成", 2026),
        Some((days(&["2026-12-31"]), Deadline))
    );
    assert_eq!(one("上半年", 2026), Some((days(&["2026-06-30"]), Deadline)));
    assert_eq!(one("下半年", 2026), Some((days(&["2026-12-31"]), Deadline)));
    assert_eq!(
        one("第三季度", 2026),
        Some((days(&["2026-09-30"]), Deadline))
    );
    assert_eq!(
        one("一季度末", 2026),
        Some((days(&["2026-03-31"]), Deadline))
    );
    assert_eq!(one("6月前", 2026), Some((days(&["2026-05-31"]), Deadline)));
    assert_eq!(
        one("十一月十日前", 2026),
        Some((days(&["2026-11-10"]), Deadline))
    );
    assert_eq!(
        one("2026年6月底", 2026),
        Some((days(&["2026-06-30"]), Deadline))
    );
    assert_eq!(
        one("2026年第二季度", 2026),
        Some((days(&["2026-06-30"]), Deadline))
    );
    assert_eq!(
        one("2026年底前", 2026),
        Some((days(&["2026-12-31"]), Deadline))
    );
    let quarter_ends = days(&["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]);
    assert_eq!(
        one("每季度", 2026),
        Some((quarter_ends.clone(), Checkpoint))
    );
    assert_eq!(one("按季度实施", 2026), Some((quarter_ends, Checkpoint)));
    assert_eq!(
        one("每半年", 2026),
        Some((days(&["2026-06-30", "2026-12-31"]), Checkpoint))
    );
    assert_eq!(one("每年", 2026), Some((days(&["2026-12-31"]), Checkpoint)));
    // Month ends follow the calendar: February has 29 days in 2028.
    let (monthly, kind) = one("每月", 2028).unwrap();
    assert_eq!(kind, Checkpoint);
    assert_eq!(monthly.len(), 12);
    assert_eq!(monthly[1], day("2028-02-29"));
    assert_eq!(monthly[3], day("2028-04-30"));
    assert_eq!(one("每月", 2026).unwrap().0[1], day("2026-02-28"));
    assert_eq!(one("2月底", 2028), Some((days(&["2028-02-29"]), Deadline)));
    assert_eq!(
        one("2月29日", 2028),
        Some((days(&["2028-02-29"]), Deadline))
    );
    assert_eq!(one("2月29日", 2026), None);
    assert_eq!(one("加强监管", 2026), None);
    assert_eq!(one("13月1日", 2026), None);
}

#[test]
fn date_and_recurring_suggestions_carry_their_wording() {
    let kinds: Vec<(String, SuggestionKind)> =
        suggest("于6月底前完成，此后每月末报送，第三季度督查，年底前总结。")
            .into_iter()
            .map(|s| (s.quote, s.kind))
            .collect();
    let date = |t: &str| SuggestionKind::Date { text: t.into() };
    assert_eq!(
        kinds,
        vec![
            ("6月底前".into(), date("6月底前")),
            (
                "每月末".into(),
                SuggestionKind::Recurring {
                    text: "每月末".into()
                }
            ),
            ("第三季度".into(), date("第三季度")),
            ("年底前".into(), date("年底前")),
        ]
    );
}

#[test]
fn quotes_must_appear_exactly_once() {
    let text = "抽检合格率达到98%，处置率达到98%。";
    assert_eq!(check_quote(text, "抽检合格率达到98%"), Ok(()));
    assert_eq!(
        check_quote(text, "达到98%"),
        Err(AnnotateProblem::QuoteRepeated { times: 2 })
    );
    assert_eq!(
        check_quote(text, "达到99%"),
        Err(AnnotateProblem::QuoteNotFound)
    );
    assert_eq!(check_quote(text, " "), Err(AnnotateProblem::EmptyQuote));
    // Overlapping occurrences count.
    assert_eq!(
        check_quote("一一一", "一一"),
        Err(AnnotateProblem::QuoteRepeated { times: 2 })
    );
}

#[test]
fn milestones_refuse_quotes_without_one_date_of_the_plan_year() {
    let make = |quote: &str| {
        milestone_from(
            TaskId(1),
            "1",
            quote,
            "标签",
            2026,
            MilestoneScope::Task,
            &[],
        )
    };
    assert_eq!(make("加强督导").unwrap_err(), AnnotateProblem::NoDate);
    assert_eq!(
        make("于5月中旬召开会议，于11月8日前提交").unwrap_err(),
        AnnotateProblem::SeveralDates {
            found: vec!["5月中旬".into(), "11月8日前".into()]
        }
    );
    assert_eq!(
        make("2025年6月底前完成").unwrap_err(),
        AnnotateProblem::OtherYear {
            text: "2025年6月底前".into(),
            stated: 2025,
            plan: 2026
        }
    );
    assert_eq!(
        make("于2月29日前完成").unwrap_err(),
        AnnotateProblem::NoSuchDay {
            text: "2月29日前".into(),
            year: 2026
        }
    );
    let every_month = make("每月报送进展").unwrap();
    assert_eq!(every_month.due_text, "每月末");
    assert_eq!(every_month.kind, MilestoneKind::Checkpoint);
    assert_eq!(every_month.due.len(), 12);
    assert_eq!(
        TargetValues::from_quote("加强督导"),
        Err(AnnotateProblem::NoFigure)
    );
    assert_eq!(
        TargetValues::from_quote("合格率达到98%，处置率100%"),
        Err(AnnotateProblem::SeveralFigures {
            found: vec!["达到98%".into(), "100%".into()]
        })
    );
}

#[test]
fn ids_count_up_per_task_and_are_never_reused_below_the_highest() {
    let values = TargetValues::from_quote("达到100%").unwrap();
    let make = |taken: &[_]| {
        target_from(
            TaskId(36),
            "36",
            "达到100%",
            "处置率",
            values.clone(),
            taken,
        )
    };
    let first = make(&[]);
    assert_eq!(first.id, "t36-1");
    let second = make(std::slice::from_ref(&first));
    assert_eq!(second.id, "t36-2");
    let mut third = second.clone();
    third.id = "t36-7".into();
    let mut other_task = first.clone();
    other_task.id = "t5-9".into();
    assert_eq!(make(&[first, third, other_task]).id, "t36-8");
    let milestone = |taken: &[_]| {
        milestone_from(
            TaskId(57),
            "56",
            "年底前",
            "总结",
            2026,
            MilestoneScope::AllTasks,
            taken,
        )
        .unwrap()
    };
    let first = milestone(&[]);
    assert_eq!(first.id, "m57-1");
    assert_eq!(milestone(&[first]).id, "m57-2");
}

#[test]
fn every_problem_has_a_message_in_both_languages() {
    let problems = [
        AnnotateProblem::EmptyQuote,
        AnnotateProblem::QuoteNotFound,
        AnnotateProblem::QuoteRepeated { times: 2 },
        AnnotateProblem::NoDate,
        AnnotateProblem::SeveralDates {
            found: vec!["5月中旬".into(), "11月8日前".into()],
        },
        AnnotateProblem::OtherYear {
            text: "2025年6月底".into(),
            stated: 2025,
            plan: 2026,
        },
        AnnotateProblem::NoSuchDay {
            text: "2月29日".into(),
            year: 2026,
        },
        AnnotateProblem::NoFigure,
        AnnotateProblem::SeveralFigures {
            found: vec!["98%".into(), "100%".into()],
        },
    ];
    for problem in &problems {
        for lang in [Lang::Zh, Lang::En] {
            let text = annotate_problem(lang, problem);
            assert!(
                !text.is_empty() && !text.contains('{'),
                "{problem:?}: {text}"
            );
        }
    }
    assert!(annotate_problem(Lang::En, &problems[2]).contains("2 times"));
    assert!(annotate_problem(Lang::Zh, &problems[4]).contains("5月中旬、11月8日前"));
}

fn assert_well_formed(text: &str, found: &[Suggestion]) {
    let mut last_end = 0;
    for s in found {
        assert!(s.range.start < s.range.end, "{text:?}: {s:?}");
        assert!(s.range.start >= last_end, "{text:?}: overlap at {s:?}");
        assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
        assert_eq!(s.quote, &text[s.range.clone()]);
        assert!(s.clause.start <= s.range.start && s.range.end <= s.clause.end);
        assert!(text.get(s.clause.clone()).is_some());
        last_end = s.range.end;
    }
}

#[test]
fn no_range_splits_a_character() {
    for text in [
        "😀1.5万批次😀，ｅ１２３４５家，５月中旬前",
        "达到99%以上é",
        "１．５万批次/千人，１，０００家",
        "每季度至少1次,，2026年12月31日前",
    ] {
        let found = suggest(text);
        assert!(!found.is_empty(), "{text}");
        assert_well_formed(text, &found);
    }
}

const ALPHABET: &str = "0123456789０１２.．,-~至到万亿%％‰/／一二两三十百千零〇月日号旬上中下初底末前之以年内半季度第每按逐个家所次批人场户项名以达不少于保持在余多，。（）、：\n é😀";

fn near_miss_text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..60)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn suggest_never_panics_and_its_ranges_index_the_text(
        text in prop_oneof![near_miss_text(), any::<String>()]
    ) {
        let found = suggest(&text);
        assert_well_formed(&text, &found);
        for s in &found {
            if let SuggestionKind::Figure { goal, goal_max, .. } = &s.kind {
                prop_assert!(goal.is_finite() && *goal >= 0.0);
                prop_assert!(goal_max.is_none_or(|max| max > *goal));
            }
        }
        let _ = dates_of(&text, 2026);
        let _ = TargetValues::from_quote(&text);
        let _ = milestone_from(TaskId(1), "1", &text, "", 2026, MilestoneScope::Task, &[]);
    }
}

#[test]
fn suggesting_over_a_300_task_table() {
    let texts: Vec<&str> = plan()
        .tasks
        .iter()
        .cycle()
        .take(300)
        .map(|t| t.measure.as_str())
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let started = std::time::Instant::now();
    let found: usize = texts.iter().map(|t| suggest(t).len()).sum();
    let took = started.elapsed();
    eprintln!(
        "suggest over 300 tasks ({bytes} bytes): {found} suggestions in {:.2} ms (native, debug build)",
        took.as_secs_f64() * 1000.0
    );
    assert_eq!(found, 12 * 5 + 3); // 58 tasks five times, then tasks 1–10 (tasks 2 and 3: 3 more)
    // A text a thousand times longer takes about a thousand times as long (linear); no
    // figure is asserted on time, only that a long run of digits is not re-read per digit.
    let long = "1".repeat(200_000) + "家";
    assert_eq!(suggest(&long).len(), 0);
}

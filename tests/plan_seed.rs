//! The plan as read from the real seed document: counts, the source's known flaws, roles and
//! groups, and that no text was lost or invented on the way.

use std::collections::BTreeSet;

use duty_ledger::plan::seed::{self, SeedRole};
use duty_ledger::plan::{Plan, Role, SEED_TEXT, TaskId, UnitId, plan};

fn task(position: u16) -> &'static duty_ledger::plan::Task {
    plan().task(TaskId(position)).expect("task exists")
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn names(
    assignments: impl Iterator<Item = (UnitId, Role, &'static str)>,
) -> Vec<(String, Role, String)> {
    assignments
        .map(|(u, r, w)| (u.name().to_string(), r, w.to_string()))
        .collect()
}

fn assignments(position: u16) -> Vec<(String, Role, String)> {
    names(
        task(position)
            .assignments
            .iter()
            .map(|a| (a.unit, a.role, a.wording)),
    )
}

fn owned(rows: &[(&str, Role, &str)]) -> Vec<(String, Role, String)> {
    rows.iter()
        .map(|(n, r, w)| (n.to_string(), *r, w.to_string()))
        .collect()
}

#[test]
fn the_seed_is_the_published_document_byte_for_byte() {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(SEED_TEXT.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "ca2404e49f5dc1a693cfc8204b0df5a2207a4aba1569d9eaf3eb4d42c0c8dedb"
    );
}

#[test]
fn fifty_eight_tasks_in_nine_areas() {
    let plan = plan();
    assert_eq!(plan.title, "福田区2023年食品安全重点工作安排责任分工表");
    assert_eq!(plan.tasks.len(), 58);
    assert_eq!(plan.areas.len(), 9);
    let per_area: Vec<usize> = plan.areas.iter().map(|a| a.tasks.len()).collect();
    assert_eq!(per_area, [4, 5, 12, 7, 7, 7, 7, 7, 2]);
    assert_eq!(plan.areas[3].heading, "四、严厉打击违法犯罪行为");
    assert_eq!(plan.areas[5].heading, "六、强化风险监测与管理");
    for (i, t) in plan.tasks.iter().enumerate() {
        assert_eq!(t.id, TaskId(i as u16 + 1));
        assert!(plan.area(t.area).unwrap().tasks.contains(&i));
    }
}

#[test]
fn the_number_48_is_printed_twice_and_the_second_is_marked() {
    let printed: Vec<&str> = plan()
        .tasks
        .iter()
        .map(|t| t.printed_number.as_str())
        .collect();
    assert_eq!(printed.iter().filter(|p| **p == "48").count(), 2);
    assert_eq!(task(48).printed_number, "48");
    assert!(!task(48).repeats_number);
    assert_eq!(task(52).printed_number, "48");
    assert!(task(52).repeats_number);
    assert!(task(52).measure.starts_with("加大制止餐饮浪费"));
    assert_eq!(plan().tasks.iter().filter(|t| t.repeats_number).count(), 1);
    // After the repeat, printed numbers run one behind positions.
    assert_eq!(task(57).printed_number, "56");
    assert_eq!(task(58).printed_number, "57");
}

#[test]
fn the_word_processor_artefact_is_dropped() {
    let table = seed::parse(SEED_TEXT).unwrap();
    assert_eq!(table.artefacts_dropped, 1);
    assert!(SEED_TEXT.contains("[bookmark: _GoBack]"));
    for t in &plan().tasks {
        assert!(!t.measure.contains("bookmark"));
    }
    assert_eq!(task(11).assignments[0].unit.name(), "区卫生健康局");
}

#[test]
fn a_unit_cell_split_over_two_lines_names_both_units() {
    assert_eq!(
        assignments(6),
        owned(&[
            ("市市场监管局福田监管局", Role::Lead, "按职责分工负责"),
            ("市规划和自然资源局福田管理局", Role::Lead, "按职责分工负责"),
        ])
    );
}

#[test]
fn row_11_has_a_head_two_assistants_and_the_committee() {
    assert_eq!(
        assignments(11),
        owned(&[
            ("区卫生健康局", Role::Lead, "牵头"),
            ("区教育局", Role::Assist, "协助"),
            ("市市场监管局福田监管局", Role::Assist, "协助"),
            ("区食药安委各成员单位", Role::Cooperate, ""),
        ])
    );
}

#[test]
fn row_19_has_the_subdistricts_at_the_head_and_a_guide() {
    assert_eq!(
        assignments(19),
        owned(&[
            ("各街道办事处", Role::Lead, "牵头"),
            ("区城管和综合执法局", Role::Guide, "做好业务指导"),
            ("区食药安委各成员单位", Role::Cooperate, ""),
        ])
    );
}

#[test]
fn the_table_names_twenty_units_and_groups_all_in_the_registry() {
    let table = seed::parse(SEED_TEXT).unwrap();
    let named: BTreeSet<&str> = table
        .rows
        .iter()
        .flat_map(|r| r.lead_units.iter().chain(&r.cooperating_units))
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(named.len(), 20, "{named:?}");
    for name in &named {
        assert!(
            UnitId::from_name(name).is_some(),
            "{name} is not registered"
        );
    }
    // Registry = the table's names + the ten subdistrict offices.
    assert_eq!(UnitId::all().count(), 30);
    let cooperating_roles: BTreeSet<SeedRole> = table
        .rows
        .iter()
        .flat_map(|r| &r.cooperating_units)
        .map(|u| u.role)
        .collect();
    assert_eq!(cooperating_roles, BTreeSet::from([SeedRole::Cooperate]));
}

#[test]
fn groups_reach_their_members_and_say_so() {
    let yuanling = UnitId::from_name("园岭街道办事处").unwrap();
    let subdistricts = UnitId::from_name("各街道办事处").unwrap();
    let members = UnitId::from_name("区食药安委各成员单位").unwrap();
    let relevant = UnitId::from_name("区食药安委各有关成员单位").unwrap();

    let on_19: Vec<_> = task(19).involvements(yuanling).collect();
    assert_eq!(on_19.len(), 2);
    assert_eq!(
        (on_19[0].role, on_19[0].via),
        (Role::Lead, Some(subdistricts))
    );
    assert_eq!(
        (on_19[1].role, on_19[1].via),
        (Role::Cooperate, Some(members))
    );

    let education = UnitId::from_name("区教育局").unwrap();
    let on_57: Vec<_> = task(57).involvements(education).collect();
    assert_eq!(on_57.len(), 1);
    assert_eq!((on_57[0].role, on_57[0].via), (Role::Lead, Some(relevant)));

    // A unit not named and in no named group is not concerned.
    let court = UnitId::from_name("区人民法院").unwrap();
    assert!(!task(5).concerns(court));
    assert!(task(28).concerns(court));
    // A group is concerned only where it is itself named.
    assert!(task(19).concerns(subdistricts));
    assert!(!task(1).concerns(subdistricts));
}

#[test]
fn the_education_bureau_summary() {
    let education = UnitId::from_name("区教育局").unwrap();
    let s = plan().unit_summary(education);
    assert_eq!(
        (s.lead.direct, s.lead.via_group),
        (3, 1),
        "10, 12, 34; 56 via group"
    );
    assert_eq!((s.assist.direct, s.assist.via_group), (1, 0), "11");
    assert_eq!((s.guide.direct, s.guide.via_group), (0, 0));
    assert_eq!(s.cooperate.direct, 3, "50, 51, 55");
    assert!(s.cooperate.via_group > 0);
    assert_eq!(
        s.tasks,
        plan()
            .tasks
            .iter()
            .filter(|t| t.concerns(education))
            .count()
    );
}

#[test]
fn every_measure_is_its_source_text_in_order() {
    let source = without_whitespace(&SEED_TEXT.replace("[bookmark: _GoBack]", ""));
    let mut from = 0;
    for t in &plan().tasks {
        assert!(!t.measure.contains(['\n', '\r', '\t']), "task {:?}", t.id);
        assert_eq!(t.measure.trim(), t.measure);
        let measure = without_whitespace(&t.measure);
        let at = source[from..].find(&measure).unwrap_or_else(|| {
            panic!(
                "task {:?} text is not in the source after the task before it",
                t.id
            )
        });
        from += at + measure.len();
    }
    // The one space inside a line is content (a slogan), kept as printed.
    assert!(task(23).measure.contains("铁拳出稽 守护鹏城"));
}

#[test]
fn every_source_line_is_accounted_for() {
    // Rebuild the table body from the parsed rows and compare it with the source, white space
    // and the artefact aside: nothing skipped, nothing invented.
    let table = seed::parse(SEED_TEXT).unwrap();
    let mut rebuilt =
        String::from("附件1福田区2023年食品安全重点工作安排责任分工表序号任务举措责任单位配合单位");
    for row in &table.rows {
        rebuilt.push_str(&row.printed_number);
        rebuilt.push_str(row.area_heading.as_deref().unwrap_or(""));
        rebuilt.push_str(&row.measure);
        let mut previous_wording: Option<&str> = None;
        for (i, unit) in row.lead_units.iter().enumerate() {
            let next_wording = row.lead_units.get(i + 1).map(|u| u.wording);
            if i > 0 {
                // Units sharing role words are listed with 、; a clause ends with ，.
                let same_clause = previous_wording == Some(unit.wording);
                rebuilt.push(if same_clause { '、' } else { '，' });
            }
            rebuilt.push_str(&unit.name);
            if next_wording != Some(unit.wording) {
                rebuilt.push_str(unit.wording);
            }
            previous_wording = Some(unit.wording);
        }
        let coop: Vec<&str> = row
            .cooperating_units
            .iter()
            .map(|u| u.name.as_str())
            .collect();
        rebuilt.push_str(&coop.join("、"));
    }
    let source = without_whitespace(&SEED_TEXT.replace("[bookmark: _GoBack]", ""));
    assert_eq!(without_whitespace(&rebuilt), source);
}

#[test]
fn a_seed_naming_an_unknown_unit_is_refused_with_the_name() {
    let broken = SEED_TEXT.replacen("\t福田公安分局\n", "\t福田公安局\n", 1);
    let err = Plan::from_seed(&broken).unwrap_err();
    assert!(err.message.contains("福田公安局"), "{err}");
}

#[test]
fn a_seed_missing_a_cell_is_refused_not_skipped() {
    let broken = SEED_TEXT.replacen("\t市生态环境局福田管理局\n", "", 1);
    assert_ne!(broken, SEED_TEXT);
    let err = Plan::from_seed(&broken).unwrap_err();
    assert!(err.message.contains("incomplete row"), "{err}");
}

#[test]
fn a_seed_with_areas_out_of_order_is_refused() {
    let broken = SEED_TEXT.replacen("三、严格食品重点领域监管", "五、严格食品重点领域监管", 1);
    let err = Plan::from_seed(&broken).unwrap_err();
    assert!(err.message.contains("out of order"), "{err}");
}

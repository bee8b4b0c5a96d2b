//! Renamed units: the plan wizard's suggestions by similarity (the real 2023 and 2026 tables,
//! realistic renames and new units), its proposals confirmed before saving, the rename kept in
//! the plan (`formerly`), and a device's profile following it.
#![cfg(not(target_arch = "wasm32"))]

use duty_ledger::exchange::plan_file;
use duty_ledger::foundation::time::Stamp;
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::DeviceId;
use duty_ledger::plan::draft::{Draft, DraftProblem, Mapping, guess_rename, rename_candidates};
use duty_ledger::plan::similar::{self, RENAME_AT};
use duty_ledger::plan::source::{SourceTable, docx};
use duty_ledger::plan::spec::{KindSpec, PlanSpec, year_of_id};
use duty_ledger::plan::{UnitId, builtin, install};
use duty_ledger::profile::{Profile, ProfileProblem};

const CITY_OLD: &str = "区城管和综合执法局";
const CITY_NEW: &str = "区城市管理和综合执法局";

fn table(name: &str) -> SourceTable {
    let zip = std::fs::read(format!(
        "{}/tests/fixtures/plans/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let entry = docx::find_entry(&zip, docx::DOCUMENT).unwrap();
    docx::read(docx::stored_text(&zip, &entry).unwrap()).table
}

/// The 2026 table with 区城管和综合执法局 printed under its new name wherever it appears.
fn table_2026_renamed() -> SourceTable {
    let mut t = table("plan-2026-stored.docx");
    let mut n = 0;
    for row in &mut t.rows {
        for named in row.lead.iter_mut().chain(&mut row.cooperating) {
            if named.name == CITY_OLD {
                named.name = CITY_NEW.into();
                n += 1;
            }
        }
    }
    assert!(n > 0, "the 2026 table names {CITY_OLD}");
    t
}

fn units_2023() -> Vec<duty_ledger::plan::spec::UnitSpec> {
    PlanSpec::of(builtin()).units
}

#[test]
fn renames_are_suggested_by_similarity_and_new_units_are_not() {
    let units = units_2023();
    for (new, old) in CASES {
        assert_eq!(guess_rename(new, &units), *old, "{new}");
    }
    for new in NEW_UNITS {
        let best = rename_candidates(new, &units, &[]);
        assert!(best[0].1 < RENAME_AT, "{new} is no rename: {:?}", best[0]);
        assert_eq!(guess_rename(new, &units), None, "{new}");
    }
}

#[test]
fn no_unit_of_the_2023_table_looks_like_the_rename_of_another() {
    let units = units_2023();
    // The two spellings of the catch-all group (各成员单位, 各有关成员单位) are alike by design.
    for unit in units.iter().filter(|u| u.kind != KindSpec::AllMembers) {
        let others = rename_candidates(&unit.name, &units, &[unit.name.as_str()]);
        assert!(
            others.iter().all(|(_, score)| *score < RENAME_AT),
            "{}: {:?}",
            unit.name,
            others.first()
        );
        assert_eq!(
            similar::similarity(&unit.name, &unit.name, &similar::Weights::default()).0,
            100
        );
    }
}

#[test]
fn the_real_tables_need_one_decision_each_and_nothing_is_saved_unconfirmed() {
    // 2023 → 2023: every name is known.
    let same = Draft::new(
        table("plan-2023-stored.docx"),
        builtin(),
        "plan-2023-0000abcd".into(),
    );
    assert!(same.unknown().is_empty());
    assert!(same.unconfirmed().is_empty());
    // 2023 → 2026: the renamed health bureau, proposed, not confirmed.
    let mut draft = Draft::new(
        table("plan-2026-stored.docx"),
        builtin(),
        "plan-2026-0000abcd".into(),
    );
    draft.guess_undecided();
    assert_eq!(
        draft.mapping["区卫生健康委员会"],
        Mapping::Known("区卫生健康局".into())
    );
    assert_eq!(draft.unconfirmed(), ["区卫生健康委员会"]);
    assert_eq!(
        draft.problems(),
        [DraftProblem::Undecided("区卫生健康委员会".into())]
    );
    assert!(
        draft.to_spec().is_err(),
        "one careless 下一步 saves nothing"
    );
    draft.confirm("区卫生健康委员会");
    assert!(draft.unconfirmed().is_empty());
    let spec = draft.to_spec().unwrap();
    let health = spec
        .units
        .iter()
        .find(|u| u.name == "区卫生健康委员会")
        .unwrap();
    assert_eq!(health.formerly, ["区卫生健康局"]);
}

#[test]
fn the_renamed_city_bureau_is_proposed_as_itself_never_as_the_office() {
    let mut draft = Draft::new(table_2026_renamed(), builtin(), "plan-2026-0000abcd".into());
    draft.guess_undecided();
    assert_eq!(draft.mapping[CITY_NEW], Mapping::Known(CITY_OLD.into()));
    let candidates = draft.rename_candidates(CITY_NEW);
    assert_eq!(
        candidates[0].0, CITY_OLD,
        "the 'same as' list starts with the likely unit"
    );
    // Units the table still names are not offered.
    assert!(!candidates.iter().any(|(name, _)| *name == "区教育局"));
    // The 待确认 list follows the decisions.
    assert_eq!(draft.unconfirmed(), ["区卫生健康委员会", CITY_NEW]);
    draft.confirm(CITY_NEW);
    assert_eq!(draft.unconfirmed(), ["区卫生健康委员会"]);
    // Choosing "same as" without a unit is no decision.
    draft.propose("区卫生健康委员会", Mapping::Known(String::new()));
    draft.confirm("区卫生健康委员会");
    assert_eq!(draft.unconfirmed(), ["区卫生健康委员会"]);
    draft.decide("区卫生健康委员会", Mapping::Known("区卫生健康局".into()));
    assert!(draft.problems().is_empty());
    let spec = draft.to_spec().unwrap();
    let plan = plan_file::plan_of(&spec).unwrap();
    assert_eq!(plan.renamed_from(CITY_OLD), plan.units.find(CITY_NEW));
    assert_eq!(
        plan.renamed_from("区卫生健康局"),
        plan.units.find("区卫生健康委员会")
    );
    assert_eq!(plan.renamed_from("区教育局"), None);
    // The plan file keeps the former names and reads back the same.
    let (back, again) = plan_file::read(plan_file::write(&spec).as_bytes()).unwrap();
    assert_eq!(back, spec);
    assert_eq!(again, plan);
    assert_eq!(PlanSpec::of(&plan), spec);
    // A former name that is a unit of the plan is refused.
    let mut wrong = spec.clone();
    wrong.units[1].formerly.push(CITY_NEW.into());
    assert!(plan_file::plan_of(&wrong).is_err());
    // A tablet set up for the city bureau under the 2023 plan follows the rename.
    std::thread::spawn(move || {
        install(plan);
        let old = DeviceId::from_random([1; 8]);
        let fresh = DeviceId::from_random([2; 8]);
        let stored = format!(
            r#"{{"schema_version":1,"device":"{old}","unit":"{CITY_OLD}","author":"李四"}}"#
        );
        let (profile, problem) = Profile::restore(&stored, fresh);
        assert_eq!(profile.unit, UnitId::from_name(CITY_NEW));
        assert_eq!(profile.device, fresh, "a new device for the new name");
        assert_eq!(profile.author.as_deref(), Some("李四"));
        let problem = problem.unwrap();
        assert_eq!(
            problem,
            ProfileProblem::Renamed {
                from: CITY_OLD.into(),
                to: CITY_NEW.into()
            }
        );
        assert!(!problem.keeps_backup());
        // Saved, it reads back as itself, without a notice.
        assert_eq!(Profile::restore(&profile.to_json(), old), (profile, None));
        // A unit the plan never knew stays unknown.
        let stranger = format!(r#"{{"schema_version":1,"device":"{old}","unit":"区数据局"}}"#);
        let (profile, problem) = Profile::restore(&stranger, fresh);
        assert_eq!((profile.unit, profile.device), (None, old));
        assert!(problem.unwrap().keeps_backup());
    })
    .join()
    .unwrap();
}

#[test]
fn users_read_a_plan_year_not_a_plan_id() {
    assert_eq!(year_of_id("futian-2023-food-safety"), Some(2023));
    assert_eq!(year_of_id("plan-2026-3fa2c1d0"), Some(2026));
    assert_eq!(year_of_id("plan-abcd-1234"), None);
    let stamp = Stamp::parse("2026-12-05T09:30:00+08:00").unwrap();
    assert_eq!(
        duty_ledger::i18n::format_stamp(Lang::Zh, stamp),
        "2026年12月5日 09:30"
    );
}

const CASES: &[(&str, Option<&str>)] = &[
    (CITY_NEW, Some(CITY_OLD)),
    ("区卫生健康委员会", Some("区卫生健康局")),
    ("福田区教育局", Some("区教育局")),
    (
        "深圳市市场监督管理局福田监管局",
        Some("市市场监管局福田监管局"),
    ),
    ("区住房和建设局", Some("区住房建设局")),
    ("区文化广电旅游体育局", Some("区文化广电旅游体育局")),
    ("区文化旅游体育局", Some("区文化广电旅游体育局")),
    ("区工业和信息化局", Some("区工业和信息化局")),
    ("华强北街道", Some("华强北街道办事处")),
    ("福田区人民法院", Some("区人民法院")),
    ("深圳市生态环境局福田管理局", Some("市生态环境局福田管理局")),
    ("深圳市公安局福田分局", Some("福田公安分局")),
];
const NEW_UNITS: &[&str] = &[
    "区数据局",
    "区人民政府",
    "区发展和改革局",
    "区应急管理局",
    "区科技创新局",
    "区司法局",
    "区财政局",
    "区国资局",
    "区城市更新和土地整备局",
    "区退役军人事务局",
];

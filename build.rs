//! Fails the build when the seed document cannot be read or names a unit the registry does not
//! know, so a broken seed never ships as a blank or partial page.

#[allow(dead_code)]
#[path = "src/plan/seed.rs"]
mod seed;
#[allow(dead_code)]
#[path = "src/plan/units.rs"]
mod units;

const SEED: &str = "seeds/futian-2023-food-safety-duties.txt";

fn main() {
    annotations::generate();
    println!("cargo:rerun-if-changed={SEED}");
    println!("cargo:rerun-if-changed=src/plan/seed.rs");
    println!("cargo:rerun-if-changed=src/plan/units.rs");
    let text = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("cannot read {SEED}: {e}"));
    let table = seed::parse(&text).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    for row in &table.rows {
        for named in row.lead_units.iter().chain(&row.cooperating_units) {
            if !units::in_2023_table(&named.name) {
                panic!(
                    "{SEED}: task {} (line {}) names {:?}, which is not in src/plan/units.rs",
                    row.position, row.line, named.name
                );
            }
        }
    }
}

/// Turns the annotation files into Rust values, so the app does not parse JSON at start-up
/// (and the wasm carries no deserializer for them).
mod annotations {
    use serde_json::Value;
    use std::fmt::Write;

    fn s(v: &Value) -> String {
        format!("{:?}.to_string()", v.as_str().expect("a string"))
    }
    fn f(v: &Value) -> String {
        format!("{:?}_f64", v.as_f64().expect("a number"))
    }
    fn camel(v: &Value) -> String {
        v.as_str()
            .expect("a string")
            .split('_')
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect()
    }

    pub fn generate() {
        let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
        println!("cargo:rerun-if-changed=seeds/targets-2023.json");
        println!("cargo:rerun-if-changed=seeds/milestones-2023.json");
        let t: Value =
            serde_json::from_str(&std::fs::read_to_string("seeds/targets-2023.json").unwrap())
                .unwrap();
        let mut code = String::from("TargetFile { plan_year: ");
        write!(
            code,
            "{}, about: String::new(), targets: vec![",
            t["plan_year"]
        )
        .unwrap();
        for x in t["targets"].as_array().unwrap() {
            write!(
                code,
                "Target {{ id: {}, task: TaskId({}), printed: {}, quote: {}, label: {}, kind: TargetKind::{}, goal: {}, goal_max: {}, unit: {}, paced: {} }},",
                s(&x["id"]), x["task"], s(&x["printed"]), s(&x["quote"]), s(&x["label"]), camel(&x["kind"]), f(&x["goal"]),
                if x["goal_max"].is_null() { "None".to_string() } else { format!("Some({})", f(&x["goal_max"])) },
                s(&x["unit"]), x["paced"].as_bool().unwrap_or(false)
            ).unwrap();
        }
        code.push_str("] }");
        std::fs::write(out.join("targets.rs"), code).unwrap();

        let m: Value =
            serde_json::from_str(&std::fs::read_to_string("seeds/milestones-2023.json").unwrap())
                .unwrap();
        let mut code = String::from("MilestoneFile { plan_year: ");
        write!(
            code,
            "{}, about: String::new(), milestones: vec![",
            m["plan_year"]
        )
        .unwrap();
        for x in m["milestones"].as_array().unwrap() {
            let due: Vec<String> = x["due"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    let d = d.as_str().unwrap();
                    format!(
                        "Date::new({}, {}, {}).unwrap()",
                        &d[0..4],
                        d[5..7].trim_start_matches('0'),
                        d[8..10].trim_start_matches('0')
                    )
                })
                .collect();
            write!(
                code,
                "Milestone {{ id: {}, task: TaskId({}), printed: {}, quote: {}, label: {}, due_text: {}, due: vec![{}], kind: MilestoneKind::{}, scope: MilestoneScope::{} }},",
                s(&x["id"]), x["task"], s(&x["printed"]), s(&x["quote"]), s(&x["label"]), s(&x["due_text"]), due.join(", "), camel(&x["kind"]), camel(&x["scope"])
            ).unwrap();
        }
        code.push_str("] }");
        std::fs::write(out.join("milestones.rs"), code).unwrap();
    }
}

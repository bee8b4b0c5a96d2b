//! The year's rhythm as tables (issue 20 §6): where every unit stands in every round
//! (报送情况, with its contact) and every unit's 落实方案 (each step with its date, 责任人,
//! whether done and its light on the day), for CSV and XLSX.

use super::{Cell, Sheet};
use crate::foundation::time::Date;
use crate::i18n::{Key, Lang, format_date, round_due, round_name, submission_state};
use crate::ledger::Ledger;
use crate::ledger::implementation::unit_plan;
use crate::ledger::lights::Light;
use crate::ledger::rounds::{self, expected_units};
use crate::plan::plan;

/// 报送情况: one row per round and unit that owes it.
pub fn states_sheet(ledger: &Ledger, lang: Lang) -> Sheet {
    let mut rows = Vec::new();
    let units = expected_units();
    for round in rounds::rounds(ledger) {
        let states = rounds::states_of(ledger, round.round, &units);
        for unit in &units {
            let state = states
                .get(unit)
                .cloned()
                .unwrap_or(rounds::State::NotStarted);
            let contact = unit_plan(ledger, *unit).contact;
            rows.push(vec![
                Cell::Text(round_name(lang, &round)),
                Cell::Text(round_due(lang, &round)),
                Cell::Text(unit.name().to_string()),
                Cell::Text(submission_state(lang, &state)),
                contact
                    .as_ref()
                    .map_or(Cell::Empty, |c| Cell::Text(c.name.clone())),
                contact
                    .as_ref()
                    .map_or(Cell::Empty, |c| Cell::Text(c.post.clone())),
                contact
                    .as_ref()
                    .map_or(Cell::Empty, |c| Cell::Text(c.phone.clone())),
            ]);
        }
    }
    Sheet {
        name: Key::BoardHeading.text(lang).to_string(),
        header: [
            Key::RoundLabel,
            Key::RoundDueLabel,
            Key::UnitLabel,
            Key::BoardState,
            Key::FieldContactName,
            Key::FieldContactPost,
            Key::PlanContactPhone,
        ]
        .into_iter()
        .map(|k| k.text(lang).to_string())
        .collect(),
        rows,
        widths: vec![18.0, 16.0, 26.0, 30.0, 12.0, 12.0, 18.0],
    }
}

/// 落实方案: per unit and task its measures and results, then one row per step (date, what,
/// 责任人, done, light on `today`).
pub fn plans_sheet(ledger: &Ledger, lang: Lang, today: Date) -> Sheet {
    let mut rows = Vec::new();
    for unit in expected_units() {
        let the_plan = unit_plan(ledger, unit);
        for (task, part) in &the_plan.tasks {
            let number = plan()
                .task(*task)
                .map(|t| t.printed_number.clone())
                .unwrap_or_default();
            let (measures, results) = part
                .measures
                .as_ref()
                .map(|m| (m.measures.clone(), m.results.clone()))
                .unwrap_or_default();
            let head = |rows: &mut Vec<Vec<Cell>>, step: Vec<Cell>| {
                let mut row = vec![
                    Cell::Text(unit.name().to_string()),
                    Cell::Text(number.clone()),
                    Cell::Text(measures.clone()),
                    Cell::Text(results.clone()),
                ];
                row.extend(step);
                rows.push(row);
            };
            if part.steps.is_empty() {
                head(&mut rows, Vec::new());
            }
            for step in &part.steps {
                let when = match step.when {
                    crate::ledger::When::Day(d) => format_date(lang, d),
                    month => month.to_string(),
                };
                let light = match step.light(today) {
                    Light::Red => Key::StepLate,
                    Light::Yellow => Key::StepSoon,
                    _ if step.done => Key::StepDone,
                    _ => Key::StepOnTime,
                };
                head(
                    &mut rows,
                    vec![
                        Cell::Text(when),
                        Cell::Text(step.what.clone()),
                        Cell::Text(step.person.clone()),
                        Cell::Text(light.text(lang).to_string()),
                    ],
                );
            }
        }
    }
    Sheet {
        name: Key::RoundPlan.text(lang).to_string(),
        header: [
            Key::UnitLabel,
            Key::ReportColumnNo,
            Key::FieldMeasures,
            Key::FieldResults,
            Key::StepWhenLabel,
            Key::FieldStepWhat,
            Key::FieldPerson,
            Key::BoardState,
        ]
        .into_iter()
        .map(|k| k.text(lang).to_string())
        .collect(),
        rows,
        widths: vec![26.0, 8.0, 40.0, 30.0, 14.0, 40.0, 12.0, 10.0],
    }
}

//! 需协调 answered (issue 17 §3) and trust that is checked (§4), through whole signed files:
//! the office's reply is a record of its own (rules, digest, format 4 only); a unit blocked on a
//! task sends its file, the office answers and marks it 已协调, and the unit sees the answer after
//! importing the office's 全部 file; the latest answer wins, an undone import brings the earlier
//! one back, a unit blocked again is open again. A unit's contact travels signed with its proof.
#![cfg(not(target_arch = "wasm32"))]

mod signed;

use std::collections::BTreeSet;

use duty_ledger::exchange::file::usable_proofs;
use duty_ledger::exchange::preview::{apply, preview};
use duty_ledger::exchange::validate::FieldProblem;
use duty_ledger::exchange::{ExchangeFile, ImportError, Scope, export, read};
use duty_ledger::foundation::canonical;
use duty_ledger::foundation::time::{Date, Stamp};
use duty_ledger::ledger::consolidated::needs_coordination;
use duty_ledger::ledger::coordination::{State, answer, answers, history, state};
use duty_ledger::ledger::event::EventProblem;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::{Change, DeviceId, Event, EventId, Status};
use duty_ledger::plan::{TaskId, UnitId};
use duty_ledger::trust::{Contact, confirms, fingerprint};
use serde_json::Value;
use signed::{NOW_MS, Tablet, key, signed_export, tampered_signed, with_contact};

const EDU: &str = "区教育局";
const OFFICE: &str = "区食药安办";
const HEALTH: &str = "区卫生健康局";

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// Minutes after 2023-06-01 09:00 +08:00.
fn stamp(minutes: i64) -> Stamp {
    Stamp::new(1_685_581_200_000 + minutes * 60_000, 480).unwrap()
}

impl Tablet {
    fn new(name: &str, n: u8) -> Tablet {
        Tablet::with(
            unit(name),
            DeviceId::from_random([n; 8]),
            "张三",
            u64::from(n) << 32,
            stamp,
        )
    }

    fn block(&mut self, minutes: i64, task: u16, reason: &str) -> Event {
        self.write(minutes, |r, id, at| {
            r.set_status(id, TaskId(task), at, Status::Blocked, reason)
        })
    }

    fn reply(
        &mut self,
        minutes: i64,
        task: u16,
        about: &str,
        reply: &str,
        resolved: bool,
    ) -> Event {
        self.write(minutes, |r, id, at| {
            r.coordinate(
                id,
                TaskId(task),
                at,
                unit(about),
                reply,
                unit(HEALTH),
                day("2023-07-15"),
                resolved,
            )
        })
    }

    fn export(&self, scope: Scope) -> String {
        signed_export(
            &self.ledger,
            self.recorder.unit,
            self.recorder.device,
            scope,
            stamp(60 * 24 * 30),
        )
    }

    /// The office's 全部 file: every device's proof as received, its own signed now.
    fn relay(&self, received: &[duty_ledger::exchange::DeviceProof]) -> String {
        let mut proofs = received.to_vec();
        proofs.extend(
            signed::proofs(&self.ledger)
                .into_iter()
                .filter(|p| p.device == self.recorder.device),
        );
        let proofs = usable_proofs(&self.ledger, &proofs);
        export(
            &self.ledger,
            self.recorder.unit,
            self.recorder.device,
            Scope::All,
            stamp(60 * 24 * 30),
            &proofs,
        )
    }

    fn import(&mut self, text: &str) -> ExchangeFile {
        let file = read(text.as_bytes(), NOW_MS).unwrap();
        preview(&self.ledger, &file).unwrap();
        self.ledger = apply(&self.ledger, &[&file]);
        file
    }
}

#[test]
fn only_the_office_answers_units_the_task_concerns_with_a_due_date_ahead() {
    let edu = Tablet::new(EDU, 1).recorder;
    let office = Tablet::new(OFFICE, 2).recorder;
    let at = stamp(0);
    let id = EventId::from_random([9; 8]);
    let reply = |r: &Recorder, task: u16, about: &str, owner: &str, due: &str, text: &str| {
        r.coordinate(
            id,
            TaskId(task),
            at,
            unit(about),
            text,
            unit(owner),
            day(due),
            false,
        )
    };
    assert!(reply(&office, 12, EDU, HEALTH, "2023-07-01", "请区卫生健康局配合").is_ok());
    assert_eq!(
        reply(&edu, 12, EDU, HEALTH, "2023-07-01", "自己答复自己").unwrap_err(),
        EventProblem::CoordinationNotByOffice
    );
    assert_eq!(
        reply(&office, 12, "各街道办事处", HEALTH, "2023-07-01", "答复").unwrap_err(),
        EventProblem::CoordinationGroup(unit("各街道办事处"))
    );
    assert_eq!(
        reply(&office, 12, EDU, "各街道办事处", "2023-07-01", "答复").unwrap_err(),
        EventProblem::CoordinationGroup(unit("各街道办事处"))
    );
    assert_eq!(
        reply(&office, 12, "福田海关", HEALTH, "2023-07-01", "答复").unwrap_err(),
        EventProblem::CoordinationUnitNotOnTask(unit("福田海关"))
    );
    assert_eq!(
        reply(&office, 12, EDU, HEALTH, "2023-05-31", "答复").unwrap_err(),
        EventProblem::DueInPast
    );
    assert!(matches!(
        reply(&office, 12, EDU, HEALTH, "2023-07-01", " \u{200b} ").unwrap_err(),
        EventProblem::InvisibleOnly { .. }
    ));
    assert!(matches!(
        reply(&office, 12, EDU, HEALTH, "2023-07-01", &"长".repeat(2001)).unwrap_err(),
        EventProblem::TooLong { .. }
    ));
    // A settled matter may keep a due date that has passed.
    assert!(
        office
            .coordinate(
                id,
                TaskId(12),
                at,
                unit(EDU),
                "已解决",
                unit(EDU),
                day("2023-05-01"),
                true
            )
            .is_ok()
    );
}

#[test]
fn a_reply_digests_as_its_canonical_json_and_files_carry_it() {
    let mut office = Tablet::new(OFFICE, 2);
    let event = office.reply(0, 12, EDU, "请“区卫生健康局”\n本周内配合", true);
    let mut serde_form = Vec::new();
    canonical::write_value(&serde_json::to_value(&event).unwrap(), &mut serde_form);
    assert_eq!(
        duty_ledger::trust::record::canonical(&event),
        serde_form,
        "the digest's own writer agrees with canonical serde JSON"
    );
    let text = office.export(Scope::Unit);
    let file = read(text.as_bytes(), NOW_MS).unwrap();
    assert_eq!(file.records.get(&event.id), Some(&event));
    let value: Value = serde_json::from_str(&text).unwrap();
    let change = &value["records"][0]["change"];
    assert_eq!(change["kind"], "coordination");
    assert_eq!(change["about"], EDU);
    assert_eq!(change["owner"], HEALTH);
    assert_eq!(change["due"], "2023-07-15");
    assert_eq!(change["resolved"], true);
}

#[test]
fn replies_are_refused_in_version_3_from_units_and_with_unknown_fields() {
    let mut office = Tablet::new(OFFICE, 2);
    office.reply(0, 12, EDU, "请配合", false);
    let text = office.export(Scope::Unit);
    let v3 = tampered_signed(&text, |f| f["format_version"] = 3.into());
    assert!(matches!(
        read(&v3, NOW_MS).unwrap_err(),
        ImportError::MalformedField { field, problem: FieldProblem::KindNotInVersion { version: 3, since: 4 } }
            if field == "records[0].change.kind"
    ));
    let unknown_unit = tampered_signed(&text, |f| {
        f["records"][0]["change"]["owner"] = "区不存在局".into()
    });
    assert!(matches!(
        read(&unknown_unit, NOW_MS).unwrap_err(),
        ImportError::UnknownUnit { field, .. } if field == "records[0].change.owner"
    ));
    let missing = tampered_signed(&text, |f| {
        f["records"][0]["change"]
            .as_object_mut()
            .unwrap()
            .remove("due");
    });
    assert!(matches!(
        read(&missing, NOW_MS).unwrap_err(),
        ImportError::MissingField { field } if field == "records[0].change.due"
    ));
    let foreign = tampered_signed(&text, |f| f["records"][0]["change"]["text"] = "多余".into());
    assert!(matches!(
        read(&foreign, NOW_MS).unwrap_err(),
        ImportError::MalformedField { field, .. } if field == "records[0].change.text"
    ));
    // A unit's device writing a reply in its own name, signed with its own key: refused.
    let mut edu = Tablet::new(EDU, 1);
    edu.block(0, 12, "等待配合");
    let forged = tampered_signed(&edu.export(Scope::Unit), |f| {
        f["records"][0]["change"] = serde_json::json!({
            "kind": "coordination", "about": EDU, "reply": "已解决", "owner": EDU,
            "due": "2023-07-01", "resolved": true
        })
    });
    assert!(matches!(
        read(&forged, NOW_MS).unwrap_err(),
        ImportError::InvalidRecord {
            problem: EventProblem::CoordinationNotByOffice,
            ..
        }
    ));
}

#[test]
fn an_answer_goes_from_the_office_to_the_blocked_unit_and_back_to_open_when_blocked_again() {
    let mut edu = Tablet::new(EDU, 1);
    let mut office = Tablet::new(OFFICE, 2);
    edu.block(0, 12, "缺少检测场地");
    let from_edu = office.import(&edu.export(Scope::Unit));
    let list = needs_coordination(&office.ledger);
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].state, list[0].answer.as_ref()),
        (State::Open, None)
    );

    office.reply(60, 12, EDU, "请区卫生健康局提供场地", false);
    let list = needs_coordination(&office.ledger);
    assert_eq!(list[0].state, State::Answered);
    let relay = office.relay(&from_edu.devices);
    let back = edu.import(&relay);
    assert!(back.devices.iter().any(|p| p.unit == OFFICE));
    let seen = answer(&edu.ledger, TaskId(12), unit(EDU)).expect("the unit sees the answer");
    assert_eq!(seen.reply, "请区卫生健康局提供场地");
    assert_eq!(
        (seen.owner, seen.due, seen.resolved),
        (unit(HEALTH), day("2023-07-15"), false)
    );
    assert_eq!(state(&edu.ledger, TaskId(12), unit(EDU)), State::Answered);

    // Settled: the latest answer wins, the earlier stays in the history.
    office.reply(120, 12, EDU, "场地已落实", true);
    edu.import(&office.relay(&from_edu.devices));
    assert_eq!(state(&edu.ledger, TaskId(12), unit(EDU)), State::Settled);
    let now = answer(&edu.ledger, TaskId(12), unit(EDU)).unwrap();
    assert_eq!((now.reply.as_str(), now.revisions), ("场地已落实", 2));
    assert_eq!(history(&edu.ledger, TaskId(12), unit(EDU)).len(), 2);

    // Blocked again after it was settled: open again, the answer still shown.
    edu.block(180, 12, "场地又被收回");
    assert_eq!(state(&edu.ledger, TaskId(12), unit(EDU)), State::Open);
    let again = office.import(&edu.export(Scope::Unit));
    assert!(!again.records.is_empty());
    let list = needs_coordination(&office.ledger);
    assert_eq!(list[0].state, State::Open);
    assert_eq!(list[0].answer.as_ref().unwrap().reply, "场地已落实");
}

#[test]
fn the_latest_answer_wins_across_office_devices_and_an_undone_import_brings_the_earlier_back() {
    let mut edu = Tablet::new(EDU, 1);
    let mut office_a = Tablet::new(OFFICE, 2);
    let mut office_b = Tablet::new(OFFICE, 3);
    edu.block(0, 12, "缺少检测场地");
    let from_edu = edu.export(Scope::Unit);
    office_a.import(&from_edu);
    office_b.import(&from_edu);
    office_a.reply(30, 12, EDU, "甲的答复", false);
    let a_file = office_a.export(Scope::Unit);
    office_b.import(&a_file);
    office_b.reply(40, 12, EDU, "乙的答复", true);
    let b_file = read(office_b.export(Scope::Unit).as_bytes(), NOW_MS).unwrap();

    // In either order, the later answer is the current one.
    let a_file = read(a_file.as_bytes(), NOW_MS).unwrap();
    let one = apply(&apply(&edu.ledger, &[&a_file]), &[&b_file]);
    let other = apply(&apply(&edu.ledger, &[&b_file]), &[&a_file]);
    assert_eq!(answers(&one), answers(&other));
    assert_eq!(
        answer(&one, TaskId(12), unit(EDU)).unwrap().reply,
        "乙的答复"
    );
    assert_eq!(state(&one, TaskId(12), unit(EDU)), State::Settled);

    // Undoing the import that brought the later answer brings the earlier back.
    let mut undone = one.clone();
    let brought: BTreeSet<EventId> = b_file
        .records
        .events()
        .filter(|e| matches!(e.change, Change::Coordination { .. }))
        .filter(|e| e.device == office_b.recorder.device)
        .map(|e| e.id)
        .collect();
    undone.retract(&brought);
    assert_eq!(
        answer(&undone, TaskId(12), unit(EDU)).unwrap().reply,
        "甲的答复"
    );
    assert_eq!(state(&undone, TaskId(12), unit(EDU)), State::Answered);
}

#[test]
fn a_contact_travels_signed_with_its_proof() {
    let mut edu = Tablet::new(EDU, 1);
    edu.block(0, 12, "缺少检测场地");
    let text = edu.export(Scope::Unit);
    let contact = Contact::new("李老师", "0755-8391 2345").unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    with_contact(&mut value, edu.recorder.device, &contact);
    let bytes = serde_json::to_vec(&value).unwrap();
    let file = read(&bytes, NOW_MS).unwrap();
    assert_eq!(file.devices[0].contact.as_ref(), Some(&contact));

    // Another number under the same signature: refused.
    let mut changed = value.clone();
    changed["devices"][0]["contact"]["phone"] = "13800138000".into();
    signed::reseal(&mut changed);
    assert!(matches!(
        read(&serde_json::to_vec(&changed).unwrap(), NOW_MS).unwrap_err(),
        ImportError::BadSignature { .. }
    ));
    // Dropped: refused too (the signature covers the contact).
    let mut dropped = value.clone();
    dropped["devices"][0]
        .as_object_mut()
        .unwrap()
        .remove("contact");
    signed::reseal(&mut dropped);
    assert!(matches!(
        read(&serde_json::to_vec(&dropped).unwrap(), NOW_MS).unwrap_err(),
        ImportError::BadSignature { .. }
    ));
    // A contact that breaks the rules, or in a version 3 file: refused naming the field.
    let mut bad = value.clone();
    bad["devices"][0]["contact"]["phone"] = "call me".into();
    signed::reseal(&mut bad);
    assert!(matches!(
        read(&serde_json::to_vec(&bad).unwrap(), NOW_MS).unwrap_err(),
        ImportError::MalformedField { field, .. } if field == "devices[0].contact"
    ));
    let mut v3 = value.clone();
    v3["format_version"] = 3.into();
    signed::reseal(&mut v3);
    assert!(matches!(
        read(&serde_json::to_vec(&v3).unwrap(), NOW_MS).unwrap_err(),
        ImportError::MalformedField { field, problem: FieldProblem::NotInVersion { version: 3 } }
            if field == "devices[0].contact"
    ));
}

#[test]
fn trusting_asks_for_the_fingerprints_last_four_characters() {
    let fp = fingerprint(&key(DeviceId::from_random([1; 8])).public());
    let last: String = fp
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(confirms(&fp, &last));
    assert!(confirms(&fp, &last.to_lowercase()));
    let first: String = fp.chars().take(4).collect();
    assert!(!confirms(&fp, &first) || first == last);
    assert!(
        !confirms(&fp, &fp),
        "the whole fingerprint is not what is asked"
    );
    assert!(!confirms(&fp, ""));
}

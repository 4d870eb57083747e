//! Without an office: each office's schedule (offices with the same deadlines computed once),
//! merged into one where their dates agree.

use super::feasibility::for_office;
use super::{
    Feasibility, Note, OfficeAnswer, OfficeDate, OfficeFeasibility, OfficeSchedule, OfficeStepDate, Schedule,
    ScheduleError, ScheduleInput, Step,
};
use crate::bureaus::Office;
use crate::rule::DeadlineKind;

/// Every office of the bureau judged, then merged.
pub(super) fn for_each_office(input: &ScheduleInput) -> Result<Schedule, ScheduleError> {
    // An office's schedule depends only on its two deadlines: offices that share them (most of
    // a bureau's) share one computation, its earliest-designation search included.
    let mut per_office: Vec<(&Office, OfficeSchedule)> = Vec::with_capacity(input.bureau.offices.len());
    for office in &input.bureau.offices {
        let same_rules =
            per_office.iter().find(|(o, _)| DeadlineKind::ALL.iter().all(|&k| o.deadline(k) == office.deadline(k)));
        let schedule = match same_rules {
            Some((_, s)) => s.clone(),
            None => for_office(input, office)?,
        };
        per_office.push((office, schedule));
    }
    Ok(merge(input, &per_office))
}

/// Steps whose dates agree across offices are shown once; the others list each office.
fn merge(input: &ScheduleInput, per_office: &[(&Office, OfficeSchedule)]) -> Schedule {
    let first = &per_office[0].1;
    let mut steps = Vec::with_capacity(first.steps.len());
    for (i, step) in first.steps.iter().enumerate() {
        let same =
            per_office.iter().all(|(_, s)| s.steps[i].date == step.date && s.steps[i].approximate == step.approximate);
        if same {
            steps.push(step.clone());
            continue;
        }
        let offices: Vec<OfficeDate> = per_office
            .iter()
            .map(|(o, s)| OfficeDate {
                office: o.id.clone(),
                date: s.steps[i].date,
                approximate: s.steps[i].approximate,
                past: s.steps[i].past,
            })
            .collect();
        let dates: Vec<OfficeStepDate> = per_office
            .iter()
            .map(|(o, s)| {
                let st = &s.steps[i];
                OfficeStepDate {
                    name: o.display_name(),
                    date: st.date,
                    rule_unknown: st.rule_unknown,
                    past: st.past,
                    deadline: st.firm && !st.approximate,
                }
            })
            .collect();
        let all_past = per_office.iter().all(|(_, s)| s.steps[i].past);
        let mut notes = vec![Note::OfficesDiffer { offices: dates }];
        if all_past && step.firm {
            notes.push(Note::PastForEveryOffice);
        }
        steps.push(Step {
            date: None,
            approximate: per_office.iter().any(|(_, s)| s.steps[i].approximate),
            rule_unknown: per_office.iter().any(|(_, s)| s.steps[i].rule_unknown),
            closed_day: false,
            provisional: per_office.iter().any(|(_, s)| s.steps[i].provisional),
            published: false,
            moved_from: None,
            recommended: None,
            past: all_past,
            notes,
            offices,
            ..step.clone()
        });
    }
    let answer = |s: &OfficeSchedule| s.feasibility.as_ref().and_then(Feasibility::feasible);
    let all_same = per_office.iter().all(|(_, s)| answer(s) == answer(first));
    // A month that every office can still keep.
    let earliest = per_office
        .iter()
        .map(|(_, s)| s.earliest_designation)
        .collect::<Option<Vec<_>>>()
        .and_then(|list| list.into_iter().max());
    let feasibility = if all_same {
        first.feasibility.clone().map(|f| match f {
            Feasibility::Infeasible { step, date, .. } => Feasibility::Infeasible { step, date, earliest },
            other => other,
        })
    } else {
        Some(Feasibility::OfficesDiffer {
            offices: per_office
                .iter()
                .map(|(o, s)| OfficeAnswer {
                    name: o.display_name(),
                    feasibility: s.feasibility.clone().expect("offices differ only with today"),
                })
                .collect(),
        })
    };
    Schedule {
        bureau: input.bureau.id.clone(),
        office: None,
        designation: input.designation,
        transitional: input.transitional,
        feasibility,
        earliest_designation: earliest,
        offices: if per_office.len() > 1 {
            per_office
                .iter()
                .map(|(o, s)| OfficeFeasibility {
                    office: o.id.clone(),
                    name: o.display_name(),
                    feasible: answer(s),
                    earliest_designation: s.earliest_designation,
                })
                .collect()
        } else {
            Vec::new()
        },
        steps,
        reply_window: None,
    }
}

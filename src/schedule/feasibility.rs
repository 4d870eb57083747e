//! On "today": which steps have passed, whether the designation date can still be kept, and
//! the earliest designation date that can.

use super::dating::steps_for;
use super::{
    Feasibility, Note, OfficeSchedule, ScheduleError, ScheduleInput, Step, StepId, FIRST_DESIGNATION, LAST_DESIGNATION,
};
use crate::bureaus::Office;
use chrono::{Datelike, Months, NaiveDate};

/// How many months after today `earliest_designation` looks.
const EARLIEST_SEARCH_MONTHS: u32 = 36;

/// One office's steps and, with "today", its feasibility and earliest designation.
pub(super) fn for_office(input: &ScheduleInput, office: &Office) -> Result<OfficeSchedule, ScheduleError> {
    let mut steps = steps_for(input, office)?;
    let Some(today) = input.today else {
        return Ok(OfficeSchedule { steps, feasibility: None, earliest_designation: None });
    };
    mark_past(&mut steps, today);
    let earliest = earliest_designation(input, office, today)?;
    let feasibility = judge(&steps, today, earliest);
    Ok(OfficeSchedule { steps, feasibility: Some(feasibility), earliest_designation: earliest })
}

/// The first designation month after today's whose firm dates are all still ahead.
fn earliest_designation(
    input: &ScheduleInput,
    office: &Office,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, ScheduleError> {
    let mut candidate =
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month") + Months::new(1);
    for _ in 0..EARLIEST_SEARCH_MONTHS {
        if !(FIRST_DESIGNATION..=LAST_DESIGNATION).contains(&candidate) {
            break;
        }
        let probe = ScheduleInput { designation: candidate, setup: None, today: None, ..*input };
        let candidate_steps = match steps_for(&probe, office) {
            Ok(s) => s,
            Err(ScheduleError::Calendar(_)) => break,
            Err(e) => return Err(e),
        };
        if last_day_to_keep(&candidate_steps).is_none_or(|last| today <= last) {
            return Ok(Some(candidate));
        }
        candidate = candidate + Months::new(1);
    }
    Ok(None)
}

/// The last day on which a designation can still be kept: its earliest firm date (第1 1(2) and
/// the bureau's deadlines, a 目安 standing for an unknown one included); after it a firm date
/// has passed ([`blocking_step`]). `None` when no firm step is dated.
pub(super) fn last_day_to_keep(steps: &[Step]) -> Option<NaiveDate> {
    steps.iter().filter(|s| s.firm).filter_map(|s| s.date).min()
}

/// 第1 1(2) and the bureau's deadlines: the firm date that has passed and so decides the
/// designation, a firm deadline before a 目安 that stands for an unknown deadline.
fn blocking_step(steps: &[Step], today: NaiveDate) -> Option<&Step> {
    let passed = |s: &&Step| s.firm && s.date.is_some_and(|d| d < today);
    steps.iter().filter(passed).find(|s| !s.approximate).or_else(|| steps.iter().filter(passed).find(|s| s.approximate))
}

/// A passed firm date makes the designation infeasible; a passed 目安 for an unknown deadline
/// leaves it unconfirmed.
fn judge(steps: &[Step], today: NaiveDate, earliest: Option<NaiveDate>) -> Feasibility {
    let Some(step) = blocking_step(steps, today) else { return Feasibility::Feasible };
    let (title, date) = (step.title.clone(), step.date.expect("a passed step has a date"));
    if step.approximate {
        Feasibility::Unconfirmed { step: title, date }
    } else {
        Feasibility::Infeasible { step: title, date, earliest }
    }
}

/// Past dates: a firm deadline is 「期限を過ぎています」, a 目安 a warning.
fn mark_past(steps: &mut [Step], today: NaiveDate) {
    for step in steps.iter_mut() {
        let Some(date) = step.date else { continue };
        if date >= today || step.id == StepId::Designation {
            continue;
        }
        step.past = true;
        step.notes.push(Note::Past { firm: step.firm, rule_unknown: step.rule_unknown });
    }
}

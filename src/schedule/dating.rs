//! Dating the steps of the notice for one office: each step's rule, its anchors, closed days
//! and the notes that say why a date is what it is.

use super::{card_reader_lead_time, Note, ReplyWindow, ScheduleError, ScheduleInput, Step, StepId};
use crate::bureaus::{DeadlineDate, Office};
use crate::calendar::{Calendar, CalendarError};
use crate::notice::{DateRule, NoticeStep};
use crate::rule::{DaySpec, DeadlineRule};
use chrono::{Datelike, Days, NaiveDate};
use std::collections::BTreeMap;

/// 「元日」, 「日曜日」: why a day is closed.
fn closed_label(calendar: &Calendar, date: NaiveDate) -> Result<String, CalendarError> {
    Ok(calendar.closed_reason(date)?.map(|r| r.label()).unwrap_or_default())
}

/// A date as the rule gave it, before closed-day 目安 moves and notes about them.
struct RuleDated {
    date: Option<NaiveDate>,
    /// Where provisional holidays could have decided it (from, to).
    span: Option<(NaiveDate, NaiveDate)>,
    moved_from: Option<NaiveDate>,
    /// The bureau's rule is unknown: the notice's 目安, this guideline, dates the step.
    guideline: Option<DeadlineRule>,
    published: bool,
    /// A rule that keeps its day on a closed day (the notice's fixed dates, `closed_day = "none"`).
    keeps_closed_day: bool,
    notes: Vec<Note>,
}

impl RuleDated {
    fn plain(date: Option<NaiveDate>) -> RuleDated {
        RuleDated {
            date,
            span: date.map(|d| (d, d)),
            moved_from: None,
            guideline: None,
            published: false,
            keeps_closed_day: false,
            notes: Vec::new(),
        }
    }

    fn rule_unknown(&self) -> bool {
        self.guideline.is_some()
    }
}

/// A date computed from a month/day rule: the span runs from the day the rule names (or the
/// first of the month for 月初の開庁日) to the deadline, which is fixed unless it moves.
fn from_rule(
    rule: Option<&DeadlineRule>,
    date: NaiveDate,
    moved_from: Option<NaiveDate>,
    notes: Vec<Note>,
) -> RuleDated {
    let base = match (moved_from, rule) {
        (Some(from), _) => from,
        (None, Some(r)) if r.day == DaySpec::FirstOpenDay => date.with_day(1).expect("day 1"),
        _ => date,
    };
    let keeps_closed_day = rule.is_some_and(DeadlineRule::keeps_closed_days);
    RuleDated { span: Some((base, date)), moved_from, keeps_closed_day, notes, ..RuleDated::plain(Some(date)) }
}

/// The date of one step for one office; anchors are looked up (and computed) in `done`.
fn date_of(
    input: &ScheduleInput,
    office: &Office,
    step: &NoticeStep,
    done: &mut BTreeMap<StepId, Option<NaiveDate>>,
) -> Result<RuleDated, ScheduleError> {
    let calendar = &input.content.calendar;
    let designation = input.designation;
    Ok(match step.date {
        DateRule::None => RuleDated::plain(None),
        DateRule::Setup => RuleDated::plain(input.setup),
        DateRule::MonthDay(rule) => {
            let (date, moved_from) = rule.deadline(designation, calendar)?;
            from_rule(Some(&rule), date, moved_from, Vec::new())
        }
        DateRule::Bureau { deadline, guideline } => {
            let spec = office.deadline(deadline);
            let mut notes: Vec<Note> = spec.wording.iter().cloned().map(Note::BureauWording).collect();
            match spec.deadline(designation, calendar)? {
                DeadlineDate::Rule { date, moved_from } => {
                    notes.extend(spec.inferred.iter().cloned().map(Note::InferredReading));
                    from_rule(spec.rule.value(), date, moved_from, notes)
                }
                DeadlineDate::Published { date } => {
                    notes.push(Note::Published);
                    RuleDated { published: true, keeps_closed_day: true, notes, ..RuleDated::plain(Some(date)) }
                }
                DeadlineDate::Unknown => {
                    let (date, _) = guideline.deadline(designation, calendar)?;
                    // Its note, with the date as finally shown, follows these (see `steps_for`).
                    RuleDated { guideline: Some(guideline), notes, ..RuleDated::plain(Some(date)) }
                }
            }
        }
        DateRule::BusinessDays { anchor, business_days } => match anchor_date(input, office, anchor, done)? {
            Some(a) => {
                let date = calendar.add_business_days(a, business_days)?;
                RuleDated { span: Some((a, date)), ..RuleDated::plain(Some(date)) }
            }
            None => RuleDated {
                notes: vec![Note::AnchorUndated { anchor: input.content.notice.step(anchor).numbered_title(false) }],
                ..RuleDated::plain(None)
            },
        },
        DateRule::Days { anchor, days } => match anchor_date(input, office, anchor, done)? {
            Some(a) => {
                let date = if days >= 0 {
                    a.checked_add_days(Days::new(days as u64))
                } else {
                    a.checked_sub_days(Days::new(days.unsigned_abs() as u64))
                }
                .ok_or(CalendarError::OutOfRange(a))?;
                calendar.is_closed(date)?;
                RuleDated::plain(Some(date))
            }
            None => RuleDated::plain(None),
        },
    })
}

fn anchor_date(
    input: &ScheduleInput,
    office: &Office,
    anchor: StepId,
    done: &mut BTreeMap<StepId, Option<NaiveDate>>,
) -> Result<Option<NaiveDate>, ScheduleError> {
    if let Some(date) = done.get(&anchor) {
        return Ok(*date);
    }
    // The loader refused cycles, so this recursion ends.
    let step = input.content.notice.step(anchor);
    let dated = date_of(input, office, step, done)?;
    let date = settle(input, step, &dated)?.date;
    done.insert(anchor, date);
    Ok(date)
}

/// A step's final date.
struct Settled {
    date: Option<NaiveDate>,
    /// A 目安 that fell on this closed day and moved to the previous open day.
    guideline_moved_from: Option<NaiveDate>,
}

/// The final date: a 目安 on a closed day moves to the previous open day.
fn settle(input: &ScheduleInput, step: &NoticeStep, dated: &RuleDated) -> Result<Settled, CalendarError> {
    let calendar = &input.content.calendar;
    let approximate = step.approximate || dated.rule_unknown();
    match dated.date {
        Some(date) if approximate && step.id != StepId::Designation && calendar.is_closed(date)? => {
            Ok(Settled { date: Some(calendar.previous_open_day(date)?), guideline_moved_from: Some(date) })
        }
        date => Ok(Settled { date, guideline_moved_from: None }),
    }
}

/// Every step of the notice for one office, dated, with its notes.
pub(super) fn steps_for(input: &ScheduleInput, office: &Office) -> Result<Vec<Step>, ScheduleError> {
    let calendar = &input.content.calendar;
    let notice = &input.content.notice;
    calendar.is_closed(input.designation)?;
    let mut done: BTreeMap<StepId, Option<NaiveDate>> = BTreeMap::new();
    let mut steps = Vec::with_capacity(notice.steps.len());
    for ns in &notice.steps {
        let dated = date_of(input, office, ns, &mut done)?;
        let Settled { date, guideline_moved_from } = settle(input, ns, &dated)?;
        done.insert(ns.id, date);
        let approximate = ns.approximate || dated.rule_unknown();
        let transitional_words = ns.transitional.as_ref().filter(|_| input.transitional);
        let mut notes: Vec<Note> = Vec::new();
        if let Some(n) = transitional_words.map_or(&ns.note, |t| &t.note) {
            notes.push(Note::Notice(n.clone()));
        }
        notes.extend(dated.notes.iter().cloned());
        if let (Some(guideline), Some(date)) = (dated.guideline, date) {
            notes.push(Note::RuleUnknown { guideline, date });
        }
        let closed_day = match date {
            Some(x) => calendar.is_closed(x)?,
            None => false,
        };
        let mut span = dated.span;
        let mut moved_from = dated.moved_from;
        if let (Some(from), Some(to)) = (dated.moved_from, date) {
            notes.push(Note::MovedFromClosedDay { from, to, reason: closed_label(calendar, from)? });
        }
        if let (Some(from), Some(to)) = (guideline_moved_from, date) {
            notes.push(Note::GuidelineMoved { from, to, reason: closed_label(calendar, from)? });
            span = Some((from, to));
            moved_from = Some(from);
        }
        // A date no rule moves, on a closed day: suggest the previous open day.
        let mut recommended = None;
        if let (Some(x), true, true, false) = (date, closed_day, dated.keeps_closed_day, approximate) {
            if ns.id != StepId::Designation {
                let previous = calendar.previous_open_day(x)?;
                recommended = Some(previous);
                notes.push(Note::FixedOnClosedDay {
                    date: x,
                    reason: closed_label(calendar, x)?,
                    recommended: previous,
                    bureau: matches!(ns.date, DateRule::Bureau { .. }),
                });
            }
        }
        let provisional = match span {
            Some((a, b)) => calendar.provisional_between(a, b)?,
            None => false,
        };
        steps.push(Step {
            id: ns.id,
            date,
            actor: ns.actor.clone(),
            title: ns.numbered_title(input.transitional),
            source: ns.citation.clone(),
            approximate,
            firm: ns.firm,
            timing: ns.timing,
            closed_day,
            provisional,
            rule_unknown: dated.rule_unknown(),
            published: dated.published,
            moved_from,
            recommended,
            past: false,
            notes,
            offices: Vec::new(),
        });
    }
    add_warnings(input, &mut steps);
    // 第1 1(2), 第3(2): a reply moved past the 10th leaves less time for ⑥.
    if let Some(window) = reply_window(calendar, &steps)?.filter(ReplyWindow::is_short) {
        let instructions = notice.portal.submission_url.clone();
        if let Some(submit) = steps.iter_mut().find(|s| s.id == StepId::ReceptionSubmit) {
            submit.notes.push(Note::ShortReplyWindow { window, instructions });
        }
    }
    Ok(steps)
}

/// Warnings that compare the facility's own dates with the notice's (code, not content).
fn add_warnings(input: &ScheduleInput, steps: &mut [Step]) {
    let designation = input.designation;
    let date = |steps: &[Step], id: StepId| steps.iter().find(|s| s.id == id).and_then(|s| s.date);
    let portal = date(steps, StepId::PortalAccount);
    let usage = date(steps, StepId::UsageApplication);
    for step in steps.iter_mut() {
        match step.id {
            // 別添2 製品比較表: card readers take 3–4 months to arrive.
            StepId::CardReaderOrder => {
                if let Some(warning) = input.today.and_then(|t| card_reader_lead_time(t, designation)) {
                    step.notes.push(warning);
                }
            }
            // 別添2 3④: the usage application needs the portal account.
            StepId::UsageApplication => {
                if let (Some(u), Some(p)) = (usage, portal) {
                    if u < p {
                        step.notes.push(Note::UsageBeforePortal { portal: p });
                    }
                }
            }
            // 別添2 4-1①: the set-up needs the certificate and must come before the designation.
            StepId::DeviceSetup => {
                if let Some(setup) = input.setup {
                    if setup >= designation {
                        step.notes.push(Note::SetupOnOrAfterDesignation);
                    } else if portal.is_some_and(|p| setup < p) {
                        step.notes.push(Note::SetupBeforePortal);
                    }
                }
            }
            _ => {}
        }
    }
}

/// 第1 1(2) and 第3(2): the window between the bureau's reply and ⑥, from the two steps'
/// dates; `None` when either has none.
pub(super) fn reply_window(calendar: &Calendar, steps: &[Step]) -> Result<Option<ReplyWindow>, CalendarError> {
    let date = |id: StepId| steps.iter().find(|s| s.id == id).and_then(|s| s.date);
    let (Some(reply_by), Some(submit_by)) = (date(StepId::ReceptionReply), date(StepId::ReceptionSubmit)) else {
        return Ok(None);
    };
    Ok(Some(ReplyWindow {
        reply_by,
        submit_by,
        days: submit_by.signed_duration_since(reply_by).num_days(),
        // onshi's suggestion: the next open day after the last day of mailing.
        ask_from: calendar.add_business_days(reply_by, 1)?,
    }))
}

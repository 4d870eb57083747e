//! A facility's personal schedule: every step of the notice for one designation date.
//!
//! The steps, their words and the rules that date them are content (`content/notice.toml`,
//! [`crate::notice`]); the bureau's own deadlines come from its content file
//! ([`crate::bureaus`]); closed days from [`crate::calendar`]. This is the one engine: the
//! deadline tables, the wizard, the command line, the .ics and the timeline all call
//! [`compute`].

use crate::bureaus::{Bureau, Office, RuleDeadline};
use crate::calendar::{Calendar, CalendarError};
use crate::content::Content;
use crate::era::format_era_date_weekday;
pub use crate::notice::StepId;
use crate::notice::{DateRule, NoticeStep};
use crate::rule::{DaySpec, DeadlineKind, DeadlineRule};
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// The procedure began with designations of 令和6年2月 (the notice applies from then).
pub const FIRST_DESIGNATION: NaiveDate = match NaiveDate::from_ymd_opt(2024, 2, 1) {
    Some(d) => d,
    None => panic!(),
};
/// The last designation the calendar can date every step of.
pub const LAST_DESIGNATION: NaiveDate = match NaiveDate::from_ymd_opt(2099, 12, 1) {
    Some(d) => d,
    None => panic!(),
};

/// One step of the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub id: StepId,
    /// `None` when the date depends on something not given (the set-up date, the office).
    pub date: Option<NaiveDate>,
    pub actor: String,
    /// With its number in 別紙3 (「⑤ 受付番号情報提供依頼書…」).
    pub title: String,
    /// The section of the notice (or guide) the step comes from.
    pub source: String,
    /// A 目安 (guideline), not a deadline.
    pub approximate: bool,
    /// When this date has passed, the designation date cannot be kept.
    pub firm: bool,
    /// The date falls on a closed day.
    pub closed_day: bool,
    /// An equinox not yet published in a 暦要項 decided the date.
    pub provisional: bool,
    /// The bureau's rule for this step is not known: the date is the notice's 目安.
    pub rule_unknown: bool,
    /// The bureau published this date for this designation month.
    pub published: bool,
    /// The day the rule gave before a closed day moved it.
    pub moved_from: Option<NaiveDate>,
    /// A fixed date on a closed day: the previous open day, to be safe.
    pub recommended: Option<NaiveDate>,
    /// With "today": the date is before today.
    pub past: bool,
    /// What the user should know: moved dates, closed days, unknown rules, warnings.
    pub note: Option<String>,
    /// For a date that differs by office (no office given): each office's date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<OfficeDate>,
}

/// One office's date for a step whose date differs by office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeDate {
    pub office: String,
    pub date: Option<NaiveDate>,
    pub approximate: bool,
    pub past: bool,
}

/// Whether one office can still keep the designation date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeFeasibility {
    pub office: String,
    pub name: String,
    pub feasible: Option<bool>,
    pub earliest_designation: Option<NaiveDate>,
}

/// The whole schedule for one designation date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub bureau: String,
    pub office: Option<String>,
    pub designation: NaiveDate,
    /// 経過措置: no 別紙2; the 猶予届出書 goes with the 指定申請.
    pub transitional: bool,
    /// With "today": `false` when a firm deadline has passed; `None` when it cannot be said
    /// (a bureau's deadline unknown and its 目安 passed; offices that differ) — see
    /// `feasibility_note`. Without "today": `None`.
    pub feasible: Option<bool>,
    pub feasibility_note: Option<String>,
    /// With "today": the first designation date whose firm deadlines are all still ahead.
    pub earliest_designation: Option<NaiveDate>,
    /// Without an office: each office's answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<OfficeFeasibility>,
    pub steps: Vec<Step>,
}

impl Schedule {
    pub fn step(&self, id: StepId) -> &Step {
        self.steps.iter().find(|s| s.id == id).expect("every step is present")
    }

    /// The steps in date order (the undated ones last, in the notice's order): how a person
    /// reads what comes when.
    pub fn in_date_order(&self) -> Vec<&Step> {
        let mut steps: Vec<&Step> = self.steps.iter().collect();
        steps.sort_by_key(|s| (s.date.is_none(), s.date));
        steps
    }

    /// What to do next on `today`: the first step, in date order, dated today or later that
    /// the facility (or its vendor) does — not the bureau's reply, not the designation itself
    /// unless nothing else is left.
    pub fn next_action(&self, today: NaiveDate) -> Option<NextAction> {
        let upcoming: Vec<&Step> =
            self.in_date_order().into_iter().filter(|s| s.date.is_some_and(|d| d >= today)).collect();
        let step = upcoming
            .iter()
            .find(|s| !matches!(s.id, StepId::ReceptionReply | StepId::Designation))
            .or_else(|| upcoming.first())?;
        let date = step.date?;
        Some(NextAction {
            id: step.id,
            title: step.title.clone(),
            date,
            days_left: date.signed_duration_since(today).num_days(),
            approximate: step.approximate,
        })
    }
}

/// The next thing to do and how long is left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextAction {
    pub id: StepId,
    pub title: String,
    pub date: NaiveDate,
    /// Days from today (0: today).
    pub days_left: i64,
    pub approximate: bool,
}

/// Where a step stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Past,
    Today,
    Upcoming,
    /// No date yet (it depends on the set-up date or the office).
    Undated,
}

impl Step {
    pub fn status(&self, today: NaiveDate) -> StepStatus {
        match self.date {
            None => StepStatus::Undated,
            Some(d) if d < today => StepStatus::Past,
            Some(d) if d == today => StepStatus::Today,
            Some(_) => StepStatus::Upcoming,
        }
    }
}

/// 別添2 製品比較表: card readers take 3–4 months to arrive. A warning when ordering on
/// `today` may be too late for `designation`.
pub fn card_reader_lead_time_warning(today: NaiveDate, designation: NaiveDate) -> Option<String> {
    let arrival = today.checked_add_months(Months::new(4))?;
    (arrival > designation).then(|| {
        format!(
            "今日発注しても、納期4か月なら {} の到着となり、指定日に間に合わないおそれがあります。メーカーに納期を確認してください。",
            format_era_date_weekday(arrival)
        )
    })
}

/// What the schedule is computed from.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleInput<'a> {
    pub content: &'a Content,
    pub bureau: &'a Bureau,
    /// `None`: each office is judged; steps whose date differs list each office's date.
    pub office: Option<&'a Office>,
    /// 指定日: the 1st of a month.
    pub designation: NaiveDate,
    /// 機器設定作業の日, when known.
    pub setup: Option<NaiveDate>,
    pub today: Option<NaiveDate>,
    /// 経過措置.
    pub transitional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// The designation date is not the 1st of a month.
    DesignationNotFirstOfMonth(NaiveDate),
    /// Before the procedure began or after what the calendar covers.
    DesignationOutOfRange(NaiveDate),
    /// The office does not belong to the bureau.
    OfficeNotInBureau {
        office: String,
        bureau: String,
    },
    Calendar(CalendarError),
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleError::DesignationNotFirstOfMonth(d) => write!(
                f,
                "指定日 {d} は月の1日ではありません。保険医療機関等の指定日は原則として月の1日です。{} のように1日を指定してください。",
                NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("first of month")
            ),
            ScheduleError::DesignationOutOfRange(d) => write!(
                f,
                "指定日 {d} は扱えません。この手続が始まった {FIRST_DESIGNATION}（令和6年2月1日）から {LAST_DESIGNATION} までの月の1日を指定してください。"
            ),
            ScheduleError::OfficeNotInBureau { office, bureau } => {
                write!(f, "事務所「{office}」は {bureau} の事務所ではありません。")
            }
            ScheduleError::Calendar(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ScheduleError {}

impl From<CalendarError> for ScheduleError {
    fn from(e: CalendarError) -> Self {
        ScheduleError::Calendar(e)
    }
}

/// How many months after today `earliest_designation` looks.
const EARLIEST_SEARCH_MONTHS: u32 = 36;

/// Computes the schedule.
pub fn compute(input: &ScheduleInput) -> Result<Schedule, ScheduleError> {
    let d = input.designation;
    if d.day() != 1 {
        return Err(ScheduleError::DesignationNotFirstOfMonth(d));
    }
    if !(FIRST_DESIGNATION..=LAST_DESIGNATION).contains(&d) {
        return Err(ScheduleError::DesignationOutOfRange(d));
    }
    if let Some(office) = input.office {
        if !input.bureau.offices.iter().any(|o| o.id == office.id) {
            return Err(ScheduleError::OfficeNotInBureau {
                office: office.id.clone(),
                bureau: input.bureau.name.clone(),
            });
        }
        let one = for_office(input, office)?;
        return Ok(Schedule {
            bureau: input.bureau.id.clone(),
            office: Some(office.id.clone()),
            designation: d,
            transitional: input.transitional,
            feasible: one.feasible,
            feasibility_note: one.feasibility_note,
            earliest_designation: one.earliest_designation,
            offices: Vec::new(),
            steps: one.steps,
        });
    }
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

/// One office's schedule and its feasibility.
#[derive(Clone)]
struct OfficeSchedule {
    steps: Vec<Step>,
    feasible: Option<bool>,
    feasibility_note: Option<String>,
    earliest_designation: Option<NaiveDate>,
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
        let lines: Vec<String> = per_office
            .iter()
            .map(|(o, s)| {
                let st = &s.steps[i];
                let date = st.date.map(format_era_date_weekday).unwrap_or_else(|| "日付なし".into());
                let unknown = if st.rule_unknown { "（目安・期限未確認）" } else { "" };
                let past = match (st.past, st.firm && !st.approximate) {
                    (true, true) => "（期限を過ぎています）",
                    (true, false) => "（目安を過ぎています）",
                    _ => "",
                };
                format!("{}：{date}{unknown}{past}", o.display_name())
            })
            .collect();
        let all_past = per_office.iter().all(|(_, s)| s.steps[i].past);
        let mut note = format!("事務所により異なります。\n{}", lines.join("\n"));
        if all_past && step.firm {
            note.push_str("\nどの事務所でも期限を過ぎています。この指定日には間に合いません。");
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
            note: Some(note),
            offices,
            ..step.clone()
        });
    }
    let answers: Vec<Option<bool>> = per_office.iter().map(|(_, s)| s.feasible).collect();
    let all_same = answers.iter().all(|a| *a == answers[0]);
    let (feasible, feasibility_note) = if all_same {
        (answers[0], first.feasibility_note.clone())
    } else {
        let lines: Vec<String> = per_office
            .iter()
            .map(|(o, s)| {
                let answer = match s.feasible {
                    Some(true) => "間に合います",
                    Some(false) => "間に合いません",
                    None => "未確認（事務所に確認してください）",
                };
                format!("{}：{answer}", o.display_name())
            })
            .collect();
        (
            None,
            Some(format!(
                "提出先の事務所により異なります。都道府県（事務所）を選ぶと決まります。\n{}",
                lines.join("\n")
            )),
        )
    };
    let earliest = per_office.iter().map(|(_, s)| s.earliest_designation).collect::<Option<Vec<_>>>();
    Schedule {
        bureau: input.bureau.id.clone(),
        office: None,
        designation: input.designation,
        transitional: input.transitional,
        feasible,
        feasibility_note,
        // A month that every office can still keep.
        earliest_designation: earliest.and_then(|list| list.into_iter().max()),
        offices: if per_office.len() > 1 {
            per_office
                .iter()
                .map(|(o, s)| OfficeFeasibility {
                    office: o.id.clone(),
                    name: o.display_name(),
                    feasible: s.feasible,
                    earliest_designation: s.earliest_designation,
                })
                .collect()
        } else {
            Vec::new()
        },
        steps,
    }
}

fn for_office(input: &ScheduleInput, office: &Office) -> Result<OfficeSchedule, ScheduleError> {
    let mut steps = steps_for(input, office)?;
    let Some(today) = input.today else {
        return Ok(OfficeSchedule { steps, feasible: None, feasibility_note: None, earliest_designation: None });
    };
    mark_past(&mut steps, today);
    let (feasible, feasibility_note) = feasibility(&steps, today);
    let mut earliest = None;
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
        if blocking_step(&candidate_steps, today).is_none() {
            earliest = Some(candidate);
            break;
        }
        candidate = candidate + Months::new(1);
    }
    Ok(OfficeSchedule { steps, feasible, feasibility_note, earliest_designation: earliest })
}

/// 第1 1(2) and the bureau's deadlines: the firm date that has passed and so decides the
/// designation, a firm deadline before a 目安 that stands for an unknown deadline.
fn blocking_step(steps: &[Step], today: NaiveDate) -> Option<&Step> {
    let passed = |s: &&Step| s.firm && s.date.is_some_and(|d| d < today);
    steps.iter().filter(passed).find(|s| !s.approximate).or_else(|| steps.iter().filter(passed).find(|s| s.approximate))
}

/// A passed firm date makes the designation infeasible; a passed 目安 for an unknown deadline
/// leaves it unconfirmed.
fn feasibility(steps: &[Step], today: NaiveDate) -> (Option<bool>, Option<String>) {
    let Some(step) = blocking_step(steps, today) else { return (Some(true), None) };
    let date = step.date.map(format_era_date_weekday).unwrap_or_default();
    if !step.approximate {
        return (Some(false), Some(format!("「{}」の期日（{date}）を過ぎています。", step.title)));
    }
    (
        None,
        Some(format!(
            "「{}」の局の期限が未確認で、通知の目安（{date}）を過ぎています。間に合うかどうか、提出先の事務所に確認してください。",
            step.title
        )),
    )
}

/// Past dates: a firm deadline is 「期限を過ぎています」, a 目安 a warning.
fn mark_past(steps: &mut [Step], today: NaiveDate) {
    for step in steps.iter_mut() {
        let Some(date) = step.date else { continue };
        if date >= today || step.id == StepId::Designation {
            continue;
        }
        step.past = true;
        let text = match (step.firm, step.rule_unknown) {
            (true, false) => "期限を過ぎています。この指定日には間に合いません。",
            (true, true) => {
                "目安の日を過ぎています。局の期限は未確認のため、間に合うかどうか提出先の事務所に確認してください。"
            }
            _ => "目安の日を過ぎています。できるだけ早く進めてください。",
        };
        append(&mut step.note, text);
    }
}

fn append(note: &mut Option<String>, text: &str) {
    match note {
        Some(n) if !n.is_empty() => {
            n.push('\n');
            n.push_str(text);
        }
        _ => *note = Some(text.to_string()),
    }
}

/// 「元日」, 「日曜日」: why a day is closed.
fn closed_label(calendar: &Calendar, date: NaiveDate) -> Result<String, CalendarError> {
    Ok(calendar.closed_reason(date)?.map(|r| r.label()).unwrap_or_default())
}

/// A date as the rule gave it, before notes.
struct Dated {
    date: Option<NaiveDate>,
    /// Where provisional holidays could have decided it (from, to).
    span: Option<(NaiveDate, NaiveDate)>,
    moved_from: Option<NaiveDate>,
    rule_unknown: bool,
    published: bool,
    /// A rule that keeps its day on a closed day (the notice's fixed dates, `closed_day = "none"`).
    fixed: bool,
    notes: Vec<String>,
}

impl Dated {
    fn plain(date: Option<NaiveDate>) -> Dated {
        Dated {
            date,
            span: date.map(|d| (d, d)),
            moved_from: None,
            rule_unknown: false,
            published: false,
            fixed: false,
            notes: Vec::new(),
        }
    }
}

/// A date computed from a month/day rule: the span runs from the day the rule names (or the
/// first of the month for 月初の開庁日) to the deadline, which is fixed unless it moves.
fn rule_dated(
    rule: Option<&DeadlineRule>,
    date: NaiveDate,
    moved_from: Option<NaiveDate>,
    notes: Vec<String>,
) -> Dated {
    let base = match (moved_from, rule) {
        (Some(from), _) => from,
        (None, Some(r)) if r.day == DaySpec::FirstOpenDay => date.with_day(1).expect("day 1"),
        _ => date,
    };
    let fixed = rule.is_some_and(DeadlineRule::keeps_closed_days);
    Dated { span: Some((base, date)), moved_from, fixed, notes, ..Dated::plain(Some(date)) }
}

/// The date of one step for one office; anchors are looked up (and computed) in `done`.
fn date_of(
    input: &ScheduleInput,
    office: &Office,
    step: &NoticeStep,
    done: &mut BTreeMap<StepId, Option<NaiveDate>>,
) -> Result<Dated, ScheduleError> {
    let calendar = &input.content.calendar;
    let d = input.designation;
    Ok(match step.date {
        DateRule::None => Dated::plain(None),
        DateRule::Setup => Dated::plain(input.setup),
        DateRule::MonthDay(rule) => {
            let (date, moved_from) = rule.deadline(d, calendar)?;
            rule_dated(Some(&rule), date, moved_from, Vec::new())
        }
        DateRule::Bureau { deadline, guideline } => {
            let spec = office.deadline(deadline);
            let mut notes: Vec<String> = spec.wording.iter().map(|w| format!("局の定め：「{w}」")).collect();
            match spec.deadline(d, calendar)? {
                RuleDeadline::Rule { date, moved_from } => rule_dated(spec.rule.value(), date, moved_from, notes),
                RuleDeadline::Published { date } => {
                    notes.push("局が公表した月ごとの期限です。".into());
                    Dated { published: true, fixed: true, notes, ..Dated::plain(Some(date)) }
                }
                RuleDeadline::Unknown => {
                    let (date, _) = guideline.deadline(d, calendar)?;
                    notes.push(format!(
                        "この局・事務所の提出期限は未確認です。通知の目安（{}）を表示しています。提出先の事務所に確認してください。",
                        guideline.describe()
                    ));
                    Dated { rule_unknown: true, notes, ..Dated::plain(Some(date)) }
                }
            }
        }
        DateRule::BusinessDays { anchor, business_days } => match anchor_date(input, office, anchor, done)? {
            Some(a) => {
                let date = calendar.add_business_days(a, business_days)?;
                Dated { span: Some((a, date)), ..Dated::plain(Some(date)) }
            }
            None => Dated {
                notes: vec![format!(
                    "「{}」の日が決まると日付が決まります。",
                    input.content.notice.step(anchor).numbered_title(false)
                )],
                ..Dated::plain(None)
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
                Dated::plain(Some(date))
            }
            None => Dated::plain(None),
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
    let date = settle(input, step, &dated)?.0;
    done.insert(anchor, date);
    Ok(date)
}

/// The final date: a 目安 on a closed day moves to the previous open day.
fn settle(
    input: &ScheduleInput,
    step: &NoticeStep,
    dated: &Dated,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), CalendarError> {
    let calendar = &input.content.calendar;
    let approximate = step.approximate || dated.rule_unknown;
    match dated.date {
        Some(date) if approximate && step.id != StepId::Designation && calendar.is_closed(date)? => {
            Ok((Some(calendar.previous_open_day(date)?), Some(date)))
        }
        other => Ok((other, None)),
    }
}

fn steps_for(input: &ScheduleInput, office: &Office) -> Result<Vec<Step>, ScheduleError> {
    let calendar = &input.content.calendar;
    let notice = &input.content.notice;
    let d = input.designation;
    calendar.is_closed(d)?;
    let mut done: BTreeMap<StepId, Option<NaiveDate>> = BTreeMap::new();
    let mut steps = Vec::with_capacity(notice.steps.len());
    for ns in &notice.steps {
        let dated = date_of(input, office, ns, &mut done)?;
        let (date, guideline_moved_from) = settle(input, ns, &dated)?;
        done.insert(ns.id, date);
        let approximate = ns.approximate || dated.rule_unknown;
        let transitional_words = ns.transitional.as_ref().filter(|_| input.transitional);
        let mut notes: Vec<String> = Vec::new();
        if let Some(n) = transitional_words.map_or(&ns.note, |t| &t.note) {
            notes.push(n.clone());
        }
        notes.extend(dated.notes.iter().cloned());
        let closed_day = match date {
            Some(x) => calendar.is_closed(x)?,
            None => false,
        };
        let mut span = dated.span;
        let mut moved_from = dated.moved_from;
        if let (Some(from), Some(to)) = (dated.moved_from, date) {
            notes.push(format!(
                "{} が閉庁日（{}）のため {} です。",
                format_era_date_weekday(from),
                closed_label(calendar, from)?,
                format_era_date_weekday(to)
            ));
        }
        if let (Some(from), Some(to)) = (guideline_moved_from, date) {
            notes.push(format!(
                "{} は閉庁日（{}）のため、前の開庁日 {} を目安にしています。",
                format_era_date_weekday(from),
                closed_label(calendar, from)?,
                format_era_date_weekday(to)
            ));
            span = Some((from, to));
            moved_from = Some(from);
        }
        // A date no rule moves, on a closed day: suggest the previous open day.
        let mut recommended = None;
        if let (Some(x), true, true, false) = (date, closed_day, dated.fixed, approximate) {
            if ns.id != StepId::Designation {
                let previous = calendar.previous_open_day(x)?;
                recommended = Some(previous);
                notes.push(format!(
                    "{} は閉庁日（{}）です。期日は動かないため、前の開庁日 {} までに済ませることをおすすめします。",
                    format_era_date_weekday(x),
                    closed_label(calendar, x)?,
                    format_era_date_weekday(previous)
                ));
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
            closed_day,
            provisional,
            rule_unknown: dated.rule_unknown,
            published: dated.published,
            moved_from,
            recommended,
            past: false,
            note: None,
            offices: Vec::new(),
        });
        let step = steps.last_mut().expect("just pushed");
        step.note = (!notes.is_empty()).then(|| notes.join("\n"));
    }
    add_warnings(input, &mut steps);
    Ok(steps)
}

/// Warnings that compare the facility's own dates with the notice's (code, not content).
fn add_warnings(input: &ScheduleInput, steps: &mut [Step]) {
    let d = input.designation;
    let date = |steps: &[Step], id: StepId| steps.iter().find(|s| s.id == id).and_then(|s| s.date);
    let portal = date(steps, StepId::PortalAccount);
    let usage = date(steps, StepId::UsageApplication);
    for step in steps.iter_mut() {
        match step.id {
            // 別添2 製品比較表: card readers take 3–4 months to arrive.
            StepId::CardReaderOrder => {
                if let Some(warning) = input.today.and_then(|t| card_reader_lead_time_warning(t, d)) {
                    append(&mut step.note, &warning);
                }
            }
            // 別添2 3④: the usage application needs the portal account.
            StepId::UsageApplication => {
                if let (Some(u), Some(p)) = (usage, portal) {
                    if u < p {
                        append(
                            &mut step.note,
                            &format!(
                                "アカウント登録ができる目安（{}）より前になっています。機器設定日を遅らせるか、システム事業者と相談してください。",
                                format_era_date_weekday(p)
                            ),
                        );
                    }
                }
            }
            // 別添2 4-1①: the set-up needs the certificate and must come before the designation.
            StepId::DeviceSetup => {
                if let Some(setup) = input.setup {
                    if setup >= d {
                        append(&mut step.note, "機器設定日が指定日以降です。指定日から資格確認を使うには、指定日より前に設定を済ませる必要があります。");
                    } else if portal.is_some_and(|p| setup < p) {
                        append(
                            &mut step.note,
                            "機器設定日がアカウント登録・利用申請より前です。電子証明書が届いてからでないと設定できません。",
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

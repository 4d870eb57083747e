//! A facility's personal schedule: every step of the notice for one designation date.
//!
//! The steps, their words and the rules that date them are content (`content/notice.toml`,
//! [`crate::notice`]); the bureau's own deadlines come from its content file
//! ([`crate::bureaus`]); closed days from [`crate::calendar`]. This is the one engine: the
//! deadline tables, the wizard, the command line, the .ics and the timeline all call
//! [`compute`].
//!
//! The engine returns facts: dates, flags, [`Note`]s and a [`Feasibility`]. Their Japanese
//! words are in `words.rs` ([`Note::text`], [`Note::short`], [`Feasibility::headline`]).

mod dating;
mod feasibility;
mod offices;
mod words;

use crate::bureaus::{Bureau, Office};
use crate::calendar::CalendarError;
use crate::content::Content;
pub use crate::notice::{StepId, Timing};
use crate::rule::DeadlineRule;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Serialize, Serializer};

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
    /// A deadline, the day it becomes possible, or the day it is done ([`Step::when`]).
    #[serde(skip)]
    pub timing: Option<Timing>,
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
    /// What the user should know: moved dates, closed days, unknown rules, warnings. In JSON
    /// `note`, their texts one a line.
    #[serde(rename = "note", serialize_with = "notes_as_text")]
    pub notes: Vec<Note>,
    /// For a date that differs by office (no office given): each office's date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<OfficeDate>,
}

/// What a step's note says, as a fact; [`Note::text`] and [`Note::short`] word it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The notice's own words for the step (`note` in `content/notice.toml`).
    Notice(String),
    /// The bureau's own wording of its deadline.
    BureauWording(String),
    /// The rule that dated the step is the content's reading of that wording, which does not
    /// state all of it: what was read into it (`inferred` in the bureau's file).
    InferredReading(String),
    /// The bureau published this date for this designation month.
    Published,
    /// The bureau's deadline is not confirmed: the notice's 目安 (`guideline`) dates the step,
    /// on `date`.
    RuleUnknown { guideline: DeadlineRule, date: NaiveDate },
    /// The step counts from another (`anchor`, its numbered title) not dated yet.
    AnchorUndated { anchor: String },
    /// The rule's day `from` is closed (`reason`); the rule moves the deadline to `to`.
    MovedFromClosedDay { from: NaiveDate, to: NaiveDate, reason: String },
    /// A 目安 on a closed day `from`: the previous open day `to` is shown.
    GuidelineMoved { from: NaiveDate, to: NaiveDate, reason: String },
    /// A date no rule moves falls on a closed day: this site suggests `recommended`, the
    /// previous open day. `bureau`: the date is the bureau's (its rule or a published date);
    /// else the notice's step, for which the notice gives no closed-day rule (第3(2) for ⑥).
    FixedOnClosedDay { date: NaiveDate, reason: String, recommended: NaiveDate, bureau: bool },
    /// 第1 1(2), 第3(2): on ⑥, the reply may be mailed later than the 10th, leaving fewer than
    /// [`ReplyWindow::USUAL_DAYS`] days; `instructions` is the 実施機関's page on how ⑥ is
    /// submitted (別添2 3-2).
    ShortReplyWindow { window: ReplyWindow, instructions: String },
    /// The date is before today: a deadline (`firm`) or a 目安, for a rule known or not.
    Past { firm: bool, rule_unknown: bool },
    /// 別添2 製品比較表: a card reader ordered today arrives on `arrival`, after the designation.
    CardReaderLeadTime { arrival: NaiveDate },
    /// 別添2 3④: the usage application falls before the portal account can exist (`portal`).
    UsageBeforePortal { portal: NaiveDate },
    /// 別添2 4-1①: the set-up is on or after the designation date.
    SetupOnOrAfterDesignation,
    /// 別添2 4-1①: the set-up is before the portal account and usage application.
    SetupBeforePortal,
    /// Without an office: the date differs by office.
    OfficesDiffer { offices: Vec<OfficeStepDate> },
    /// Without an office: every office's date has passed for a firm step.
    PastForEveryOffice,
}

/// One office's line of [`Note::OfficesDiffer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeStepDate {
    pub name: String,
    pub date: Option<NaiveDate>,
    pub rule_unknown: bool,
    pub past: bool,
    /// A deadline (firm, not a 目安).
    pub deadline: bool,
}

fn notes_as_text<S: Serializer>(notes: &[Note], s: S) -> Result<S::Ok, S::Error> {
    notes_text(notes).serialize(s)
}

fn notes_text(notes: &[Note]) -> Option<String> {
    (!notes.is_empty()).then(|| notes.iter().map(Note::text).collect::<Vec<_>>().join("\n"))
}

impl Step {
    /// The notes' texts, one a line (as in JSON's `note`).
    pub fn note(&self) -> Option<String> {
        notes_text(&self.notes)
    }

    /// Every line of the notes' texts.
    pub fn note_lines(&self) -> Vec<String> {
        self.notes.iter().flat_map(|n| n.text().lines().map(str::to_string).collect::<Vec<_>>()).collect()
    }

    pub fn status(&self, today: NaiveDate) -> StepStatus {
        match self.date {
            None => StepStatus::Undated,
            Some(d) if d < today => StepStatus::Past,
            Some(d) if d == today => StepStatus::Today,
            Some(_) => StepStatus::Upcoming,
        }
    }
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

/// Whether the designation date can still be kept on "today".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feasibility {
    /// Every firm date is today or later.
    Feasible,
    /// 第1 1(2): the firm date of `step` (its title) passed on `date`; `earliest` is the first
    /// designation whose firm dates are all still ahead.
    Infeasible { step: String, date: NaiveDate, earliest: Option<NaiveDate> },
    /// The 目安 of `step`, standing for a bureau deadline not confirmed, passed on `date`.
    Unconfirmed { step: String, date: NaiveDate },
    /// Without an office: the offices' answers differ.
    OfficesDiffer { offices: Vec<OfficeAnswer> },
}

/// One office's answer in [`Feasibility::OfficesDiffer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeAnswer {
    pub name: String,
    pub feasibility: Feasibility,
}

impl Feasibility {
    /// `true`, `false`, or `None` when it cannot be said (as in JSON's `feasible`).
    pub fn feasible(&self) -> Option<bool> {
        match self {
            Feasibility::Feasible => Some(true),
            Feasibility::Infeasible { .. } => Some(false),
            Feasibility::Unconfirmed { .. } | Feasibility::OfficesDiffer { .. } => None,
        }
    }
}

/// The days a facility has between the bureau's reply and ⑥, from the schedule's two dates:
/// 第1 1(2), the bureau mails the answered 別紙1 (with the 受付番号) by the 10th of the month
/// two months before the designation month, a closed day moving it to the next open day; 第3(2)
/// and 別紙3⑥, the facility submits the 受付番号 to the 実施機関 by the 15th of that month (the
/// notice gives no closed-day rule for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyWindow {
    /// 第1 1(2): the last day the bureau may mail its reply.
    pub reply_by: NaiveDate,
    /// 第3(2)・別紙3⑥: the day ⑥ is due.
    pub submit_by: NaiveDate,
    /// Calendar days from `reply_by` to `submit_by`, the post included.
    pub days: i64,
    /// The first open day after `reply_by`: from then on, a facility whose reply has not come
    /// should ask the office that received its 別紙1. This is onshi's suggestion; the notice
    /// names no such day.
    pub ask_from: NaiveDate,
}

impl ReplyWindow {
    /// The days when the reply is not moved: from the 10th (第1 1(2)) to the 15th (第3(2)) of
    /// the same month. The 15th never moves and the 10th moves only later (to the next open
    /// day), so fewer days mean that the 10th was a closed day and the window shrank.
    pub const USUAL_DAYS: i64 = 5;

    /// The reply may be mailed later than the 10th: fewer than [`ReplyWindow::USUAL_DAYS`].
    pub fn is_short(&self) -> bool {
        self.days < Self::USUAL_DAYS
    }
}

/// In JSON: the four facts and `short`.
impl Serialize for ReplyWindow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct ReplyWindowJson {
            reply_by: NaiveDate,
            submit_by: NaiveDate,
            days: i64,
            ask_from: NaiveDate,
            short: bool,
        }
        ReplyWindowJson {
            reply_by: self.reply_by,
            submit_by: self.submit_by,
            days: self.days,
            ask_from: self.ask_from,
            short: self.is_short(),
        }
        .serialize(s)
    }
}

/// The whole schedule for one designation date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub bureau: String,
    pub office: Option<String>,
    pub designation: NaiveDate,
    /// 経過措置: no 別紙2; the 猶予届出書 goes with the 指定申請.
    pub transitional: bool,
    /// With "today" only.
    pub feasibility: Option<Feasibility>,
    /// With "today": the first designation date whose firm deadlines are all still ahead.
    pub earliest_designation: Option<NaiveDate>,
    /// Without an office: each office's answer.
    pub offices: Vec<OfficeFeasibility>,
    pub steps: Vec<Step>,
    /// [`Schedule::reply_window`], set by [`compute`] from the final steps.
    reply_window: Option<ReplyWindow>,
}

/// The public JSON (`site schedule --format json`): `feasible` and `feasibility_note` as
/// before [`Feasibility`].
impl Serialize for Schedule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct ScheduleJson<'a> {
            bureau: &'a str,
            office: &'a Option<String>,
            designation: NaiveDate,
            transitional: bool,
            feasible: Option<bool>,
            feasibility_note: Option<String>,
            earliest_designation: Option<NaiveDate>,
            reply_window: Option<ReplyWindow>,
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            offices: &'a [OfficeFeasibility],
            steps: &'a [Step],
        }
        ScheduleJson {
            bureau: &self.bureau,
            office: &self.office,
            designation: self.designation,
            transitional: self.transitional,
            feasible: self.feasible(),
            feasibility_note: self.feasibility_note(),
            earliest_designation: self.earliest_designation,
            reply_window: self.reply_window,
            offices: &self.offices,
            steps: &self.steps,
        }
        .serialize(s)
    }
}

impl Schedule {
    pub fn step(&self, id: StepId) -> &Step {
        self.steps.iter().find(|s| s.id == id).expect("every step is present")
    }

    /// With "today": `false` when a firm deadline has passed; `None` when it cannot be said
    /// (a bureau's deadline unknown and its 目安 passed; offices that differ) — see
    /// [`Schedule::feasibility_note`]. Without "today": `None`.
    pub fn feasible(&self) -> Option<bool> {
        self.feasibility.as_ref().and_then(Feasibility::feasible)
    }

    /// The days between the bureau's reply (第1 1(2)) and ⑥ (第3(2)); `None` when either step
    /// has no date (without an office, when offices differ).
    pub fn reply_window(&self) -> Option<ReplyWindow> {
        self.reply_window
    }

    /// The last day on which this designation can still be kept (its earliest firm date): on a
    /// later day it is infeasible or unconfirmed, and the earliest designation is a later one.
    pub fn last_day_to_keep(&self) -> Option<NaiveDate> {
        feasibility::last_day_to_keep(&self.steps)
    }

    /// Why the designation cannot be kept, or cannot be judged.
    pub fn feasibility_note(&self) -> Option<String> {
        self.feasibility.as_ref().and_then(Feasibility::note)
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

/// 別添2 製品比較表: card readers take 3–4 months to arrive. The warning when ordering on
/// `today` may be too late for `designation`.
pub fn card_reader_lead_time(today: NaiveDate, designation: NaiveDate) -> Option<Note> {
    let arrival = today.checked_add_months(Months::new(4))?;
    (arrival > designation).then_some(Note::CardReaderLeadTime { arrival })
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

impl std::error::Error for ScheduleError {}

impl From<CalendarError> for ScheduleError {
    fn from(e: CalendarError) -> Self {
        ScheduleError::Calendar(e)
    }
}

/// Computes the schedule.
pub fn compute(input: &ScheduleInput) -> Result<Schedule, ScheduleError> {
    let designation = input.designation;
    if designation.day() != 1 {
        return Err(ScheduleError::DesignationNotFirstOfMonth(designation));
    }
    if !(FIRST_DESIGNATION..=LAST_DESIGNATION).contains(&designation) {
        return Err(ScheduleError::DesignationOutOfRange(designation));
    }
    let mut schedule = match input.office {
        None => offices::for_each_office(input)?,
        Some(office) => {
            if !input.bureau.offices.iter().any(|o| o.id == office.id) {
                return Err(ScheduleError::OfficeNotInBureau {
                    office: office.id.clone(),
                    bureau: input.bureau.name.clone(),
                });
            }
            let one = feasibility::for_office(input, office)?;
            Schedule {
                bureau: input.bureau.id.clone(),
                office: Some(office.id.clone()),
                designation,
                transitional: input.transitional,
                feasibility: one.feasibility,
                earliest_designation: one.earliest_designation,
                offices: Vec::new(),
                steps: one.steps,
                reply_window: None,
            }
        }
    };
    schedule.reply_window = dating::reply_window(&input.content.calendar, &schedule.steps)?;
    Ok(schedule)
}

/// One office's schedule and its feasibility.
#[derive(Clone)]
struct OfficeSchedule {
    steps: Vec<Step>,
    feasibility: Option<Feasibility>,
    earliest_designation: Option<NaiveDate>,
}

//! A facility's personal schedule: every step of the notice for one designation date.
//!
//! The steps follow 別紙3 (スケジュール（目安）), the 事務連絡 第1–第3 and the guide 別添2;
//! the bureau's own deadlines come from its content file ([`crate::bureaus`]).

use crate::bureaus::{Bureau, DeadlineSpec, Office, RuleDeadline};
use crate::calendar::{self, CalendarError, ClosedReason};
use crate::era::format_iso_weekday;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::fmt;

/// The steps, in the order of the notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    CardReaderOrder,
    NetworkOrder,
    VendorOrder,
    ReceptionRequest,
    ReceptionReply,
    ReceptionSubmit,
    PortalAccount,
    UsageApplication,
    DeviceSetup,
    OperationTest,
    OperationStartEntry,
    DesignationApplication,
    OnlineClaimApplication,
    Designation,
}

impl StepId {
    pub const ALL: [StepId; 14] = [
        StepId::CardReaderOrder,
        StepId::NetworkOrder,
        StepId::VendorOrder,
        StepId::ReceptionRequest,
        StepId::ReceptionReply,
        StepId::ReceptionSubmit,
        StepId::PortalAccount,
        StepId::UsageApplication,
        StepId::DeviceSetup,
        StepId::OperationTest,
        StepId::OperationStartEntry,
        StepId::DesignationApplication,
        StepId::OnlineClaimApplication,
        StepId::Designation,
    ];

    /// The id as in JSON (`reception_request`).
    pub fn as_str(self) -> &'static str {
        match self {
            StepId::CardReaderOrder => "card_reader_order",
            StepId::NetworkOrder => "network_order",
            StepId::VendorOrder => "vendor_order",
            StepId::ReceptionRequest => "reception_request",
            StepId::ReceptionReply => "reception_reply",
            StepId::ReceptionSubmit => "reception_submit",
            StepId::PortalAccount => "portal_account",
            StepId::UsageApplication => "usage_application",
            StepId::DeviceSetup => "device_setup",
            StepId::OperationTest => "operation_test",
            StepId::OperationStartEntry => "operation_start_entry",
            StepId::DesignationApplication => "designation_application",
            StepId::OnlineClaimApplication => "online_claim_application",
            StepId::Designation => "designation",
        }
    }

    /// (actor, title, source in the notice) in Japanese.
    pub fn describe(self) -> (&'static str, &'static str, &'static str) {
        const FACILITY: &str = "医療機関・薬局";
        const BUREAU: &str = "地方厚生（支）局";
        const VENDOR: &str = "システム事業者";
        match self {
            StepId::CardReaderOrder => (FACILITY, "① 顔認証付きカードリーダーの選定・調達", "別紙3①・別添2 1"),
            StepId::NetworkOrder => (FACILITY, "② ネットワーク（IP-VPN または IPsec+IKE）の準備", "別紙3②・別添2 1"),
            StepId::VendorOrder => (FACILITY, "③ システム事業者への見積依頼 ④ 発注", "別紙3③④・別添2 2"),
            StepId::ReceptionRequest => {
                (FACILITY, "⑤ 受付番号情報提供依頼書（別紙1）を厚生（支）局へ提出", "第1 1(1)・第3(1)")
            }
            StepId::ReceptionReply => (BUREAU, "受付番号を記入した回答書（別紙1の写し）の発送", "第1 1(2)"),
            StepId::ReceptionSubmit => (FACILITY, "⑥ 受付番号を実施機関へ提出", "第3(2)・別紙3⑥"),
            StepId::PortalAccount => {
                (FACILITY, "⑦ 医療機関等向け総合ポータルサイトのアカウント登録", "別紙3⑦・別添2 3③")
            }
            StepId::UsageApplication => {
                (FACILITY, "⑧ オンライン資格確認の利用申請・電子証明書の発行申請", "別紙3⑧・別添2 3④")
            }
            StepId::DeviceSetup => (VENDOR, "機器設定作業", "別添2 4-1①"),
            StepId::OperationTest => (VENDOR, "運用テスト", "別添2 4-1②"),
            StepId::OperationStartEntry => (FACILITY, "ポータルサイトで運用開始日を入力", "別添2 4-1③"),
            StepId::DesignationApplication => {
                (FACILITY, "⑨ 保険医療機関等の指定申請（導入計画書 別紙2 を添付）", "第2・別紙3⑨・別添2 4-3")
            }
            StepId::OnlineClaimApplication => (FACILITY, "オンライン請求の利用申請", "請求開始月の前々月20日"),
            StepId::Designation => (BUREAU, "保険医療機関・保険薬局の指定（診療・調剤開始日）", "第1 2"),
        }
    }

    /// A firm deadline: when it has passed, the designation date cannot be kept.
    pub fn is_firm_deadline(self) -> bool {
        matches!(self, StepId::ReceptionRequest | StepId::ReceptionSubmit | StepId::DesignationApplication)
    }
}

/// One step of the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub id: StepId,
    /// `None` when the date depends on something not given (the set-up date, the office).
    pub date: Option<NaiveDate>,
    pub actor: &'static str,
    pub title: &'static str,
    /// The section of the notice (or guide) the step comes from.
    pub source: &'static str,
    /// A 目安 (guideline), not a deadline.
    pub approximate: bool,
    /// The date falls on a closed day.
    pub closed_day: bool,
    /// What the user should know: moved dates, closed days, unknown rules, warnings.
    pub note: Option<String>,
    /// For a date that differs by office: the earliest, which decides feasibility.
    #[serde(skip)]
    pub earliest_office_date: Option<NaiveDate>,
}

/// The whole schedule for one designation date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub bureau: String,
    pub office: Option<String>,
    pub designation: NaiveDate,
    /// With "today": false when a firm deadline has passed. Without: `None`.
    pub feasible: Option<bool>,
    /// With "today": the first designation date whose firm deadlines are all still ahead.
    pub earliest_designation: Option<NaiveDate>,
    pub steps: Vec<Step>,
}

impl Schedule {
    pub fn step(&self, id: StepId) -> &Step {
        self.steps.iter().find(|s| s.id == id).expect("every step is present")
    }
}

/// What the schedule is computed from.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleInput<'a> {
    pub bureau: &'a Bureau,
    /// `None`: steps whose rule differs by office give each office's date in the note.
    pub office: Option<&'a Office>,
    /// 指定日: the 1st of a month.
    pub designation: NaiveDate,
    /// 機器設定作業の日, when known.
    pub setup: Option<NaiveDate>,
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// The designation date is not the 1st of a month.
    DesignationNotFirstOfMonth(NaiveDate),
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
    if let Some(office) = input.office {
        if !input.bureau.offices.iter().any(|o| o.id == office.id) {
            return Err(ScheduleError::OfficeNotInBureau {
                office: office.id.clone(),
                bureau: input.bureau.name.clone(),
            });
        }
    }
    let mut steps = steps_for(input)?;
    let (feasible, earliest_designation) = match input.today {
        None => (None, None),
        Some(today) => {
            mark_past(&mut steps, today);
            (Some(is_feasible(&steps, today)), earliest_feasible(input, today)?)
        }
    };
    Ok(Schedule {
        bureau: input.bureau.id.clone(),
        office: input.office.map(|o| o.id.clone()),
        designation: input.designation,
        feasible,
        earliest_designation,
        steps,
    })
}

/// The date of a firm deadline that decides feasibility: the step's own date unless it is a
/// 目安, or the earliest known office date when the date differs by office.
fn firm_date(step: &Step) -> Option<NaiveDate> {
    if !step.id.is_firm_deadline() {
        return None;
    }
    match step.date {
        Some(d) => (!step.approximate).then_some(d),
        None => step.earliest_office_date,
    }
}

fn is_feasible(steps: &[Step], today: NaiveDate) -> bool {
    steps.iter().filter_map(firm_date).all(|d| d >= today)
}

fn earliest_feasible(input: &ScheduleInput, today: NaiveDate) -> Result<Option<NaiveDate>, ScheduleError> {
    let mut candidate =
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month") + Months::new(1);
    for _ in 0..EARLIEST_SEARCH_MONTHS {
        let steps = match steps_for(&ScheduleInput { designation: candidate, setup: None, today: None, ..*input }) {
            Ok(steps) => steps,
            Err(ScheduleError::Calendar(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        if is_feasible(&steps, today) {
            return Ok(Some(candidate));
        }
        candidate = candidate + Months::new(1);
    }
    Ok(None)
}

/// Past dates: a firm deadline is 「期限を過ぎています」, a 目安 a warning.
fn mark_past(steps: &mut [Step], today: NaiveDate) {
    for step in steps.iter_mut() {
        if step.id == StepId::Designation || step.id == StepId::ReceptionReply {
            continue;
        }
        if firm_date(step).is_some_and(|d| d < today) {
            append(&mut step.note, "期限を過ぎています。この指定日には間に合いません。");
        } else if step.date.or(step.earliest_office_date).is_some_and(|d| d < today) {
            append(&mut step.note, "目安の日を過ぎています。できるだけ早く進めてください。");
        }
    }
}

fn append(note: &mut Option<String>, text: &str) {
    match note {
        Some(n) => {
            n.push('\n');
            n.push_str(text);
        }
        None => *note = Some(text.to_string()),
    }
}

fn step(id: StepId, date: Option<NaiveDate>, approximate: bool, note: Option<String>) -> Result<Step, CalendarError> {
    let (actor, title, source) = id.describe();
    let closed_day = match date {
        Some(d) => calendar::is_closed(d)?,
        None => false,
    };
    Ok(Step { id, date, actor, title, source, approximate, closed_day, note, earliest_office_date: None })
}

/// 「…は閉庁日（日曜日）です」.
fn closed_note(date: NaiveDate) -> Result<Option<String>, CalendarError> {
    Ok(calendar::closed_reason(date)?.map(|r| format!("{} は閉庁日（{}）です。", format_iso_weekday(date), r.label())))
}

/// A fixed date that no rule moves: flag a closed day and suggest the previous open day.
fn fixed_date_note(date: NaiveDate) -> Result<Option<String>, CalendarError> {
    Ok(match closed_note(date)? {
        Some(closed) => Some(format!(
            "{closed}期日は動かないため、前の開庁日 {} までに済ませることをおすすめします。",
            format_iso_weekday(calendar::previous_open_day(date)?)
        )),
        None => None,
    })
}

fn steps_for(input: &ScheduleInput) -> Result<Vec<Step>, ScheduleError> {
    let d = input.designation;
    if d.day() != 1 {
        return Err(ScheduleError::DesignationNotFirstOfMonth(d));
    }
    calendar::is_closed(d)?;
    let month_minus = |n: u32| d.checked_sub_months(Months::new(n)).ok_or(CalendarError::OutOfRange(d));
    let day_of = |month_start: NaiveDate, day: u32| month_start.with_day(day).expect("day 10/15/20 exists");

    // ① ② D − 3 months (目安); card readers take 3–4 months to arrive (別添2 製品比較表).
    let reader = month_minus(3)?;
    calendar::is_closed(reader)?;
    let mut reader_note = "メーカーの納期は3〜4か月が目安です。早めに発注してください。".to_string();
    if let Some(today) = input.today {
        if today.checked_add_months(Months::new(4)).is_some_and(|arrival| arrival > d) {
            reader_note.push_str(&format!(
                "今日発注しても、納期4か月なら {} の到着となり、指定日に間に合わないおそれがあります。メーカーに納期を確認してください。",
                today.checked_add_months(Months::new(4)).map(format_iso_weekday).unwrap_or_default()
            ));
        }
    }
    let mut steps = vec![
        step(StepId::CardReaderOrder, Some(reader), true, Some(reader_note))?,
        step(
            StepId::NetworkOrder,
            Some(reader),
            true,
            Some("カードリーダーの発注と同時に。回線の契約に時間のかかる事業者があります。".into()),
        )?,
        step(
            StepId::VendorOrder,
            None,
            true,
            Some("レセプトコンピュータ・電子カルテ等のシステム導入の依頼と同時に見積依頼・発注します（日付の定めはありません）。".into()),
        )?,
    ];

    // ⑤ the bureau's rule (目安: 指定の2か月前).
    let m2 = month_minus(2)?;
    steps.push(office_step(input, StepId::ReceptionRequest, |o| &o.reception_request, m2)?);

    // 第1 1(2): by the 10th of M−2, next open day if closed.
    let reply_day = day_of(m2, 10);
    let reply = calendar::next_open_day(reply_day)?;
    let reply_note = if reply != reply_day {
        Some(format!("10日が閉庁日のため、翌開庁日の {} になります。", format_iso_weekday(reply)))
    } else {
        None
    };
    steps.push(step(StepId::ReceptionReply, Some(reply), false, reply_note)?);

    // 第3(2): by the 15th of M−2, not moved.
    let submit = day_of(m2, 15);
    steps.push(step(StepId::ReceptionSubmit, Some(submit), false, fixed_date_note(submit)?)?);

    // ⑦ about 4 business days after ⑥ (別添2 3③ ※1).
    let portal = calendar::add_business_days(submit, 4)?;
    steps.push(step(
        StepId::PortalAccount,
        Some(portal),
        true,
        Some("実施機関へ受付番号を提出してから4営業日（目安）で登録できるようになります。".into()),
    )?);

    // ⑧ at least 5 business days before the set-up (別添2 3④, 4-1①).
    match input.setup {
        Some(setup) => {
            let usage = calendar::add_business_days(setup, -5)?;
            let mut note = format!("機器設定作業（{}）の5営業日前まで（目安）。", format_iso_weekday(setup));
            if usage < portal {
                note.push_str(&format!(
                    "アカウント登録ができる目安（{}）より前になっています。機器設定日を遅らせるか、システム事業者と相談してください。",
                    format_iso_weekday(portal)
                ));
            }
            steps.push(step(StepId::UsageApplication, Some(usage), true, Some(note))?);
            let mut setup_note = None;
            if setup >= d {
                setup_note = Some("機器設定日が指定日以降です。指定日から資格確認を使うには、指定日より前に設定を済ませる必要があります。".to_string());
            } else if setup < portal {
                setup_note = Some(
                    "機器設定日がアカウント登録・利用申請より前です。電子証明書が届いてからでないと設定できません。"
                        .to_string(),
                );
            }
            steps.push(step(StepId::DeviceSetup, Some(setup), false, setup_note)?);
        }
        None => {
            steps.push(step(
                StepId::UsageApplication,
                None,
                true,
                Some("機器設定作業の日の5営業日前まで（目安）。機器設定日が決まると日付が決まります。".into()),
            )?);
            steps.push(step(
                StepId::DeviceSetup,
                None,
                false,
                Some("システム事業者と日程を決めてください。電子証明書の受け取り後、指定日より前に行います。".into()),
            )?);
        }
    }

    // Test and 運用開始日 entry: before D, so by the day before.
    let eve = d.pred_opt().ok_or(CalendarError::OutOfRange(d))?;
    let eve_note = |what: &str| -> Result<Option<String>, CalendarError> {
        let mut note = format!("{what}指定日の前日 {} までに。", format_iso_weekday(eve));
        if let Some(closed) = closed_note(eve)? {
            note.push_str(&format!(
                "{closed}前の開庁日 {} までが安心です。",
                format_iso_weekday(calendar::previous_open_day(eve)?)
            ));
        }
        Ok(Some(note))
    };
    steps.push(step(StepId::OperationTest, Some(eve), true, eve_note("機器設定作業の後、")?)?);
    steps.push(step(StepId::OperationStartEntry, Some(eve), true, eve_note("システムの準備ができたら、")?)?);

    // ⑨ the bureau's rule (目安: 指定の1か月前).
    let m1 = month_minus(1)?;
    steps.push(office_step(input, StepId::DesignationApplication, |o| &o.designation_application, m1)?);

    // オンライン請求: by the 20th of M−1 (請求開始月の前々月20日), not moved.
    let claim = day_of(m1, 20);
    steps.push(step(StepId::OnlineClaimApplication, Some(claim), false, fixed_date_note(claim)?)?);

    let designation_note =
        "地方社会保険医療協議会の答申を経て指定されます。この日から診療・調剤とオンライン資格確認を始めます。"
            .to_string();
    steps.push(step(StepId::Designation, Some(d), false, Some(designation_note))?);
    Ok(steps)
}

/// A step whose date is a bureau's (or office's) rule, with the notice's 目安 `guideline`
/// when the rule is unknown.
fn office_step(
    input: &ScheduleInput,
    id: StepId,
    spec_of: impl Fn(&Office) -> &DeadlineSpec,
    guideline: NaiveDate,
) -> Result<Step, ScheduleError> {
    let one = |office: &Office| -> Result<Step, CalendarError> {
        let spec = spec_of(office);
        let wording = spec.wording.as_ref().map(|w| format!("局の定め：「{w}」"));
        let (date, approximate, mut note) = match spec.deadline(input.designation)? {
            RuleDeadline::Rule { date, moved_from } => {
                let moved = moved_from.map(|from| {
                    let reason = calendar::closed_reason(from)
                        .ok()
                        .flatten()
                        .map(|r: ClosedReason| r.label())
                        .unwrap_or_default();
                    format!(
                        "{} が閉庁日（{reason}）のため {} です。",
                        format_iso_weekday(from),
                        format_iso_weekday(date)
                    )
                });
                (date, false, [wording, moved].into_iter().flatten().collect::<Vec<_>>().join("\n"))
            }
            RuleDeadline::Published { date } => (
                date,
                false,
                [wording, Some("局が公表した月ごとの期限です。".into())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            RuleDeadline::Unknown => {
                let unknown = match id {
                    StepId::ReceptionRequest => {
                        "この局・事務所の提出期限は未確認です。通知の目安（指定の2か月前）を表示しています。"
                    }
                    _ => "この局・事務所の提出期限は未確認です。通知の目安（指定の1か月前）を表示しています。",
                };
                let text = [wording, Some(format!("{unknown}提出先の事務所に確認してください。"))];
                (guideline, true, text.into_iter().flatten().collect::<Vec<_>>().join("\n"))
            }
        };
        if id == StepId::ReceptionRequest {
            note.push_str(if note.is_empty() { "" } else { "\n" });
            note.push_str("早すぎる・遅すぎる依頼は返戻されます（第1 1(1)）。");
        }
        // A rule that keeps its date (or a published date) on a closed day: say so and
        // suggest the previous open day, as for the notice's own fixed dates.
        if let (false, Some(closed)) = (approximate, fixed_date_note(date)?) {
            note.push_str(&format!("\n{closed}"));
        }
        step(id, Some(date), approximate, Some(note))
    };
    if let Some(office) = input.office {
        return Ok(one(office)?);
    }
    let per_office: Vec<(&Office, Step)> =
        input.bureau.offices.iter().map(|o| one(o).map(|s| (o, s))).collect::<Result<_, CalendarError>>()?;
    let first = &per_office[0].1;
    if per_office.iter().all(|(_, s)| s.date == first.date && s.approximate == first.approximate) {
        return Ok(first.clone());
    }
    let lines: Vec<String> = per_office
        .iter()
        .map(|(o, s)| {
            let date = s.date.map(format_iso_weekday).unwrap_or_default();
            format!("{}：{date}{}", o.display_name(), if s.approximate { "（目安・期限未確認）" } else { "" })
        })
        .collect();
    let (actor, title, source) = id.describe();
    Ok(Step {
        id,
        date: None,
        actor,
        title,
        source,
        approximate: per_office.iter().any(|(_, s)| s.approximate),
        closed_day: false,
        note: Some(format!("事務所により異なります。\n{}", lines.join("\n"))),
        earliest_office_date: per_office.iter().filter(|(_, s)| !s.approximate).filter_map(|(_, s)| s.date).min(),
    })
}

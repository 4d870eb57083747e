//! The notice's steps as content (`content/notice.toml`): for each step its title, who does
//! it, where the notice says so, and the rule that dates it. The schedule, the wizard's
//! timeline, the command line, the .ics, the steps page and the deadline-table columns are
//! all made from this one definition.

use crate::content_file::{japanese, line_of, ContentError};
use crate::rule::{DaySpec, DeadlineKind, DeadlineRule};
use serde::{Deserialize, Serialize};
use std::fmt;
use toml::Spanned;

/// The steps the code knows (it adds warnings to some of them); content gives their words
/// and rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

    /// The id as in JSON and content (`reception_request`).
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

    pub fn parse(s: &str) -> Option<StepId> {
        StepId::ALL.into_iter().find(|id| id.as_str() == s)
    }
}

impl fmt::Display for StepId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a step is dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRule {
    /// A day of a month counted from the designation month.
    MonthDay(DeadlineRule),
    /// The bureau's (office's) own deadline; when the content marks it unknown, `guideline`
    /// (the notice's 目安) is shown instead.
    Bureau { deadline: DeadlineKind, guideline: DeadlineRule },
    /// `business_days` open days after (positive) or before (negative) another step's date.
    BusinessDays { anchor: StepId, business_days: i32 },
    /// `days` calendar days after (positive) or before (negative) another step's date.
    Days { anchor: StepId, days: i32 },
    /// The set-up date the facility enters.
    Setup,
    /// No date (the notice gives none).
    None,
}

/// What a step's date is to the person who does it: the words people read around the date
/// follow from it (`Step::when`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// A deadline: done by that day (「…まで」).
    By,
    /// Possible from that day on (「…から」, 「…ごろから」 for a 目安).
    From,
    /// Done on that day (the facility's set-up, the designation).
    On,
}

/// Words that replace a step's under 経過措置.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionalWords {
    pub title: String,
    pub note: Option<String>,
}

/// One step of the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeStep {
    pub id: StepId,
    /// The number in 別紙3 (①…⑨), when it has one.
    pub number: Option<String>,
    pub title: String,
    pub actor: String,
    pub recipient: Option<String>,
    pub citation: String,
    pub date: DateRule,
    /// What the date is: a deadline, the day it becomes possible, the day it is done. `None`
    /// only for a step without a date.
    pub timing: Option<Timing>,
    /// A 目安, not a deadline.
    pub approximate: bool,
    /// When this date has passed, the designation date can no longer be kept.
    pub firm: bool,
    pub note: Option<String>,
    /// The heading of its column on the deadline page, if it has one.
    pub column: Option<String>,
    pub transitional: Option<TransitionalWords>,
}

impl NoticeStep {
    /// 「⑤ 受付番号情報提供依頼書…」: the number and the title.
    pub fn numbered_title(&self, transitional: bool) -> String {
        let title = match (&self.transitional, transitional) {
            (Some(t), true) => &t.title,
            _ => &self.title,
        };
        match &self.number {
            Some(n) => format!("{n} {title}"),
            None => title.clone(),
        }
    }
}

/// Where the steps that use the 受付番号 (⑥⑦⑧) are done, and whom to ask (別添2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portal {
    pub name: String,
    pub url: String,
    pub phone: String,
    pub hours: String,
    pub email: String,
    pub citation: String,
    /// 別添2 3-2: the 実施機関's page on how ⑥ (the 受付番号) is submitted.
    pub submission_url: String,
    /// Where the notice gives `submission_url` (「別添2 3-2」).
    pub submission_citation: String,
}

/// The notice's steps, in the order people do them, and the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub steps: Vec<NoticeStep>,
    pub portal: Portal,
}

impl Notice {
    pub fn step(&self, id: StepId) -> &NoticeStep {
        self.steps.iter().find(|s| s.id == id).expect("the loader requires every step")
    }

    /// The steps that have a column on the deadline page, in order.
    pub fn columns(&self) -> impl Iterator<Item = &NoticeStep> {
        self.steps.iter().filter(|s| s.column.is_some())
    }

    /// When a step happens, in words for the steps page (「指定月の前々月の15日（閉庁日の定めなし）まで」):
    /// the rule, then what the date is (`Timing`: 「まで」 a deadline, 「から」 possible from then).
    pub fn describe_date(&self, step: &NoticeStep) -> String {
        let anchor_title = |id: StepId| {
            let s = self.step(id);
            if id == StepId::Designation {
                "指定日".to_string()
            } else {
                format!("「{}」", s.numbered_title(false))
            }
        };
        let text = match step.date {
            DateRule::MonthDay(rule) => rule.describe(),
            DateRule::Bureau { guideline, .. } => {
                format!("局の提出期限まで（未確認の局は通知の目安：{}）", guideline.describe())
            }
            DateRule::BusinessDays { anchor, business_days } if business_days >= 0 => {
                format!("{}の{business_days}営業日後", anchor_title(anchor))
            }
            DateRule::BusinessDays { anchor, business_days } => {
                format!("{}の{}営業日前", anchor_title(anchor), -business_days)
            }
            DateRule::Days { anchor, days: -1 } => format!("{}の前日", anchor_title(anchor)),
            DateRule::Days { anchor, days } if days >= 0 => format!("{}の{days}日後", anchor_title(anchor)),
            DateRule::Days { anchor, days } => format!("{}の{}日前", anchor_title(anchor), -days),
            DateRule::Setup => "システム事業者と決めた日".to_string(),
            DateRule::None => "日付の定めなし".to_string(),
        };
        // The bureau's rule already says 「…まで」.
        let text = match (step.timing, step.date) {
            (_, DateRule::Bureau { .. } | DateRule::None | DateRule::Setup) => text,
            (Some(Timing::By), _) => format!("{text}まで"),
            (Some(Timing::From), _) => format!("{text}から"),
            (Some(Timing::On) | None, _) => text,
        };
        if step.approximate && !matches!(step.date, DateRule::None) {
            format!("{text}（目安）")
        } else {
            text
        }
    }

    /// Parses and checks `content/notice.toml`.
    pub fn parse(file: &str, text: &str) -> Result<Notice, ContentError> {
        let err = |offset: Option<usize>, message: String| ContentError {
            file: file.to_string(),
            line: offset.map(|o| line_of(text, o)),
            message,
        };
        let raw: NoticeFile =
            toml::from_str(text).map_err(|e| err(e.span().map(|s| s.start), japanese(e.message())))?;
        let all_ids = || StepId::ALL.iter().map(|i| i.as_str()).collect::<Vec<_>>().join("、");
        let mut steps: Vec<NoticeStep> = Vec::new();
        let mut anchors: Vec<(StepId, StepId, usize)> = Vec::new();
        for s in raw.step {
            let at = s.id.span().start;
            let id = StepId::parse(s.id.get_ref()).ok_or_else(|| {
                err(
                    Some(at),
                    format!("id「{}」という手続はありません。{} のどれかにしてください", s.id.get_ref(), all_ids()),
                )
            })?;
            if steps.iter().any(|x| x.id == id) {
                return Err(err(Some(at), format!("手続「{id}」が二度書かれています")));
            }
            for (value, field) in [(&s.title, "title"), (&s.actor, "actor"), (&s.citation, "citation")] {
                if value.trim().is_empty() {
                    return Err(err(Some(at), format!("手続「{id}」の {field} が空です")));
                }
            }
            let date = match &s.date {
                None => DateRule::None,
                Some(value) => {
                    let date_at = Some(value.span().start);
                    let rule = date_rule(value.get_ref()).map_err(|m| err(date_at, m))?;
                    if let DateRule::BusinessDays { anchor, .. } | DateRule::Days { anchor, .. } = rule {
                        anchors.push((id, anchor, value.span().start));
                    }
                    rule
                }
            };
            if matches!(date, DateRule::None) != s.timing.is_none() {
                let message = if s.timing.is_none() {
                    format!("手続「{id}」に timing を書いてください：\"by\"（期限。「…まで」）、\"from\"（この日からできる。「…から」）、\"on\"（その日に行う）のどれか")
                } else {
                    format!("手続「{id}」には date がないので、timing は書けません")
                };
                return Err(err(Some(at), message));
            }
            if s.firm && s.approximate {
                return Err(err(
                    Some(at),
                    format!("手続「{id}」：firm（期日）と approximate（目安）は両方にはできません"),
                ));
            }
            steps.push(NoticeStep {
                id,
                number: s.number,
                title: s.title,
                actor: s.actor,
                recipient: s.recipient,
                citation: s.citation,
                date,
                timing: s.timing,
                approximate: s.approximate,
                firm: s.firm,
                note: s.note,
                column: s.column,
                transitional: s.transitional.map(|t| TransitionalWords { title: t.title, note: t.note }),
            });
        }
        if let Some(missing) = StepId::ALL.iter().find(|id| !steps.iter().any(|s| s.id == **id)) {
            return Err(err(
                None,
                format!("手続「{missing}」がありません。[[step]] を書いてください（プログラムが使う手続です）"),
            ));
        }
        // An anchor must have a date of its own, and anchors must not go round in a circle.
        for &(id, anchor, at) in &anchors {
            let mut seen = vec![id];
            let mut current = anchor;
            loop {
                if seen.contains(&current) {
                    return Err(err(Some(at), format!("手続「{id}」の日付が、もとをたどると自分自身を基にしています")));
                }
                seen.push(current);
                match steps.iter().find(|s| s.id == current).map(|s| s.date) {
                    Some(DateRule::BusinessDays { anchor, .. } | DateRule::Days { anchor, .. }) => current = anchor,
                    Some(DateRule::None) => {
                        return Err(err(Some(at), format!("手続「{id}」の基にした「{current}」には日付がありません")))
                    }
                    _ => break,
                }
            }
        }
        for (key, url) in [("url", &raw.portal.url), ("submission_url", &raw.portal.submission_url)] {
            if !url.starts_with("https://") {
                return Err(err(None, format!("[portal] の {key}「{url}」は https:// で始まるアドレスにしてください")));
            }
        }
        Ok(Notice { steps, portal: raw.portal })
    }
}

/// One `date = …` value.
fn date_rule(value: &toml::Value) -> Result<DateRule, String> {
    let table = match value {
        toml::Value::String(s) if s == "setup" => return Ok(DateRule::Setup),
        toml::Value::String(s) => {
            return Err(format!("date = \"{s}\" は使えません。文字列で書けるのは \"setup\"（機器設定日）だけです"))
        }
        toml::Value::Table(t) => t,
        _ => return Err("date は { … } か \"setup\" で書いてください".into()),
    };
    let rule_of = |v: &toml::Value| -> Result<DeadlineRule, String> {
        v.clone().try_into::<DeadlineRule>().map_err(|e| japanese(e.message()))
    };
    let anchor_of = |key: &str| -> Result<StepId, String> {
        let name = table.get(key).and_then(|v| v.as_str()).unwrap_or_default();
        StepId::parse(name).ok_or_else(|| format!("{key} = \"{name}\" という手続はありません"))
    };
    let count_of = |key: &str| -> Result<i32, String> {
        match table.get(key).and_then(|v| v.as_integer()) {
            Some(n) if (0..=366).contains(&n) => Ok(n as i32),
            _ => Err(format!("{key} は 0〜366 の整数で書いてください")),
        }
    };
    let keys: Vec<&str> = {
        let mut k: Vec<&str> = table.keys().map(String::as_str).collect();
        k.sort();
        k
    };
    match keys.as_slice() {
        ["closed_day", "day", "month_offset"] | ["day", "month_offset"] => Ok(DateRule::MonthDay(rule_of(value)?)),
        ["bureau_deadline", "guideline"] => {
            let name = table["bureau_deadline"].as_str().unwrap_or_default();
            let deadline = DeadlineKind::parse(name).ok_or_else(|| {
                format!("bureau_deadline = \"{name}\" は使えません。\"reception_request\" か \"designation_application\" にしてください")
            })?;
            let guideline = rule_of(&table["guideline"])?;
            if guideline.day == DaySpec::FirstOpenDay {
                return Err("guideline（目安）の day は 1〜28 の日で書いてください".into());
            }
            Ok(DateRule::Bureau { deadline, guideline })
        }
        ["after", "business_days"] => Ok(DateRule::BusinessDays { anchor: anchor_of("after")?, business_days: count_of("business_days")? }),
        ["before", "business_days"] => Ok(DateRule::BusinessDays { anchor: anchor_of("before")?, business_days: -count_of("business_days")? }),
        ["after", "days"] => Ok(DateRule::Days { anchor: anchor_of("after")?, days: count_of("days")? }),
        ["before", "days"] => Ok(DateRule::Days { anchor: anchor_of("before")?, days: -count_of("days")? }),
        _ => Err(format!(
            "date の書き方が分かりません（項目：{}）。{{ month_offset, day, closed_day }}、{{ bureau_deadline, guideline }}、{{ after または before, business_days または days }}、\"setup\" のどれかで書いてください",
            keys.join(", ")
        )),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeFile {
    step: Vec<StepFile>,
    portal: Portal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFile {
    id: Spanned<String>,
    number: Option<String>,
    title: String,
    actor: String,
    recipient: Option<String>,
    citation: String,
    date: Option<Spanned<toml::Value>>,
    timing: Option<Timing>,
    #[serde(default)]
    approximate: bool,
    #[serde(default)]
    firm: bool,
    note: Option<String>,
    column: Option<String>,
    transitional: Option<TransitionalFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransitionalFile {
    title: String,
    note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "content/notice.toml";
    const REPO: &str = include_str!("../content/notice.toml");

    #[test]
    fn the_repository_notice_has_every_step_in_order() {
        let notice = Notice::parse(FILE, REPO).unwrap();
        assert_eq!(notice.steps.iter().map(|s| s.id).collect::<Vec<_>>(), StepId::ALL);
        let columns: Vec<StepId> = notice.columns().map(|s| s.id).collect();
        assert_eq!(
            columns,
            [
                StepId::ReceptionRequest,
                StepId::ReceptionReply,
                StepId::ReceptionSubmit,
                StepId::DesignationApplication,
                StepId::OnlineClaimApplication
            ]
        );
        let portal = notice.step(StepId::PortalAccount);
        assert_eq!(notice.describe_date(portal), "「⑥ 受付番号を実施機関へ提出」の4営業日後から（目安）");
        // 別添2 4-1②③ give the 運用テスト and the 運用開始日の入力 no date: none is invented.
        for id in [StepId::OperationTest, StepId::OperationStartEntry] {
            assert_eq!(notice.step(id).date, DateRule::None, "{id}");
            assert_eq!(notice.describe_date(notice.step(id)), "日付の定めなし");
        }
    }

    #[test]
    fn mistakes_name_the_line_in_japanese() {
        let e = Notice::parse(FILE, &REPO.replace("id = \"portal_account\"", "id = \"portal\"")).unwrap_err();
        assert_eq!(e.line, Some(REPO.lines().position(|l| l == "id = \"portal_account\"").unwrap() + 1), "{e}");
        assert!(e.message.contains("portal") && e.message.contains("card_reader_order"), "{e}");
        let e = Notice::parse(FILE, &REPO.replace("after = \"reception_submit\"", "after = \"portal_account\""))
            .unwrap_err();
        assert!(e.message.contains("自分自身"), "{e}");
        let e = Notice::parse(
            FILE,
            &REPO.replace("day = 10, closed_day = \"next_open_day\"", "day = 10, closed_day = \"next_opn_day\""),
        )
        .unwrap_err();
        assert!(e.message.contains("next_opn_day") && e.message.contains("previous_open_day"), "{e}");
        assert!(e.message.is_char_boundary(0) && !e.message.contains("unknown variant"), "{e}");
        let e = Notice::parse(FILE, &REPO.replace("title = \"運用テスト\"", "titel = \"運用テスト\"")).unwrap_err();
        assert!(e.message.contains("titel"), "{e}");
        let e = Notice::parse(FILE, &REPO.replace("date = \"setup\"", "date = \"set-up\"")).unwrap_err();
        assert!(e.message.contains("set-up"), "{e}");
        // A dated step says what its date is; a misspelt kind names the three.
        let e = Notice::parse(FILE, &REPO.replacen("timing = \"from\"\n", "", 1)).unwrap_err();
        assert!(e.message.contains("portal_account") && e.message.contains("timing"), "{e}");
        assert_eq!(e.line, Some(REPO.lines().position(|l| l == "id = \"portal_account\"").unwrap() + 1), "{e}");
        let e = Notice::parse(FILE, &REPO.replacen("timing = \"from\"", "timing = \"after\"", 1)).unwrap_err();
        assert!(e.message.contains("after") && e.message.contains("from"), "{e}");
        // The portal's addresses are https.
        let e = Notice::parse(
            FILE,
            &REPO.replace("https://www.iryohokenjyoho-portalsite.jp/", "http://www.iryohokenjyoho-portalsite.jp/"),
        )
        .unwrap_err();
        assert!(e.message.contains("submission_url") && e.message.contains("https://"), "{e}");
    }
}

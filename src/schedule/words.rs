//! Every Japanese sentence of the schedule: the notes, the feasibility and its headline, the
//! errors. Dates people read are in 令和 (`era`).

use super::{Feasibility, Note, OfficeStepDate, ScheduleError, Step, Timing, FIRST_DESIGNATION, LAST_DESIGNATION};
use crate::era::{format_era_date, format_era_date_weekday};
use chrono::{Datelike, NaiveDate};
use std::fmt;

impl Step {
    /// The date in the words its nature asks for: a deadline 「令和9年2月1日（月）まで」 (a 目安
    /// 「…ごろまで（目安）」, one standing for a bureau's unknown deadline 「…まで（目安。局の期限は
    /// 未掲載）」), a step possible from a day 「…から」 (「…ごろから」), a day 「…」 (「…ごろ」).
    /// `None` without a date.
    pub fn when(&self) -> Option<String> {
        let day = format_era_date_weekday(self.date?);
        Some(match (self.timing.unwrap_or(Timing::By), self.approximate) {
            (Timing::By, true) if self.rule_unknown => format!("{day}まで（目安。局の期限は未掲載）"),
            (Timing::By, true) => format!("{day}ごろまで（目安）"),
            (Timing::By, false) => format!("{day}まで"),
            (Timing::From, true) => format!("{day}ごろから"),
            (Timing::From, false) => format!("{day}から"),
            (Timing::On, true) => format!("{day}ごろ"),
            (Timing::On, false) => day,
        })
    }

    /// The note of a table cell: the first note that has short words. A short reply window
    /// (⑥) is about the step, not about why its date is what it is, so its words come first
    /// and the first other note's follow (a closed 15th keeps its suggestion): 「回答書の発送から
    /// 4日。閉庁日。提案：前の開庁日（…）まで」.
    pub fn short_note(&self) -> Option<String> {
        let is_window = |n: &&Note| matches!(n, Note::ShortReplyWindow { .. });
        let window = self.notes.iter().filter(is_window).find_map(Note::short);
        let other = self.notes.iter().filter(|n| !is_window(n)).find_map(Note::short);
        match (window, other) {
            (Some(w), Some(o)) => Some(format!("{w}。{o}")),
            (w, o) => w.or(o),
        }
    }
}

impl Note {
    /// The note in full, for the schedule's notes (command line, wizard, .ics, JSON).
    pub fn text(&self) -> String {
        let day = |d: &NaiveDate| format_era_date_weekday(*d);
        match self {
            Note::Notice(words) => words.clone(),
            Note::BureauWording(words) => format!("局の定め：「{words}」"),
            Note::InferredReading(reading) => format!("読み取り：{reading}提出先の事務所でご確認ください。"),
            Note::Published => "局が公表した月ごとの期限です。".into(),
            Note::RuleUnknown { guideline, .. } => format!(
                "この局・事務所の提出期限は未確認です。通知の目安（{}）を表示しています。提出先の事務所に確認してください。",
                guideline.describe()
            ),
            Note::AnchorUndated { anchor } => format!("「{anchor}」の日が決まると日付が決まります。"),
            Note::MovedFromClosedDay { from, to, reason } => {
                format!("{} が閉庁日（{reason}）のため {} です。", day(from), day(to))
            }
            Note::GuidelineMoved { from, to, reason } => {
                format!("{} は閉庁日（{reason}）のため、前の開庁日 {} を目安にしています。", day(from), day(to))
            }
            Note::FixedOnClosedDay { date, reason, recommended, bureau } => format!(
                "{} は閉庁日（{reason}）です。{}この案内からの提案として、前の開庁日 {} までに済ませることをおすすめします。",
                day(date),
                if *bureau {
                    "局の期限は、閉庁日でもこの日です。"
                } else {
                    "閉庁日に当たるときの扱いは、通知に書かれていません。"
                },
                day(recommended)
            ),
            Note::ShortReplyWindow { window, instructions } => format!(
                "局が回答書（受付番号）を発送する期限は {} です。⑥の期限 {} まで、郵送の日数を含めて{}日しかありません。回答書が届く前に、⑥に必要なものをそろえておいてください。受付番号の提出方法は、実施機関の案内（{instructions}）にあります。{} になっても回答書が届かないときは、別紙1を提出した事務所に電話で問い合わせてください。この日はこの案内からの提案です（通知の定めではありません）。",
                day(&window.reply_by),
                day(&window.submit_by),
                window.days,
                day(&window.ask_from)
            ),
            Note::Past { firm: true, rule_unknown: false } => "期限を過ぎています。この指定日には間に合いません。".into(),
            Note::Past { firm: true, rule_unknown: true } => {
                "目安の日を過ぎています。局の期限は未確認のため、間に合うかどうか提出先の事務所に確認してください。".into()
            }
            Note::Past { firm: false, .. } => "目安の日を過ぎています。できるだけ早く進めてください。".into(),
            Note::CardReaderLeadTime { arrival } => format!(
                "今日発注しても、納期4か月なら {} の到着となり、指定日に間に合わないおそれがあります。メーカーに納期を確認してください。",
                day(arrival)
            ),
            Note::UsageBeforePortal { portal } => format!(
                "アカウント登録ができる目安（{}）より前になっています。機器設定日を遅らせるか、システム事業者と相談してください。",
                day(portal)
            ),
            Note::SetupOnOrAfterDesignation => {
                "機器設定日が指定日以降です。指定日から資格確認を使うには、指定日より前に設定を済ませる必要があります。".into()
            }
            Note::SetupBeforePortal => {
                "機器設定日がアカウント登録・利用申請より前です。電子証明書が届いてからでないと設定できません。".into()
            }
            Note::OfficesDiffer { offices } => {
                let lines: Vec<String> = offices.iter().map(office_line).collect();
                format!("事務所により異なります。\n{}", lines.join("\n"))
            }
            Note::PastForEveryOffice => "どの事務所でも期限を過ぎています。この指定日には間に合いません。".into(),
        }
    }

    /// The few words of a deadline table's cell, for the notes that have them.
    pub fn short(&self) -> Option<String> {
        match self {
            Note::RuleUnknown { date, .. } => Some(format!("通知の目安：{}", format_era_date_weekday(*date))),
            Note::Published => Some("局が公表した日".into()),
            Note::MovedFromClosedDay { from, .. } | Note::GuidelineMoved { from, .. } => {
                Some(format!("{}が閉庁日のため", format_era_date(*from)))
            }
            Note::FixedOnClosedDay { recommended, .. } => {
                Some(format!("閉庁日。提案：前の開庁日（{}）まで", format_era_date_weekday(*recommended)))
            }
            Note::ShortReplyWindow { window, .. } => Some(format!("回答書の発送から{}日", window.days)),
            _ => None,
        }
    }
}

/// 「富山事務所：令和9年1月4日（月）（目安・期限未確認）」.
fn office_line(o: &OfficeStepDate) -> String {
    let date = o.date.map(format_era_date_weekday).unwrap_or_else(|| "日付なし".into());
    let unknown = if o.rule_unknown { "（目安・期限未確認）" } else { "" };
    let past = match (o.past, o.deadline) {
        (true, true) => "（期限を過ぎています）",
        (true, false) => "（目安を過ぎています）",
        _ => "",
    };
    format!("{}：{date}{unknown}{past}", o.name)
}

impl Feasibility {
    /// The first line people read, on `today`.
    pub fn headline(&self, today: NaiveDate) -> String {
        let today = format_era_date_weekday(today);
        match self {
            Feasibility::Feasible => format!("今日（{today}）の時点で、期限はすべてこれからです。"),
            Feasibility::Infeasible { earliest: Some(e), .. } => format!(
                "今日（{today}）の時点で、期限を過ぎた手続があり、この指定日には間に合いません。間に合う最も早い指定日は {} です。",
                format_era_date_weekday(*e)
            ),
            Feasibility::Infeasible { earliest: None, .. } => {
                format!("今日（{today}）の時点で、期限を過ぎた手続があり、この指定日には間に合いません。")
            }
            Feasibility::Unconfirmed { .. } | Feasibility::OfficesDiffer { .. } => {
                format!("今日（{today}）の時点では、この指定日に間に合うかどうか分かりません。")
            }
        }
    }

    /// Why: the step that decides, or each office's answer (JSON's `feasibility_note`).
    pub fn note(&self) -> Option<String> {
        match self {
            Feasibility::Feasible => None,
            Feasibility::Infeasible { step, date, .. } => {
                Some(format!("「{step}」の期限（{}）を過ぎています。", format_era_date_weekday(*date)))
            }
            Feasibility::Unconfirmed { step, date } => Some(format!(
                "「{step}」の局の期限が未確認で、通知の目安（{}）を過ぎています。間に合うかどうか、提出先の事務所に確認してください。",
                format_era_date_weekday(*date)
            )),
            Feasibility::OfficesDiffer { offices } => {
                let lines: Vec<String> = offices
                    .iter()
                    .map(|o| {
                        let answer = match o.feasibility.feasible() {
                            Some(true) => "間に合います",
                            Some(false) => "間に合いません",
                            None => "未確認（事務所に確認してください）",
                        };
                        format!("{}：{answer}", o.name)
                    })
                    .collect();
                Some(format!(
                    "提出先の事務所により異なります。都道府県（事務所）を選ぶと決まります。\n{}",
                    lines.join("\n")
                ))
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::super::{OfficeAnswer, OfficeStepDate, ReplyWindow};
    use super::*;
    use crate::rule::{ClosedDayPolicy, DaySpec, DeadlineRule};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_note_has_its_text_and_the_table_notes_their_short_words() {
        let new_year = || "元日".to_string();
        let guideline =
            DeadlineRule { month_offset: -2, day: DaySpec::Day(1), closed_day: ClosedDayPolicy::PreviousOpenDay };
        let cases: Vec<(Note, &str, Option<&str>)> = vec![
            (Note::Notice("早めに発注してください。".into()), "早めに発注してください。", None),
            (Note::BureauWording("前々月の1日まで".into()), "局の定め：「前々月の1日まで」", None),
            (
                Note::InferredReading("局の掲載は「毎月20日」です。この案内では、前月の20日と読んでいます。".into()),
                "読み取り：局の掲載は「毎月20日」です。この案内では、前月の20日と読んでいます。提出先の事務所でご確認ください。",
                None,
            ),
            (Note::Published, "局が公表した月ごとの期限です。", Some("局が公表した日")),
            (
                Note::RuleUnknown { guideline, date: d("2026-12-28") },
                "この局・事務所の提出期限は未確認です。通知の目安（指定月の前々月の1日（閉庁日なら前の開庁日））を表示しています。提出先の事務所に確認してください。",
                Some("通知の目安：令和8年12月28日（月）"),
            ),
            (
                Note::AnchorUndated { anchor: "機器設定作業".into() },
                "「機器設定作業」の日が決まると日付が決まります。",
                None,
            ),
            (
                Note::MovedFromClosedDay { from: d("2027-01-01"), to: d("2027-01-04"), reason: new_year() },
                "令和9年1月1日（金） が閉庁日（元日）のため 令和9年1月4日（月） です。",
                Some("令和9年1月1日が閉庁日のため"),
            ),
            (
                Note::GuidelineMoved { from: d("2027-01-01"), to: d("2026-12-28"), reason: new_year() },
                "令和9年1月1日（金） は閉庁日（元日）のため、前の開庁日 令和8年12月28日（月） を目安にしています。",
                Some("令和9年1月1日が閉庁日のため"),
            ),
            (
                Note::FixedOnClosedDay {
                    date: d("2028-01-15"),
                    reason: "土曜日".into(),
                    recommended: d("2028-01-14"),
                    bureau: false,
                },
                "令和10年1月15日（土） は閉庁日（土曜日）です。閉庁日に当たるときの扱いは、通知に書かれていません。この案内からの提案として、前の開庁日 令和10年1月14日（金） までに済ませることをおすすめします。",
                Some("閉庁日。提案：前の開庁日（令和10年1月14日（金））まで"),
            ),
            (
                Note::FixedOnClosedDay {
                    date: d("2027-01-01"),
                    reason: new_year(),
                    recommended: d("2026-12-28"),
                    bureau: true,
                },
                "令和9年1月1日（金） は閉庁日（元日）です。局の期限は、閉庁日でもこの日です。この案内からの提案として、前の開庁日 令和8年12月28日（月） までに済ませることをおすすめします。",
                Some("閉庁日。提案：前の開庁日（令和8年12月28日（月））まで"),
            ),
            (
                Note::ShortReplyWindow {
                    window: ReplyWindow {
                        reply_by: d("2026-10-13"),
                        submit_by: d("2026-10-15"),
                        days: 2,
                        ask_from: d("2026-10-14"),
                    },
                    instructions: "https://www.iryohokenjyoho-portalsite.jp/news/dype.html".into(),
                },
                "局が回答書（受付番号）を発送する期限は 令和8年10月13日（火） です。⑥の期限 令和8年10月15日（木） まで、郵送の日数を含めて2日しかありません。回答書が届く前に、⑥に必要なものをそろえておいてください。受付番号の提出方法は、実施機関の案内（https://www.iryohokenjyoho-portalsite.jp/news/dype.html）にあります。令和8年10月14日（水） になっても回答書が届かないときは、別紙1を提出した事務所に電話で問い合わせてください。この日はこの案内からの提案です（通知の定めではありません）。",
                Some("回答書の発送から2日"),
            ),
            (Note::Past { firm: true, rule_unknown: false }, "期限を過ぎています。この指定日には間に合いません。", None),
            (
                Note::Past { firm: true, rule_unknown: true },
                "目安の日を過ぎています。局の期限は未確認のため、間に合うかどうか提出先の事務所に確認してください。",
                None,
            ),
            (Note::Past { firm: false, rule_unknown: true }, "目安の日を過ぎています。できるだけ早く進めてください。", None),
            (
                Note::CardReaderLeadTime { arrival: d("2027-04-01") },
                "今日発注しても、納期4か月なら 令和9年4月1日（木） の到着となり、指定日に間に合わないおそれがあります。メーカーに納期を確認してください。",
                None,
            ),
            (
                Note::UsageBeforePortal { portal: d("2027-01-04") },
                "アカウント登録ができる目安（令和9年1月4日（月））より前になっています。機器設定日を遅らせるか、システム事業者と相談してください。",
                None,
            ),
            (
                Note::SetupOnOrAfterDesignation,
                "機器設定日が指定日以降です。指定日から資格確認を使うには、指定日より前に設定を済ませる必要があります。",
                None,
            ),
            (
                Note::SetupBeforePortal,
                "機器設定日がアカウント登録・利用申請より前です。電子証明書が届いてからでないと設定できません。",
                None,
            ),
            (
                Note::OfficesDiffer {
                    offices: vec![
                        OfficeStepDate {
                            name: "富山事務所".into(),
                            date: Some(d("2026-12-28")),
                            rule_unknown: true,
                            past: true,
                            deadline: false,
                        },
                        OfficeStepDate { name: "石川事務所".into(), date: None, rule_unknown: false, past: false, deadline: true },
                        OfficeStepDate {
                            name: "岐阜事務所".into(),
                            date: Some(d("2027-01-04")),
                            rule_unknown: false,
                            past: true,
                            deadline: true,
                        },
                    ],
                },
                "事務所により異なります。\n富山事務所：令和8年12月28日（月）（目安・期限未確認）（目安を過ぎています）\n石川事務所：日付なし\n岐阜事務所：令和9年1月4日（月）（期限を過ぎています）",
                None,
            ),
            (Note::PastForEveryOffice, "どの事務所でも期限を過ぎています。この指定日には間に合いません。", None),
        ];
        for (note, text, short) in cases {
            assert_eq!(note.text(), text, "{note:?}");
            assert_eq!(note.short().as_deref(), short, "{note:?}");
        }
    }

    #[test]
    fn each_feasibility_has_one_headline_and_its_reason() {
        let today = d("2026-12-02");
        let step = "⑤ 受付番号情報提供依頼書（別紙1）を厚生（支）局へ提出".to_string();
        let infeasible =
            Feasibility::Infeasible { step: step.clone(), date: d("2026-12-01"), earliest: Some(d("2027-04-01")) };
        let cases = [
            (Feasibility::Feasible, "今日（令和8年12月2日（水））の時点で、期限はすべてこれからです。", None),
            (
                infeasible.clone(),
                "今日（令和8年12月2日（水））の時点で、期限を過ぎた手続があり、この指定日には間に合いません。間に合う最も早い指定日は 令和9年4月1日（木） です。",
                Some("「⑤ 受付番号情報提供依頼書（別紙1）を厚生（支）局へ提出」の期限（令和8年12月1日（火））を過ぎています。".to_string()),
            ),
            (
                Feasibility::Infeasible { step: step.clone(), date: d("2026-12-01"), earliest: None },
                "今日（令和8年12月2日（水））の時点で、期限を過ぎた手続があり、この指定日には間に合いません。",
                Some("「⑤ 受付番号情報提供依頼書（別紙1）を厚生（支）局へ提出」の期限（令和8年12月1日（火））を過ぎています。".to_string()),
            ),
            (
                Feasibility::Unconfirmed { step: step.clone(), date: d("2026-12-01") },
                "今日（令和8年12月2日（水））の時点では、この指定日に間に合うかどうか分かりません。",
                Some("「⑤ 受付番号情報提供依頼書（別紙1）を厚生（支）局へ提出」の局の期限が未確認で、通知の目安（令和8年12月1日（火））を過ぎています。間に合うかどうか、提出先の事務所に確認してください。".to_string()),
            ),
            (
                Feasibility::OfficesDiffer {
                    offices: vec![
                        OfficeAnswer { name: "富山事務所".into(), feasibility: Feasibility::Feasible },
                        OfficeAnswer { name: "石川事務所".into(), feasibility: infeasible },
                        OfficeAnswer {
                            name: "岐阜事務所".into(),
                            feasibility: Feasibility::Unconfirmed { step, date: d("2026-12-01") },
                        },
                    ],
                },
                "今日（令和8年12月2日（水））の時点では、この指定日に間に合うかどうか分かりません。",
                Some("提出先の事務所により異なります。都道府県（事務所）を選ぶと決まります。\n富山事務所：間に合います\n石川事務所：間に合いません\n岐阜事務所：未確認（事務所に確認してください）".to_string()),
            ),
        ];
        for (feasibility, headline, note) in cases {
            assert_eq!(feasibility.headline(today), headline, "{feasibility:?}");
            assert_eq!(feasibility.note(), note, "{feasibility:?}");
        }
    }
}

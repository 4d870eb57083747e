//! Content health for staff (`site check`): what needs their action, each with its file and
//! line and what to do. Pure: "today" is a parameter.

use super::{Content, CALENDAR_FILE};
use crate::content::values::YearMonth;
use crate::era::format_era_date;
use chrono::{Datelike, Months, NaiveDate};

/// What kind of action an item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    /// A value the content marks `"unknown"`.
    Unknown,
    /// A source whose page date is more than two years old.
    Stale,
    /// Published dates for designation months already past.
    PastMonths,
    /// The calendar's published equinoxes end before the tables do.
    CalendarRunningOut,
    /// A rule read from the bureau's words rather than stated by them (`inferred`).
    Inferred,
}

/// One thing that needs action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthItem {
    pub file: String,
    pub line: Option<usize>,
    pub concern: Concern,
    /// What is wrong and what to do, in Japanese.
    pub message: String,
}

/// How old a source's page may be before staff are asked to confirm it.
const STALE_AFTER_MONTHS: u32 = 24;
/// How far ahead the site's deadline tables and open data reach, in designation months.
pub const TABLE_MONTHS: u32 = 24;

/// Everything in the content that needs action on `today`, in file order.
pub fn health(content: &Content, today: NaiveDate) -> Vec<HealthItem> {
    let mut items = Vec::new();
    let stale_before = today.checked_sub_months(Months::new(STALE_AFTER_MONTHS)).unwrap_or(today);
    let this_month = YearMonth::of(today);
    for bureau in content.bureaus.iter() {
        let mut bureau_items = Vec::new();
        for u in &bureau.unknowns {
            bureau_items.push(HealthItem {
                file: u.file.clone(),
                line: Some(u.line),
                concern: Concern::Unknown,
                message: format!(
                    "{} が \"unknown\"（未掲載）です。局のページで見つかったら値と出典（url と seen）を書いてください。サイトでは「未掲載」と局のページへの案内を示しています",
                    u.field
                ),
            });
        }
        for s in bureau.dated_sources.iter().filter(|s| s.seen < stale_before) {
            bureau_items.push(HealthItem {
                file: s.file.clone(),
                line: Some(s.line),
                concern: Concern::Stale,
                message: format!(
                    "{} は {} の掲載で、2年以上前です。局のページで今も同じか確かめ、seen を確かめた日付に直してください（違っていれば値も）",
                    s.field,
                    format_era_date(s.seen)
                ),
            });
        }
        for p in &bureau.published_months {
            let past: Vec<String> = p.months.iter().filter(|m| **m < this_month).map(|m| m.to_string()).collect();
            if !past.is_empty() {
                bureau_items.push(HealthItem {
                    file: p.file.clone(),
                    line: Some(p.line),
                    concern: Concern::PastMonths,
                    message: format!(
                        "{} に過ぎた指定月（{}）があります。もう使われないので消してください",
                        p.field,
                        past.join("、")
                    ),
                });
            }
        }
        for i in &bureau.inferred_rules {
            let page = match (&i.source.url, &i.source.title) {
                (Some(url), _) => format!("局のページ（{url}）"),
                (None, Some(title)) => format!("出典（{title}）"),
                (None, None) => "出典".into(),
            };
            bureau_items.push(HealthItem {
                file: i.file.clone(),
                line: Some(i.line),
                concern: Concern::Inferred,
                message: format!(
                    "{}：{}この rule は、局のページに書かれていないことを読み取ったものです。{page}と局に確かめ、確かめられたら inferred の行を消してください（違っていれば rule も直してください）。それまでサイトは、読み取りであることを示しています",
                    i.field, i.reading
                ),
            });
        }
        bureau_items.sort_by_key(|i| i.line);
        items.extend(bureau_items);
    }
    let reach = today.checked_add_months(Months::new(TABLE_MONTHS)).unwrap_or(today).year();
    match content.calendar.last_published_equinox_year() {
        Some(last) if last >= reach => {}
        last => items.push(HealthItem {
            file: CALENDAR_FILE.into(),
            line: content.calendar_last_year_line,
            concern: Concern::CalendarRunningOut,
            message: format!(
                "春分日・秋分日の公表値が {} 年までで、表は {reach} 年まで計算します。国立天文台の暦要項（毎年2月に翌年分）が公表されたら [equinoxes] に {} 年の行を加えてください。それまでの日付は「暫定」と表示されます",
                last.map(|y| y.to_string()).unwrap_or_else(|| "どの".into()),
                last.map(|y| y + 1).unwrap_or(reach)
            ),
        }),
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn unknown_stale_past_and_calendar() {
        let content = crate::content::repository();
        let items = health(content, d("2026-12-01"));
        let of = |c: Concern| items.iter().filter(|i| i.concern == c).collect::<Vec<_>>();
        assert!(of(Concern::Unknown).len() > 100);
        // 北海道's page of 2021-10-01 is more than two years old on 2026-12-01.
        let stale = of(Concern::Stale);
        assert!(stale
            .iter()
            .any(|i| i.file == "content/bureaus/hokkaido.toml" && i.message.contains("令和3年10月1日")));
        // 東北's page of 2024-02-29 too; on 2026-02-01 it is not yet two years old.
        assert!(stale.iter().any(|i| i.file == "content/bureaus/tohoku.toml" && i.line == Some(15)));
        assert!(stale.iter().all(|i| i.line.is_some()));
        let earlier = health(content, d("2026-02-01"));
        assert!(!earlier.iter().any(|i| i.concern == Concern::Stale && i.file == "content/bureaus/tohoku.toml"));
        // 2027's equinoxes are published; on 2025-12-01 the 24 months reach 2027-12: fine. From
        // 2026-01-01 they reach 2028 (and on 2026-12-01 too).
        assert!(health(content, d("2025-12-01")).iter().all(|i| i.concern != Concern::CalendarRunningOut));
        assert_eq!(of(Concern::CalendarRunningOut).len(), 1);
        let later = health(content, d("2026-01-01"));
        let running_out: Vec<_> = later.iter().filter(|i| i.concern == Concern::CalendarRunningOut).collect();
        assert_eq!(running_out.len(), 1);
        assert_eq!(running_out[0].line, content.calendar_last_year_line);
        assert!(running_out[0].message.contains("2028 年の行"), "{}", running_out[0].message);
        // Rules read from the bureau's words: 北海道's 指定申請 and five of 東海北陸's offices'.
        let inferred = of(Concern::Inferred);
        let files: Vec<&str> = inferred.iter().map(|i| i.file.as_str()).collect();
        assert_eq!(
            files,
            ["content/bureaus/hokkaido.toml"]
                .into_iter()
                .chain(["content/bureaus/tokaihokuriku.toml"; 5])
                .collect::<Vec<_>>()
        );
        let hokkaido = content.bureaus.get("hokkaido").unwrap();
        assert_eq!(inferred[0].line, Some(hokkaido.inferred_rules[0].line));
        assert!(
            inferred[0].message.starts_with("designation_application.inferred：局の掲載は「毎月20日」です。")
                && inferred[0]
                    .message
                    .contains("局のページ（https://kouseikyoku.mhlw.go.jp/hokkaido/newpage_00140.html）と局に確かめ"),
            "{}",
            inferred[0].message
        );
    }
}

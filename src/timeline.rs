//! The schedule drawn as a timeline (SVG): the dated steps in date order down a line, a filled
//! mark for a deadline and a hollow one for a 目安, closed days labelled. Black on white so that
//! it prints; a `<title>` and a `<desc>` that lists every step for screen readers (the table
//! beside it stays the primary form).

use crate::era::format_era_date_weekday;
use crate::markup::escape;
use crate::schedule::Schedule;
use chrono::NaiveDate;
use std::fmt::Write;

const WIDTH: u32 = 720;
const ROW: u32 = 46;
const TOP: u32 = 56;
const AXIS_X: u32 = 196;

/// The SVG document for a schedule; `id` prefixes the ids of its title and description. With
/// `today`, a red line marks where today falls between the steps (and the description says so).
pub fn svg(schedule: &Schedule, bureau_name: &str, id: &str, today: Option<NaiveDate>) -> String {
    let mut steps: Vec<_> = schedule.steps.iter().filter_map(|s| s.date.map(|d| (d, s))).collect();
    steps.sort_by_key(|(d, _)| *d);
    let height = TOP + ROW * steps.len() as u32 + 24;
    let title = format!("{bureau_name}：指定日 {} までの手続", format_era_date_weekday(schedule.designation));
    let desc: Vec<String> = steps
        .iter()
        .map(|(d, s)| {
            format!(
                "{}、{}{}{}",
                format_era_date_weekday(*d),
                s.title,
                if s.approximate { "（目安）" } else { "" },
                if s.closed_day { "（閉庁日）" } else { "" }
            )
        })
        .collect();
    let mut desc = desc;
    // Where today falls: before the first step whose date is today or later.
    let today_row = today.map(|t| steps.iter().position(|(d, _)| *d >= t).unwrap_or(steps.len()));
    if let (Some(t), Some(row)) = (today, today_row) {
        desc.insert(row, format!("今日は{}", format_era_date_weekday(t)));
    }
    let mut out = String::new();
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif">"#
    )
    .unwrap();
    write!(out, r#"<title id="{id}-title">{}</title>"#, escape(&title)).unwrap();
    write!(out, r#"<desc id="{id}-desc">{}</desc>"#, escape(&desc.join("。"))).unwrap();
    write!(out, r##"<rect width="{WIDTH}" height="{height}" fill="#fff"/>"##).unwrap();
    write!(out, r##"<text x="16" y="28" font-size="16" font-weight="bold" fill="#1a1a1a">{}</text>"##, escape(&title))
        .unwrap();
    let (first, last) = (TOP + ROW / 2, TOP + ROW * steps.len().saturating_sub(1) as u32 + ROW / 2);
    write!(out, r##"<line x1="{AXIS_X}" y1="{first}" x2="{AXIS_X}" y2="{last}" stroke="#1a1a1a" stroke-width="2"/>"##)
        .unwrap();
    for (i, (date, step)) in steps.iter().enumerate() {
        let y = TOP + ROW * i as u32 + ROW / 2;
        let fill = if step.approximate { "#fff" } else { "#1a1a1a" };
        write!(
            out,
            r##"<text x="{}" y="{}" font-size="14" text-anchor="end" fill="#1a1a1a">{}</text>"##,
            AXIS_X - 16,
            y + 5,
            escape(&format_era_date_weekday(*date))
        )
        .unwrap();
        write!(out, r##"<circle cx="{AXIS_X}" cy="{y}" r="7" fill="{fill}" stroke="#1a1a1a" stroke-width="2"/>"##)
            .unwrap();
        let mut label = step.title.to_string();
        if step.approximate {
            label.push_str("（目安）");
        }
        write!(
            out,
            r##"<text x="{}" y="{}" font-size="14" fill="#1a1a1a">{}</text>"##,
            AXIS_X + 18,
            y + 1,
            escape(&label)
        )
        .unwrap();
        let detail = if step.closed_day { format!("{}・閉庁日", step.actor) } else { step.actor.to_string() };
        write!(
            out,
            r##"<text x="{}" y="{}" font-size="12" fill="#4d4d4d">{}</text>"##,
            AXIS_X + 18,
            y + 18,
            escape(&detail)
        )
        .unwrap();
    }
    if let (Some(t), Some(row)) = (today, today_row) {
        // Between the row before and the row at `row`.
        let y = TOP + ROW * row as u32;
        write!(
            out,
            r##"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#d11" stroke-width="2" stroke-dasharray="6 4"/><text x="{}" y="{}" font-size="12" font-weight="bold" fill="#b00">今日 {}</text>"##,
            AXIS_X - 150,
            WIDTH - 16,
            AXIS_X - 150,
            y - 4,
            escape(&format_era_date_weekday(t))
        )
        .unwrap();
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{compute, ScheduleInput};

    #[test]
    fn every_dated_step_in_date_order() {
        let content = crate::content::repository();
        let bureau = content.bureaus.get("shikoku").unwrap();
        let input = ScheduleInput {
            content,
            transitional: false,
            bureau,
            office: None,
            designation: "2027-03-01".parse().unwrap(),
            setup: None,
            today: None,
        };
        let schedule = compute(&input).unwrap();
        let svg = svg(&schedule, &bureau.name, "tl", None);
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"aria-labelledby="tl-title tl-desc""#));
        let dated = schedule.steps.iter().filter(|s| s.date.is_some()).count();
        assert_eq!(svg.matches("<circle").count(), dated);
        // Dates appear in order: 12/1 (①②) before 1/4 (⑤) before 3/1 (指定).
        let pos = |s: &str| svg.find(s).unwrap_or_else(|| panic!("{s}"));
        assert!(pos("令和8年12月1日（火）</text>") < pos("令和9年1月4日（月）</text>"));
        assert!(pos("令和9年1月4日（月）</text>") < pos("令和9年3月1日（月）</text>"));
        assert!(svg.contains("① 顔認証付きカードリーダーの選定・調達（目安）"));
        // Today between ① (12/1) and ⑤ (1/4): a marked line, and said in the description.
        let with_today = super::svg(&schedule, &bureau.name, "tl", Some("2026-12-15".parse().unwrap()));
        assert!(with_today.contains("今日 令和8年12月15日（火）</text>"));
        assert!(with_today.contains("今日は令和8年12月15日（火）"));
        // ① and ② (12/1) are rows 0 and 1, ⑤ (1/4) row 2: the line is drawn at row 2's top.
        let y = TOP + ROW * 2;
        assert!(
            with_today.contains(&format!(r##"y1="{y}" x2="{}" y2="{y}" stroke="#d11""##, WIDTH - 16)),
            "{with_today}"
        );
    }
}

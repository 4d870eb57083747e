//! The timeline page: the facility's steps and deadlines up to the designation date, as a
//! table, as a drawing and as a calendar file, with a warning when the date cannot be met.

use super::AnswersProps;
use crate::browser::{content, download, today};
use crate::components::timeline_table;
use onshi::era::format_era_date_weekday;
use onshi::schedule;
use yew::prelude::*;

/// The timeline: a table, the drawn timeline and the calendar file.
#[function_component(Timeline)]
pub fn timeline(props: &AnswersProps) -> Html {
    let answers = &props.answers;
    if answers.office(&content().bureaus).is_none() {
        return html! { <p>{"所在地の都道府県を選んでください。"}<a href="#prefecture">{"都道府県を選ぶ"}</a></p> };
    }
    let today = today();
    let Some(input) = answers.schedule_input(content(), Some(today)) else {
        return html! { <p><a href="#dates">{"指定を受ける日を入力してください"}</a></p> };
    };
    let (bureau, office, designation) = (input.bureau, input.office.expect("the answers' office"), input.designation);
    let schedule = match schedule::compute(&input) {
        Ok(s) => s,
        Err(e) => return html! { <p class="error-message">{ e.to_string() }</p> },
    };
    let svg = onshi::timeline::svg(&schedule, &bureau.name, "timeline", Some(today));
    let ics = {
        let calendar = onshi::ics::calendar(&schedule, &bureau.name, today);
        Callback::from(move |_: MouseEvent| download("onshi-schedule.ics", calendar.as_bytes(), "text/calendar"))
    };
    let feasibility = match (schedule.feasible, schedule.earliest_designation) {
        (Some(false), Some(earliest)) => html! {
            <div class="notice notice-warning" role="status">
                <p>{ format!("今日（{}）の時点で期限を過ぎた手続があり、この指定日には間に合いません。間に合う最も早い指定日は {} です。", format_era_date_weekday(today), format_era_date_weekday(earliest)) }</p>
                <p><a href="#dates">{"指定を受ける日を変える"}</a></p>
            </div>
        },
        (None, _) => match &schedule.feasibility_note {
            Some(note) => html! {
                <div class="notice notice-warning" role="status">
                    <p>{ format!("今日（{}）の時点では、この指定日に間に合うかどうか分かりません。", format_era_date_weekday(today)) }</p>
                    { for note.lines().map(|l| html! { <p>{ l.to_string() }</p> }) }
                </div>
            },
            None => html! {},
        },
        _ => html! {},
    };
    // First what to do now and how long is left.
    let next = match schedule.next_action(today) {
        Some(next) => {
            let when = match next.days_left {
                0 => "今日".to_string(),
                n => format!("あと {n} 日"),
            };
            html! {
                <div class="next-action" role="status">
                    <p class="next-label">{"次にすること"}</p>
                    <p class="next-title">{ next.title.clone() }</p>
                    <p class="next-date">{ format!("{}{}まで", format_era_date_weekday(next.date), if next.approximate { "（目安）" } else { "" }) }
                        <strong class="days-left">{ format!("（{when}）") }</strong></p>
                </div>
            }
        }
        None => html! {},
    };
    let lead_time = match onshi::schedule::card_reader_lead_time_warning(today, designation) {
        Some(w) => {
            html! { <div class="notice notice-warning" role="note"><p>{ format!("カードリーダー：{w}") }</p></div> }
        }
        None => html! {},
    };
    html! {
        <>
            <p>{ format!("{}（{}）に提出する場合の、指定日 {} までの手続です。", bureau.name, office.display_name(), format_era_date_weekday(designation)) }</p>
            { next }
            { feasibility }
            { lead_time }
            { timeline_table(&schedule, content(), today) }
            <figure class="timeline">
                { Html::from_html_unchecked(AttrValue::from(svg)) }
            </figure>
            <p><button type="button" class="button button-secondary" onclick={ics}>{"期限をカレンダーに入れる（.ics）"}</button></p>
        </>
    }
}

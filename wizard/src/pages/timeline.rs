//! The timeline page: the facility's steps and deadlines up to the designation date, as a
//! table, as a drawing and as a calendar file, with a warning when the date cannot be met.

use super::AnswersProps;
use crate::browser::content;
use crate::components::timeline_table;
use onshi::era::format_era_date_weekday;
use onshi::schedule::{self, Feasibility, Note, StepId};
use web::browser::{download, today};
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
    // Only a date that cannot be kept, or cannot be judged, is worth a warning.
    let feasibility = match &schedule.feasibility {
        Some(f @ Feasibility::Infeasible { .. }) => html! {
            <div class="notice notice-warning" role="status">
                <p>{ f.headline(today) }</p>
                <p><a href="#dates">{"指定を受ける日を変える"}</a></p>
            </div>
        },
        Some(f @ (Feasibility::Unconfirmed { .. } | Feasibility::OfficesDiffer { .. })) => html! {
            <div class="notice notice-warning" role="status">
                <p>{ f.headline(today) }</p>
                { for f.note().iter().flat_map(|n| n.lines()).map(|l| html! { <p>{ l.to_string() }</p> }) }
            </div>
        },
        Some(Feasibility::Feasible) | None => html! {},
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
    // The card-reader note of step ①, once more as a banner.
    let lead_time = schedule
        .step(StepId::CardReaderOrder)
        .notes
        .iter()
        .find(|n| matches!(n, Note::CardReaderLeadTime { .. }))
        .map(|n| html! { <div class="notice notice-warning" role="note"><p>{ format!("カードリーダー：{}", n.text()) }</p></div> })
        .unwrap_or_default();
    // A short window between the bureau's reply and ⑥, once more as a banner while ⑥ is ahead.
    let submit = schedule.step(StepId::ReceptionSubmit);
    let reply_window = submit
        .notes
        .iter()
        .find(|n| matches!(n, Note::ShortReplyWindow { .. }))
        .filter(|_| !submit.past)
        .map(|n| {
            // The 実施機関's page on how ⑥ is submitted (別添2 3-2), as a link beside the words.
            let how = match n {
                Note::ShortReplyWindow { instructions, .. } => html! {
                    <p><a href={instructions.clone()}>{"受付番号の提出方法（実施機関の案内）"}</a></p>
                },
                _ => html! {},
            };
            html! { <div class="notice notice-warning" role="note"><p>{ format!("{}：{}", submit.title, n.text()) }</p>{ how }</div> }
        })
        .unwrap_or_default();
    html! {
        <>
            <p>{ format!("{}（{}）に提出する場合の、指定日 {} までの手続です。", bureau.name, office.display_name(), format_era_date_weekday(designation)) }</p>
            { next }
            { feasibility }
            { lead_time }
            { reply_window }
            { timeline_table(&schedule, content(), today) }
            <figure class="timeline">
                { Html::from_html_unchecked(AttrValue::from(svg)) }
            </figure>
            <p><button type="button" class="button button-secondary" onclick={ics}>{"期限をカレンダーに入れる（.ics）"}</button></p>
        </>
    }
}

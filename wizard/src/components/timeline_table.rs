//! The timeline as a table: the steps in date order, each marked past / today / upcoming, its
//! date (with 目安 and 閉庁日 flags), what it is, who does it, the notes, and for a bureau's
//! deadline a link to that month on the bureau's deadline page.

use onshi::content::Content;
use onshi::schedule::{Schedule, StepStatus};
use yew::prelude::*;

/// The steps of the schedule as a table, in date order, for `today`.
pub fn timeline_table(schedule: &Schedule, content: &Content, today: chrono::NaiveDate) -> Html {
    // The bureau's deadlines (the deadline page's columns) link to their month there.
    let month = &schedule.designation.to_string()[..7];
    let columns: Vec<_> = content.notice.columns().map(|s| s.id).collect();
    html! {
        <div class="table-scroll">
        <table class="timeline-table">
            <caption>{"手続と日付（日付の順。「目安」は国が示す目安、「まで」と書いたそのほかの日付は期限）"}</caption>
            <thead><tr><th scope="col">{"日付"}</th><th scope="col">{"手続"}</th><th scope="col">{"行う人"}</th><th scope="col">{"備考"}</th></tr></thead>
            <tbody>
            { for schedule.in_date_order().into_iter().map(|s| {
                let status = s.status(today);
                let class = match status {
                    StepStatus::Past => "step-past",
                    StepStatus::Today => "step-today",
                    StepStatus::Upcoming => "step-upcoming",
                    StepStatus::Undated => "step-undated",
                };
                html! {
                <tr class={class}>
                    <td>{ s.when().unwrap_or_else(|| "下記".into()) }
                        if status == StepStatus::Today { <span class="flag flag-today">{"今日"}</span> }
                        if status == StepStatus::Past { <span class="flag flag-past">{"過ぎた日"}</span> }
                        if s.approximate { <span class="flag">{"目安"}</span> }
                        if s.closed_day { <span class="flag flag-closed">{"閉庁日"}</span> }
                    </td>
                    <th scope="row">{ s.title.clone() }<span class="source">{ format!("（{}）", s.source) }</span>
                        if columns.contains(&s.id) {
                            <a class="month-link" href={format!("../deadlines/#{month}")}>{"局の提出期限の一覧で見る"}</a>
                        }
                    </th>
                    <td>{ s.actor.clone() }</td>
                    <td class="note">{ for s.note_lines().into_iter().map(|l| html! { <span class="note-line">{ l }</span> }) }</td>
                </tr>
            }}) }
            </tbody>
        </table>
        </div>
    }
}

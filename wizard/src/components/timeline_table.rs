//! The timeline as a table: each step's date (with 目安 and 閉庁日 flags), what it is, who
//! does it, and the notes.

use onshi::era::format_era_date_weekday;
use onshi::schedule::Schedule;
use yew::prelude::*;

/// The steps of the schedule as a table (scrolls sideways on a narrow screen).
pub fn timeline_table(schedule: &Schedule) -> Html {
    html! {
        <div class="table-scroll">
        <table>
            <caption>{"手続と期日（目安は国が示す目安の日）"}</caption>
            <thead><tr><th scope="col">{"期日"}</th><th scope="col">{"手続"}</th><th scope="col">{"行う人"}</th><th scope="col">{"備考"}</th></tr></thead>
            <tbody>
            { for schedule.steps.iter().map(|s| html! {
                <tr>
                    <td>{ s.date.map(format_era_date_weekday).unwrap_or_else(|| "下記".into()) }
                        if s.approximate { <span class="flag">{"目安"}</span> }
                        if s.closed_day { <span class="flag flag-closed">{"閉庁日"}</span> }
                    </td>
                    <th scope="row">{ s.title.clone() }<span class="source">{ format!("（{}）", s.source) }</span></th>
                    <td>{ s.actor.clone() }</td>
                    <td class="note">{ for s.note.iter().flat_map(|n| n.lines()).map(|l| html! { <span class="note-line">{ l.to_string() }</span> }) }</td>
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}

//! 点検: `site check`'s list for the content as edited, recomputed after each change; each
//! item links to the field that holds it, which is focused.

use crate::checks::concern_label;
use crate::effects::Dispatch;
use crate::model::Studio;
use crate::state::{Action, State};
use onshi::content::Concern;
use yew::prelude::*;

pub fn checks_page(s: &State, studio: &Studio, dispatch: &Dispatch) -> Html {
    let checks = studio.checks();
    let count = |c: Concern| checks.iter().filter(|i| i.concern == c).count();
    let counts =
        [Concern::Unknown, Concern::Stale, Concern::PastMonths, Concern::CalendarRunningOut, Concern::Inferred]
            .map(|c| format!("{} {}", concern_label(c), count(c)))
            .join("、");
    html! {
        <>
        <h1>{"点検"}</h1>
        <p class="lead">{format!("コマンドの site check と同じ点検を、直している内容について {} の時点で行います。項目を選ぶと、その欄を開きます。", studio.today)}</p>
        { if s.errors.is_empty() { html! {} } else { html! {
            <p class="notice">{"直すところがあるあいだは、最後に読み込めた内容を点検しています。"}</p>
        } } }
        { if checks.is_empty() { html! { <p>{"対応の必要な事項はありません。"}</p> } } else { html! {
            <>
            <p>{format!("対応が必要な事項：{} 件（{counts}）", checks.len())}</p>
            <ol class="checks">{ for checks.into_iter().map(|item| {
                let text = format!("{}: {}", item.at, item.message);
                match item.target {
                    Some((place, element)) => {
                        let go = {
                            let element = element.clone();
                            dispatch.link(move || Action::GoTo { place: place.clone(), focus: element.clone() })
                        };
                        html! { <li><a href={format!("#{element}")} onclick={go}>{text}</a></li> }
                    }
                    None => html! { <li>{text}</li> },
                }
            }) }</ol>
            </>
        } } }
        </>
    }
}

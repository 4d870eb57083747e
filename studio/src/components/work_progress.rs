//! The site worker's work under way (the export, the 新旧対照表): what is being done, a
//! progress bar through its phases, and 中止. Work that tells no phases (the 新旧対照表) is shown
//! after about a second (studio.css's `later`), so that quick work does not flash.

use crate::effects::Dispatch;
use crate::state::{Action, Working};
use yew::prelude::*;

pub fn work_progress(working: &Working, dispatch: &Dispatch) -> Html {
    let on_cancel = dispatch.callback(|_: MouseEvent| Action::Cancel);
    // Without a known fraction the bar has no value: it shows only that work goes on.
    let bar = match working.fraction() {
        Some((value, max)) => html! {
            <progress id="work-progress" max={max.to_string()} value={value.to_string()}>{format!("{} %", value * 100 / max)}</progress>
        },
        None => html! { <progress id="work-progress"></progress> },
    };
    html! {
        <div class={classes!("work-progress", working.phases.is_empty().then_some("later"))}>
            <label for="work-progress">{working.label()}</label>
            { bar }
            <button type="button" class="button button-secondary" onclick={on_cancel}>{"中止"}</button>
        </div>
    }
}

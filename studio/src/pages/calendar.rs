//! 暦: the 春分日 and 秋分日 of each published year (content/calendar.toml), the recent years as
//! fields, a year added each February, the allowed days shown as hints (the loader's).

use crate::calendar_form::{Equinox, EquinoxYear};
use crate::components::{error_summary, errors_at, source_fields};
use crate::effects::Dispatch;
use crate::keys::{equinox_key, new_year_day_key, NEW_YEAR_KEY, NEW_YEAR_VERNAL_ID};
use crate::model::Studio;
use crate::published::SourceForm;
use crate::state::{Action, SourceTarget, State};
use onshi::content::edit::SourceOf;
use onshi::content::CALENDAR_FILE;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How many of the last years are fields; the earlier ones are listed.
const YEARS_AS_FIELDS: usize = 3;

pub fn calendar_page(s: &State, studio: &Studio, dispatch: &Dispatch) -> Html {
    let years = studio.equinox_years();
    let split = years.len().saturating_sub(YEARS_AS_FIELDS);
    let (earlier, recent) = years.split_at(split);
    let last = studio.content.calendar.last_published_equinox_year();
    let reach = studio.tables_reach_year();
    let next = studio.next_equinox_year();
    let status = match last {
        Some(last) if last >= reach => format!("公表された春分日・秋分日は {last} 年まであり、提出期限の表（{reach} 年まで）に足りています。"),
        Some(last) => format!("公表された春分日・秋分日は {last} 年までです。提出期限の表は {reach} 年まで計算するので、{} 年の日付は「暫定」と表示されます。", last + 1),
        None => "公表された春分日・秋分日がありません。".to_string(),
    };
    html! {
        <>
        <h1>{"暦（春分日・秋分日）"}</h1>
        <p class="lead">{"春分の日と秋分の日は、国立天文台が毎年2月に翌年の暦要項で公表します。公表されたら、その年の行を加えてください。公表されていない年は計算で求め、サイトでは「暫定」と表示します。"}</p>
        <p class="hint">{format!("ファイル：{CALENDAR_FILE}")}</p>
        { error_summary(s) }
        <p>{status}</p>
        { add_year(s, next, dispatch) }
        { source_fields(s, &format!("{CALENDAR_FILE}|equinox_source"), "春分日・秋分日の出典",
            "日付を確かめた資料（暦要項や内閣府「国民の祝日について」）の名前、ページのアドレス、確かめた日。次に確かめる人のために記録します。",
            SourceForm::of(studio.source_written(CALENDAR_FILE, SourceOf::Equinoxes).as_ref()),
            SourceTarget::Equinoxes, dispatch) }
        <h2>{"公表された年"}</h2>
        { for recent.iter().rev().enumerate().map(|(i, row)| year_fields(s, row, i == 0, dispatch)) }
        <details class="earlier-years">
            <summary>{format!("それより前の年（{}〜{}年）", earlier.first().map_or(0, |r| r.year), earlier.last().map_or(0, |r| r.year))}</summary>
            <table class="dates">
                <caption>{"公表された春分日・秋分日（変えるときは content/calendar.toml を直してください）"}</caption>
                <thead><tr><th scope="col">{"年"}</th><th scope="col">{"春分日"}</th><th scope="col">{"秋分日"}</th></tr></thead>
                <tbody>{ for earlier.iter().rev().map(|r| html! {
                    <tr><th scope="row">{format!("{}年", r.year)}</th><td>{r.vernal.clone().unwrap_or_else(|| "—（祝日法の施行前）".into())}</td><td>{r.autumnal.clone().unwrap_or_default()}</td></tr>
                }) }</tbody>
            </table>
        </details>
        </>
    }
}

/// The next year's row: both days typed, then added.
fn add_year(s: &State, year: i32, dispatch: &Dispatch) -> Html {
    let key = NEW_YEAR_KEY;
    let typed = |which: Equinox| s.texts.get(&new_year_day_key(which)).map(|(t, _)| t.clone()).unwrap_or_default();
    let on_input = |which: Equinox| {
        dispatch.callback(move |e: InputEvent| Action::NewYearDay {
            which,
            text: e.target_unchecked_into::<HtmlInputElement>().value(),
        })
    };
    let on_add = dispatch.callback(move |_: MouseEvent| Action::AddYear { year });
    let error_id = "calendar-new-error".to_string();
    html! {
        <fieldset class="field calendar-year" id="calendar-new">
            <legend>{format!("{year} 年の行を加える")}</legend>
            <p class="hint">{format!("{year} 年の暦要項が公表されたら、その春分日と秋分日を書いてください。")}</p>
            { errors_at(s, key, &error_id) }
            { for Equinox::BOTH.into_iter().map(|which| {
                let id = if which == Equinox::Vernal { NEW_YEAR_VERNAL_ID.to_string() } else { "calendar-new-autumnal".to_string() };
                let field_key = new_year_day_key(which);
                html! {
                    <div class="field">
                        <label for={id.clone()}>{which.label()}</label>
                        <p class="hint" id={format!("{id}-hint")}>{which.hint(year)}</p>
                        { errors_at(s, &field_key, &format!("{id}-error")) }
                        <input type="text" class="width-10" id={id.clone()} value={typed(which)} oninput={on_input(which)}
                            aria-describedby={format!("{id}-hint {id}-error {error_id}")} />
                    </div>
                }
            }) }
            <button type="button" class="button" onclick={on_add}>{format!("{year} 年の行を加える")}</button>
        </fieldset>
    }
}

/// A published year's two days as fields (the last year's row can be removed).
fn year_fields(s: &State, row: &EquinoxYear, last: bool, dispatch: &Dispatch) -> Html {
    let year = row.year;
    let on_remove = dispatch.callback(move |_: MouseEvent| Action::RemoveYear { year });
    html! {
        <fieldset class="field calendar-year" id={format!("calendar-{year}")}>
            <legend>{format!("{year}年")}</legend>
            { for Equinox::BOTH.into_iter().map(|which| {
                let key = equinox_key(year, which);
                let id = format!("calendar-{year}-{}", which.key());
                let written = row.get(which).map(str::to_string);
                let Some(written) = written else {
                    return html! { <p>{format!("{}：なし（祝日法の施行前）", which.label())}</p> };
                };
                let value = s.texts.get(&key).map(|(t, _)| t.clone()).unwrap_or(written);
                let on_input = dispatch.callback(move |e: InputEvent| Action::EquinoxDay {
                    year,
                    which,
                    text: e.target_unchecked_into::<HtmlInputElement>().value(),
                });
                let has_error = s.field_errors.get(&key).is_some_and(|l| !l.is_empty());
                html! {
                    <div class={classes!("field", has_error.then_some("field-error"))}>
                        <label for={id.clone()}>{which.label()}</label>
                        <p class="hint" id={format!("{id}-hint")}>{which.hint(year)}</p>
                        { errors_at(s, &key, &format!("{id}-error")) }
                        <input type="text" class="width-10" id={id.clone()} value={value} oninput={on_input}
                            aria-describedby={format!("{id}-hint {id}-error")} aria-invalid={has_error.to_string()} />
                    </div>
                }
            }) }
            { if last { html! {
                <button type="button" class="button button-secondary" onclick={on_remove}>{format!("{year} 年の行を消す")}</button>
            } } else { html! {} } }
        </fieldset>
    }
}

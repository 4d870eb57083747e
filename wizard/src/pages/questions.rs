//! The question pages: a section of the application asked field by field from the library's
//! schema (the kind of facility, 遡及指定, 経過措置, the dates, 別紙1's and 別紙2's contents),
//! the prefecture (from the bureau's list), and the page that says a case is out of scope.

use super::Callbacks;
use crate::browser::content;
use crate::components::{date_field, problems_for, radios, text_field};
use crate::state::State;
use onshi::application::{field, fields_of, Field, Kind, Section};
use yew::prelude::*;

/// Every field of a section in file order: each group's label as a heading (the group that
/// opens the section is the page itself), and each asked field by its kind.
pub fn ask_section(state: &State, section: Section, on: &Callbacks) -> Html {
    html! {
        { for fields_of(section).enumerate().map(|(i, field)| html! {
            <>
                if field.kind == Kind::Group && i > 0 { <h2>{ field.label }</h2> }
                if !field.heading.is_empty() { <h2>{ field.heading }</h2> }
                if field.is_asked() { { ask(state, field, on) } }
            </>
        }) }
    }
}

/// One field, by its kind: a text field, a date, or radio buttons of its choices.
fn ask(state: &State, field: &'static Field, on: &Callbacks) -> Html {
    let path = field.path;
    let problems = problems_for(&state.problems, path);
    let set = on.set_field.reform(move |value: String| (path.to_string(), value));
    if let Some(choices) = field.kind.choices() {
        let options: Vec<(&'static str, &str)> = choices.iter().map(|c| (c.key, c.offered_label())).collect();
        return radios(field, &options, field.hint, state.answers.get(path), &problems, set);
    }
    match field.kind {
        Kind::Date => {
            let set = on.set_date.reform(move |(part, value)| (path.to_string(), part, value));
            date_field(field, &state.answers.date(path), &problems, set)
        }
        Kind::Prefecture => prefecture_page(state, on, None),
        _ => text_field(field, state.answers.get(path), &problems, set),
    }
}

/// The prefecture: the bureau's own when the page belongs to one, else all 47.
pub fn prefecture_page(state: &State, on: &Callbacks, preset: Option<&str>) -> Html {
    let field = field("prefecture").expect("the schema has the prefecture");
    let bureau = preset.and_then(|id| content().bureaus.get(id));
    // In the bureau's own order, as the site lists them.
    let known = |p: &String| onshi::prefectures::PREFECTURES.iter().copied().find(|q| *q == p.as_str());
    let options: Vec<(&'static str, &str)> = match bureau {
        Some(b) => b.prefectures.iter().filter_map(known).map(|p| (p, p)).collect(),
        None => onshi::prefectures::PREFECTURES.iter().map(|p| (*p, *p)).collect(),
    };
    let hint = match bureau {
        Some(b) => {
            format!("{}が受け持つ都道府県です。ほかの地域の方は、その地域の厚生（支）局の案内をご覧ください。", b.name)
        }
        None => field.hint.to_string(),
    };
    let set = on.set_field.reform(|value: String| ("prefecture".to_string(), value));
    radios(field, &options, &hint, state.answers.get("prefecture"), &problems_for(&state.problems, "prefecture"), set)
}

pub fn out_of_scope_page() -> Html {
    html! {
        <>
            <p>{"指定期日をさかのぼって指定を受ける医療機関・薬局は、受付番号の手続（国の通知 第1 1 ※2）の対象外です。このウィザードでは扱えません。"}</p>
            <p>{"提出先の事務所にご相談ください。"}<a href="../offices/">{"提出先の事務所"}</a></p>
            <p><a href="#retroactive">{"前の質問に戻る"}</a></p>
        </>
    }
}

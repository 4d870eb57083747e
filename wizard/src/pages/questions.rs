//! The question pages before the timeline: the kind of facility, the prefecture, 遡及指定,
//! 経過措置, the dates, and the page that says a case is out of scope.

use crate::app::Dispatch;
use crate::browser::content;
use crate::components::{date_field, radios};
use crate::state::State;
use yew::prelude::*;

pub fn kind_page(state: &State, dispatch: &Dispatch) -> Html {
    radios(
        state,
        dispatch,
        "facility_kind",
        "指定を受ける医療機関・薬局の種類",
        &[
            ("medical", "医科"),
            ("dental", "歯科"),
            ("medical_dental", "医科と歯科の併設（別紙1を2通作ります）"),
            ("pharmacy", "薬局"),
        ],
        "",
    )
}

pub fn prefecture_page(state: &State, dispatch: &Dispatch, preset: Option<&str>) -> Html {
    let bureaus = &content().bureaus;
    let prefectures: Vec<String> = match preset.and_then(|id| bureaus.get(id)) {
        Some(b) => b.prefectures.clone(),
        None => onshi::bureaus::PREFECTURES.iter().map(|p| p.to_string()).collect(),
    };
    let options: Vec<(&'static str, &str)> = prefectures
        .iter()
        .filter_map(|p| onshi::bureaus::PREFECTURES.iter().find(|q| **q == p.as_str()).map(|q| (*q, *q)))
        .collect();
    let hint = match preset.and_then(|id| bureaus.get(id)) {
        Some(b) => {
            format!("{}が受け持つ都道府県です。ほかの地域の方は、その地域の厚生（支）局の案内をご覧ください。", b.name)
        }
        None => String::new(),
    };
    radios(state, dispatch, "prefecture", "医療機関・薬局の所在地", &options, &hint)
}

pub fn retroactive_page(state: &State, dispatch: &Dispatch) -> Html {
    yes_no_page(
        state,
        dispatch,
        "retroactive",
        "指定期日をさかのぼって指定を受ける（遡及指定）医療機関・薬局は、この受付番号の手続の対象外です。",
    )
}

pub fn transitional_page(state: &State, dispatch: &Dispatch) -> Html {
    yes_no_page(state, dispatch, "transitional", "指定を受ける時点から、オンライン資格確認の導入義務の経過措置に当たるやむを得ない事情があり、指定の申請と併せて届け出る場合は「はい」。導入計画書（別紙2）は要りませんが、別紙1は必要です。")
}

fn yes_no_page(state: &State, dispatch: &Dispatch, path: &'static str, hint: &str) -> Html {
    radios(state, dispatch, path, state.page.title(), &[("no", "いいえ"), ("yes", "はい")], hint)
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

pub fn dates_page(state: &State, dispatch: &Dispatch) -> Html {
    html! {
        <>
            { date_field(state, dispatch, "designation_date", "指定を受ける日（診療・調剤を始める日）", "月の1日です。例）2027年4月1日", true) }
            { date_field(state, dispatch, "setup_date", "機器設定作業の日（決まっていれば）", "システム事業者が機器を設定する日です。例）2027年2月15日", false) }
        </>
    }
}

//! 受付番号情報提供依頼書（別紙1）の内容: the request date, where the answer goes, the
//! facility and its founder.

use crate::app::Dispatch;
use crate::components::{date_field, text_field};
use crate::state::State;
use yew::prelude::*;

pub fn request_page(state: &State, dispatch: &Dispatch) -> Html {
    html! {
        <>
            { date_field(state, dispatch, "request_date", "依頼する日", "別紙1に書く日付です。例）2027年1月20日", true) }
            <h2>{"回答書の送付先"}</h2>
            { text_field(state, dispatch, "reply_to.postal_code", "例）123-4567", true, "postal-code") }
            { text_field(state, dispatch, "reply_to.address", "", true, "street-address") }
            { text_field(state, dispatch, "reply_to.name", "", true, "name") }
            <h2>{"医療機関・薬局"}</h2>
            { text_field(state, dispatch, "facility.name", "", true, "organization") }
            { text_field(state, dispatch, "facility.name_kana", "カタカナで入力します（ひらがなでも可）。", true, "off") }
            { text_field(state, dispatch, "facility.postal_code", "例）123-4567", true, "off") }
            { text_field(state, dispatch, "facility.address", "都道府県から入力します。", true, "off") }
            <h2>{"開設者"}</h2>
            { text_field(state, dispatch, "founder.corporation_name", "法人の場合だけ入力します。", false, "organization") }
            { text_field(state, dispatch, "founder.representative_title", "法人の場合だけ入力します。例）理事長", false, "organization-title") }
            { text_field(state, dispatch, "founder.name", "法人の場合は代表者の氏名です。", true, "name") }
            { text_field(state, dispatch, "founder.name_kana", "カタカナで入力します（ひらがなでも可）。", true, "off") }
            { text_field(state, dispatch, "founder.registration", "保険医・保険薬剤師の場合だけ入力します。", false, "off") }
            { text_field(state, dispatch, "founder.postal_code", "例）123-4567", true, "off") }
            { text_field(state, dispatch, "founder.address", "", true, "off") }
            { text_field(state, dispatch, "founder.phone", "例）03-1234-5678", true, "tel") }
            { text_field(state, dispatch, "founder.email", "", false, "email") }
            { text_field(state, dispatch, "contact_phone", "別紙1の「担当者の連絡先」です。例）03-1234-5678", true, "tel") }
        </>
    }
}

//! 導入計画書（別紙2）の内容: the portal account, the card reader, the network and the set-up
//! dates.

use crate::app::Dispatch;
use crate::components::{date_field, radios, text_field};
use crate::state::State;
use yew::prelude::*;

pub fn plan_page(state: &State, dispatch: &Dispatch) -> Html {
    let status = [("ready", "ア 整備済み"), ("contracted", "イ 契約済み"), ("quoting", "ウ 見積もり中")];
    let done = [("yes", "済み"), ("no", "未実施")];
    html! {
        <>
            { radios(state, dispatch, "plan.portal_account_done", "③ ポータルサイトのアカウント作成", &done, "") }
            { radios(state, dispatch, "plan.usage_application_done", "④ 利用申請・電子証明書の発行申請", &done, "") }
            <h2>{"カードリーダー"}</h2>
            { radios(state, dispatch, "plan.card_reader.status", "⑤ 顔認証付きカードリーダーの調達状況", &status, "") }
            { text_field(state, dispatch, "plan.card_reader.month", "イ 契約済みの場合だけ、整備する予定の月を数字で入力します。例）2", false, "off") }
            { text_field(state, dispatch, "plan.card_reader.maker", "見積もり中で決まっていなければ空のままにします。", false, "off") }
            <h2>{"ネットワーク"}</h2>
            { radios(state, dispatch, "plan.network.status", "⑦ ネットワークの整備状況", &status, "") }
            { text_field(state, dispatch, "plan.network.month", "イ 契約済みの場合だけ、整備する予定の月を数字で入力します。例）2", false, "off") }
            { text_field(state, dispatch, "plan.network.provider", "見積もり中で決まっていなければ空のままにします。", false, "off") }
            { radios(state, dispatch, "plan.network.line_type", "⑨ ネットワークの種類", &[("ip_vpn", "IP-VPN"), ("ipsec_ike", "IPsec+IKE")], "") }
            <h2>{"導入作業"}</h2>
            { date_field(state, dispatch, "plan.setup_start", "⑩ 導入作業開始（予定）日", "例）2027年2月15日", true) }
            { text_field(state, dispatch, "plan.system_vendor", "", true, "off") }
            { date_field(state, dispatch, "plan.operation_start", "⑫ 運用開始（予定）日", "例）2027年3月15日", true) }
            { date_field(state, dispatch, "plan.practice_start", "⑬ 診療・調剤開始（予定）日", "通常は指定を受ける日です。", true) }
        </>
    }
}

//! 通知の手順: the notice's steps as the site's 「手続の流れ」 shows them (the same words,
//! `publish::views::steps_view`), read-only: a bureau cannot change the notice.

use crate::model::Studio;
use yew::prelude::*;

pub fn steps_page(studio: &Studio) -> Html {
    let steps = publish::views::steps_view(&studio.content);
    html! {
        <>
        <h1>{"通知の手順"}</h1>
        <p class="lead">{"国の通知が定める手続と、その時期です。局では変えられないので、ここでは読むだけです。サイトの「手続の流れ」のページに、この表が載ります。"}</p>
        <p>{"局が決める提出期限（受付番号の依頼・指定申請）は、局のページで直せます。「局の提出期限まで」の手続は、その期限で日付が決まります。"}</p>
        <p class="hint">{format!("ファイル：{}（手続の言葉と決まり）", onshi::content::NOTICE_FILE)}</p>
        <div class="table-scroll">
        <table class="dates">
            <caption>{"指定を受ける日から数えた、それぞれの手続の時期（「目安」は国が示す目安、それ以外は期日）"}</caption>
            <thead><tr><th scope="col">{"手続"}</th><th scope="col">{"時期"}</th><th scope="col">{"行う人・相手"}</th></tr></thead>
            <tbody>{ for steps.iter().map(|step| html! {
                <tr><th scope="row">{&step.title}</th><td>{&step.when}</td><td>{&step.who}</td></tr>
            }) }</tbody>
        </table>
        </div>
        </>
    }
}

//! A bureau's page: its deadlines, its offices and its page on the 指定申請, as forms.

use crate::components::{
    contact_source, deadline_form, error_summary, office_field, page_fields, published_dates, source_fields,
};
use crate::effects::Dispatch;
use crate::keys::{deadline_source_key, designation_page_key, office_key};
use crate::model::Studio;
use crate::published::SourceForm;
use crate::state::{Action, Page, SourceTarget, State};
use onshi::content::edit::SourceOf;
use yew::prelude::*;

pub fn bureau_page(s: &State, studio: &Studio, id: &str, dispatch: &Dispatch) -> Html {
    let Some(bureau) = studio.content.bureaus.get(id) else { return html! { <p>{"局がありません"}</p> } };
    let file = bureau.file.clone();
    let back = dispatch.link(|| Action::Go(Page::List));
    let slots = studio.slots(id);
    html! {
        <>
        <p><a href="#" onclick={back}>{"局の一覧に戻る"}</a></p>
        <h1>{&bureau.name}</h1>
        <p class="hint">{format!("ファイル：{file}")}</p>
        { error_summary(s) }
        <h2>{"提出期限"}</h2>
        { for slots.iter().map(|slot| {
            let (office, kind) = (slot.office.clone(), slot.kind);
            let of = SourceOf::Deadline(office.as_deref(), kind);
            let target = SourceTarget::Deadline { file: file.clone(), office: office.clone(), kind };
            html! { <>
                { deadline_form(s, studio, &file, slot, dispatch) }
                { published_dates(s, &file, slot, dispatch) }
                { source_fields(s, &deadline_source_key(&file, office.as_deref(), kind.key()),
                    &format!("{}：{}の出典", slot.title, kind.short_label()),
                    "期限（決まり・公表した日）を確かめた局のページ。サイトに日付とともに表示します。",
                    SourceForm::of(studio.source_written(&file, of).as_ref()), target, dispatch) }
            </> }
        }) }
        <h2>{"事務所"}</h2>
        { for studio.offices(id).iter().map(|o| html! {
            <fieldset class="office">
                <legend>{&o.title}</legend>
                { for o.values.iter().map(|(field, value)| office_field(s, &file, &o.id, *field, value, dispatch)) }
                { contact_source(s, &file, o, dispatch) }
                { {
                    let target = SourceTarget::OfficeName { file: file.clone(), office: o.id.clone() };
                    source_fields(s, &office_key(&file, &o.id, "source"), "名称の出典",
                        "名称を確かめたページや文書（分かっていれば）。",
                        SourceForm::of(studio.source_written(&file, SourceOf::OfficeName(&o.id)).as_ref()), target, dispatch)
                } }
            </fieldset>
        }) }
        <h2>{"指定申請の案内ページ"}</h2>
        { {
            let target = SourceTarget::DesignationPage { file: file.clone() };
            page_fields(s, &designation_page_key(&file), "案内のページ",
                "局の指定申請の案内のページです。様式のダウンロードのページからリンクします。日付はそのページに書かれた日（更新日）です。",
                SourceForm::of(studio.source_written(&file, SourceOf::DesignationPage).as_ref()), target, dispatch)
        } }
        </>
    }
}

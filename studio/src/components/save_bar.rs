//! 保存, 新旧対照表 and サイトを書き出す, and what was opened and how it is saved.

use crate::app::{Origin, Page, Shared, State};
use crate::browser;
use crate::pages::Compared;
use crate::protocol::{FromWorker, ToWorker};
use yew::prelude::*;

pub fn save_bar(s: &State, state: &Shared, redraw: &UseForceUpdateHandle) -> Html {
    let Some(studio) = &s.studio else { return html! {} };
    let changed = studio.changed();
    let can_save = s.errors.is_empty() && !changed.is_empty() && !s.busy;
    let origin = match &s.origin {
        Some(Origin::Folder(name)) => format!("フォルダ「{name}」"),
        Some(Origin::Zip(name)) => name.clone(),
        Some(Origin::Api(_)) => "プレビュー（site serve）のフォルダ".into(),
        Some(Origin::Picked(..)) => "選んだフォルダ".into(),
        None => String::new(),
    };
    let opened = format!("開いているもの：{origin}");
    // The 新旧対照表 compares with the content as first opened, saved since or not.
    let can_compare = s.errors.is_empty() && !studio.changed_since_opened().is_empty() && !s.busy;
    let how = match &s.origin {
        Some(Origin::Api(_)) => "保存すると、プレビュー中のフォルダのファイルを書き換えます。",
        Some(Origin::Picked(..)) => "保存すると、開いたフォルダの中の直したファイルを書き換えます。",
        _ => "保存すると、直した内容のフォルダを zip ファイルでダウンロードします。それを展開して content フォルダと置き換えてください。",
    };
    let on_save = {
        let (state, redraw) = (state.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let (files, changed, origin) = {
                let s = state.borrow();
                let Some(studio) = &s.studio else { return };
                (studio.files_to_save(), studio.changed(), s.origin.clone())
            };
            let finish = {
                let (state, redraw) = (state.clone(), redraw.clone());
                move |result: Result<(), String>, saved_as: String| {
                    let mut s = state.borrow_mut();
                    s.busy = false;
                    match result {
                        Ok(()) => {
                            if let Some(studio) = s.studio.as_mut() {
                                studio.saved();
                            }
                            s.problems.clear();
                            s.notice = Some(saved_as);
                        }
                        Err(e) => s.problems = vec![e],
                    }
                    drop(s);
                    redraw.force_update();
                }
            };
            let list = changed.join("、");
            match origin {
                Some(Origin::Api(key)) => {
                    state.borrow_mut().busy = true;
                    redraw.force_update();
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = browser::api_save(&key, &files, &changed).await;
                        finish(result, format!("保存しました：{list}"));
                    });
                }
                Some(Origin::Picked(root, read)) => {
                    state.borrow_mut().busy = true;
                    redraw.force_update();
                    wasm_bindgen_futures::spawn_local(async move {
                        let writes: Vec<(String, &[u8])> = changed
                            .iter()
                            .filter_map(|name| Some((crate::archive::path_in_folder(&read, name)?, &files[name][..])))
                            .collect();
                        let result = browser::write_in_folder(&root, &writes).await;
                        finish(result, format!("フォルダに保存しました：{list}"));
                    });
                }
                _ => {
                    browser::download("content.zip", &site::publish::archive::zip_files(&files), "application/zip");
                    finish(Ok(()), format!("content.zip をダウンロードしました（変わったファイル：{list}）"));
                }
            }
        })
    };
    let on_export = {
        let (state, redraw) = (state.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let started = browser::now_ms();
            ask_site(
                &state,
                &redraw,
                ToWorker::Export,
                "サイトを作っています…",
                |_| {},
                move |s, answer| {
                    if let FromWorker::Site(site) = answer {
                        let ms = browser::now_ms() - started;
                        browser::download("site.zip", &site, "application/zip");
                        s.notice = Some(format!("site.zip をダウンロードしました（{:.1} 秒）", ms / 1000.0));
                    }
                },
            );
        })
    };
    let on_compare = {
        let (state, redraw) = (state.clone(), redraw.clone());
        let from = format!("編集室で開いたときの内容（{origin}）");
        let to = if changed.is_empty() {
            "編集室で直して保存した内容".to_string()
        } else {
            "編集室で直した内容（保存していない変更を含む）".to_string()
        };
        Callback::from(move |_: MouseEvent| {
            let question = ToWorker::Compare { from: from.clone(), to: to.clone() };
            let opening = |s: &mut State| {
                s.comparison = None;
                s.page = Some(Page::Comparison);
            };
            let (from, to) = (from.clone(), to.clone());
            ask_site(
                &state,
                &redraw,
                question,
                "新旧対照表を作っています…",
                opening,
                move |s, answer| {
                    if let FromWorker::Comparison { comparison, html } = answer {
                        let (texts, dates) = (comparison.texts.len(), comparison.dates.len());
                        s.notice =
                            Some(format!("新旧対照表を作りました（文章の変更 {texts} 件、変わる期限 {dates} 件）"));
                        s.comparison = Some(Compared { comparison, html, from, to });
                    }
                },
            );
        })
    };
    // Saved in place (a folder chosen read-write, or `site serve`'s): the content can still be
    // handed over as a zip, as it is now (saved or not); 保存 is what does this elsewhere.
    let content_zip = matches!(s.origin, Some(Origin::Picked(..) | Origin::Api(_))).then(|| {
        let (state, redraw) = (state.clone(), redraw.clone());
        let on_content_zip = Callback::from(move |_: MouseEvent| {
            let mut s = state.borrow_mut();
            let Some(studio) = &s.studio else { return };
            browser::download("content.zip", &site::publish::archive::zip_files(&studio.files_to_save()), "application/zip");
            s.notice = Some("content.zip をダウンロードしました（今の内容。保存はしていません）".into());
            drop(s);
            redraw.force_update();
        });
        html! { <>{" "}<button type="button" class="button button-secondary" disabled={!s.errors.is_empty()} onclick={on_content_zip}>{"内容を zip で書き出す"}</button></> }
    });
    html! {
        <section class="save-bar" aria-label="保存">
            <p class="hint">{opened}</p>
            <p>{ if changed.is_empty() { "変更はありません。".to_string() } else { format!("保存していない変更：{}", changed.join("、")) } }</p>
            <p class="hint">{how}</p>
            <p class="hint">{"新旧対照表は、開いたときの内容と今の内容（保存したものを含む）を比べて、変わる文章と期限を並べます。"}</p>
            <button type="button" class="button" disabled={!can_save} onclick={on_save}>{"保存"}</button>
            {" "}
            <button type="button" class="button button-secondary" disabled={!can_compare} onclick={on_compare}>{"新旧対照表"}</button>
            {" "}
            <button type="button" class="button button-secondary" disabled={s.busy || !s.errors.is_empty()} onclick={on_export}>{"サイトを書き出す"}</button>
            { content_zip }
        </section>
    }
}

/// Asks the site worker `question` about the content as edited (told it first), busy and
/// saying `doing` (after `before`) until it answers; its problems are shown, any other answer
/// goes to `answered`.
fn ask_site(
    state: &Shared,
    redraw: &UseForceUpdateHandle,
    question: ToWorker,
    doing: &str,
    before: impl FnOnce(&mut State),
    answered: impl FnOnce(&mut State, FromWorker) + 'static,
) {
    let site = {
        let mut s = state.borrow_mut();
        let Some(studio) = &s.studio else { return };
        s.site.edited(studio.edited_files());
        s.busy = true;
        s.notice = Some(doing.to_string());
        before(&mut s);
        s.site.clone()
    };
    redraw.force_update();
    let (state, redraw) = (state.clone(), redraw.clone());
    site.ask(question, move |answer| {
        let mut s = state.borrow_mut();
        s.busy = false;
        s.notice = None;
        match answer {
            FromWorker::Problems(problems) => s.problems = problems,
            answer => {
                s.problems.clear();
                answered(&mut s, answer);
            }
        }
        drop(s);
        redraw.force_update();
    });
}

//! The 新旧対照表 in the studio: what changes from the content as first opened to the content as
//! edited (the site worker's `publish::compare`), counted per office, every changed text
//! and every moved date; and the same as 新旧対照表.html to save and print on A4 (the page's
//! CSP forbids the document's own styles here; opened from the computer, it has them).

use crate::effects::Dispatch;
use crate::state::{Action, Compared, Page, State, COMPARISON_DOCUMENT};
use publish::compare::{months_text, DateChange};
use yew::prelude::*;

/// The moved dates of each office, in the comparison's order: (局 事務所, its rows).
fn by_office(dates: &[DateChange]) -> Vec<(String, Vec<&DateChange>)> {
    let mut groups: Vec<(String, Vec<&DateChange>)> = Vec::new();
    for d in dates {
        let name = format!("{} {}", d.bureau, d.office);
        match groups.last_mut() {
            Some((last, rows)) if *last == name => rows.push(d),
            _ => groups.push((name, vec![d])),
        }
    }
    groups
}

pub fn comparison_page(s: &State, dispatch: &Dispatch) -> Html {
    let back = dispatch.link(|| Action::Go(Page::List));
    let body = match &s.comparison {
        None if s.busy => html! { <p>{"新旧対照表を作っています…"}</p> },
        None => html! { <p>{"新旧対照表はまだありません。下の「新旧対照表」を押してください。"}</p> },
        Some(compared) => table(compared, dispatch),
    };
    html! {
        <>
        <p><a href="#" onclick={back}>{"局の一覧に戻る"}</a></p>
        <h1>{"新旧対照表"}</h1>
        { body }
        </>
    }
}

fn table(compared: &Compared, dispatch: &Dispatch) -> Html {
    let c = &compared.comparison;
    let save = dispatch.callback(|_: MouseEvent| Action::SaveComparison);
    let offices = by_office(&c.dates);
    let anchor = |i: usize| format!("office-{i}");
    html! {
        <>
        <dl class="about">
            <dt>{"局"}</dt><dd>{ if c.bureaus.is_empty() { "変更はありません".to_string() } else { c.bureaus.join("、") } }</dd>
            <dt>{"変更前"}</dt><dd>{&compared.from}</dd>
            <dt>{"変更後"}</dt><dd>{&compared.to}</dd>
            <dt>{"作成日"}</dt>
            <dd>{format!("{}（この日を基準に、指定を受ける月 {} の期限を比べています）", onshi::era::format_era_date(c.today), months_text(c.months))}</dd>
        </dl>
        <p>
            <button type="button" class="button" onclick={save}>{"新旧対照表を保存（印刷用）"}</button>
        </p>
        <p class="hint">{format!("{COMPARISON_DOCUMENT} を保存します。保存したファイルをブラウザーで開き、印刷してください（A4）。")}</p>
        <h2>{format!("文章の変更（{}件）", c.texts.len())}</h2>
        { if c.texts.is_empty() { html! { <p>{"文章の変更はありません。"}</p> } } else { html! {
            <table class="comparison">
                <thead><tr><th scope="col">{"ファイルと行"}</th><th scope="col">{"変更前"}</th><th scope="col">{"変更後"}</th></tr></thead>
                <tbody>{ for c.texts.iter().map(|t| {
                    let line = |n: Option<usize>, none: &str| n.map_or(none.to_string(), |n| format!("{n}行目"));
                    html! { <tr>
                        <td>{&t.file}<br/>{format!("{} → {}", line(t.old_line, "（追加）"), line(t.new_line, "（削除）"))}</td>
                        <td><pre>{&t.old}</pre></td>
                        <td><pre>{&t.new}</pre></td>
                    </tr> }
                }) }</tbody>
            </table>
        } } }
        <h2>{format!("変わる期限（{}件）", c.dates.len())}</h2>
        { if c.dates.is_empty() { html! { <p>{"サイトに載る期限は変わりません。"}</p> } } else { html! {
            <>
            <table class="comparison offices">
                <caption>{"事務所ごとの件数"}</caption>
                <thead><tr><th scope="col">{"局・事務所"}</th><th scope="col">{"変わる期限"}</th></tr></thead>
                <tbody>{ for offices.iter().enumerate().map(|(i, (name, rows))| html! {
                    <tr><td><a href={format!("#{}", anchor(i))}>{name}</a></td><td>{format!("{}件", rows.len())}</td></tr>
                }) }</tbody>
            </table>
            { for offices.iter().enumerate().map(|(i, (name, rows))| html! {
                <table class="comparison dates" id={anchor(i)}>
                    <caption>{format!("{name}（{}件）", rows.len())}</caption>
                    <thead><tr>
                        <th scope="col">{"指定を受ける日"}</th><th scope="col">{"期限"}</th>
                        <th scope="col">{"変更前"}</th><th scope="col">{"変更後"}</th>
                    </tr></thead>
                    <tbody>{ for rows.iter().map(|d| html! {
                        <tr><th scope="row">{&d.designation}</th><td>{&d.column}</td><td>{&d.old}</td><td>{&d.new}</td></tr>
                    }) }</tbody>
                </table>
            }) }
            </>
        } } }
        </>
    }
}

//! 別紙2, the オンライン資格確認の導入計画書: its layout and its 西暦 dates.

use super::canvas::{cell, document, finish, Align, Canvas, Part, Scope, A4_HEIGHT, A4_WIDTH, LEFT, RIGHT};
use super::font::FormFont;
use super::Tagging;
use crate::application::{Application, Problem};
use chrono::{Datelike, NaiveDate};
use krilla::page::PageSettings;
use krilla::tagging::Tag;

/// 「西暦 2027 年 2 月 15 日」 (別紙2 ⑩ ⑫ ⑬), read as part of `part`.
fn draw_western_date(c: &mut Canvas, part: Part, x: f32, y: f32, size: f32, date: Option<NaiveDate>) {
    let gap = size * 2.6;
    c.text(part, x, y, size, "西暦", Align::Left);
    let mut cursor = x + c.font.width("西暦", size) + gap * 0.4;
    for (i, unit) in ["年", "月", "日"].into_iter().enumerate() {
        let width = if i == 0 { gap * 1.3 } else { gap };
        if let Some(d) = date {
            let n = [d.year() as u32, d.month(), d.day()][i].to_string();
            c.text(part, cursor + width / 2.0, y, size, &n, Align::Center);
        }
        cursor += width;
        c.text(part, cursor, y, size, unit, Align::Left);
        cursor += c.font.width(unit, size);
    }
}

/// A value of 別紙2 part II: text (with the field's path when the user typed it) or a
/// 西暦 date.
enum PlanValue {
    Text(Option<String>, Option<&'static str>),
    Date(Option<NaiveDate>),
}

/// A row of 別紙2 part II: its label, the choices printed under it, its value.
type PlanRow<'a> = (&'a str, Option<&'a str>, PlanValue);

/// 別紙2. `None` for the blank form.
pub(super) fn plan_form(font: &FormFont, app: Option<&Application>, tagging: Tagging) -> Result<Vec<u8>, Vec<Problem>> {
    let mut document = document(tagging, app.is_some());
    let mut page = document.start_page_with(PageSettings::from_wh(A4_WIDTH, A4_HEIGHT).expect("A4"));
    let mut c = Canvas::new(page.surface(), font);
    let plan = app.and_then(|a| a.plan.as_ref());
    let mut problems = Vec::new();
    let doc = Part::DOCUMENT;

    let p = c.p(doc);
    c.text(p, RIGHT, 48.0, 10.5, "（別紙2）", Align::Right);
    c.heading(1, A4_WIDTH / 2.0, 80.0, 16.0, "オンライン資格確認の導入計画書", Align::Center);
    c.heading(2, LEFT, 110.0, 11.0, "I. 医療機関・薬局の基本情報", Align::Left);

    // Part I: two tables. ① is three columns (who | label | value).
    let (a_w, b_w) = (76.0, 58.0);
    let bx = LEFT + a_w;
    let vx = bx + b_w;
    let mut y = 118.0;
    let kana_h = 20.0;
    let name_h = 30.0;
    let addr_h = 42.0;
    let phone_h = 26.0;
    // ① 医療機関・薬局.
    let table = c.group(doc, Tag::Table);
    let rows = [c.group(table, Tag::TR), c.group(table, Tag::TR), c.group(table, Tag::TR)];
    let who = c.th(rows[0], "facility", Scope::Row, (3, 1));
    let kana_th = c.th(rows[0], "facility-kana", Scope::Row, (1, 1));
    let kana_td = c.td(rows[0], &["facility", "facility-kana"], (1, 1));
    let name_th = c.th(rows[1], "facility-name", Scope::Row, (1, 1));
    let name_td = c.td(rows[1], &["facility", "facility-name"], (1, 1));
    let addr_th = c.th(rows[2], "facility-address", Scope::Row, (1, 1));
    let addr_td = c.td(rows[2], &["facility", "facility-address"], (1, 1));
    let block1 = kana_h + name_h + addr_h;
    c.rect(LEFT, y, RIGHT - LEFT, block1, 1.0);
    c.line(bx, y, bx, y + block1, 0.6, false);
    c.line(vx, y, vx, y + block1, 0.6, false);
    c.line(bx, y + kana_h, RIGHT, y + kana_h, 0.4, true);
    c.line(bx, y + kana_h + name_h, RIGHT, y + kana_h + name_h, 0.6, false);
    c.text(who, LEFT + 6.0, y + block1 / 2.0 - 4.0, 10.0, "① 医療機関", Align::Left);
    c.text(who, LEFT + 18.0, y + block1 / 2.0 + 10.0, 10.0, "・薬局", Align::Left);
    c.text(kana_th, bx + b_w / 2.0, y + kana_h / 2.0 + 3.5, 8.5, "（フリガナ）", Align::Center);
    c.text(name_th, bx + b_w / 2.0, y + kana_h + name_h / 2.0 + 4.0, 10.5, "名 称", Align::Center);
    c.text(addr_th, bx + b_w / 2.0, y + kana_h + name_h + addr_h / 2.0 + 4.0, 10.5, "所在地", Align::Center);
    let vw = RIGHT - vx - 12.0;
    match app {
        Some(a) => {
            problems.extend(
                c.fit(kana_td, "facility.name_kana", &a.facility.name_kana, cell(vx + 6.0, y, vw, kana_h), 9.5).err(),
            );
            problems.extend(
                c.fit(name_td, "facility.name", &a.facility.name, cell(vx + 6.0, y + kana_h, vw, name_h), 12.0).err(),
            );
        }
        None => {
            c.empty(kana_td);
            c.empty(name_td);
        }
    }
    let postal_address = app.map(|a| (a.facility.postal_code.as_str(), a.facility.address.as_str()));
    problems.extend(c.postal_address(
        addr_td,
        "facility.address",
        postal_address,
        vx + 6.0,
        y + kana_h + name_h + 14.0,
        cell(vx + 6.0, y + kana_h + name_h + 17.0, vw, 24.0),
    ));
    y += block1;

    // ② 開設者（法人の場合は代表者）: five columns (who | label | value | label | value); the
    // 登録番号 spans the first two rows, the address the last three columns.
    let table = c.group(doc, Tag::Table);
    let rows = [c.group(table, Tag::TR), c.group(table, Tag::TR), c.group(table, Tag::TR), c.group(table, Tag::TR)];
    let who = c.th(rows[0], "founder", Scope::Row, (4, 1));
    let kana_th = c.th(rows[0], "founder-kana", Scope::Row, (1, 1));
    let kana_td = c.td(rows[0], &["founder", "founder-kana"], (1, 1));
    let reg_th = c.th(rows[0], "founder-registration", Scope::Row, (2, 1));
    let reg_td = c.td(rows[0], &["founder", "founder-registration"], (2, 1));
    let name_th = c.th(rows[1], "founder-name", Scope::Row, (1, 1));
    let name_td = c.td(rows[1], &["founder", "founder-name"], (1, 1));
    let addr_th = c.th(rows[2], "founder-address", Scope::Row, (1, 1));
    let addr_td = c.td(rows[2], &["founder", "founder-address"], (1, 3));
    let phone_th = c.th(rows[3], "founder-phone", Scope::Row, (1, 1));
    let phone_td = c.td(rows[3], &["founder", "founder-phone"], (1, 1));
    let email_th = c.th(rows[3], "founder-email", Scope::Row, (1, 1));
    let email_td = c.td(rows[3], &["founder", "founder-email"], (1, 1));
    let block2 = kana_h + name_h + addr_h + phone_h;
    let reg_label_x = vx + 170.0;
    let reg_value_x = reg_label_x + 92.0;
    c.rect(LEFT, y, RIGHT - LEFT, block2, 1.0);
    c.line(bx, y, bx, y + block2, 0.6, false);
    c.line(vx, y, vx, y + block2, 0.6, false);
    c.line(bx, y + kana_h, reg_label_x, y + kana_h, 0.4, true);
    c.line(bx, y + kana_h + name_h, RIGHT, y + kana_h + name_h, 0.6, false);
    c.line(bx, y + kana_h + name_h + addr_h, RIGHT, y + kana_h + name_h + addr_h, 0.6, false);
    c.line(reg_label_x, y, reg_label_x, y + kana_h + name_h, 0.6, false);
    c.line(reg_value_x, y, reg_value_x, y + kana_h + name_h, 0.6, false);
    c.text(who, LEFT + 6.0, y + block2 / 2.0 - 10.0, 10.0, "② 開設者", Align::Left);
    c.text(who, LEFT + 6.0, y + block2 / 2.0 + 4.0, 8.0, "（法人の場合", Align::Left);
    c.text(who, LEFT + 6.0, y + block2 / 2.0 + 15.0, 8.0, "は代表者）", Align::Left);
    c.text(kana_th, bx + b_w / 2.0, y + kana_h / 2.0 + 3.5, 8.5, "（フリガナ）", Align::Center);
    c.text(name_th, bx + b_w / 2.0, y + kana_h + name_h / 2.0 + 4.0, 10.5, "氏 名", Align::Center);
    c.text(addr_th, bx + b_w / 2.0, y + kana_h + name_h + addr_h / 2.0 + 4.0, 10.5, "住 所", Align::Center);
    c.text(
        phone_th,
        bx + b_w / 2.0,
        y + kana_h + name_h + addr_h + phone_h / 2.0 + 4.0,
        10.0,
        "電話番号",
        Align::Center,
    );
    for (i, line) in ["保険医又は保険薬剤", "師の登録の記号及び", "番号"].into_iter().enumerate() {
        c.text(reg_th, reg_label_x + 4.0, y + 14.0 + i as f32 * 11.0, 8.0, line, Align::Left);
    }
    let nw = reg_label_x - vx - 12.0;
    match app {
        Some(a) => {
            let f = &a.founder;
            problems
                .extend(c.fit(kana_td, "founder.name_kana", &f.name_kana, cell(vx + 6.0, y, nw, kana_h), 9.5).err());
            problems
                .extend(c.fit(name_td, "founder.name", &f.name, cell(vx + 6.0, y + kana_h, nw, name_h), 12.0).err());
        }
        None => {
            c.empty(kana_td);
            c.empty(name_td);
        }
    }
    match app.and_then(|a| a.founder.registration.as_ref()) {
        Some(reg) => problems.extend(
            c.fit(
                reg_td,
                "founder.registration",
                reg,
                cell(reg_value_x + 4.0, y, RIGHT - reg_value_x - 8.0, kana_h + name_h),
                10.5,
            )
            .err(),
        ),
        None => c.empty(reg_td),
    }
    let postal_address = app.map(|a| (a.founder.postal_code.as_str(), a.founder.address.as_str()));
    problems.extend(c.postal_address(
        addr_td,
        "founder.address",
        postal_address,
        vx + 6.0,
        y + kana_h + name_h + 14.0,
        cell(vx + 6.0, y + kana_h + name_h + 17.0, vw, 24.0),
    ));
    let py = y + kana_h + name_h + addr_h;
    let email_label_x = vx + 150.0;
    let email_value_x = email_label_x + 66.0;
    c.line(email_label_x, py, email_label_x, py + phone_h, 0.6, false);
    c.line(email_value_x, py, email_value_x, py + phone_h, 0.6, false);
    c.text(email_th, email_label_x + 33.0, py + phone_h / 2.0 + 3.5, 8.5, "Email（任意）", Align::Center);
    match app {
        Some(a) => {
            c.text(phone_td, vx + 6.0, py + phone_h / 2.0 + 4.0, 11.0, &a.founder.phone, Align::Left);
            match &a.founder.email {
                Some(email) => problems.extend(
                    c.fit(
                        email_td,
                        "founder.email",
                        email,
                        cell(email_value_x + 4.0, py, RIGHT - email_value_x - 8.0, phone_h),
                        10.0,
                    )
                    .err(),
                ),
                None => c.empty(email_td),
            }
        }
        None => {
            c.text(phone_td, vx + 30.0, py + phone_h / 2.0 + 4.0, 11.0, "－　　　 －", Align::Left);
            c.empty(email_td);
        }
    }
    y += block2 + 26.0;

    // Part II: a table for each section, its title heading both columns.
    c.heading(2, LEFT, y, 11.0, "II. 届出内容", Align::Left);
    y += 8.0;
    let label_w = 300.0;
    let value_x = LEFT + label_w;
    let done = |b: bool| PlanValue::Text(Some(if b { "済み" } else { "未実施" }.to_string()), None);
    let fixed = |v: Option<String>| PlanValue::Text(v, None);
    let options = Some("［ア 整備済み　イ 契約済み（　月整備予定）　ウ 見積もり中］");
    let sections: [(&str, Vec<PlanRow>); 4] = [
        (
            "(1) ポータルサイト関係手続",
            vec![
                (
                    "③ アカウント作成（済み／未実施）",
                    None,
                    plan.map_or(PlanValue::Text(None, None), |p| done(p.portal_account_done)),
                ),
                (
                    "④ 利用申請・電子証明書の発行申請（済み／未実施）",
                    None,
                    plan.map_or(PlanValue::Text(None, None), |p| done(p.usage_application_done)),
                ),
            ],
        ),
        (
            "(2) カードリーダー",
            vec![
                ("⑤ 調達状況（ア～ウから選択）", options, fixed(plan.map(|p| p.card_reader.status.label()))),
                (
                    "⑥ メーカー名",
                    None,
                    PlanValue::Text(plan.and_then(|p| p.card_reader.maker.clone()), Some("plan.card_reader.maker")),
                ),
            ],
        ),
        (
            "(3) ネットワーク整備",
            vec![
                ("⑦ 整備状況（ア～ウから選択）", options, fixed(plan.map(|p| p.network.status.label()))),
                (
                    "⑧ ネットワーク導入事業者名",
                    None,
                    PlanValue::Text(plan.and_then(|p| p.network.provider.clone()), Some("plan.network.provider")),
                ),
                (
                    "⑨ ネットワーク種類（IP-VPN／IPsec+IKE）",
                    None,
                    fixed(plan.and_then(|p| p.network.line_type).map(|l| l.label().to_string())),
                ),
            ],
        ),
        (
            "(4) 導入作業等",
            vec![
                ("⑩ 導入作業開始（予定）日", None, PlanValue::Date(plan.map(|p| p.setup_start))),
                (
                    "⑪ システム導入事業者名",
                    None,
                    PlanValue::Text(plan.map(|p| p.system_vendor.clone()), Some("plan.system_vendor")),
                ),
                ("⑫ 運用開始（予定）日", None, PlanValue::Date(plan.map(|p| p.operation_start))),
                ("⑬ 診療・調剤開始（予定）日", None, PlanValue::Date(plan.map(|p| p.practice_start))),
            ],
        ),
    ];
    let row_h = 24.0;
    for (s, (title, rows)) in sections.into_iter().enumerate() {
        let table = c.group(doc, Tag::Table);
        let title_row = c.group(table, Tag::TR);
        let section_id = format!("section{s}");
        let title_th = c.th(title_row, &section_id, Scope::Column, (1, 2));
        c.rect(LEFT, y, RIGHT - LEFT, 18.0, 1.0);
        c.text(title_th, LEFT + 6.0, y + 13.0, 10.0, title, Align::Left);
        y += 18.0;
        for (r, (label, sub, value)) in rows.into_iter().enumerate() {
            let row = c.group(table, Tag::TR);
            let label_id = format!("section{s}-row{r}");
            let label_th = c.th(row, &label_id, Scope::Row, (1, 1));
            let value_td = c.td(row, &[&section_id, &label_id], (1, 1));
            let h = if sub.is_some() { row_h + 12.0 } else { row_h };
            c.rect(LEFT, y, RIGHT - LEFT, h, 0.6);
            c.line(value_x, y, value_x, y + h, 0.6, false);
            match sub {
                Some(sub) => {
                    c.text(label_th, LEFT + 12.0, y + 15.0, 9.5, label, Align::Left);
                    c.text(label_th, LEFT + 12.0, y + 29.0, 7.5, sub, Align::Left);
                }
                None => c.text(label_th, LEFT + 12.0, y + h / 2.0 + 3.5, 9.5, label, Align::Left),
            }
            match value {
                PlanValue::Date(date) => {
                    draw_western_date(&mut c, value_td, value_x + 8.0, y + h / 2.0 + 4.0, 10.5, date)
                }
                PlanValue::Text(Some(v), Some(path)) => problems
                    .extend(c.fit(value_td, path, &v, cell(value_x + 8.0, y, RIGHT - value_x - 14.0, h), 11.0).err()),
                PlanValue::Text(Some(v), None) => {
                    c.text(value_td, value_x + 8.0, y + h / 2.0 + 4.0, 11.0, &v, Align::Left)
                }
                PlanValue::Text(None, _) => c.empty(value_td),
            }
            y += h;
        }
    }
    y += 16.0;
    y = c.paragraph(
        LEFT,
        y,
        RIGHT - LEFT,
        8.5,
        "※ 本計画書は、保険医療機関等の指定申請書に添付して、地方厚生（支）局に提出してください。",
    );
    y = c.paragraph(
        LEFT + 12.0,
        y,
        RIGHT - LEFT - 12.0,
        8.5,
        "ただし、保険医療機関等の指定を受ける時点からオンライン資格確認の経過措置に該当するやむを得ない事情がある医療機関等であって、指定の申請の際に併せて経過措置の届出を行ったものについては、この限りではありません。",
    );
    c.paragraph(
        LEFT,
        y + 2.0,
        RIGHT - LEFT,
        8.5,
        "※ オンライン資格確認の導入に当たっては、「ネットワーク整備を含むオンライン資格確認導入に向けた準備作業の手引き」の内容も参考に、計画的な準備をお願いします。",
    );

    let structure = c.finish();
    page.finish();
    if !problems.is_empty() {
        return Err(problems);
    }
    finish(document, tagging, "オンライン資格確認の導入計画書".into(), structure, app).map_err(|p| vec![p])
}

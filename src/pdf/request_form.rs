//! 別紙1, the 受付番号 情報提供依頼書 兼 回答書: its layout and its 令和 dates.

use super::canvas::{
    cell, document, finish, Align, Canvas, Part, Scope, A4_HEIGHT, A4_WIDTH, BLANK_POSTAL, LEFT, RIGHT,
};
use super::font::FormFont;
use super::Tagging;
use crate::application::{Application, Problem, RequestKind};
use crate::bureaus::Bureau;
use crate::era::era_year;
use chrono::{Datelike, NaiveDate};
use krilla::page::PageSettings;
use krilla::tagging::Tag;

/// 令和 dates as on 別紙1, `("9", "4", "1")` for 2027-04-01; 元年 for 2019.
fn reiwa_parts(date: NaiveDate) -> (String, String, String) {
    let year = match era_year(date) {
        Some(("令和", 1)) => "元".to_string(),
        Some(("令和", n)) => n.to_string(),
        // Before 令和 the form cannot show the date in its 令和 box; print the era's own year.
        Some((era, n)) => format!("（{era}）{n}"),
        None => date.year().to_string(),
    };
    (year, date.month().to_string(), date.day().to_string())
}

/// 「令和 9 年 4 月 1 日」 with each number centred in its gap, or the blank 「令和　年　月　日」,
/// read as part of `part`.
fn draw_era_date(c: &mut Canvas, part: Part, x: f32, y: f32, size: f32, date: Option<NaiveDate>) {
    let parts = date.map(reiwa_parts);
    let gap = size * 2.4;
    c.text(part, x, y, size, "令和", Align::Left);
    let mut cursor = x + c.font.width("令和", size);
    for (i, unit) in ["年", "月", "日"].into_iter().enumerate() {
        if let Some((y_, m, d)) = &parts {
            let n = [y_, m, d][i];
            c.text(part, cursor + gap / 2.0, y, size, n, Align::Center);
        }
        cursor += gap;
        c.text(part, cursor, y, size, unit, Align::Left);
        cursor += c.font.width(unit, size);
    }
}

/// 別紙1. `filled`: the application and the kind printed on this copy; `None` for the blank form.
pub(super) fn request_form(
    font: &FormFont,
    bureau: &Bureau,
    filled: Option<(&Application, RequestKind)>,
    tagging: Tagging,
) -> Result<Vec<u8>, Vec<Problem>> {
    let mut document = document(tagging, filled.is_some());
    let mut page = document.start_page_with(PageSettings::from_wh(A4_WIDTH, A4_HEIGHT).expect("A4"));
    let mut c = Canvas::new(page.surface(), font);
    let app = filled.map(|(a, _)| a);
    let mut problems = Vec::new();
    let doc = Part::DOCUMENT;

    let p = c.p(doc);
    c.text(p, RIGHT, 48.0, 10.5, "別紙1", Align::Right);

    // The reply address block (回答書の送付先), as on an envelope window: each label, then its
    // value.
    let block_right = LEFT + 280.0;
    let p = c.p(doc);
    c.text(p, LEFT, 62.0, 9.0, "（住所）", Align::Left);
    let address = c.p(doc);
    let postal = app.map(|a| format!("〒{}", a.reply_to.postal_code)).unwrap_or_else(|| BLANK_POSTAL.into());
    c.text(address, LEFT + 8.0, 80.0, 11.0, &postal, Align::Left);
    if let Some(a) = app {
        problems.extend(
            c.fit(
                address,
                "reply_to.address",
                &a.reply_to.address,
                cell(LEFT + 8.0, 86.0, block_right - LEFT - 8.0, 30.0),
                11.0,
            )
            .err(),
        );
    }
    c.line(LEFT, 118.0, block_right, 118.0, 0.5, false);
    let p = c.p(doc);
    c.text(p, LEFT, 134.0, 9.0, "（氏名）", Align::Left);
    let name = c.p(doc);
    if let Some(a) = app {
        problems.extend(
            c.fit(
                name,
                "reply_to.name",
                &a.reply_to.name,
                cell(LEFT + 8.0, 138.0, block_right - LEFT - 40.0, 22.0),
                12.0,
            )
            .err(),
        );
    }
    c.text(name, block_right, 155.0, 12.0, "様", Align::Right);
    c.line(LEFT, 160.0, block_right, 160.0, 0.5, false);

    c.heading(1, A4_WIDTH / 2.0, 200.0, 16.0, "受付番号 情報提供依頼書 兼 回答書", Align::Center);
    let y = c.paragraph(
        LEFT,
        228.0,
        RIGHT - LEFT,
        10.5,
        "オンライン資格確認システムの導入のため、受付番号（保険医療機関等として指定された後に付与予定の医療機関等コード）の情報提供を希望します。",
    );
    let p = c.p(doc);
    c.text(p, LEFT, y + 8.0, 10.0, "（情報提供を希望する医療機関・薬局）", Align::Left);

    // The table: kind | 名称 / 所在地 | value; then 指定希望日(予定). Three columns: the kind
    // heads the first two rows.
    let table = c.group(doc, Tag::Table);
    let rows = [c.group(table, Tag::TR), c.group(table, Tag::TR), c.group(table, Tag::TR)];
    let kind_cell = c.th(rows[0], "kind", Scope::Row, (2, 1));
    let name_th = c.th(rows[0], "name", Scope::Row, (1, 1));
    let name_td = c.td(rows[0], &["kind", "name"], (1, 1));
    let address_th = c.th(rows[1], "address", Scope::Row, (1, 1));
    let address_td = c.td(rows[1], &["kind", "address"], (1, 1));
    let date_th = c.th(rows[2], "date", Scope::Row, (1, 2));
    let date_td = c.td(rows[2], &["date"], (1, 1));
    let top = y + 16.0;
    let (kind_w, label_w) = (64.0, 56.0);
    let (name_h, address_h, date_h) = (34.0, 46.0, 30.0);
    let value_x = LEFT + kind_w + label_w;
    c.rect(LEFT, top, RIGHT - LEFT, name_h + address_h + date_h, 1.0);
    c.line(LEFT + kind_w, top, LEFT + kind_w, top + name_h + address_h, 0.6, false);
    c.line(value_x, top, value_x, top + name_h + address_h + date_h, 0.6, false);
    c.line(LEFT + kind_w, top + name_h, RIGHT, top + name_h, 0.6, false);
    c.line(LEFT, top + name_h + address_h, RIGHT, top + name_h + address_h, 0.6, false);
    let kinds = [RequestKind::Medical, RequestKind::Dental, RequestKind::Pharmacy];
    let kind_step = (name_h + address_h) / 3.0;
    for (i, kind) in kinds.into_iter().enumerate() {
        let cy = top + kind_step * (i as f32 + 0.5);
        let label = match kind {
            RequestKind::Medical => "医 科",
            RequestKind::Dental => "歯 科",
            RequestKind::Pharmacy => "薬 局",
        };
        c.text(kind_cell, LEFT + kind_w / 2.0, cy + 4.0, 11.0, label, Align::Center);
        if filled.is_some_and(|(_, k)| k == kind) {
            c.ellipse(kind_cell, &format!("〇（{}を選択）", kind.label()), LEFT + kind_w / 2.0, cy, 22.0, 10.5);
        }
    }
    c.text(name_th, LEFT + kind_w + label_w / 2.0, top + name_h / 2.0 + 4.0, 10.5, "名 称", Align::Center);
    c.text(
        address_th,
        LEFT + kind_w + label_w / 2.0,
        top + name_h + address_h / 2.0 + 4.0,
        10.5,
        "所在地",
        Align::Center,
    );
    let value_w = RIGHT - value_x - 12.0;
    match app {
        Some(a) => problems.extend(
            c.fit(name_td, "facility.name", &a.facility.name, cell(value_x + 6.0, top, value_w, name_h), 12.0).err(),
        ),
        None => c.empty(name_td),
    }
    let postal_address = app.map(|a| (a.facility.postal_code.as_str(), a.facility.address.as_str()));
    problems.extend(c.postal_address(
        address_td,
        "facility.address",
        postal_address,
        value_x + 6.0,
        top + name_h + 14.0,
        cell(value_x + 6.0, top + name_h + 17.0, value_w, 28.0),
    ));
    let date_top = top + name_h + address_h;
    c.text(
        date_th,
        LEFT + (kind_w + label_w) / 2.0,
        date_top + date_h / 2.0 + 4.0,
        10.0,
        "指定希望日（予定）",
        Align::Center,
    );
    draw_era_date(&mut c, date_td, value_x + 6.0, date_top + date_h / 2.0 + 4.0, 11.0, app.map(|a| a.designation_date));

    let y = date_top + date_h + 24.0;
    let p = c.p(doc);
    c.text(p, LEFT, y, 10.5, "上記のとおり依頼します。", Align::Left);
    let p = c.p(doc);
    draw_era_date(&mut c, p, RIGHT - 150.0, y + 20.0, 11.0, app.map(|a| a.request_date));
    let p = c.p(doc);
    c.text(p, LEFT, y + 44.0, 12.0, &format!("{} 御中", bureau.name), Align::Left);

    // 開設者: each label, then its value.
    let fx = LEFT + 210.0;
    let fw = RIGHT - fx;
    let mut fy = y + 66.0;
    let p = c.p(doc);
    c.text(p, fx, fy, 10.5, "開設者", Align::Left);
    fy += 14.0;
    let p = c.p(doc);
    c.text(p, fx, fy, 8.5, "（氏名）※法人の場合は、名称、代表者の職・氏名", Align::Left);
    if let Some(a) = app {
        let p = c.p(doc);
        problems.extend(
            // One line: corporation, title and name together.
            c.fit(p, "founder.name", &a.founder.signature(), cell(fx + 6.0, fy + 3.0, fw - 6.0, 22.0), 11.5).err().map(
                |mut p| {
                    if a.founder.corporation_name.is_some() {
                        p.message = format!("法人の名称・代表者の職名と合わせて{}", p.message);
                    }
                    p
                },
            ),
        );
    }
    fy += 26.0;
    c.line(fx, fy, RIGHT, fy, 0.5, false);
    fy += 14.0;
    let p = c.p(doc);
    c.text(p, fx, fy, 8.5, "（保険医又は保険薬剤師の登録の記号及び番号）", Align::Left);
    fy += 11.0;
    let p = c.p(doc);
    c.text(p, fx, fy, 7.5, "※保険医又は保険薬剤師の場合は記入ください。", Align::Left);
    if let Some(reg) = app.and_then(|a| a.founder.registration.as_deref()) {
        let p = c.p(doc);
        problems.extend(c.fit(p, "founder.registration", reg, cell(fx + 6.0, fy + 3.0, fw - 6.0, 18.0), 11.0).err());
    }
    fy += 22.0;
    c.line(fx, fy, RIGHT, fy, 0.5, false);
    fy += 14.0;
    let p = c.p(doc);
    c.text(p, fx, fy, 8.5, "担当者の連絡先（電話番号）", Align::Left);
    if let Some(a) = app {
        let p = c.p(doc);
        c.text(p, fx + 6.0, fy + 17.0, 11.0, &a.contact_phone, Align::Left);
    }
    fy += 22.0;
    c.line(fx, fy, RIGHT, fy, 0.5, false);

    // The bureau's half: left blank for the bureau.
    let mut by = fy + 18.0;
    c.line(LEFT - 10.0, by, RIGHT + 10.0, by, 0.6, true);
    by += 22.0;
    let p = c.p(doc);
    c.text(p, LEFT, by, 10.5, "上記の依頼について、受付番号を回答します。", Align::Left);
    by += 12.0;
    let p = c.p(doc);
    c.text(p, LEFT + 20.0, by + 21.0, 11.0, "受付番号", Align::Left);
    let box_size = 28.0;
    for i in 0..6 {
        c.rect(LEFT + 80.0 + i as f32 * box_size, by, box_size, box_size, 0.8);
    }
    by += box_size + 20.0;
    by = c.paragraph(
        LEFT,
        by,
        RIGHT - LEFT,
        8.5,
        "※当該回答は保険医療機関・保険薬局としての指定ではありません。受付番号はオンライン資格確認の準備にのみ利用し、適切に管理してください。",
    );
    let p = c.p(doc);
    draw_era_date(&mut c, p, RIGHT - 150.0, by + 8.0, 11.0, None);
    let p = c.p(doc);
    c.text(p, RIGHT - 150.0, by + 26.0, 11.0, &bureau.name, Align::Left);
    let p = c.p(doc);
    c.text(p, RIGHT - 150.0, by + 42.0, 9.0, "（公 印 省 略）", Align::Left);

    let structure = c.finish();
    page.finish();
    if !problems.is_empty() {
        return Err(problems);
    }
    let title = match filled {
        Some((_, kind)) => format!("受付番号 情報提供依頼書 兼 回答書（{}）", kind.label()),
        None => "受付番号 情報提供依頼書 兼 回答書".to_string(),
    };
    finish(document, tagging, title, structure, filled.map(|(a, _)| a)).map_err(|p| vec![p])
}

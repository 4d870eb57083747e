//! The forms as PDF: 別紙1 (受付番号 情報提供依頼書 兼 回答書) and 別紙2 (オンライン資格確認の
//!導入計画書), A4, laid out like the official forms, with a Japanese font embedded as a subset.
//!
//! Every character is looked up in the font before anything is drawn: one the font cannot
//! print is refused with the field's name, never printed as a blank box.

use crate::application::{label_of, Application, Problem, RequestKind, Severity};
use crate::bureaus::Bureau;
use crate::era::era_year;
use chrono::{Datelike, NaiveDate};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use std::sync::Arc;

const A4_WIDTH: f32 = 595.28;
const A4_HEIGHT: f32 = 841.89;
const LEFT: f32 = 56.0;
const RIGHT: f32 = A4_WIDTH - 56.0;
/// The 〒 line of a blank form.
const BLANK_POSTAL: &str = "〒　　　 －";
/// The smallest size text is shrunk to before it is refused as too long for its cell.
const MIN_SIZE: f32 = 6.5;

/// The font the forms are printed in (a TrueType font; the project ships a Noto Sans JP subset).
#[derive(Clone)]
pub struct FormFont {
    data: Arc<Vec<u8>>,
    font: Font,
    units_per_em: f32,
}

impl FormFont {
    /// Reads a TrueType/OpenType font.
    pub fn from_ttf(data: Vec<u8>) -> Result<FormFont, String> {
        let data = Arc::new(data);
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| format!("フォントを読めません：{e}"))?;
        let units_per_em = face.units_per_em() as f32;
        let font = Font::new(data.clone().into(), 0).ok_or("フォントを読めません")?;
        Ok(FormFont { data, font, units_per_em })
    }

    fn face(&self) -> ttf_parser::Face<'_> {
        ttf_parser::Face::parse(&self.data, 0).expect("parsed in from_ttf")
    }

    /// The characters of `text` that the font has no glyph for, each once, in order.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let face = self.face();
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if face.glyph_index(c).is_none() && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// Advance width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let face = self.face();
        let units: f32 =
            text.chars().map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0) as f32).sum();
        units / self.units_per_em * size
    }
}

/// One PDF to hand to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFile {
    /// `request-medical.pdf`, `plan.pdf`, …
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The filled forms of an application: 別紙1 once per kind (医科・歯科併設: both), and 別紙2
/// unless 経過措置. Refuses, before drawing anything, every character the font cannot print.
pub fn filled_forms(app: &Application, bureau: &Bureau, font: &FormFont) -> Result<Vec<FormFile>, Vec<Problem>> {
    let problems: Vec<Problem> = printed_fields(app)
        .into_iter()
        .flat_map(|(path, text)| {
            font.missing_chars(&text).into_iter().map(move |c| Problem {
                path: path.to_string(),
                label: label_of(path).to_string(),
                message: format!(
                    "「{c}」（U+{:04X}）は用紙の字体にないため印刷できません。別の字体で入力するか、印刷した後に手書きで直してください。",
                    c as u32
                ),
                severity: Severity::Error,
            })
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut files = Vec::new();
    for kind in app.facility_kind.request_kinds() {
        let bytes = request_form(font, bureau, Some((app, *kind)))?;
        files.push(FormFile { name: format!("request-{}.pdf", kind.slug()), bytes });
    }
    if !app.transitional_measure {
        files.push(FormFile { name: "plan.pdf".into(), bytes: plan_form(font, Some(app))? });
    }
    Ok(files)
}

/// The blank forms for a bureau, with only its name printed (for the site's downloads).
pub fn blank_forms(bureau: &Bureau, font: &FormFont) -> Result<Vec<FormFile>, Vec<Problem>> {
    Ok(vec![
        FormFile { name: "request.pdf".into(), bytes: request_form(font, bureau, None)? },
        FormFile { name: "plan.pdf".into(), bytes: plan_form(font, None)? },
    ])
}

/// Every user-entered text the forms print, with its field path.
fn printed_fields(app: &Application) -> Vec<(&'static str, String)> {
    let f = &app.founder;
    let mut fields = vec![
        ("reply_to.postal_code", app.reply_to.postal_code.clone()),
        ("reply_to.address", app.reply_to.address.clone()),
        ("reply_to.name", app.reply_to.name.clone()),
        ("facility.name", app.facility.name.clone()),
        ("facility.name_kana", app.facility.name_kana.clone()),
        ("facility.postal_code", app.facility.postal_code.clone()),
        ("facility.address", app.facility.address.clone()),
        ("founder.name", f.name.clone()),
        ("founder.name_kana", f.name_kana.clone()),
        ("founder.postal_code", f.postal_code.clone()),
        ("founder.address", f.address.clone()),
        ("founder.phone", f.phone.clone()),
        ("contact_phone", app.contact_phone.clone()),
    ];
    for (path, value) in [
        ("founder.corporation_name", &f.corporation_name),
        ("founder.representative_title", &f.representative_title),
        ("founder.registration", &f.registration),
        ("founder.email", &f.email),
    ] {
        if let Some(v) = value {
            fields.push((path, v.clone()));
        }
    }
    if let Some(plan) = &app.plan {
        fields.push(("plan.system_vendor", plan.system_vendor.clone()));
        if let Some(m) = &plan.card_reader.maker {
            fields.push(("plan.card_reader.maker", m.clone()));
        }
        if let Some(p) = &plan.network.provider {
            fields.push(("plan.network.provider", p.clone()));
        }
    }
    fields
}

/// A box on the page that text must fit into (points from the top-left corner).
#[derive(Clone, Copy)]
struct Cell {
    x: f32,
    top: f32,
    width: f32,
    height: f32,
}

fn cell(x: f32, top: f32, width: f32, height: f32) -> Cell {
    Cell { x, top, width, height }
}

/// A page being drawn: text, lines and boxes in points from the top-left corner.
struct Canvas<'a, 'p> {
    surface: Surface<'p>,
    font: &'a FormFont,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    Right,
}

impl Canvas<'_, '_> {
    fn finish(self) {
        self.surface.finish();
    }

    fn black_fill(&mut self) {
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Fill { paint: rgb::Color::black().into(), ..Default::default() }));
    }

    fn pen(&mut self, width: f32, dashed: bool) {
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke {
            paint: rgb::Color::black().into(),
            width,
            dash: dashed.then(|| StrokeDash { array: vec![4.0, 3.0], offset: 0.0 }),
            ..Default::default()
        }));
    }

    /// Text with its baseline at `y`.
    fn text(&mut self, x: f32, y: f32, size: f32, text: &str, align: Align) {
        if text.is_empty() {
            return;
        }
        let w = self.font.width(text, size);
        let x = match align {
            Align::Left => x,
            Align::Center => x - w / 2.0,
            Align::Right => x - w,
        };
        self.black_fill();
        self.surface.draw_text(
            Point::from_xy(x, y),
            self.font.font.clone(),
            size,
            text,
            false,
            TextDirection::LeftToRight,
        );
    }

    /// Lines of `text` wrapped to `width`.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = vec![String::new()];
        for c in text.chars() {
            let line = lines.last_mut().expect("one line");
            line.push(c);
            if self.font.width(line, size) > width && line.chars().count() > 1 {
                line.pop();
                lines.push(c.to_string());
            }
        }
        lines
    }

    /// Text that must fit a box (`x`, `top`, `width`, `height`): one line shrunk to 70 %, else
    /// wrapped and shrunk down to [`MIN_SIZE`]; vertically centred. Refuses what cannot fit.
    fn fit(&mut self, path: &str, text: &str, cell: Cell, size: f32) -> Result<(), Problem> {
        let Cell { x, top, width, height } = cell;
        let mut s = size;
        loop {
            let lines = self.wrap(text, s, width);
            let line_height = s * 1.25;
            let block = line_height * lines.len() as f32;
            if (lines.len() == 1 || s <= size * 0.7) && block <= height || s <= MIN_SIZE {
                if block > height + 0.5 {
                    return Err(Problem {
                        path: path.into(),
                        label: label_of(path).into(),
                        message: format!(
                            "{}文字あり、用紙の欄に収まりません。短くしてください。",
                            text.chars().count()
                        ),
                        severity: Severity::Error,
                    });
                }
                let mut y = top + (height - block) / 2.0 + s * 0.95;
                for line in lines {
                    self.text(x, y, s, &line, Align::Left);
                    y += line_height;
                }
                return Ok(());
            }
            s -= 0.5;
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.pen(width, false);
        let mut pb = PathBuilder::new();
        pb.push_rect(Rect::from_xywh(x, y, w, h).expect("positive rectangle"));
        self.surface.draw_path(&pb.finish().expect("rectangle path"));
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, dashed: bool) {
        self.pen(width, dashed);
        let mut pb = PathBuilder::new();
        pb.move_to(x1, y1);
        pb.line_to(x2, y2);
        self.surface.draw_path(&pb.finish().expect("line path"));
    }

    /// An ellipse, the circle a person draws around the chosen item (医科 / 歯科 / 薬局).
    fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32) {
        self.pen(1.0, false);
        const K: f32 = 0.552_284_8;
        let mut pb = PathBuilder::new();
        pb.move_to(cx + rx, cy);
        pb.cubic_to(cx + rx, cy + K * ry, cx + K * rx, cy + ry, cx, cy + ry);
        pb.cubic_to(cx - K * rx, cy + ry, cx - rx, cy + K * ry, cx - rx, cy);
        pb.cubic_to(cx - rx, cy - K * ry, cx - K * rx, cy - ry, cx, cy - ry);
        pb.cubic_to(cx + K * rx, cy - ry, cx + rx, cy - K * ry, cx + rx, cy);
        pb.close();
        self.surface.draw_path(&pb.finish().expect("ellipse path"));
    }

    /// A 所在地/住所 cell: 〒 and the postal code at (`x`, `y`), the address fitted into `address`
    /// below it; on a blank form only 「〒　－」.
    fn postal_address(
        &mut self,
        path: &str,
        filled: Option<(&str, &str)>,
        x: f32,
        y: f32,
        address: Cell,
    ) -> Option<Problem> {
        match filled {
            Some((postal, text)) => {
                self.text(x, y, 10.0, &format!("〒{postal}"), Align::Left);
                self.fit(path, text, address, 11.0).err()
            }
            None => {
                self.text(x, y, 10.0, BLANK_POSTAL, Align::Left);
                None
            }
        }
    }

    fn paragraph(&mut self, x: f32, y: f32, width: f32, size: f32, text: &str) -> f32 {
        let mut y = y;
        for line in self.wrap(text, size, width) {
            self.text(x, y, size, &line, Align::Left);
            y += size * 1.45;
        }
        y
    }
}

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

/// 「令和 9 年 4 月 1 日」 with each number centred in its gap, or the blank 「令和　年　月　日」.
fn draw_era_date(c: &mut Canvas, x: f32, y: f32, size: f32, date: Option<NaiveDate>) {
    let parts = date.map(reiwa_parts);
    let gap = size * 2.4;
    c.text(x, y, size, "令和", Align::Left);
    let mut cursor = x + c.font.width("令和", size);
    for (i, unit) in ["年", "月", "日"].into_iter().enumerate() {
        if let Some((y_, m, d)) = &parts {
            let n = [y_, m, d][i];
            c.text(cursor + gap / 2.0, y, size, n, Align::Center);
        }
        cursor += gap;
        c.text(cursor, y, size, unit, Align::Left);
        cursor += c.font.width(unit, size);
    }
}

/// 「西暦 2027 年 2 月 15 日」 (別紙2 ⑩ ⑫ ⑬).
fn draw_western_date(c: &mut Canvas, x: f32, y: f32, size: f32, date: Option<NaiveDate>) {
    let gap = size * 2.6;
    c.text(x, y, size, "西暦", Align::Left);
    let mut cursor = x + c.font.width("西暦", size) + gap * 0.4;
    for (i, unit) in ["年", "月", "日"].into_iter().enumerate() {
        let width = if i == 0 { gap * 1.3 } else { gap };
        if let Some(d) = date {
            let n = [d.year() as u32, d.month(), d.day()][i].to_string();
            c.text(cursor + width / 2.0, y, size, &n, Align::Center);
        }
        cursor += width;
        c.text(cursor, y, size, unit, Align::Left);
        cursor += c.font.width(unit, size);
    }
}

fn finish(document: Document, title: String) -> Result<Vec<u8>, Problem> {
    let mut document = document;
    document.set_metadata(Metadata::new().title(title).language("ja".into()).creator("onshi".into()));
    document.finish().map_err(|e| Problem {
        path: String::new(),
        label: label_of("").into(),
        message: format!("PDF を作れませんでした（{e:?}）。"),
        severity: Severity::Error,
    })
}

/// 別紙1. `filled`: the application and the kind printed on this copy; `None` for the blank form.
fn request_form(
    font: &FormFont,
    bureau: &Bureau,
    filled: Option<(&Application, RequestKind)>,
) -> Result<Vec<u8>, Vec<Problem>> {
    let mut document = Document::new();
    let mut page = document.start_page_with(PageSettings::from_wh(A4_WIDTH, A4_HEIGHT).expect("A4"));
    let mut c = Canvas { surface: page.surface(), font };
    let app = filled.map(|(a, _)| a);
    let mut problems = Vec::new();

    c.text(RIGHT, 48.0, 10.5, "別紙1", Align::Right);

    // The reply address block (回答書の送付先), as on an envelope window.
    let block_right = LEFT + 280.0;
    c.text(LEFT, 62.0, 9.0, "（住所）", Align::Left);
    let postal = app.map(|a| format!("〒{}", a.reply_to.postal_code)).unwrap_or_else(|| BLANK_POSTAL.into());
    c.text(LEFT + 8.0, 80.0, 11.0, &postal, Align::Left);
    if let Some(a) = app {
        problems.extend(
            c.fit(
                "reply_to.address",
                &a.reply_to.address,
                cell(LEFT + 8.0, 86.0, block_right - LEFT - 8.0, 30.0),
                11.0,
            )
            .err(),
        );
    }
    c.line(LEFT, 118.0, block_right, 118.0, 0.5, false);
    c.text(LEFT, 134.0, 9.0, "（氏名）", Align::Left);
    if let Some(a) = app {
        problems.extend(
            c.fit("reply_to.name", &a.reply_to.name, cell(LEFT + 8.0, 138.0, block_right - LEFT - 40.0, 22.0), 12.0)
                .err(),
        );
    }
    c.text(block_right, 155.0, 12.0, "様", Align::Right);
    c.line(LEFT, 160.0, block_right, 160.0, 0.5, false);

    c.text(A4_WIDTH / 2.0, 200.0, 16.0, "受付番号 情報提供依頼書 兼 回答書", Align::Center);
    let y = c.paragraph(
        LEFT,
        228.0,
        RIGHT - LEFT,
        10.5,
        "オンライン資格確認システムの導入のため、受付番号（保険医療機関等として指定された後に付与予定の医療機関等コード）の情報提供を希望します。",
    );
    c.text(LEFT, y + 8.0, 10.0, "（情報提供を希望する医療機関・薬局）", Align::Left);

    // The table: kind | 名称 / 所在地 | value; then 指定希望日(予定).
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
        c.text(LEFT + kind_w / 2.0, cy + 4.0, 11.0, label, Align::Center);
        if filled.is_some_and(|(_, k)| k == kind) {
            c.ellipse(LEFT + kind_w / 2.0, cy, 22.0, 10.5);
        }
    }
    c.text(LEFT + kind_w + label_w / 2.0, top + name_h / 2.0 + 4.0, 10.5, "名 称", Align::Center);
    c.text(LEFT + kind_w + label_w / 2.0, top + name_h + address_h / 2.0 + 4.0, 10.5, "所在地", Align::Center);
    let value_w = RIGHT - value_x - 12.0;
    if let Some(a) = app {
        problems
            .extend(c.fit("facility.name", &a.facility.name, cell(value_x + 6.0, top, value_w, name_h), 12.0).err());
    }
    let postal_address = app.map(|a| (a.facility.postal_code.as_str(), a.facility.address.as_str()));
    problems.extend(c.postal_address(
        "facility.address",
        postal_address,
        value_x + 6.0,
        top + name_h + 14.0,
        cell(value_x + 6.0, top + name_h + 17.0, value_w, 28.0),
    ));
    let date_top = top + name_h + address_h;
    c.text(LEFT + (kind_w + label_w) / 2.0, date_top + date_h / 2.0 + 4.0, 10.0, "指定希望日（予定）", Align::Center);
    draw_era_date(&mut c, value_x + 6.0, date_top + date_h / 2.0 + 4.0, 11.0, app.map(|a| a.designation_date));

    let y = date_top + date_h + 24.0;
    c.text(LEFT, y, 10.5, "上記のとおり依頼します。", Align::Left);
    draw_era_date(&mut c, RIGHT - 150.0, y + 20.0, 11.0, app.map(|a| a.request_date));
    c.text(LEFT, y + 44.0, 12.0, &format!("{} 御中", bureau.name), Align::Left);

    // 開設者.
    let fx = LEFT + 210.0;
    let fw = RIGHT - fx;
    let mut fy = y + 66.0;
    c.text(fx, fy, 10.5, "開設者", Align::Left);
    fy += 14.0;
    c.text(fx, fy, 8.5, "（氏名）※法人の場合は、名称、代表者の職・氏名", Align::Left);
    if let Some(a) = app {
        problems.extend(
            // One line: corporation, title and name together.
            c.fit("founder.name", &a.founder.signature(), cell(fx + 6.0, fy + 3.0, fw - 6.0, 22.0), 11.5).err().map(
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
    c.text(fx, fy, 8.5, "（保険医又は保険薬剤師の登録の記号及び番号）", Align::Left);
    fy += 11.0;
    c.text(fx, fy, 7.5, "※保険医又は保険薬剤師の場合は記入ください。", Align::Left);
    if let Some(reg) = app.and_then(|a| a.founder.registration.as_deref()) {
        problems.extend(c.fit("founder.registration", reg, cell(fx + 6.0, fy + 3.0, fw - 6.0, 18.0), 11.0).err());
    }
    fy += 22.0;
    c.line(fx, fy, RIGHT, fy, 0.5, false);
    fy += 14.0;
    c.text(fx, fy, 8.5, "担当者の連絡先（電話番号）", Align::Left);
    if let Some(a) = app {
        c.text(fx + 6.0, fy + 17.0, 11.0, &a.contact_phone, Align::Left);
    }
    fy += 22.0;
    c.line(fx, fy, RIGHT, fy, 0.5, false);

    // The bureau's half: left blank for the bureau.
    let mut by = fy + 18.0;
    c.line(LEFT - 10.0, by, RIGHT + 10.0, by, 0.6, true);
    by += 22.0;
    c.text(LEFT, by, 10.5, "上記の依頼について、受付番号を回答します。", Align::Left);
    by += 12.0;
    c.text(LEFT + 20.0, by + 21.0, 11.0, "受付番号", Align::Left);
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
    draw_era_date(&mut c, RIGHT - 150.0, by + 8.0, 11.0, None);
    c.text(RIGHT - 150.0, by + 26.0, 11.0, &bureau.name, Align::Left);
    c.text(RIGHT - 150.0, by + 42.0, 9.0, "（公 印 省 略）", Align::Left);

    c.finish();
    page.finish();
    if !problems.is_empty() {
        return Err(problems);
    }
    let title = match filled {
        Some((_, kind)) => format!("受付番号 情報提供依頼書 兼 回答書（{}）", kind.label()),
        None => "受付番号 情報提供依頼書 兼 回答書".to_string(),
    };
    finish(document, title).map_err(|p| vec![p])
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
fn plan_form(font: &FormFont, app: Option<&Application>) -> Result<Vec<u8>, Vec<Problem>> {
    let mut document = Document::new();
    let mut page = document.start_page_with(PageSettings::from_wh(A4_WIDTH, A4_HEIGHT).expect("A4"));
    let mut c = Canvas { surface: page.surface(), font };
    let plan = app.and_then(|a| a.plan.as_ref());
    let mut problems = Vec::new();

    c.text(RIGHT, 48.0, 10.5, "（別紙2）", Align::Right);
    c.text(A4_WIDTH / 2.0, 80.0, 16.0, "オンライン資格確認の導入計画書", Align::Center);
    c.text(LEFT, 110.0, 11.0, "I. 医療機関・薬局の基本情報", Align::Left);

    // Part I.
    let (a_w, b_w) = (76.0, 58.0);
    let bx = LEFT + a_w;
    let vx = bx + b_w;
    let mut y = 118.0;
    let kana_h = 20.0;
    let name_h = 30.0;
    let addr_h = 42.0;
    let phone_h = 26.0;
    // ① 医療機関・薬局.
    let block1 = kana_h + name_h + addr_h;
    c.rect(LEFT, y, RIGHT - LEFT, block1, 1.0);
    c.line(bx, y, bx, y + block1, 0.6, false);
    c.line(vx, y, vx, y + block1, 0.6, false);
    c.line(bx, y + kana_h, RIGHT, y + kana_h, 0.4, true);
    c.line(bx, y + kana_h + name_h, RIGHT, y + kana_h + name_h, 0.6, false);
    c.text(LEFT + 6.0, y + block1 / 2.0 - 4.0, 10.0, "① 医療機関", Align::Left);
    c.text(LEFT + 18.0, y + block1 / 2.0 + 10.0, 10.0, "・薬局", Align::Left);
    c.text(bx + b_w / 2.0, y + kana_h / 2.0 + 3.5, 8.5, "（フリガナ）", Align::Center);
    c.text(bx + b_w / 2.0, y + kana_h + name_h / 2.0 + 4.0, 10.5, "名 称", Align::Center);
    c.text(bx + b_w / 2.0, y + kana_h + name_h + addr_h / 2.0 + 4.0, 10.5, "所在地", Align::Center);
    let vw = RIGHT - vx - 12.0;
    if let Some(a) = app {
        problems.extend(c.fit("facility.name_kana", &a.facility.name_kana, cell(vx + 6.0, y, vw, kana_h), 9.5).err());
        problems.extend(c.fit("facility.name", &a.facility.name, cell(vx + 6.0, y + kana_h, vw, name_h), 12.0).err());
    }
    let postal_address = app.map(|a| (a.facility.postal_code.as_str(), a.facility.address.as_str()));
    problems.extend(c.postal_address(
        "facility.address",
        postal_address,
        vx + 6.0,
        y + kana_h + name_h + 14.0,
        cell(vx + 6.0, y + kana_h + name_h + 17.0, vw, 24.0),
    ));
    y += block1;

    // ② 開設者（法人の場合は代表者）.
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
    c.text(LEFT + 6.0, y + block2 / 2.0 - 10.0, 10.0, "② 開設者", Align::Left);
    c.text(LEFT + 6.0, y + block2 / 2.0 + 4.0, 8.0, "（法人の場合", Align::Left);
    c.text(LEFT + 6.0, y + block2 / 2.0 + 15.0, 8.0, "は代表者）", Align::Left);
    c.text(bx + b_w / 2.0, y + kana_h / 2.0 + 3.5, 8.5, "（フリガナ）", Align::Center);
    c.text(bx + b_w / 2.0, y + kana_h + name_h / 2.0 + 4.0, 10.5, "氏 名", Align::Center);
    c.text(bx + b_w / 2.0, y + kana_h + name_h + addr_h / 2.0 + 4.0, 10.5, "住 所", Align::Center);
    c.text(bx + b_w / 2.0, y + kana_h + name_h + addr_h + phone_h / 2.0 + 4.0, 10.0, "電話番号", Align::Center);
    for (i, line) in ["保険医又は保険薬剤", "師の登録の記号及び", "番号"].into_iter().enumerate() {
        c.text(reg_label_x + 4.0, y + 14.0 + i as f32 * 11.0, 8.0, line, Align::Left);
    }
    let nw = reg_label_x - vx - 12.0;
    if let Some(a) = app {
        let f = &a.founder;
        problems.extend(c.fit("founder.name_kana", &f.name_kana, cell(vx + 6.0, y, nw, kana_h), 9.5).err());
        problems.extend(c.fit("founder.name", &f.name, cell(vx + 6.0, y + kana_h, nw, name_h), 12.0).err());
        if let Some(reg) = &f.registration {
            problems.extend(
                c.fit(
                    "founder.registration",
                    reg,
                    cell(reg_value_x + 4.0, y, RIGHT - reg_value_x - 8.0, kana_h + name_h),
                    10.5,
                )
                .err(),
            );
        }
    }
    let postal_address = app.map(|a| (a.founder.postal_code.as_str(), a.founder.address.as_str()));
    problems.extend(c.postal_address(
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
    c.text(email_label_x + 33.0, py + phone_h / 2.0 + 3.5, 8.5, "Email（任意）", Align::Center);
    if let Some(a) = app {
        c.text(vx + 6.0, py + phone_h / 2.0 + 4.0, 11.0, &a.founder.phone, Align::Left);
        if let Some(email) = &a.founder.email {
            problems.extend(
                c.fit(
                    "founder.email",
                    email,
                    cell(email_value_x + 4.0, py, RIGHT - email_value_x - 8.0, phone_h),
                    10.0,
                )
                .err(),
            );
        }
    } else {
        c.text(vx + 30.0, py + phone_h / 2.0 + 4.0, 11.0, "－　　　 －", Align::Left);
    }
    y += block2 + 26.0;

    // Part II.
    c.text(LEFT, y, 11.0, "II. 届出内容", Align::Left);
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
    for (title, rows) in sections {
        c.rect(LEFT, y, RIGHT - LEFT, 18.0, 1.0);
        c.text(LEFT + 6.0, y + 13.0, 10.0, title, Align::Left);
        y += 18.0;
        for (label, sub, value) in rows {
            let h = if sub.is_some() { row_h + 12.0 } else { row_h };
            c.rect(LEFT, y, RIGHT - LEFT, h, 0.6);
            c.line(value_x, y, value_x, y + h, 0.6, false);
            match sub {
                Some(sub) => {
                    c.text(LEFT + 12.0, y + 15.0, 9.5, label, Align::Left);
                    c.text(LEFT + 12.0, y + 29.0, 7.5, sub, Align::Left);
                }
                None => c.text(LEFT + 12.0, y + h / 2.0 + 3.5, 9.5, label, Align::Left),
            }
            match value {
                PlanValue::Date(date) => draw_western_date(&mut c, value_x + 8.0, y + h / 2.0 + 4.0, 10.5, date),
                PlanValue::Text(Some(v), Some(path)) => {
                    problems.extend(c.fit(path, &v, cell(value_x + 8.0, y, RIGHT - value_x - 14.0, h), 11.0).err())
                }
                PlanValue::Text(Some(v), None) => c.text(value_x + 8.0, y + h / 2.0 + 4.0, 11.0, &v, Align::Left),
                PlanValue::Text(None, _) => {}
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

    c.finish();
    page.finish();
    if !problems.is_empty() {
        return Err(problems);
    }
    finish(document, "オンライン資格確認の導入計画書".into()).map_err(|p| vec![p])
}

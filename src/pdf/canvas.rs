//! The drawing surface of a form's A4 page: text placed, fitted into cells and wrapped, lines,
//! boxes and the circle, in points from the top-left corner; and the finished document.

use super::font::FormFont;
use crate::application::{label_of, Problem, Severity};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use krilla::Document;

pub(super) const A4_WIDTH: f32 = 595.28;
pub(super) const A4_HEIGHT: f32 = 841.89;
pub(super) const LEFT: f32 = 56.0;
pub(super) const RIGHT: f32 = A4_WIDTH - 56.0;
/// The 〒 line of a blank form.
pub(super) const BLANK_POSTAL: &str = "〒　　　 －";
/// The smallest size text is shrunk to before it is refused as too long for its cell.
const MIN_SIZE: f32 = 6.5;

thread_local! {
    /// While [`super::print_limits`] runs: each fitted field's capacity, in full-width characters.
    pub(super) static CAPACITIES: std::cell::RefCell<Option<std::collections::BTreeMap<String, usize>>> =
        const { std::cell::RefCell::new(None) };
}

/// How many full-width characters a cell holds at the smallest size (all its lines).
fn capacity(width: f32, height: f32) -> usize {
    let lines = ((height + 0.5) / (MIN_SIZE * 1.25)).floor().max(1.0) as usize;
    lines * (width / MIN_SIZE).floor() as usize
}

/// A box on the page that text must fit into (points from the top-left corner).
#[derive(Clone, Copy)]
pub(super) struct Cell {
    x: f32,
    top: f32,
    width: f32,
    height: f32,
}

pub(super) fn cell(x: f32, top: f32, width: f32, height: f32) -> Cell {
    Cell { x, top, width, height }
}

/// A page being drawn: text, lines and boxes in points from the top-left corner.
pub(super) struct Canvas<'a, 'p> {
    pub(super) surface: Surface<'p>,
    pub(super) font: &'a FormFont,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

impl Canvas<'_, '_> {
    pub(super) fn finish(self) {
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
    pub(super) fn text(&mut self, x: f32, y: f32, size: f32, text: &str, align: Align) {
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
    pub(super) fn fit(&mut self, path: &str, text: &str, cell: Cell, size: f32) -> Result<(), Problem> {
        let Cell { x, top, width, height } = cell;
        CAPACITIES.with(|c| {
            if let Some(map) = c.borrow_mut().as_mut() {
                let n = capacity(width, height);
                map.entry(path.to_string()).and_modify(|m| *m = (*m).min(n)).or_insert(n);
            }
        });
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

    pub(super) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.pen(width, false);
        let mut pb = PathBuilder::new();
        pb.push_rect(Rect::from_xywh(x, y, w, h).expect("positive rectangle"));
        self.surface.draw_path(&pb.finish().expect("rectangle path"));
    }

    pub(super) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, dashed: bool) {
        self.pen(width, dashed);
        let mut pb = PathBuilder::new();
        pb.move_to(x1, y1);
        pb.line_to(x2, y2);
        self.surface.draw_path(&pb.finish().expect("line path"));
    }

    /// An ellipse, the circle a person draws around the chosen item (医科 / 歯科 / 薬局).
    pub(super) fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32) {
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
    pub(super) fn postal_address(
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

    pub(super) fn paragraph(&mut self, x: f32, y: f32, width: f32, size: f32, text: &str) -> f32 {
        let mut y = y;
        for line in self.wrap(text, size, width) {
            self.text(x, y, size, &line, Align::Left);
            y += size * 1.45;
        }
        y
    }
}

pub(super) fn finish(document: Document, title: String) -> Result<Vec<u8>, Problem> {
    let mut document = document;
    document.set_metadata(Metadata::new().title(title).language("ja".into()).creator("onshi".into()));
    document.finish().map_err(|e| Problem {
        path: String::new(),
        label: label_of("").into(),
        message: format!("PDF を作れませんでした（{e:?}）。"),
        severity: Severity::Error,
    })
}

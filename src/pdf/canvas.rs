//! The drawing surface of a form's A4 page: text placed, fitted into cells and wrapped, lines,
//! boxes and the circle, in points from the top-left corner; the structure each text belongs
//! to (tagged PDF/UA-1: headings, paragraphs, tables whose header cells are tied to their data
//! cells; rules and boxes as artifacts); and the finished document.

use super::font::FormFont;
use super::{application_file, Tagging, ATTACHED_FILE};
use crate::application::{label_of, Application, Problem, Severity};
use chrono::Datelike;
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, BBox, ContentTag, Identifier, Node, SpanTag, Tag, TagGroup, TagId, TagKind, TagTree,
};
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};
use std::num::{NonZeroU16, NonZeroU32};

pub(super) use krilla::tagging::TableHeaderScope as Scope;

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

/// A new document: tagged PDF/UA-1 (checked by krilla as it is written), and PDF/A-3a as well
/// when it carries the application (`attached`, see [`finish`]); or untagged.
pub(super) fn document(tagging: Tagging, attached: bool) -> Document {
    Document::new_with(match tagging {
        Tagging::Ua1 => {
            let mut configuration = ConfigurationBuilder::new().with_accessibility_validator(Accessibility::UA1);
            if attached {
                configuration = configuration.with_archival_validator(Archival::A3_A);
            }
            SerializeSettings {
                configuration: configuration.finish().expect("PDF/UA-1 and PDF/A-3a share PDF 1.7"),
                enable_tagging: true,
                ..Default::default()
            }
        }
        Tagging::Off => SerializeSettings { enable_tagging: false, ..Default::default() },
    })
}

/// A group of the form's structure (the document, a heading, a paragraph, a table, a row, a
/// cell): what the canvas draws text into.
#[derive(Clone, Copy)]
pub(super) struct Part(usize);

impl Part {
    /// The document itself.
    pub(super) const DOCUMENT: Part = Part(0);
}

enum Child {
    Group(usize),
    Leaf(Identifier),
}

/// The structure tree being built: groups by index (0 is the document), each with its
/// children in reading order, whatever order they are drawn in.
struct Structure {
    groups: Vec<(Option<TagKind>, Vec<Child>)>,
    /// The headings, for the outline: level, title, where.
    headings: Vec<(u16, String, Point)>,
}

impl Structure {
    fn group(&self, i: usize) -> Vec<Node> {
        self.groups[i]
            .1
            .iter()
            .map(|child| match child {
                Child::Group(g) => Node::Group(TagGroup::with_children(
                    self.groups[*g].0.clone().expect("a group has a tag"),
                    self.group(*g),
                )),
                Child::Leaf(id) => Node::Leaf(*id),
            })
            .collect()
    }
}

/// A table cell's extent in rows and columns (1, 1 for a plain cell).
pub(super) type Extent = (u32, u32);

/// A page being drawn: text, lines and boxes in points from the top-left corner.
pub(super) struct Canvas<'a, 'p> {
    surface: Surface<'p>,
    pub(super) font: &'a FormFont,
    structure: Structure,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

impl<'a, 'p> Canvas<'a, 'p> {
    pub(super) fn new(surface: Surface<'p>, font: &'a FormFont) -> Self {
        Canvas { surface, font, structure: Structure { groups: vec![(None, Vec::new())], headings: Vec::new() } }
    }

    /// Ends the page; its structure, to give to [`finish`].
    pub(super) fn finish(self) -> FormStructure {
        self.surface.finish();
        FormStructure(self.structure)
    }

    /// A new group at the end of `parent`'s children.
    pub(super) fn group(&mut self, parent: Part, tag: impl Into<TagKind>) -> Part {
        let i = self.structure.groups.len();
        self.structure.groups.push((Some(tag.into()), Vec::new()));
        self.structure.groups[parent.0].1.push(Child::Group(i));
        Part(i)
    }

    /// A paragraph of `parent`.
    pub(super) fn p(&mut self, parent: Part) -> Part {
        self.group(parent, Tag::P)
    }

    /// A header cell of `row`, named `id` for the data cells it heads.
    pub(super) fn th(&mut self, row: Part, id: &str, scope: Scope, (rows, cols): Extent) -> Part {
        let tag = Tag::TH(scope)
            .with_id(Some(TagId::from(id.bytes())))
            .with_row_span(NonZeroU32::new(rows).filter(|n| n.get() > 1))
            .with_col_span(NonZeroU32::new(cols).filter(|n| n.get() > 1));
        self.group(row, tag)
    }

    /// A data cell of `row`, headed by the header cells named in `headers`.
    pub(super) fn td(&mut self, row: Part, headers: &[&str], (rows, cols): Extent) -> Part {
        let tag = Tag::TD
            .with_headers(Some(headers.iter().map(|h| TagId::from(h.bytes()))))
            .with_row_span(NonZeroU32::new(rows).filter(|n| n.get() > 1))
            .with_col_span(NonZeroU32::new(cols).filter(|n| n.get() > 1));
        self.group(row, tag)
    }

    /// Content drawn by `draw`, marked as `tag` and, unless an artifact, a leaf of `part`.
    fn tagged(&mut self, part: Option<Part>, tag: ContentTag<'_>, draw: impl FnOnce(&mut Self)) {
        let id = self.surface.start_tagged(tag);
        draw(self);
        self.surface.end_tagged();
        if let Some(part) = part {
            self.structure.groups[part.0].1.push(Child::Leaf(id));
        }
    }

    /// Rules and boxes: not read out.
    fn artifact(&mut self, draw: impl FnOnce(&mut Self)) {
        self.tagged(None, ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)), draw);
    }

    /// An empty cell (a blank form's, or an optional value not given): an empty marked
    /// sequence, so that the cell has content like every other and the table stays regular.
    /// Draws nothing.
    pub(super) fn empty(&mut self, cell: Part) {
        self.tagged(Some(cell), ContentTag::Span(SpanTag::empty()), |_| {});
    }

    /// The form's title (level 1) or a part's (level 2): a heading with its title, in the outline.
    pub(super) fn heading(&mut self, level: u16, x: f32, y: f32, size: f32, text: &str, align: Align) {
        let level = NonZeroU16::new(level).expect("a heading level");
        let h = self.group(Part::DOCUMENT, Tag::Hn(level, Some(text.to_string())));
        self.structure.headings.push((level.get(), text.to_string(), Point::from_xy(0.0, (y - size * 1.5).max(0.0))));
        self.text(h, x, y, size, text, align);
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

    /// Text with its baseline at `y`, read as part of `part`.
    pub(super) fn text(&mut self, part: Part, x: f32, y: f32, size: f32, text: &str, align: Align) {
        if text.is_empty() {
            return;
        }
        let w = self.font.width(text, size);
        let x = match align {
            Align::Left => x,
            Align::Center => x - w / 2.0,
            Align::Right => x - w,
        };
        self.tagged(Some(part), ContentTag::Span(SpanTag::empty()), |c| {
            c.black_fill();
            c.surface.draw_text(
                Point::from_xy(x, y),
                c.font.font.clone(),
                size,
                text,
                false,
                TextDirection::LeftToRight,
            );
        });
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
    /// wrapped and shrunk down to [`MIN_SIZE`]; vertically centred; read as part of `part`.
    /// Refuses what cannot fit.
    pub(super) fn fit(&mut self, part: Part, path: &str, text: &str, cell: Cell, size: f32) -> Result<(), Problem> {
        let Cell { x, top, width, height } = cell;
        if text.is_empty() {
            self.empty(part);
        }
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
                    self.text(part, x, y, s, &line, Align::Left);
                    y += line_height;
                }
                return Ok(());
            }
            s -= 0.5;
        }
    }

    /// A box (an artifact).
    pub(super) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.artifact(|c| {
            c.pen(width, false);
            let mut pb = PathBuilder::new();
            pb.push_rect(Rect::from_xywh(x, y, w, h).expect("positive rectangle"));
            c.surface.draw_path(&pb.finish().expect("rectangle path"));
        });
    }

    /// A rule (an artifact).
    pub(super) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, dashed: bool) {
        self.artifact(|c| {
            c.pen(width, dashed);
            let mut pb = PathBuilder::new();
            pb.move_to(x1, y1);
            pb.line_to(x2, y2);
            c.surface.draw_path(&pb.finish().expect("line path"));
        });
    }

    /// An ellipse, the circle a person draws around the chosen item (医科 / 歯科 / 薬局): a
    /// figure of `part` whose alternate text says what it means.
    pub(super) fn ellipse(&mut self, part: Part, alt: &str, cx: f32, cy: f32, rx: f32, ry: f32) {
        let bbox =
            Rect::from_xywh(cx - rx - 0.5, cy - ry - 0.5, 2.0 * rx + 1.0, 2.0 * ry + 1.0).map(|r| BBox::new(0, r));
        let figure = self.group(part, Tag::Figure(Some(alt.to_string())).with_bbox(bbox));
        self.tagged(Some(figure), ContentTag::Other, |c| c.draw_ellipse(cx, cy, rx, ry));
    }

    fn draw_ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32) {
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
    /// below it; on a blank form only 「〒　－」. Read as part of `part`.
    pub(super) fn postal_address(
        &mut self,
        part: Part,
        path: &str,
        filled: Option<(&str, &str)>,
        x: f32,
        y: f32,
        address: Cell,
    ) -> Option<Problem> {
        match filled {
            Some((postal, text)) => {
                self.text(part, x, y, 10.0, &format!("〒{postal}"), Align::Left);
                self.fit(part, path, text, address, 11.0).err()
            }
            None => {
                self.text(part, x, y, 10.0, BLANK_POSTAL, Align::Left);
                None
            }
        }
    }

    /// A paragraph of the document, wrapped to `width` from the baseline `y`; the baseline after it.
    pub(super) fn paragraph(&mut self, x: f32, y: f32, width: f32, size: f32, text: &str) -> f32 {
        let p = self.p(Part::DOCUMENT);
        let mut y = y;
        for line in self.wrap(text, size, width) {
            self.text(p, x, y, size, &line, Align::Left);
            y += size * 1.45;
        }
        y
    }
}

/// What [`Canvas::finish`] hands to [`finish`]: the page's structure.
pub(super) struct FormStructure(Structure);

/// The PDF: its title and language, and when tagged its structure tree and an outline of its
/// headings and, for a filled form (`attached`, the document made so by [`document`]), the
/// application file, dated (as the document is) the request date: the same application gives
/// the same bytes.
pub(super) fn finish(
    document: Document,
    tagging: Tagging,
    title: String,
    structure: FormStructure,
    attached: Option<&Application>,
) -> Result<Vec<u8>, Problem> {
    let mut document = document;
    let mut metadata = Metadata::new().title(title).language("ja".into()).creator("onshi".into());
    if let (Tagging::Ua1, Some(app)) = (tagging, attached) {
        let d = app.request_date;
        let date = DateTime::new(d.year() as u16).month(d.month() as u8).day(d.day() as u8).utc_offset_hour(9);
        metadata = metadata.creation_date(date);
        document
            .embed_file(EmbeddedFile {
                path: ATTACHED_FILE.into(),
                mime_type: MimeType::new("application/json"),
                description: Some("この書類を作った申請ファイル（onshi）".into()),
                association_kind: AssociationKind::Source,
                data: application_file(app).into_bytes().into(),
                modification_date: Some(date),
                compress: Some(true),
                location: None,
            })
            .expect("one file of its name");
    }
    document.set_metadata(metadata);
    if tagging == Tagging::Ua1 {
        let FormStructure(structure) = structure;
        document.set_tag_tree(TagTree::from(structure.group(0)).with_lang(Some("ja".into())));
        let mut outline = Outline::new();
        let mut top: Option<OutlineNode> = None;
        for (level, text, at) in &structure.headings {
            let node = OutlineNode::new(text.clone(), XyzDestination::new(0, *at));
            match (level, top.as_mut()) {
                (2.., Some(parent)) => parent.push_child(node.with_open(true)),
                _ => {
                    if let Some(done) = top.replace(node.with_open(true)) {
                        outline.push_child(done);
                    }
                }
            }
        }
        if let Some(done) = top {
            outline.push_child(done);
        }
        document.set_outline(outline);
    }
    document.finish().map_err(|e| Problem {
        path: String::new(),
        label: label_of("").into(),
        message: format!("PDF を作れませんでした（{e:?}）。"),
        severity: Severity::Error,
    })
}

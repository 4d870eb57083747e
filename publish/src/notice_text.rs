//! The notice itself as content (`content/notice-text.toml`): its parts (通知, 事務連絡, 別紙,
//! 別添2), their sections with the notice's words and an anchor each, and each section's
//! points (an obligation, a deadline, an exception, a piece of advice) — the point-by-point
//! table the guidance is held to. A page states a point with a `notice:<point>` link
//! (`markdown.rs`); every point must be stated by some page of every bureau or excused
//! (`coverage`), and the notice page and the 「通知との対応」 page are made from this file.

use super::Source;
use onshi::content_file::{japanese, line_of, ContentError, LineIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// Where the notice's text and points are, under the root.
pub const FILE: &str = "content/notice-text.toml";

/// The whole notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeText {
    pub parts: Vec<Part>,
}

/// 通知, 事務連絡, 別紙1〜3 or 別添2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub id: String,
    pub title: String,
    pub sections: Vec<Section>,
}

/// A section of the notice with its own anchor (`d1-1-2`) and label (「第1 1(2)」).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub label: String,
    pub title: String,
    /// The notice's words, as Markdown.
    pub text: String,
    /// The line of [`FILE`] where `text` starts.
    pub text_line: usize,
    pub points: Vec<Point>,
}

/// What kind of point: the 「通知との対応」 page groups and labels them by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    Procedure,
    Deadline,
    Exception,
    Advice,
    /// A bureau's own step (a public page may leave it out).
    Bureau,
    /// Changed by a later notice: the guidance says what holds now.
    Changed,
}

/// One point of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub id: String,
    pub kind: PointKind,
    pub says: String,
    /// Why the guidance leaves it out.
    pub excused: Option<String>,
    /// Its line in [`FILE`].
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    part: Vec<RawPart>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    id: Spanned<String>,
    title: String,
    section: Vec<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    label: Spanned<String>,
    title: String,
    text: Spanned<String>,
    #[serde(default)]
    point: Vec<RawPoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    id: Spanned<String>,
    kind: PointKind,
    says: String,
    excused: Option<Spanned<String>>,
}

fn err(line: usize, message: impl Into<String>) -> ContentError {
    ContentError { file: FILE.into(), line: Some(line), message: message.into() }
}

/// An id people put in links: ASCII lowercase letters, digits and `-`, once in the file. `what`
/// (箇所, 要点) and `used` (what the id is for) word the messages.
fn check_id(id: &str, line: usize, what: &str, used: &str, seen: &mut BTreeSet<String>) -> Vec<ContentError> {
    let mut errors = Vec::new();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        errors.push(err(line, format!("{what}の id「{id}」は英小文字・数字・- で書いてください（{used}）")));
    }
    if !seen.insert(id.to_string()) {
        errors.push(err(line, format!("{what}の id「{id}」が二つあります。別の id にしてください")));
    }
    errors
}

impl NoticeText {
    /// Reads [`FILE`] from `source`.
    pub fn load(source: &Source) -> Result<NoticeText, Vec<ContentError>> {
        match source.read_text(FILE) {
            Ok(Some(text)) => NoticeText::parse(&text),
            Ok(None) => Err(vec![ContentError {
                file: FILE.into(),
                line: None,
                message: "通知の本文と要点の表がありません。リポジトリの content/notice-text.toml を置いてください"
                    .into(),
            }]),
            Err(message) => Err(vec![ContentError { file: FILE.into(), line: None, message }]),
        }
    }

    /// Parses the file's text and checks it: ids well formed and unique, labels unique, an
    /// `excused` that says why.
    pub fn parse(text: &str) -> Result<NoticeText, Vec<ContentError>> {
        let text = text.trim_start_matches('\u{FEFF}').replace("\r\n", "\n");
        let raw: RawFile = toml::from_str(&text).map_err(|e| {
            vec![ContentError {
                file: FILE.into(),
                line: e.span().map(|s| line_of(&text, s.start)),
                message: japanese(e.message()),
            }]
        })?;
        let lines = LineIndex::new(&text);
        let line = |offset: usize| lines.line(offset);
        let mut errors = Vec::new();
        let (mut anchors, mut labels, mut points) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
        let mut parts = Vec::new();
        for part in raw.part {
            let mut sections = Vec::new();
            for s in part.section {
                errors.extend(check_id(
                    s.id.get_ref(),
                    line(s.id.span().start),
                    "箇所",
                    "ページ内のアンカーになります",
                    &mut anchors,
                ));
                if !labels.insert(s.label.get_ref().clone()) {
                    errors.push(err(
                        line(s.label.span().start),
                        format!("箇所の label「{}」が二つあります。根拠のリンクが一つに決まるよう、別の呼び方にしてください", s.label.get_ref()),
                    ));
                }
                // A multi-line string starts on the line after its opening quotes.
                let text_start = s.text.span().start;
                let opening = &text[text_start..(text_start + 4).min(text.len())];
                let text_line = line(text_start) + usize::from(opening == "'''\n" || opening == "\"\"\"\n");
                let mut section_points = Vec::new();
                for p in s.point {
                    let point_line = line(p.id.span().start);
                    errors.extend(check_id(
                        p.id.get_ref(),
                        point_line,
                        "要点",
                        "notice: のリンクで使います",
                        &mut points,
                    ));
                    if let Some(e) = &p.excused {
                        if e.get_ref().trim().is_empty() {
                            errors.push(err(
                                line(e.span().start),
                                "excused には、案内のページに書かない理由を書いてください",
                            ));
                        }
                    }
                    section_points.push(Point {
                        id: p.id.into_inner(),
                        kind: p.kind,
                        says: p.says,
                        excused: p.excused.map(Spanned::into_inner),
                        line: point_line,
                    });
                }
                sections.push(Section {
                    id: s.id.into_inner(),
                    label: s.label.into_inner(),
                    title: s.title,
                    text: s.text.into_inner(),
                    text_line,
                    points: section_points,
                });
            }
            parts.push(Part { id: part.id.into_inner(), title: part.title, sections });
        }
        if errors.is_empty() {
            Ok(NoticeText { parts })
        } else {
            Err(errors)
        }
    }

    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.parts.iter().flat_map(|p| &p.sections)
    }

    /// A point and its section.
    pub fn point(&self, id: &str) -> Option<(&Section, &Point)> {
        self.sections().find_map(|s| s.points.iter().find(|p| p.id == id).map(|p| (s, p)))
    }

    /// The section a label names (「第1 1(2)」).
    pub fn section_by_label(&self, label: &str) -> Option<&Section> {
        self.sections().find(|s| s.label == label)
    }

    /// Every point of the notice's text, in order, as `notice:` links name them.
    pub fn point_ids(&self) -> Vec<&str> {
        self.sections().flat_map(|s| s.points.iter().map(|p| p.id.as_str())).collect()
    }

    /// The notice of the repository, for tests.
    #[cfg(test)]
    pub fn repository() -> &'static NoticeText {
        static NOTICE: std::sync::OnceLock<NoticeText> = std::sync::OnceLock::new();
        NOTICE.get_or_init(|| {
            let root = Source::Folder(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
            NoticeText::load(&root).expect("the repository's notice text loads")
        })
    }
}

/// Where a page states a point: the page and the heading above the link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// The page's slug.
    pub page: String,
    /// The id and the words of the heading the statement is under, if any.
    pub heading: Option<(String, String)>,
}

/// Which points the pages state, and the problems: a point stated nowhere and not excused, a
/// point excused but stated, a page of guidance with no basis at all.
pub fn coverage(
    notice: &NoticeText,
    stated: &BTreeMap<String, Vec<Statement>>,
    pages_without_basis: &[String],
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for section in notice.sections() {
        for point in &section.points {
            match (stated.get(&point.id), &point.excused) {
                (None, None) => errors.push(err(
                    point.line,
                    format!(
                        "要点「{}」（{}）を書いている案内のページがありません。案内のページに（[根拠：{}](notice:{})）を添えて書くか、書かない理由を excused に書いてください",
                        point.says, section.label, section.label, point.id
                    ),
                )),
                (Some(pages), Some(_)) => errors.push(err(
                    point.line,
                    format!(
                        "要点「{}」は excused（書かない理由）があるのに、{} のページが書いています。excused を消すか、そのページの根拠のリンクを見直してください",
                        point.id,
                        pages.iter().map(|s| s.page.as_str()).collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>().join("、")
                    ),
                )),
                _ => {}
            }
        }
    }
    for file in pages_without_basis {
        errors.push(ContentError {
            file: file.clone(),
            line: None,
            message: "このページには根拠（通知の箇所へのリンク、例：（[根拠：第3(2)](notice:submit-by-15th)））が一つもありません。案内の文章には、その根拠を添えてください".into(),
        });
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "[[part]]\nid = \"p\"\ntitle = \"通知\"\n\n[[part.section]]\nid = \"d3-2\"\nlabel = \"第3(2)\"\ntitle = \"実施機関への提出期限\"\ntext = '''\n本文\n'''\n\n[[part.section.point]]\nid = \"submit-by-15th\"\nkind = \"deadline\"\nsays = \"15日まで\"\n";

    #[test]
    fn reads_parts_sections_and_points_with_their_lines() {
        let n = NoticeText::parse(SMALL).unwrap();
        let s = &n.parts[0].sections[0];
        assert_eq!((s.id.as_str(), s.label.as_str(), s.text.as_str(), s.text_line), ("d3-2", "第3(2)", "本文\n", 10));
        assert_eq!(s.points[0].line, 14);
        assert_eq!(n.point("submit-by-15th").unwrap().0.label, "第3(2)");
        assert_eq!(n.section_by_label("第3(2)").unwrap().id, "d3-2");
    }

    #[test]
    fn bad_ids_twins_and_types_are_at_their_lines() {
        let twice =
            format!("{SMALL}\n[[part.section.point]]\nid = \"submit-by-15th\"\nkind = \"deadline\"\nsays = \"また\"\n");
        let e = NoticeText::parse(&twice).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "content/notice-text.toml:19: 要点の id「submit-by-15th」が二つあります。別の id にしてください"
        );
        let e = NoticeText::parse(&SMALL.replace("id = \"d3-2\"", "id = \"第3\"")).unwrap_err();
        assert_eq!(e[0].line, Some(6));
        assert!(e[0].message.contains("英小文字・数字・-"), "{}", e[0]);
        let e = NoticeText::parse(&SMALL.replace("\"deadline\"", "\"rule\"")).unwrap_err();
        assert_eq!(e[0].line, Some(15), "{e:?}");
        assert!(e[0].message.contains("procedure"), "{}", e[0]);
        let e = NoticeText::parse(&format!("{SMALL}excused = \" \"\n")).unwrap_err();
        assert!(e[0].message.contains("書かない理由"), "{}", e[0]);
    }

    #[test]
    fn a_point_stated_nowhere_or_excused_and_stated_stops_the_build() {
        let n = NoticeText::parse(SMALL).unwrap();
        let e = coverage(&n, &BTreeMap::new(), &[]);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(14));
        assert!(e[0].message.contains("（[根拠：第3(2)](notice:submit-by-15th)）"), "{}", e[0]);
        let stated =
            BTreeMap::from([("submit-by-15th".to_string(), vec![Statement { page: "steps".into(), heading: None }])]);
        assert!(coverage(&n, &stated, &[]).is_empty());
        let excused = NoticeText::parse(&format!("{SMALL}excused = \"局の事務\"\n")).unwrap();
        assert!(coverage(&excused, &stated, &[])[0].message.contains("steps のページが書いています"));
        let e = coverage(&n, &stated, &["content/pages/x.md".into()]);
        assert_eq!(e[0].file, "content/pages/x.md");
    }

    #[test]
    fn the_repositorys_notice_loads_and_every_step_citation_names_a_section() {
        let n = NoticeText::repository();
        assert!(n.point_ids().len() > 50);
        for step in &onshi::content::repository().notice.steps {
            for label in step.citation.split('・') {
                assert!(n.section_by_label(label).is_some(), "{}: {label}", step.id);
            }
        }
    }
}

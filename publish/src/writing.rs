//! The accessibility checks a writer can act on, made on the Markdown as it is rendered
//! (`markdown::render` shows them every event): a heading that skips a level (the template
//! gives the page its `<h1>`, so the text starts at `##`; WCAG 1.3.1), a link whose text does
//! not say where it goes (「こちら」, "here", none; WCAG 2.4.4) and an image without a text
//! alternative (WCAG 1.1.1). Each is a [`ContentError`] at the Markdown line, saying how to fix it.

use onshi::content_file::ContentError;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// Link texts that say nothing of where a link goes, compared without spaces and punctuation,
/// in lower case.
pub const VAGUE_LINK_TEXTS: [&str; 22] = [
    "こちら",
    "ここ",
    "こちらをクリック",
    "ここをクリック",
    "こちらから",
    "ここから",
    "こちらをご覧ください",
    "詳しくはこちら",
    "詳細はこちら",
    "詳しく",
    "詳細",
    "リンク",
    "クリック",
    "もっと見る",
    "続きを読む",
    "here",
    "clickhere",
    "more",
    "readmore",
    "link",
    "thislink",
    "this",
];

/// What is being read: a heading or a link (its text so far and its line), or an image (its
/// alt text so far and its line).
enum Open {
    Heading(HeadingLevel, String, usize),
    Link(String, usize),
    Image(String, usize),
}

/// The checks, fed the Markdown's events in order with the line each starts on.
pub struct WriterChecks {
    file: String,
    /// The level of the last heading: 1, the page's title, before any.
    last_level: usize,
    open: Vec<Open>,
    errors: Vec<ContentError>,
}

impl WriterChecks {
    pub fn new(file: &str) -> WriterChecks {
        WriterChecks { file: file.to_string(), last_level: 1, open: Vec::new(), errors: Vec::new() }
    }

    /// One event of the Markdown, which starts at `line` of the file.
    pub fn see(&mut self, event: &Event, line: usize) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.open.push(Open::Heading(*level, String::new(), line)),
            Event::Start(Tag::Link { .. }) => self.open.push(Open::Link(String::new(), line)),
            Event::Start(Tag::Image { .. }) => self.open.push(Open::Image(String::new(), line)),
            Event::Text(t) | Event::Code(t) => {
                for open in &mut self.open {
                    match open {
                        Open::Heading(_, text, _) | Open::Link(text, _) | Open::Image(text, _) => text.push_str(t),
                    }
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(Open::Heading(level, text, line)) = self.open.pop() {
                    self.heading(level, &text, line);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(Open::Link(text, line)) = self.open.pop() {
                    self.link(&text, line);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some(Open::Image(alt, line)) = self.open.pop() {
                    if alt.trim().is_empty() {
                        self.error(
                            line,
                            "画像に代替テキストがありません。画像を見られない人にも伝わるように、![ ] の [ ] の中に画像が伝えることを書いてください（例：![申請書の記入例。氏名欄に記入した様子](…)）".into(),
                        );
                    }
                }
            }
            _ => {}
        }
    }

    /// Every problem found, in the order of the text.
    pub fn finish(self) -> Vec<ContentError> {
        self.errors
    }

    fn error(&mut self, line: usize, message: String) {
        self.errors.push(ContentError { file: self.file.clone(), line: Some(line), message });
    }

    fn heading(&mut self, level: HeadingLevel, text: &str, line: usize) {
        let level = level as usize;
        let marks = |n: usize| "#".repeat(n);
        let text = text.trim();
        if level == 1 {
            self.error(
                line,
                format!(
                    "見出し「# {text}」はページの題（title）と同じ大きさです。ページの題はページの一番上に付くので、本文の見出しは ## から始めてください"
                ),
            );
        } else if level > self.last_level + 1 {
            let before = if self.last_level == 1 {
                "ページの題".to_string()
            } else {
                format!("見出し {} ", marks(self.last_level))
            };
            self.error(
                line,
                format!(
                    "見出し「{} {text}」は{before}の次なので、{} を飛ばしています。見出しは一段ずつ下げてください（{} にする）",
                    marks(level),
                    marks(self.last_level + 1),
                    marks(self.last_level + 1)
                ),
            );
        }
        self.last_level = level.max(2);
    }

    fn link(&mut self, text: &str, line: usize) {
        let shown = text.trim();
        let key: String = shown
            .chars()
            .filter(|c| !c.is_whitespace() && !"。、.,!！?？:：→>»「」『』()（）".contains(*c))
            .flat_map(char::to_lowercase)
            .collect();
        if shown.is_empty() {
            self.error(
                line,
                "リンクの文字がありません。[ ] の中に行き先の名前を書いてください（例：[提出先の事務所](page:offices)）".into(),
            );
        } else if VAGUE_LINK_TEXTS.contains(&key.as_str()) {
            self.error(
                line,
                format!(
                    "リンクの文字が「{shown}」だけでは行き先が分かりません。行き先の名前（例：「〇〇の申請書（PDF）」）にしてください"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::{render, Names};
    use crate::notice_text::NoticeText;
    use onshi::content_file::ContentError;

    const PAGES: &[&str] = &["index", "offices", "steps"];

    /// The problems of `text`, a page body starting at line 6 of content/pages/x.md.
    fn problems(text: &str) -> Vec<ContentError> {
        let tohoku = onshi::content::repository().bureaus.get("tohoku").unwrap();
        render(
            "content/pages/x.md",
            6,
            text,
            Names { bureau: tohoku, pages: PAGES, notice: NoticeText::repository() },
            "../",
        )
        .err()
        .unwrap_or_default()
    }

    fn lines(errors: &[ContentError]) -> Vec<Option<usize>> {
        errors.iter().map(|e| e.line).collect()
    }

    #[test]
    fn a_heading_that_skips_a_level_is_at_its_line() {
        assert!(problems("## 一\n\n### 二\n\n#### 三\n\n## 四\n\n### 五\n").is_empty());
        // ## then ####, at line 6 + 2.
        let e = problems("## 受付番号\n\n#### 期限\n");
        assert_eq!(lines(&e), [Some(8)], "{e:?}");
        assert_eq!(e[0].file, "content/pages/x.md");
        assert!(e[0].message.contains("「#### 期限」は見出し ## の次なので、### を飛ばしています"), "{}", e[0]);
        // The page's title is the template's <h1>: the first heading is ##.
        let e = problems("本文\n\n### 期限\n");
        assert_eq!(lines(&e), [Some(8)], "{e:?}");
        assert!(e[0].message.contains("ページの題の次なので、## を飛ばしています"), "{}", e[0]);
        let e = problems("# 題\n\n## 節\n");
        assert_eq!(lines(&e), [Some(6)], "{e:?}");
        assert!(
            e[0].message.contains("ページの題（title）と同じ大きさ") && e[0].message.contains("## から"),
            "{}",
            e[0]
        );
        // Setext headings too, and each skip once.
        let e = problems("節\n--\n\n#### a\n\n#### b\n\n###### c\n");
        assert_eq!(lines(&e), [Some(9), Some(13)], "{e:?}");
    }

    #[test]
    fn a_link_whose_text_says_nothing_is_at_its_line() {
        for vague in [
            "こちら",
            "ここ",
            "こちらをクリック",
            "詳しくはこちら",
            "詳しくは こちら。",
            "here",
            "Click here",
            "「こちら」",
        ] {
            let e = problems(&format!("申請書は\n[{vague}](https://example.jp/)\nです。\n"));
            assert_eq!(lines(&e), [Some(7)], "{vague}: {e:?}");
            assert!(e[0].message.contains("行き先が分かりません") && e[0].message.contains("行き先の名前"), "{}", e[0]);
        }
        let e = problems("[こちら](https://example.jp/)");
        assert_eq!(
            e[0].to_string(),
            "content/pages/x.md:6: リンクの文字が「こちら」だけでは行き先が分かりません。行き先の名前（例：「〇〇の申請書（PDF）」）にしてください"
        );
        let e = problems("\n\n[](page:offices) [ ](page:steps)");
        assert_eq!(lines(&e), [Some(8), Some(8)], "{e:?}");
        assert!(e[0].message.contains("リンクの文字がありません"), "{}", e[0]);
        // Links that name where they go, and a bare address, are fine.
        assert!(problems(
            "[提出先の事務所](page:offices) <https://example.jp/a> [`deadlines.json`](https://example.jp/b) [ここから始まる手続の流れ](page:steps)"
        )
        .is_empty());
    }

    #[test]
    fn an_image_without_alt_text_is_at_its_line() {
        let e = problems("本文\n\n![](forms/a.png)\n");
        assert!(e.iter().any(|e| e.line == Some(8) && e.message.contains("代替テキストがありません")), "{e:?}");
        let e = problems("本文\n\n![別紙1の記入例](forms/a.png)\n");
        assert!(!e.iter().any(|e| e.message.contains("代替テキストがありません")), "{e:?}");
    }

    #[test]
    fn the_repositorys_pages_pass() {
        let root = crate::Source::Folder(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
        let files: Vec<String> = root.files_under("content").into_iter().filter(|f| f.ends_with(".md")).collect();
        let slugs: Vec<&str> = files.iter().filter_map(|f| f.rsplit('/').next()?.strip_suffix(".md")).collect();
        for file in &files {
            let text = root.read_text(file).unwrap().unwrap();
            let page = onshi::content::page::parse_page(file, &text).unwrap();
            for bureau in onshi::content::repository().bureaus.iter() {
                let (_, errors) = crate::markdown::render_checked(
                    file,
                    page.body_line,
                    &page.body,
                    Names { bureau, pages: &slugs, notice: NoticeText::repository() },
                    "../",
                );
                assert!(errors.is_empty(), "{errors:?}");
            }
        }
        assert!(files.len() >= 10, "{files:?}");
    }
}

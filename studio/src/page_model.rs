//! The Markdown pages in the studio, without a browser (tested natively): which pages there
//! are, each page's front matter as fields (`onshi::content::page::FrontMatter`, checked as
//! the build reads it, `parse_page`) and its body. The files are open as `EditedFile`s in
//! `Studio::edited`, so they are saved as every content file is: only what was edited changes.

use crate::model::Studio;
use onshi::content::edit::FieldValue;
use onshi::content::page::{
    is_page_file, is_page_template, normalise, page_template_list, parse_page, split_front_matter,
};
use onshi::content_file::ContentError;

/// One page in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEntry {
    pub file: String,
    /// The page's title as written now (the file's name when it cannot be read).
    pub title: String,
    /// `None` for a common page, else the bureau whose own page it is.
    pub bureau: Option<String>,
    pub order: i32,
}

/// A front matter field the page editor shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageField {
    Title,
    NavTitle,
    Order,
    Description,
    Template,
    WizardLink,
}

impl PageField {
    pub const ALL: [PageField; 6] = [
        PageField::Title,
        PageField::NavTitle,
        PageField::Order,
        PageField::Description,
        PageField::Template,
        PageField::WizardLink,
    ];

    /// The key in the front matter.
    pub fn key(self) -> &'static str {
        match self {
            PageField::Title => "title",
            PageField::NavTitle => "nav_title",
            PageField::Order => "order",
            PageField::Description => "description",
            PageField::Template => "template",
            PageField::WizardLink => "wizard_link",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PageField::Title => "ページの題",
            PageField::NavTitle => "メニューでの短い名前（任意）",
            PageField::Order => "メニューでの順番",
            PageField::Description => "ページの説明",
            PageField::Template => "ページの種類",
            PageField::WizardLink => "「自分の期限を計算し、書類を作る」の案内を題の下に出す",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            PageField::Title => "ページの一番上の見出しと、ブラウザーのタブに出ます。",
            PageField::NavTitle => "メニューに題が長すぎるときに使います。空なら題をそのまま使います。",
            PageField::Order => "小さい数ほどメニューの上に並びます。整数で入力してください（例：3）。",
            PageField::Description => "検索結果などに出る、ページの内容を表す一文です。",
            PageField::Template => "本文の後に、サイトが計算した表などを付けるかどうかです。",
            PageField::WizardLink => "期限の計算と書類の作成（ウィザード）へのボタンです。",
        }
    }
}

/// The page's front matter as the form shows it, as written now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontFields {
    pub title: String,
    pub nav_title: String,
    pub order: String,
    pub description: String,
    pub template: String,
    pub wizard_link: bool,
}

impl FrontFields {
    /// The text of a field (`wizard_link`: `"true"` or `""`).
    pub fn get(&self, field: PageField) -> String {
        match field {
            PageField::Title => self.title.clone(),
            PageField::NavTitle => self.nav_title.clone(),
            PageField::Order => self.order.clone(),
            PageField::Description => self.description.clone(),
            PageField::Template => self.template.clone(),
            PageField::WizardLink => if self.wizard_link { "true" } else { "" }.into(),
        }
    }
}

/// What a field's text as typed writes (`None`: the key is removed, the page's default), or
/// what to correct in it. `written` says whether the file has the key now.
pub fn field_value(field: PageField, typed: &str, written: bool) -> Result<Option<FieldValue>, String> {
    let trimmed = typed.trim();
    match field {
        PageField::Title | PageField::Description if trimmed.is_empty() => Err(match field {
            PageField::Title => "題を入力してください".into(),
            _ => "説明を入力してください".into(),
        }),
        PageField::Title | PageField::Description => Ok(Some(FieldValue::from(trimmed))),
        PageField::NavTitle if trimmed.is_empty() => Ok(None),
        PageField::NavTitle => Ok(Some(FieldValue::from(trimmed))),
        PageField::Order => {
            let digits: String = trimmed
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                    'ー' | '−' | '－' => '-',
                    c => c,
                })
                .collect();
            digits
                .parse::<i32>()
                .map(|n| Some(FieldValue::Integer(n.into())))
                .map_err(|_| "順番は整数で入力してください（例：3）".to_string())
        }
        PageField::Template if !is_page_template(trimmed) => {
            Err(format!("ページの種類「{trimmed}」はありません。{} のどれかです", page_template_list()))
        }
        // The defaults are left unwritten where the file does not write them.
        PageField::Template if trimmed == "page.html" && !written => Ok(None),
        PageField::Template => Ok(Some(FieldValue::from(trimmed))),
        PageField::WizardLink if trimmed.is_empty() && !written => Ok(None),
        PageField::WizardLink => Ok(Some(FieldValue::Bool(!trimmed.is_empty()))),
    }
}

/// Where the studio carries the site's stylesheets, unchanged (studio/index.html copies them
/// from site/static/css/, the files the build puts in every bureau's `assets/`).
pub const STUDIO_STYLESHEETS: &str = "site-assets/";

/// A page's HTML with its stylesheets taken from the studio's copies: the page is shown at the
/// studio's address, where its own relative `assets/` are not. Nothing else changes.
pub fn with_studio_stylesheets(html: &str) -> String {
    let mut out = html.to_string();
    for name in ["tokens.css", "site.css"] {
        // The way back to the bureau's folder as the templates print it (`/` escaped).
        for root in ["..&#x2f;", "../", ""] {
            out =
                out.replace(&format!("href=\"{root}assets/{name}\""), &format!("href=\"{STUDIO_STYLESHEETS}{name}\""));
        }
    }
    out
}

/// A page's HTML without its `<script>` elements (the site's search, the deadline page's
/// marks): the frame that shows it is sandboxed, where they would not run but be reported as
/// blocked in the console. The page reads the same without them.
pub fn without_scripts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(end) = rest[start..].find("</script>").map(|e| start + e + "</script>".len()) else { break };
        out.push_str(&rest[..start]);
        rest = rest[end..].strip_prefix('\n').unwrap_or(&rest[end..]);
    }
    out.push_str(rest);
    out
}

impl Studio {
    /// The Markdown pages, the common ones first, each group in menu order.
    pub fn pages(&self) -> Vec<PageEntry> {
        let mut pages: Vec<PageEntry> = self
            .edited
            .iter()
            .filter(|(name, _)| is_page_file(name))
            .map(|(name, file)| {
                let folder = name.split('/').nth(1).unwrap_or_default();
                let bureau = (folder != "pages").then(|| folder.to_string());
                let front = parse_page(name, &file.content_file().text).ok().map(|p| p.front);
                PageEntry {
                    file: name.clone(),
                    title: front.as_ref().map_or_else(|| name.clone(), |f| f.title.clone()),
                    order: front.as_ref().map_or(i32::MAX, |f| f.order),
                    bureau,
                }
            })
            .collect();
        pages.sort_by(|a, b| (&a.bureau, a.order, &a.file).cmp(&(&b.bureau, b.order, &b.file)));
        pages
    }

    /// A page's front matter as written now (what cannot be read, empty).
    pub fn front_fields(&self, file: &str) -> FrontFields {
        let Some(edited) = self.edited.get(file) else { return FrontFields::default() };
        let text = normalise(&edited.content_file().text);
        let front = split_front_matter(&text).ok().map(|range| &text[range]);
        let table: toml::Table = front.and_then(|f| f.parse().ok()).unwrap_or_default();
        let string = |key: &str| table.get(key).and_then(toml::Value::as_str).unwrap_or_default().to_string();
        FrontFields {
            title: string("title"),
            nav_title: string("nav_title"),
            order: table.get("order").and_then(toml::Value::as_integer).map(|n| n.to_string()).unwrap_or_default(),
            description: string("description"),
            template: table.get("template").and_then(toml::Value::as_str).unwrap_or("page.html").to_string(),
            wizard_link: table.get("wizard_link").and_then(toml::Value::as_bool).unwrap_or(false),
        }
    }

    /// Whether the page's front matter writes `field`.
    pub fn front_writes(&self, file: &str, field: PageField) -> bool {
        let Some(edited) = self.edited.get(file) else { return false };
        let text = normalise(&edited.content_file().text);
        let front = split_front_matter(&text).ok().map(|range| &text[range]);
        front.and_then(|f| f.parse::<toml::Table>().ok()).is_some_and(|t| t.contains_key(field.key()))
    }

    /// A page's Markdown as written now.
    pub fn page_body(&self, file: &str) -> String {
        self.edited.get(file).and_then(|f| f.body()).unwrap_or_default().to_string()
    }

    /// Sets a front matter field as typed; the problems of the content after it (the field's
    /// own mistake, unwritten, when it is not a value).
    pub fn set_page_field(&mut self, file: &str, field: PageField, typed: &str) -> Vec<ContentError> {
        let value = match field_value(field, typed, self.front_writes(file, field)) {
            Ok(value) => value,
            Err(message) => {
                let mut errors = self.check();
                errors.insert(0, ContentError { file: file.into(), line: None, message });
                return errors;
            }
        };
        self.edit(file, |f| f.set_front_matter(field.key(), value.as_ref()))
    }

    /// Replaces a page's Markdown; the problems of the content after it.
    pub fn set_page_body(&mut self, file: &str, body: &str) -> Vec<ContentError> {
        self.edit(file, |f| f.set_body(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn studio() -> (Studio, std::collections::BTreeMap<String, Vec<u8>>) {
        let originals = crate::repository_content();
        (Studio::open(originals.clone(), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()).unwrap(), originals)
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn the_pages_are_listed_with_their_titles() {
        let (studio, _) = studio();
        let pages = studio.pages();
        assert_eq!(pages.len(), 13, "{pages:?}");
        assert_eq!(pages[0].file, "content/pages/index.md");
        assert_eq!(pages[0].title, "新しく開設する医療機関・薬局のオンライン資格確認");
        assert!(pages.iter().any(|p| p.file == "content/pages/faq.md" && p.title == "よくある質問"));
        assert!(pages.iter().all(|p| p.bureau.is_none()));
        assert!(is_page_file("content/tohoku/extra.md") && !is_page_file("content/bureaus/x.md"));
        assert!(!is_page_file("content/calendar.toml"));
    }

    #[test]
    fn a_front_matter_edit_changes_its_line_only() {
        let (mut studio, originals) = studio();
        let file = "content/pages/faq.md";
        let front = studio.front_fields(file);
        assert_eq!(
            (front.title.as_str(), front.order.as_str(), front.template.as_str()),
            ("よくある質問", "10", "page.html")
        );
        assert!(studio.set_page_field(file, PageField::Title, "よくある質問と答え").is_empty());
        assert!(studio.set_page_field(file, PageField::Order, "１２").is_empty());
        let before = text(&originals[file]);
        let after = text(&studio.files_to_save()[file]);
        assert_eq!(
            after,
            before
                .replace("title = \"よくある質問\"", "title = \"よくある質問と答え\"")
                .replace("order = 10\n", "order = 12\n")
        );
        assert_eq!(studio.changed(), [file]);
        // Defaults the file does not write stay unwritten; a written one is added at the end.
        assert!(studio.set_page_field(file, PageField::Template, "page.html").is_empty());
        assert!(studio.set_page_field(file, PageField::NavTitle, "").is_empty());
        assert_eq!(text(&studio.files_to_save()[file]), after);
        assert!(studio.set_page_field(file, PageField::WizardLink, "true").is_empty());
        let with_link = text(&studio.files_to_save()[file]);
        assert_eq!(with_link, after.replace("。\"\n+++\n", "。\"\nwizard_link = true\n+++\n"));
        assert!(studio.front_fields(file).wizard_link);
        // A mistake is said at the field and not written.
        let errors = studio.set_page_field(file, PageField::Order, "九");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            (errors[0].file.as_str(), errors[0].message.as_str()),
            (file, "順番は整数で入力してください（例：3）")
        );
        assert_eq!(text(&studio.files_to_save()[file]), with_link);
        let errors = studio.set_page_field(file, PageField::Title, " ");
        assert!(errors[0].message.contains("題を入力"), "{errors:?}");
        // Every other file as read.
        for (name, bytes) in studio.files_to_save() {
            if name != file {
                assert!(bytes == originals[&name], "{name}");
            }
        }
    }

    #[test]
    fn a_body_edit_changes_only_the_body() {
        let (mut studio, originals) = studio();
        let file = "content/pages/contact.md";
        let body = studio.page_body(file);
        assert!(body.starts_with("\n## 受付番号・指定申請について\n"), "{body:?}");
        let edited = body.replace("## 受付番号・指定申請について", "## 受付番号と指定申請について");
        assert!(studio.set_page_body(file, &edited).is_empty());
        let before = text(&originals[file]);
        let after = text(&studio.files_to_save()[file]);
        assert_eq!(after, before.replace("## 受付番号・指定申請について", "## 受付番号と指定申請について"));
        let (front_before, _) = before.split_once("\n+++\n").unwrap();
        assert!(after.starts_with(&format!("{front_before}\n+++\n")));
        // Typed with Windows line ends, saved with the file's.
        assert!(studio.set_page_body(file, &edited.replace('\n', "\r\n")).is_empty());
        assert_eq!(text(&studio.files_to_save()[file]), after);
        // Back as it was: nothing to save.
        assert!(studio.set_page_body(file, &body).is_empty());
        assert!(studio.changed().is_empty());
        assert!(studio.files_to_save()[file] == originals[file]);
    }

    #[test]
    fn a_front_matter_the_build_cannot_read_is_an_error_at_its_line() {
        let (mut studio, _) = studio();
        let file = "content/pages/faq.md";
        let errors = studio.set_page_field(file, PageField::Template, "nope.html");
        assert!(errors[0].message.contains("ページの種類「nope.html」はありません"), "{errors:?}");
        // As the build reads it: a template the build does not know, at its line.
        studio
            .edited
            .get_mut(file)
            .unwrap()
            .set_front_matter("template", Some(&FieldValue::from("nope.html")))
            .unwrap();
        let errors = studio.check();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].file.as_str(), errors[0].line), (file, Some(5)));
    }

    #[test]
    fn the_shown_page_takes_the_studios_copies_of_the_site_stylesheets() {
        let page = "<link rel=\"icon\" href=\"../assets/favicon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"../assets/tokens.css\">\n<link rel=\"stylesheet\" href=\"../assets/site.css\">\n<a href=\"../assets/site.css\">x</a>";
        let shown = with_studio_stylesheets(page);
        assert_eq!(
            shown,
            page.replace("href=\"../assets/tokens.css\"", "href=\"site-assets/tokens.css\"")
                .replace("href=\"../assets/site.css\"", "href=\"site-assets/site.css\"")
        );
        assert!(with_studio_stylesheets("href=\"assets/site.css\"").contains("site-assets/site.css"));
        // As the build writes a page (its file in memory), escaped.
        let mut files = crate::repository_content();
        files.retain(|k, _| k.starts_with("content/"));
        let settings = publish::Settings {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            strict: false,
            base_url: None,
            mode: publish::BuildMode::Publish,
        };
        let source = publish::Source::memory(files);
        let font = publish::embedded::form_font();
        let faq = publish::preview(&source, &settings, &font, "tohoku", "content/pages/faq.md").html.unwrap();
        let shown = with_studio_stylesheets(&faq);
        assert!(shown.contains("href=\"site-assets/tokens.css\"") && shown.contains("href=\"site-assets/site.css\""));
        // The sandboxed frame gets no script (the search's would be blocked there), nothing else gone.
        let framed = without_scripts(&faq);
        let script = faq.lines().find(|l| l.contains("<script")).expect("the page loads the search");
        assert_eq!(framed, faq.replacen(&format!("{script}\n"), "", 1));
        assert!(!framed.contains("<script"));
        assert_eq!(shown.len(), faq.len() - 2 * "..&#x2f;assets/".len() + 2 * "site-assets/".len());
        // The studio carries them unchanged, from where the build reads them.
        let index = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
        for name in ["tokens.css", "site.css"] {
            let copy = format!(
                "<link data-trunk rel=\"copy-file\" href=\"../site/static/css/{name}\" data-target-path=\"{}\">",
                STUDIO_STYLESHEETS.trim_end_matches('/')
            );
            assert!(index.contains(&copy), "studio/index.html: {copy}");
        }
    }
}

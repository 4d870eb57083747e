//! What the site worker does with each message (`protocol.rs`): it keeps the content as
//! opened and as edited, and runs the site's code (`site::publish`) on them. Plain Rust, tested
//! natively; `bin/site_worker.rs` only carries messages to and from it.

use crate::protocol::{FromWorker, ToWorker};
use chrono::NaiveDate;
use onshi::pdf::FormFont;
use site::publish::{build_in_memory, Settings, Source};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The worker's state: the content as opened and as edited, and the day the site is built for.
#[derive(Default)]
pub struct SiteWork {
    opened: BTreeMap<String, Vec<u8>>,
    now: BTreeMap<String, Vec<u8>>,
    today: Option<NaiveDate>,
}

impl SiteWork {
    /// The answer to one message.
    pub fn answer(&mut self, message: ToWorker) -> FromWorker {
        match message {
            ToWorker::Open { files, today } => {
                self.opened = files.clone();
                self.now = files;
                self.today = Some(today);
                FromWorker::Done
            }
            ToWorker::Edited { files } => {
                self.now.extend(files);
                FromWorker::Done
            }
            ToWorker::Export => match self.export() {
                Ok(zip) => FromWorker::Site(zip),
                Err(problems) => FromWorker::Problems(problems),
            },
            ToWorker::Preview { page, bureau } => self.preview(&page, &bureau),
        }
    }

    /// A page of the content as edited, as the site shows it in `bureau`'s folder.
    fn preview(&self, page: &str, bureau: &str) -> FromWorker {
        let settings = match self.settings() {
            Ok(settings) => settings,
            Err(problems) => return FromWorker::Page { html: None, problems },
        };
        let source = Source::memory(self.now.clone());
        let preview = site::publish::preview(&source, &settings, form_font(), bureau, page);
        FromWorker::Page { html: preview.html, problems: preview.problems.iter().map(ToString::to_string).collect() }
    }

    /// The content as edited.
    pub fn content_now(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.now
    }

    /// The content as opened.
    pub fn content_opened(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.opened
    }

    /// The build's settings for the day the content was opened for.
    pub fn settings(&self) -> Result<Settings, Vec<String>> {
        let today = self.today.ok_or_else(|| vec!["内容がまだ開かれていません。開き直してください".to_string()])?;
        Ok(Settings { today, strict: false, base_url: None, live_reload: false })
    }

    /// The whole site as `site build` writes it for this content and day, as a zip.
    fn export(&self) -> Result<Vec<u8>, Vec<String>> {
        let settings = self.settings()?;
        let site = build_in_memory(&Source::memory(self.now.clone()), &settings, form_font(), None)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        let site: BTreeMap<String, Vec<u8>> = site.into_iter().map(|(k, v)| (k, v.to_vec())).collect();
        Ok(site::publish::archive::zip_files(&site))
    }
}

/// The forms' font, read once for the worker's life (every preview builds a page).
fn form_font() -> &'static FormFont {
    static FONT: OnceLock<FormFont> = OnceLock::new();
    FONT.get_or_init(site::embedded::form_font)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    #[test]
    fn nothing_is_built_before_the_content_is_opened() {
        let FromWorker::Problems(problems) = SiteWork::default().answer(ToWorker::Export) else { panic!("built") };
        assert!(problems[0].contains("開かれていません"), "{problems:?}");
    }

    #[test]
    fn the_site_is_built_from_the_content_as_edited_and_the_opened_content_is_kept() {
        let opened = crate::repository_content();
        let mut work = SiteWork::default();
        assert_eq!(work.answer(ToWorker::Open { files: opened.clone(), today: today() }), FromWorker::Done);
        let name = "content/bureaus/tohoku.toml";
        let text = String::from_utf8(opened[name].clone()).unwrap();
        let edited = text.replacen("name = \"東北厚生局\"", "name = \"東北厚生局（編集）\"", 1);
        assert_ne!(edited, text, "tohoku.toml names its bureau as expected");
        let edit = BTreeMap::from([(name.to_string(), edited.clone().into_bytes())]);
        assert_eq!(work.answer(ToWorker::Edited { files: edit }), FromWorker::Done);
        assert_eq!(work.content_opened()[name], opened[name]);
        assert_eq!(work.content_now()[name], edited.as_bytes());
        let FromWorker::Site(zip) = work.answer(ToWorker::Export) else { panic!("not built") };
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
        let mut page = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("tohoku/index.html").expect("東北's page"), &mut page)
            .unwrap();
        assert!(page.contains("東北厚生局（編集）"), "the page shows the edited name");
    }

    #[test]
    fn a_page_is_previewed_as_edited_with_its_problems_at_their_lines() {
        let opened = crate::repository_content();
        let mut work = SiteWork::default();
        work.answer(ToWorker::Open { files: opened.clone(), today: today() });
        let name = "content/pages/faq.md";
        let ask = || ToWorker::Preview { page: name.into(), bureau: "tohoku".into() };
        let FromWorker::Page { html: Some(html), problems } = work.answer(ask()) else { panic!("no page") };
        assert!(problems.is_empty(), "{problems:?}");
        assert!(html.contains("<h1>よくある質問</h1>") && html.contains("東北厚生局"), "{html}");
        let text = String::from_utf8(opened[name].clone()).unwrap();
        let edited = text.replacen("## 受付番号は指定ですか", "## 受付番号とは\n\n[こちら](https://example.jp/)", 1);
        let line = edited.lines().position(|l| l.starts_with("[こちら]")).unwrap() + 1;
        work.answer(ToWorker::Edited { files: BTreeMap::from([(name.to_string(), edited.into_bytes())]) });
        let FromWorker::Page { html: Some(html), problems } = work.answer(ask()) else { panic!("no page") };
        assert!(html.contains("<h2 id=\"受付番号とは\">受付番号とは</h2>"), "{html}");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with(&format!("{name}:{line}: リンクの文字が「こちら」だけでは")), "{problems:?}");
        let FromWorker::Page { html: None, problems } =
            work.answer(ToWorker::Preview { page: "content/pages/nope.md".into(), bureau: "tohoku".into() })
        else {
            panic!("a page that is not there")
        };
        assert!(problems[0].contains("nope.md はありません"), "{problems:?}");
    }
}

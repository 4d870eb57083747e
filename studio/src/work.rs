//! What the site worker does with each message (`protocol.rs`): it keeps the content as
//! opened and as edited, and runs the site's code (`site::publish`) on them. Plain Rust, tested
//! natively; `bin/site_worker.rs` only carries messages to and from it.

use crate::protocol::{FromWorker, ToWorker};
use chrono::NaiveDate;
use site::publish::{build_in_memory, Settings, Source};
use std::collections::BTreeMap;

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
        }
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
        let font = site::embedded::form_font();
        let site = build_in_memory(&Source::memory(self.now.clone()), &settings, &font, None)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        let site: BTreeMap<String, Vec<u8>> = site.into_iter().map(|(k, v)| (k, v.to_vec())).collect();
        Ok(site::publish::archive::zip_files(&site))
    }
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
}

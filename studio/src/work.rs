//! What the site worker does with each message (`protocol.rs`): it keeps the content as
//! opened and as edited, and runs the site's code (`publish`) on them: the export, and
//! the 新旧対照表 of the two. Plain Rust, tested natively; `bin/site_worker.rs` only carries
//! messages to and from it.
//!
//! 「As opened」 is the content as first opened (what is published): a save does not change it,
//! so the 新旧対照表 after a save still shows every change made since the content was opened.

use crate::protocol::{FromWorker, ToWorker};
use chrono::NaiveDate;
use onshi::pdf::FormFont;
use publish::compare::{compare, render, Comparison};
use publish::progress::{self, Phase, Progress};
use publish::{build_in_memory, environment, BuildMode, Settings, Source};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The worker's state: the content as opened and as edited, and the day the site is built for.
#[derive(Default)]
pub struct SiteWork {
    /// As first opened; only [`ToWorker::Open`] sets it (the page sends it once per content).
    opened: BTreeMap<String, Vec<u8>>,
    now: BTreeMap<String, Vec<u8>>,
    today: Option<NaiveDate>,
}

impl SiteWork {
    /// The answer to one message; how far a long one has got is told to `progress` (the
    /// export's phases).
    pub fn answer(&mut self, message: ToWorker, progress: Progress) -> FromWorker {
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
            ToWorker::Export => match self.export(progress) {
                Ok(zip) => FromWorker::Site(zip),
                Err(problems) => FromWorker::Problems(problems),
            },
            ToWorker::Compare { from, to } => match self.compare(&from, &to) {
                Ok((comparison, html)) => FromWorker::Comparison { comparison, html },
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
        let preview = publish::preview(&source, &settings, form_font(), bureau, page);
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
        Ok(Settings { today, strict: false, base_url: None, mode: BuildMode::Publish })
    }

    /// The whole site as `site build` writes it for this content and day, as a zip: the
    /// build's phases, then [`Phase::Zip`].
    fn export(&self, progress: Progress) -> Result<Vec<u8>, Vec<String>> {
        let settings = self.settings()?;
        let site = build_in_memory(&Source::memory(self.now.clone()), &settings, form_font(), None, progress)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        Ok(progress::one(progress, Phase::Zip, || publish::archive::zip_files(&site)))
    }

    /// The 新旧対照表 of the content as opened and as edited, and the document `site diff
    /// --format html --from FROM --to TO` prints for them (the new content's templates).
    fn compare(&self, from: &str, to: &str) -> Result<(Comparison, String), Vec<String>> {
        let today = self.settings()?.today;
        let (old, new) = (Source::memory(self.opened.clone()), Source::memory(self.now.clone()));
        let comparison = compare(&old, &new, today).map_err(|e| {
            let mut problems = vec![format!("{}の内容を読めません（{}件）。", e.side, e.errors.len())];
            problems.extend(e.errors.iter().map(ToString::to_string));
            problems
        })?;
        let html = render(&environment(&new), &comparison, from, to, true).map_err(|e| vec![e.to_string()])?;
        Ok((comparison, html))
    }
}

/// The forms' font, read once for the worker's life (every preview builds a page).
fn form_font() -> &'static FormFont {
    static FONT: OnceLock<FormFont> = OnceLock::new();
    FONT.get_or_init(publish::embedded::form_font)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// The files under a new folder of this process (`studio-<pid>-<name>`), which it returns.
    fn folder(name: &str, files: &BTreeMap<String, Vec<u8>>) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("studio-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, bytes) in files {
            let file = dir.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
        dir
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// 東北's 受付番号 day 5 → 8 made as the form makes it (model.rs's test), in the worker.
    fn tohoku_day_8(studio: &mut crate::model::Studio, work: &mut SiteWork) {
        use onshi::rule::{ClosedDayPolicy, DaySpec, DeadlineKind, DeadlineRule};
        let rule = DeadlineRule { month_offset: -2, day: DaySpec::Day(8), closed_day: ClosedDayPolicy::NextOpenDay };
        let errors =
            studio.set_deadline("content/bureaus/tohoku.toml", None, DeadlineKind::ReceptionRequest, Some(&rule));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(work.answer(ToWorker::Edited { files: studio.edited_files() }, progress::QUIET), FromWorker::Done);
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn ask_compare(work: &mut SiteWork, from: &str, to: &str) -> (Comparison, String) {
        match work.answer(ToWorker::Compare { from: from.into(), to: to.into() }, progress::QUIET) {
            FromWorker::Comparison { comparison, html } => (comparison, html),
            other => panic!("no comparison: {other:?}"),
        }
    }

    // Runs the command line (`site`, a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_comparison_is_site_diffs_the_moved_dates_of_every_tohoku_office_and_survives_a_save() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let mut studio = crate::model::Studio::open(crate::repository_content(), today).unwrap();
        let mut work = SiteWork::default();
        assert_eq!(
            work.answer(ToWorker::Open { files: studio.opened.clone(), today }, progress::QUIET),
            FromWorker::Done
        );
        let (nothing, _) = ask_compare(&mut work, "旧", "新");
        assert!(nothing.texts.is_empty() && nothing.dates.is_empty(), "{nothing:?}");
        tohoku_day_8(&mut studio, &mut work);

        let (old, new) = (folder("old", work.content_opened()), folder("new", work.content_now()));
        let (from, to) = (old.to_str().unwrap(), new.to_str().unwrap());
        let (c, html) = ask_compare(&mut work, from, to);
        // One text row: the line with the day.
        let file = "content/bureaus/tohoku.toml";
        let text = String::from_utf8(work.content_now()[file].clone()).unwrap();
        let line = text.lines().position(|l| l.contains("day = 8, closed_day")).unwrap() + 1;
        assert_eq!(c.texts.len(), 1, "{:?}", c.texts);
        assert_eq!(
            (c.texts[0].file.as_str(), c.texts[0].old_line, c.texts[0].new_line),
            (file, Some(line), Some(line))
        );
        assert!(c.texts[0].old.contains("day = 5,") && c.texts[0].new.contains("day = 8,"));
        // Every 東北 office, as the content names it, in 23 of the 24 months (site/tests/diff.rs).
        let offices: Vec<String> =
            studio.content.bureaus.get("tohoku").unwrap().offices.iter().map(|o| o.display_name()).collect();
        assert_eq!(offices.len(), 6);
        assert_eq!(c.dates.len(), 138, "6 offices × 23 months");
        for office in &offices {
            let rows: Vec<_> = c.dates.iter().filter(|d| d.office == *office).collect();
            assert_eq!(rows.len(), 23, "{office}");
            let march = rows.iter().find(|d| d.designation_iso == "2027-03-01").expect("March");
            assert_eq!((march.old.as_str(), march.new.as_str()), ("令和9年1月5日（火）", "令和9年1月8日（金）"));
        }
        assert!(c.dates.iter().all(|d| d.bureau == "東北厚生局"));
        assert!(html.contains("2. 変わる期限（138件）") && html.contains("@page{size:A4"), "{html}");
        assert_eq!(html.matches("<td class=\"new\">令和9年1月8日（金）</td>").count(), 6);

        // The same document as the command line's `site diff` of the two folders.
        let mut printed = String::new();
        let args = ["diff", "--from", from, "--to", to, "--today", "2026-12-02", "--format", "html"];
        site::commands::run(&args.map(String::from), &mut printed).expect("site diff");
        assert_eq!(html, printed, "the studio's 新旧対照表 is site diff's");

        // After a save the 旧 is still the content as first opened: the same table.
        studio.saved();
        assert!(studio.changed().is_empty(), "nothing left to save");
        assert_eq!(studio.changed_since_opened(), [file], "but changed since opened");
        assert_eq!(work.answer(ToWorker::Edited { files: studio.edited_files() }, progress::QUIET), FromWorker::Done);
        assert_eq!(ask_compare(&mut work, from, to), (c, html));
        // Undone (8 → 5), nothing changes any more.
        let rule = onshi::rule::DeadlineRule {
            month_offset: -2,
            day: onshi::rule::DaySpec::Day(5),
            closed_day: onshi::rule::ClosedDayPolicy::NextOpenDay,
        };
        let kind = onshi::rule::DeadlineKind::ReceptionRequest;
        assert!(studio.set_deadline(file, None, kind, Some(&rule)).is_empty());
        assert!(studio.changed_since_opened().is_empty());
        assert_eq!(work.answer(ToWorker::Edited { files: studio.edited_files() }, progress::QUIET), FromWorker::Done);
        let (undone, _) = ask_compare(&mut work, from, to);
        assert!(undone.texts.is_empty() && undone.dates.is_empty(), "{undone:?}");
        let _ = (std::fs::remove_dir_all(old), std::fs::remove_dir_all(new));
    }

    #[test]
    fn an_edit_that_does_not_load_is_no_comparison_but_its_problems() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let mut work = SiteWork::default();
        work.answer(ToWorker::Open { files: crate::repository_content(), today }, progress::QUIET);
        let broken = BTreeMap::from([("content/calendar.toml".to_string(), b"[equinoxes\n".to_vec())]);
        work.answer(ToWorker::Edited { files: broken }, progress::QUIET);
        let FromWorker::Problems(problems) =
            work.answer(ToWorker::Compare { from: "旧".into(), to: "新".into() }, progress::QUIET)
        else {
            panic!("compared")
        };
        assert!(problems[0].starts_with("変更後の内容を読めません"), "{problems:?}");
        assert!(problems[1].starts_with("content/calendar.toml:1:"), "{problems:?}");
    }

    #[test]
    fn nothing_is_built_before_the_content_is_opened() {
        let FromWorker::Problems(problems) = SiteWork::default().answer(ToWorker::Export, progress::QUIET) else {
            panic!("built")
        };
        assert!(problems[0].contains("開かれていません"), "{problems:?}");
    }

    #[test]
    fn the_site_is_built_from_the_content_as_edited_and_the_opened_content_is_kept() {
        let opened = crate::repository_content();
        let mut work = SiteWork::default();
        assert_eq!(
            work.answer(ToWorker::Open { files: opened.clone(), today: today() }, progress::QUIET),
            FromWorker::Done
        );
        let name = "content/bureaus/tohoku.toml";
        let text = String::from_utf8(opened[name].clone()).unwrap();
        let edited = text.replacen("name = \"東北厚生局\"", "name = \"東北厚生局（編集）\"", 1);
        assert_ne!(edited, text, "tohoku.toml names its bureau as expected");
        let edit = BTreeMap::from([(name.to_string(), edited.clone().into_bytes())]);
        assert_eq!(work.answer(ToWorker::Edited { files: edit }, progress::QUIET), FromWorker::Done);
        assert_eq!(work.content_opened()[name], opened[name]);
        assert_eq!(work.content_now()[name], edited.as_bytes());
        let FromWorker::Site(zip) = work.answer(ToWorker::Export, progress::QUIET) else { panic!("not built") };
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
        work.answer(ToWorker::Open { files: opened.clone(), today: today() }, progress::QUIET);
        let name = "content/pages/faq.md";
        let ask = || ToWorker::Preview { page: name.into(), bureau: "tohoku".into() };
        let FromWorker::Page { html: Some(html), problems } = work.answer(ask(), progress::QUIET) else {
            panic!("no page")
        };
        assert!(problems.is_empty(), "{problems:?}");
        assert!(html.contains("<h1>よくある質問</h1>") && html.contains("東北厚生局"), "{html}");
        let text = String::from_utf8(opened[name].clone()).unwrap();
        let edited = text.replacen("## 受付番号は指定ですか", "## 受付番号とは\n\n[こちら](https://example.jp/)", 1);
        let line = edited.lines().position(|l| l.starts_with("[こちら]")).unwrap() + 1;
        work.answer(
            ToWorker::Edited { files: BTreeMap::from([(name.to_string(), edited.into_bytes())]) },
            progress::QUIET,
        );
        let FromWorker::Page { html: Some(html), problems } = work.answer(ask(), progress::QUIET) else {
            panic!("no page")
        };
        assert!(html.contains("<h2 id=\"受付番号とは\">受付番号とは</h2>"), "{html}");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with(&format!("{name}:{line}: リンクの文字が「こちら」だけでは")), "{problems:?}");
        let FromWorker::Page { html: None, problems } = work.answer(
            ToWorker::Preview { page: "content/pages/nope.md".into(), bureau: "tohoku".into() },
            progress::QUIET,
        ) else {
            panic!("a page that is not there")
        };
        assert!(problems[0].contains("nope.md はありません"), "{problems:?}");
    }
}

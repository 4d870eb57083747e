//! The messages between the studio's page and its site worker (`bin/site_worker.rs`), the one
//! place the site's code runs in the browser. Both sides use only this module, so they cannot
//! disagree.
//!
//! The conversation: the worker says [`FromWorker::Ready`] once it listens; the page then
//! sends [`ToWorker::Open`] with the content as opened (kept as the 「旧」 of a comparison),
//! [`ToWorker::Edited`] with the edited files whenever it asks something after an edit, and
//! its questions, each in an [`Envelope`] whose `id` the answer carries back (answers may
//! come in any order; a page that asks again may drop an older answer). Each message travels
//! as one `Uint8Array`: its postcard bytes, as in the wizard's PDF worker
//! (wizard/src/protocol.rs). Plain Rust, tested natively; the work itself is `work.rs`.

use chrono::NaiveDate;
use publish::compare::Comparison;
use publish::progress::Step;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
pub use web::codec::Envelope;
use web::codec::{Message, Protocol, Stopped};

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToWorker {
    /// The content folder as opened (paths under `content/`, as `Studio::originals`), and the
    /// day the site is built for. Answered with [`FromWorker::Done`].
    Open { files: BTreeMap<String, Vec<u8>>, today: NaiveDate },
    /// The edited files as they are now (every file the page holds open for editing, changed
    /// or not). Answered with [`FromWorker::Done`].
    Edited { files: BTreeMap<String, Vec<u8>> },
    /// The whole site built from the content as edited (`publish::build_in_memory`), as
    /// a zip. Answered with [`FromWorker::Site`] or [`FromWorker::Problems`].
    Export,
    /// The 新旧対照表 of the content as opened (旧) and as edited (新), for the day it was
    /// opened for (`publish::compare`); `from` and `to` are its header's words for them.
    /// Answered with [`FromWorker::Comparison`] or [`FromWorker::Problems`].
    Compare { from: String, to: String },
    /// A Markdown page (`content/pages/faq.md`) of the content as edited, in bureau `bureau`'s
    /// folder, as the site shows it (`publish::preview`). Answered with [`FromWorker::Page`].
    Preview { page: String, bureau: String },
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker listens: messages sent before this one would be lost.
    Ready,
    /// Done as asked.
    Done,
    /// The built site as a zip (the same files `site build` writes for the same content and day).
    Site(Vec<u8>),
    /// The 新旧対照表: what changes, and the same as a whole HTML document (what
    /// `site diff --format html` prints, through site/templates/diff.html), to print on A4.
    Comparison { comparison: Comparison, html: String },
    /// Why it could not be done, one sentence (with its file:line) each.
    Problems(Vec<String>),
    /// A page as the site shows it (`None`: it could not be made) and the build's problems
    /// with it, each `file:line: message`.
    Page { html: Option<String>, problems: Vec<String> },
    /// How far the export has got (interim: its answer comes after).
    Progress(Step),
    /// The page stopped the work (中止); nothing of it was kept.
    Cancelled,
}

impl Message for ToWorker {}
impl Message for FromWorker {}

/// The site worker's conversation.
pub struct SiteProtocol;

impl Protocol for SiteProtocol {
    type Request = ToWorker;
    type Answer = FromWorker;

    fn ready() -> FromWorker {
        FromWorker::Ready
    }

    fn is_ready(answer: &FromWorker) -> bool {
        matches!(answer, FromWorker::Ready)
    }

    fn unreadable() -> FromWorker {
        FromWorker::Problems(vec!["サイトを作る部品に読めない依頼が届きました".into()])
    }

    fn is_interim(answer: &FromWorker) -> bool {
        matches!(answer, FromWorker::Progress(_))
    }

    /// Every question waiting when the worker stopped is told why; the next one starts it again.
    fn stopped(why: Stopped, _online: bool) -> FromWorker {
        let what = match why {
            Stopped::Cancelled => return FromWorker::Cancelled,
            Stopped::NotStarted => "を起動できませんでした",
            Stopped::Failed => "が止まりました",
            Stopped::TimedOut => "が時間内に答えませんでした",
            Stopped::Unreadable => "が読めない答えを返しました",
        };
        FromWorker::Problems(vec![format!(
            "サイトを作る部品{what}。ページを読み込み直してから、もう一度お試しください。"
        )])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_comes_back_as_it_went() {
        let files = BTreeMap::from([("content/calendar.toml".to_string(), "# 暦\n".as_bytes().to_vec())]);
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        for message in [
            ToWorker::Open { files: files.clone(), today },
            ToWorker::Edited { files },
            ToWorker::Export,
            ToWorker::Compare { from: "開いたとき".into(), to: "直したもの".into() },
            ToWorker::Preview { page: "content/pages/faq.md".into(), bureau: "tohoku".into() },
        ] {
            let sent = Envelope { id: 7, message };
            assert_eq!(Envelope::<ToWorker>::from_bytes(&sent.to_bytes()), Some(sent));
        }
        for message in [
            FromWorker::Ready,
            FromWorker::Done,
            FromWorker::Site(vec![80, 75]),
            FromWorker::Problems(vec!["x".into()]),
            FromWorker::Comparison {
                comparison: Comparison {
                    bureaus: vec!["東北厚生局".into()],
                    texts: Vec::new(),
                    dates: Vec::new(),
                    today,
                    months: (today, today),
                },
                html: "<h1>新旧対照表</h1>".into(),
            },
            FromWorker::Page { html: Some("<h1>題</h1>".into()), problems: vec!["content/pages/faq.md:3: y".into()] },
            FromWorker::Page { html: None, problems: Vec::new() },
            FromWorker::Progress(Step { phase: publish::Phase::Compress, done: 3, total: 700 }),
            FromWorker::Cancelled,
        ] {
            let sent = Envelope { id: u32::MAX, message };
            assert_eq!(Envelope::<FromWorker>::from_bytes(&sent.to_bytes()), Some(sent));
        }
    }

    #[test]
    fn a_stopped_worker_is_explained() {
        assert_eq!(
            SiteProtocol::stopped(Stopped::Failed, true),
            FromWorker::Problems(vec![
                "サイトを作る部品が止まりました。ページを読み込み直してから、もう一度お試しください。".into()
            ])
        );
        assert!(SiteProtocol::is_ready(&SiteProtocol::ready()));
        assert_eq!(SiteProtocol::stopped(Stopped::Cancelled, true), FromWorker::Cancelled);
        let step = Step { phase: publish::Phase::Pages, done: 1, total: 8 };
        assert!(SiteProtocol::is_interim(&FromWorker::Progress(step)) && !SiteProtocol::is_interim(&FromWorker::Done));
    }

    #[test]
    fn bytes_that_are_not_a_message_are_none() {
        assert_eq!(Envelope::<ToWorker>::from_bytes(&[]), None);
        assert_eq!(Envelope::<ToWorker>::from_bytes(&[1, 200, 200, 200]), None);
    }
}

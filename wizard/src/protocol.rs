//! The messages between the wizard's page and its PDF worker. Both sides use only this module,
//! so they cannot disagree.
//!
//! The conversation: the worker says [`FromWorker::Ready`] once it listens; the page then
//! sends [`ToWorker::Make`]; the worker answers [`FromWorker::Files`] or
//! [`FromWorker::Problems`]. Each message travels as one `Uint8Array` (`web::codec`: postcard
//! bytes in a numbered envelope). This module is plain Rust and tested natively; the page's
//! side is `web::worker::Client`, the workers' `web::worker::serve` (`bin/pdf_worker.rs`,
//! `bin/pdf_reader.rs`).

use crate::state::Answers;
use onshi::application::Application;
use serde::{Deserialize, Serialize};
use web::codec::{Message, Protocol, Stopped};

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Fill the forms: the content the page was built with, as its wire bytes
    /// (`Content::to_wire`; the worker has no page to read it from), the application the
    /// page validated, and where the forms' font is (relative to the worker's folder; its
    /// name carries its hash).
    Make { content: Vec<u8>, application: Box<Application>, font: String },
    /// Read an application file back into answers (the reader): the file's bytes (`pdf`: a PDF
    /// the wizard made, whose attached application file is read; else the file itself) and the
    /// content's wire bytes (a version 1 file's prefecture comes from its bureau). Answered with
    /// [`FromWorker::Answers`] or [`FromWorker::Problems`]. The application file's JSON is read
    /// and written only in the reader, so that its parser is not part of the page's first load.
    Read { file: Vec<u8>, pdf: bool, content: Vec<u8> },
    /// The answers as the application file, to save (the reader). Answered with
    /// [`FromWorker::Application`].
    Write { answers: Box<Answers>, content: Vec<u8> },
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker listens: messages sent before this one would be lost.
    Ready,
    /// The filled forms.
    Files(Vec<PdfFile>),
    /// Why the forms could not be filled, or the PDF read, one sentence each.
    Problems(Vec<String>),
    /// The application file's text (JSON, as `site form --input` reads it).
    Application(String),
    /// The answers a file gave.
    Answers(Box<Answers>),
}

/// One filled form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfFile {
    /// `request-medical.pdf`, `plan.pdf`, …
    pub name: String,
    /// What the page's download button says (`別紙2 導入計画書をダウンロード`).
    pub label: String,
    pub bytes: Vec<u8>,
}

impl From<Result<Vec<PdfFile>, Vec<String>>> for FromWorker {
    fn from(result: Result<Vec<PdfFile>, Vec<String>>) -> FromWorker {
        match result {
            Ok(files) => FromWorker::Files(files),
            Err(problems) => FromWorker::Problems(problems),
        }
    }
}

impl Message for ToWorker {}
impl Message for FromWorker {}

/// The reader's answer (`bin/pdf_reader.rs` only carries the messages): an application file,
/// or the one a PDF the wizard made carries, read into answers; the answers written as the
/// file.
pub fn reader_answer(request: ToWorker) -> FromWorker {
    let content = |wire: &[u8]| onshi::content::Content::from_wire(wire).map_err(|e| FromWorker::Problems(vec![e]));
    match request {
        ToWorker::Read { file, pdf, content: wire } => {
            let content = match content(&wire) {
                Ok(content) => content,
                Err(problems) => return problems,
            };
            let text = if pdf {
                onshi::pdf::attached_application(&file)
            } else {
                String::from_utf8(file).map_err(|_| "文字コードが UTF-8 ではありません。".to_string())
            };
            match text.and_then(|text| Answers::from_application(&text, &content.bureaus)) {
                Ok(answers) => FromWorker::Answers(Box::new(answers)),
                Err(problem) => FromWorker::Problems(vec![problem]),
            }
        }
        ToWorker::Write { answers, content: wire } => match content(&wire) {
            Ok(content) => FromWorker::Application(
                serde_json::to_string_pretty(&answers.to_application(&content.bureaus)).unwrap_or_default(),
            ),
            Err(problems) => problems,
        },
        ToWorker::Make { .. } => {
            FromWorker::Problems(vec!["PDF を読む依頼を読めませんでした。ページを読み込み直してください。".into()])
        }
    }
}

/// How long a PDF worker may take, from its start (loading the PDF code and the font on a slow
/// line included) to its answer.
pub const WORKER_TIMEOUT_MS: i32 = 90_000;

/// The PDF workers' conversation (the one that makes the forms, and the reader).
pub struct PdfProtocol;

impl Protocol for PdfProtocol {
    type Request = ToWorker;
    type Answer = FromWorker;

    fn ready() -> FromWorker {
        FromWorker::Ready
    }

    fn is_ready(answer: &FromWorker) -> bool {
        matches!(answer, FromWorker::Ready)
    }

    fn unreadable() -> FromWorker {
        FromWorker::Problems(vec!["PDF を作る依頼を読めませんでした。ページを読み込み直してください。".into()])
    }

    /// Why the PDFs could not be made when the worker failed, stopped or never answered.
    fn stopped(why: Stopped, online: bool) -> FromWorker {
        let why = match why {
            Stopped::NotStarted => "起動できませんでした",
            Stopped::Failed => "読み込めないか、途中で止まりました",
            Stopped::TimedOut => "時間内に答えませんでした",
            Stopped::Unreadable => "読めない答えを返しました",
            Stopped::Cancelled => "中止されました",
        };
        let hint = if online {
            "ページを読み込み直してから、もう一度お試しください。"
        } else {
            "インターネットにつながっていないようです。PDF を作る部品と字体を一度読み込む必要があります。つながってから、もう一度お試しください。"
        };
        FromWorker::Problems(vec![format!("PDF を作る部品が{why}。{hint}")])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn application() -> Application {
        let content = onshi::content::repository();
        let file = include_str!("../../tests/data/example-application.json");
        onshi::application::load(file, content).expect("the example is valid").application
    }

    #[test]
    fn every_message_survives_its_bytes() {
        let make = ToWorker::Make {
            content: vec![1, 2, 3],
            application: Box::new(application()),
            font: "fonts/f-0123456789abcdef.ttf".into(),
        };
        assert_eq!(ToWorker::from_bytes(&make.to_bytes()), Some(make));
        let read = ToWorker::Read { file: b"%PDF-1.7".to_vec(), pdf: true, content: vec![4] };
        assert_eq!(ToWorker::from_bytes(&read.to_bytes()), Some(read));
        let mut answers = Answers::default();
        answers.fields.insert("facility.name".into(), "受付番号クリニック".into());
        let write = ToWorker::Write { answers: Box::new(answers.clone()), content: vec![5] };
        assert_eq!(ToWorker::from_bytes(&write.to_bytes()), Some(write));
        let file = PdfFile { name: "plan.pdf".into(), label: "別紙2".into(), bytes: vec![0x25, 0x50, 0x44, 0x46] };
        for message in [
            FromWorker::Ready,
            FromWorker::Files(vec![file]),
            FromWorker::Problems(vec!["だめ".into()]),
            FromWorker::Application("{\"version\": 2}".into()),
            FromWorker::Answers(Box::new(answers)),
        ] {
            assert_eq!(FromWorker::from_bytes(&message.to_bytes()), Some(message));
        }
    }

    #[test]
    fn the_reader_reads_a_file_into_answers_and_writes_them_back() {
        let content = onshi::content::repository();
        let wire = content.to_wire();
        let file = include_str!("../../tests/data/example-application.json");
        let read =
            |file: &[u8]| reader_answer(ToWorker::Read { file: file.to_vec(), pdf: false, content: wire.clone() });
        let FromWorker::Answers(answers) = read(file.as_bytes()) else { panic!("not read") };
        assert_eq!(*answers, Answers::from_application(file, &content.bureaus).unwrap(), "as the page read it before");
        let FromWorker::Application(written) =
            reader_answer(ToWorker::Write { answers: answers.clone(), content: wire.clone() })
        else {
            panic!("not written")
        };
        assert_eq!(written, serde_json::to_string_pretty(&answers.to_application(&content.bureaus)).unwrap());
        let FromWorker::Answers(again) = read(written.as_bytes()) else { panic!("not read back") };
        assert_eq!(again, answers, "what is written reads back the same");
        // Not an application file: refused with the library's words.
        let FromWorker::Problems(problems) = read(b"{") else { panic!("read") };
        assert!(problems[0].contains("入力中の内容はそのままです"), "{problems:?}");
        let FromWorker::Problems(problems) = read(&[0xff, 0xfe]) else { panic!("read") };
        assert_eq!(problems, ["文字コードが UTF-8 ではありません。"]);
    }

    #[test]
    fn bytes_that_are_not_a_message_are_refused() {
        assert_eq!(FromWorker::from_bytes(&[]), None);
        assert_eq!(FromWorker::from_bytes(&[9]), None, "no such variant");
        let make =
            ToWorker::Make { content: vec![1], application: Box::new(application()), font: "f.ttf".into() }.to_bytes();
        assert_eq!(ToWorker::from_bytes(&make[..make.len() / 2]), None, "cut short");
    }

    #[test]
    fn a_worker_that_gave_no_answer_is_explained_and_offline_says_so() {
        let FromWorker::Problems(online) = PdfProtocol::stopped(Stopped::TimedOut, true) else { panic!() };
        assert_eq!(
            online,
            vec!["PDF を作る部品が時間内に答えませんでした。ページを読み込み直してから、もう一度お試しください。"
                .to_string()]
        );
        let FromWorker::Problems(offline) = PdfProtocol::stopped(Stopped::Failed, false) else { panic!() };
        assert!(offline[0].contains("インターネットにつながっていない"), "{offline:?}");
        assert!(PdfProtocol::is_ready(&PdfProtocol::ready()));
        assert!(!PdfProtocol::is_ready(&PdfProtocol::unreadable()));
    }

    #[test]
    fn the_outcome_becomes_files_or_problems() {
        let file = PdfFile { name: "plan.pdf".into(), label: "別紙2".into(), bytes: vec![0x25] };
        assert_eq!(FromWorker::from(Ok(vec![file.clone()])), FromWorker::Files(vec![file]));
        assert_eq!(FromWorker::from(Err(vec!["だめ".to_string()])), FromWorker::Problems(vec!["だめ".into()]));
    }
}

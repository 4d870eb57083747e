//! What a build is doing while it does it: each phase's start and end, and its items done of
//! its total. The command line shows it on a terminal and times it (`site build --timings`);
//! the studio's export shows it as a progress bar. Only facts pass here: each edge puts them
//! into its own words ([`Phase::label`] is the one wording both share).

use crate::parallel::in_parallel;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A build's phases, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// The content, the pages, the templates and the programs read and checked.
    Load,
    /// Each bureau's blank forms (PDF).
    Forms,
    /// Each bureau's dates for 24 months: the tables' views and the open data.
    OpenData,
    /// Each bureau's pages, search index and sitemap.
    Pages,
    /// Every link of every page.
    Check,
    /// The files compared with the previous build in the same folder (`site build`): those
    /// the same are neither compressed nor written again.
    Previous,
    /// The precompressed copies (`.br`, `.gz`), one job per distinct file.
    Compress,
    /// The files written (`site build`).
    Write,
    /// The files put in a zip (the studio's export).
    Zip,
}

impl Phase {
    /// What it is called on screen (the terminal's line, the studio's progress bar).
    pub const fn label(self) -> &'static str {
        match self {
            Phase::Load => "内容の読み込み",
            Phase::Forms => "様式（PDF）",
            Phase::OpenData => "期限の計算とオープンデータ",
            Phase::Pages => "ページ",
            Phase::Check => "リンクの確認",
            Phase::Previous => "前回のサイトとの照合",
            Phase::Compress => "圧縮",
            Phase::Write => "書き込み",
            Phase::Zip => "zip にまとめる",
        }
    }

    /// Its name in `--timings` (English, one word, for scripts).
    pub const fn key(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Forms => "forms",
            Phase::OpenData => "open-data",
            Phase::Pages => "pages",
            Phase::Check => "check",
            Phase::Previous => "previous",
            Phase::Compress => "compress",
            Phase::Write => "write",
            Phase::Zip => "zip",
        }
    }
}

/// `done` of `total` items of `phase`: `done == 0` is its start, `done == total` its end (a
/// phase with nothing to do says `0 of 0` twice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
}

/// Whoever is told. `Sync`: the bureaus are rendered side by side.
pub type Progress<'a> = &'a (dyn Fn(Step) + Sync);

/// Tells nobody.
pub const QUIET: Progress<'static> = &|_| {};

/// `work` on each item side by side ([`in_parallel`]) as the phase `phase`: its start, each
/// item done, and its end told to `progress`.
pub fn each<T: Sync, R: Send>(progress: Progress, phase: Phase, items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let total = items.len();
    progress(Step { phase, done: 0, total });
    let done = AtomicUsize::new(0);
    let results = in_parallel(items, |item| {
        let result = work(item);
        let done = done.fetch_add(1, Ordering::Relaxed) + 1;
        // The last one is the end, said once all are done (below).
        if done < total {
            progress(Step { phase, done, total });
        }
        result
    });
    progress(Step { phase, done: total, total });
    results
}

/// `work` as the phase `phase` of one item: its start and end told to `progress`.
pub fn one<R>(progress: Progress, phase: Phase, work: impl FnOnce() -> R) -> R {
    progress(Step { phase, done: 0, total: 1 });
    let result = work();
    progress(Step { phase, done: 1, total: 1 });
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_phase_says_its_start_each_item_and_its_end_once() {
        let told = Mutex::new(Vec::new());
        let record = |s: Step| told.lock().unwrap().push((s.done, s.total));
        let squares = each(&record, Phase::Pages, &[1, 2, 3, 4, 5], |n| n * n);
        assert_eq!(squares, [1, 4, 9, 16, 25], "in the items' order");
        let mut told = told.into_inner().unwrap();
        assert_eq!(told.first(), Some(&(0, 5)));
        assert_eq!(told.last(), Some(&(5, 5)));
        told.sort();
        assert_eq!(told, [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
    }

    #[test]
    fn nothing_to_do_is_still_a_start_and_an_end() {
        let told = Mutex::new(Vec::new());
        let record = |s: Step| told.lock().unwrap().push((s.done, s.total));
        let nothing: [u8; 0] = [];
        assert!(each(&record, Phase::Forms, &nothing, |_| ()).is_empty());
        assert_eq!(told.into_inner().unwrap(), [(0, 0), (0, 0)]);
    }
}

//! Precompressed copies for web servers: beside every text file of a build (and the wasm, the
//! wizard's content and the font) its `.br` (brotli, best level) and `.gz` (gzip, best level),
//! each only when smaller, so that nginx (`brotli_static`, `gzip_static`) and Apache (the
//! `.htaccess` the build writes) send them without compressing per request.
//!
//! Compressing at the best level is slow (seconds for the PDF worker), so only what changed is
//! compressed: a file whose bytes equal the previous build's in the same folder takes that
//! build's copies (linked by the writer, not written), and a file the eight bureaus share (the
//! wizard's) is compressed once.

use super::output::{Bytes, Output};
use super::progress::{self, Phase, Progress};
use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::Path;

/// The marker line of a build that wrote precompressed copies (see `output::previous_marker`):
/// only then does a missing copy in the previous build mean "not smaller", and only copies made
/// by the same choices ([`quality`]: the line names them) are taken again, so that a build into
/// an earlier one's folder writes the bytes a new folder gets.
pub const MARKER_LINE: &str = "precompressed br gz quality-by-purpose\n";

/// The extensions whose files get compressed copies.
pub const COMPRESSIBLE: &[&str] = &["html", "css", "js", "wasm", "json", "ics", "svg", "xml", "txt", "bin", "ttf"];

/// The two encodings, as file suffixes.
const ENCODINGS: [&str; 2] = ["br", "gz"];

/// Whether `path` gets compressed copies.
pub fn compressible(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| COMPRESSIBLE.contains(&ext))
}

/// The `.br` and `.gz` copies of the compressible files of `output` (path → bytes, the copy's
/// path being the file's plus `.br` or `.gz`). `previous` is the folder of the previous build,
/// `previous_marker` the text of its marker, `unchanged` the files whose bytes are the same
/// there (`output::unchanged`); the copies taken from there are added to it.
pub fn precompressed(
    output: &Output,
    previous: &Path,
    previous_marker: &str,
    unchanged: &mut HashSet<String>,
    progress: Progress,
) -> Output {
    let reusable = previous_marker.lines().any(|l| format!("{l}\n") == MARKER_LINE);
    // The same bytes (the wizard's files in every bureau's folder share them) are one job.
    let mut jobs: Vec<(Bytes, Vec<&str>)> = Vec::new();
    let mut index: HashMap<(*const u8, usize), usize> = HashMap::new();
    for (path, bytes) in output.iter().filter(|(p, _)| compressible(p)) {
        let key = (bytes.as_ptr(), bytes.len());
        match index.get(&key) {
            Some(&i) => jobs[i].1.push(path),
            None => {
                index.insert(key, jobs.len());
                jobs.push((bytes.clone(), vec![path]));
            }
        }
    }
    // The largest first, so that the threads finish together.
    jobs.sort_by_key(|(bytes, _)| std::cmp::Reverse(bytes.len()));
    let unchanged_before: &HashSet<String> = unchanged;
    let copies: Vec<([Option<Bytes>; 2], Option<&str>)> =
        progress::each(progress, Phase::Compress, &jobs, |(bytes, paths)| {
            // An unchanged file's copies are the previous build's (a copy missing there was not
            // smaller than its file).
            let same = paths.iter().copied().find(|p| reusable && unchanged_before.contains(*p));
            let copies = match same {
                Some(same) => ENCODINGS
                    .map(|suffix| std::fs::read(previous.join(format!("{same}.{suffix}"))).ok().map(Bytes::from)),
                None => compress(paths[0], bytes),
            };
            (copies, same)
        });
    let mut out = Output::new();
    for ((_, paths), (copies, same)) in jobs.iter().zip(copies) {
        for (suffix, copy) in ENCODINGS.iter().zip(copies) {
            let Some(copy) = copy else { continue };
            for path in paths {
                let name = format!("{path}.{suffix}");
                // Taken from the previous build at this path: the writer links it.
                if same == Some(*path) {
                    unchanged.insert(name.clone());
                }
                out.insert(name, copy.clone());
            }
        }
    }
    out
}

/// Brotli's quality for the file at `path`, by what it is for (measured 2026-12-08 on the eight
/// bureaus' files, natively, one thread; the studio's export compresses in one wasm thread):
/// - the browser programs (`.wasm`, `.ttf`, a program's `.js`, the content `.bin`), the same
///   bytes from build to build and taken from the previous build's copies: 11, the best (the
///   wizard's first load is guarded at quality 11: site/tests/weights.rs);
/// - the open data (`data/`: JSON, calendars): 5. Fetched by programs, rarely; 11 took 7.1 s
///   for 6.5 MB and saved 7 % of 100 KB (.ics 5.7 s for 62 KB against 69 KB at 5);
/// - the pages, stylesheets, scripts and search indexes every visit loads: 9. 11 took 3.9 s
///   for 3.3 MB of HTML and indexes and made them 6 % smaller (394 against 420 KB of HTML for
///   all eight bureaus, about 1 KB on an 8 KB page); that was most of the studio's export.
fn quality(path: &str) -> i32 {
    let ext = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    if matches!(ext, "wasm" | "ttf" | "bin") || path.contains("/wizard/") || path.starts_with("studio/") {
        11
    } else if path.contains("/data/") {
        5
    } else {
        9
    }
}

/// Brotli (at [`quality`]) and gzip at its best level, each kept only when smaller than `bytes`.
fn compress(path: &str, bytes: &[u8]) -> [Option<Bytes>; 2] {
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: quality(path), lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).expect("compressing in memory does not fail");
    // A gzip header without a name and with time 0: the same bytes on every build.
    let mut gz = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("compressing in memory does not fail");
    let gz = gz.finish().expect("compressing in memory does not fail");
    [br, gz].map(|c| (c.len() < bytes.len()).then(|| c.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &[u8])]) -> Output {
        files.iter().map(|(p, b)| (p.to_string(), Bytes::from(*b))).collect()
    }

    #[test]
    fn copies_decompress_to_their_file_and_are_made_only_when_smaller() {
        let page = "<p>オンライン資格確認</p>\n".repeat(200);
        let out = precompressed(
            &output(&[("a/index.html", page.as_bytes()), ("a/x.js", b"1"), ("a/forms/x.pdf", page.as_bytes())]),
            Path::new("/nonexistent"),
            "",
            &mut HashSet::new(),
            progress::QUIET,
        );
        let keys: Vec<&str> = out.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a/index.html.br", "a/index.html.gz"], "one byte is not made smaller; PDFs are not text");
        let mut br = Vec::new();
        brotli::BrotliDecompress(&mut &out["a/index.html.br"][..], &mut br).unwrap();
        assert_eq!(br, page.as_bytes());
        let mut gz = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&out["a/index.html.gz"][..]), &mut gz).unwrap();
        assert_eq!(gz, page.as_bytes());
    }

    #[test]
    fn an_unchanged_file_takes_the_previous_builds_copies() {
        let dir = std::env::temp_dir().join(format!("onshi-compress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        let page = "<p>期限</p>\n".repeat(100);
        std::fs::write(dir.join("a/index.html"), &page).unwrap();
        // Marked copies of the previous build are taken as they are, without compressing.
        std::fs::write(dir.join("a/index.html.br"), b"previous br").unwrap();
        let files = output(&[("a/index.html", page.as_bytes())]);
        let mut unchanged = crate::output::unchanged(&dir, &files);
        assert!(unchanged.contains("a/index.html"));
        let out = precompressed(&files, &dir, MARKER_LINE, &mut unchanged, progress::QUIET);
        assert_eq!(&out["a/index.html.br"][..], b"previous br");
        assert!(unchanged.contains("a/index.html.br"), "linked by the writer");
        assert!(!out.contains_key("a/index.html.gz"), "no .gz there: it was not smaller");
        // Without the marker (a build before precompression), or with other bytes: compressed.
        let mut again = crate::output::unchanged(&dir, &files);
        assert_ne!(
            &precompressed(&files, &dir, "", &mut again, progress::QUIET)["a/index.html.br"][..],
            b"previous br"
        );
        assert!(!again.contains("a/index.html.br"));
        let changed = output(&[("a/index.html", "<p>別の期限</p>\n".repeat(100).as_bytes())]);
        let mut none = crate::output::unchanged(&dir, &changed);
        assert!(none.is_empty());
        assert_ne!(
            &precompressed(&changed, &dir, MARKER_LINE, &mut none, progress::QUIET)["a/index.html.br"][..],
            b"previous br"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

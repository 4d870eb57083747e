//! Precompressed copies for web servers: beside every text file of a build (and the wasm, the
//! wizard's content and the font) its `.br` (brotli, best level) and `.gz` (gzip, best level),
//! each only when smaller, so that nginx (`brotli_static`, `gzip_static`) and Apache (the
//! `.htaccess` the build writes) send them without compressing per request.
//!
//! Compressing at the best level is slow (seconds for the PDF worker), so only what changed is
//! compressed: a file whose bytes equal the previous build's in the same folder takes that
//! build's copies, and a file the eight bureaus share (the wizard's) is compressed once.

use super::output::{in_parallel, Bytes, Output};
use onshi::fnv::{fnv1a, START};
use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

/// The marker line of a build that wrote precompressed copies (see `output::previous_marker`):
/// only then does a missing copy in the previous build mean "not smaller".
pub const MARKER_LINE: &str = "precompressed br gz\n";

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
/// `previous_marker` the text of its marker.
pub fn precompressed(output: &Output, previous: &Path, previous_marker: &str) -> Output {
    let reusable = previous_marker.lines().any(|l| format!("{l}\n") == MARKER_LINE);
    // The same bytes (the wizard's files in every bureau's folder) are one job.
    let mut jobs: Vec<(Bytes, Vec<&str>)> = Vec::new();
    let mut index: HashMap<(u64, usize), usize> = HashMap::new();
    for (path, bytes) in output.iter().filter(|(p, _)| compressible(p)) {
        let key = (fnv1a(START, bytes), bytes.len());
        match index.get(&key) {
            Some(&i) if jobs[i].0 == *bytes => jobs[i].1.push(path),
            _ => {
                index.insert(key, jobs.len());
                jobs.push((bytes.clone(), vec![path]));
            }
        }
    }
    // The largest first, so that the threads finish together.
    jobs.sort_by_key(|(bytes, _)| std::cmp::Reverse(bytes.len()));
    let copies: Vec<[Option<Bytes>; 2]> = in_parallel(&jobs, |(bytes, paths)| {
        reusable.then(|| kept(previous, paths, bytes)).flatten().unwrap_or_else(|| compress(bytes))
    });
    let mut out = Output::new();
    for ((_, paths), copies) in jobs.iter().zip(copies) {
        for (suffix, copy) in ENCODINGS.iter().zip(copies) {
            if let Some(copy) = copy {
                for path in paths {
                    out.insert(format!("{path}.{suffix}"), copy.clone());
                }
            }
        }
    }
    out
}

/// The previous build's copies of `bytes`, if one of `paths` there has the same bytes (a copy
/// missing there was not smaller than its file).
fn kept(previous: &Path, paths: &[&str], bytes: &[u8]) -> Option<[Option<Bytes>; 2]> {
    let same = paths.iter().find(|p| {
        let before = previous.join(p);
        std::fs::metadata(&before).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&before).is_ok_and(|b| b == bytes)
    })?;
    let read = |suffix: &str| std::fs::read(previous.join(format!("{same}.{suffix}"))).ok().map(Bytes::from);
    Some(ENCODINGS.map(read))
}

/// Brotli and gzip at their best levels, each kept only when smaller than `bytes`.
fn compress(bytes: &[u8]) -> [Option<Bytes>; 2] {
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
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
        let out = precompressed(&files, &dir, MARKER_LINE);
        assert_eq!(&out["a/index.html.br"][..], b"previous br");
        assert!(!out.contains_key("a/index.html.gz"), "no .gz there: it was not smaller");
        // Without the marker (a build before precompression), or with other bytes: compressed.
        assert_ne!(&precompressed(&files, &dir, "")["a/index.html.br"][..], b"previous br");
        let changed = output(&[("a/index.html", "<p>別の期限</p>\n".repeat(100).as_bytes())]);
        assert_ne!(&precompressed(&changed, &dir, MARKER_LINE)["a/index.html.br"][..], b"previous br");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

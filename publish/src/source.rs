//! Where a build reads from: the content root on disk (the command line) or the same files held
//! in memory (the studio's folder or zip). Paths are relative to the root, with `/`
//! (`content/pages/index.md`, `site/templates/page.html`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The files a build reads: `content/`, and a bureau's own `site/templates/` and `site/static/`.
#[derive(Debug, Clone)]
pub enum Source {
    /// A folder on disk (the content root, `--root`).
    Folder(PathBuf),
    /// Files by their path under the root.
    Memory(Arc<BTreeMap<String, Vec<u8>>>),
}

impl Source {
    /// Files held in memory, by their path under the root.
    pub fn memory(files: BTreeMap<String, Vec<u8>>) -> Source {
        Source::Memory(Arc::new(files))
    }

    /// The files of a zip of a content folder ([`super::archive::read_content_zip`]: refused as
    /// a whole, with the reason, when a name or a size is not safe).
    pub fn from_zip(bytes: &[u8]) -> Result<Source, String> {
        super::archive::read_content_zip(bytes).map(Source::memory)
    }

    /// The folder on disk, if the files are there.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Source::Folder(root) => Some(root),
            Source::Memory(_) => None,
        }
    }

    /// A file's bytes, `None` when there is no such file; the error says why it can't be read.
    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>, String> {
        if path.split('/').any(|part| part == "..") {
            return Ok(None);
        }
        match self {
            Source::Folder(root) => match std::fs::read(root.join(path)) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
                    Ok(None)
                }
                Err(_) if root.join(path).is_dir() => Ok(None),
                Err(e) => Err(format!("読めません：{e}")),
            },
            Source::Memory(files) => Ok(files.get(path).cloned()),
        }
    }

    /// A text file (UTF-8), `None` when there is no such file.
    pub fn read_text(&self, path: &str) -> Result<Option<String>, String> {
        match self.read(path)? {
            None => Ok(None),
            Some(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| "UTF-8 の文字として読めません。UTF-8 で保存し直してください".to_string()),
        }
    }

    /// What a folder holds directly: its files' names and its folders' names, each sorted.
    /// Empty when there is no such folder.
    pub fn entries(&self, dir: &str) -> (Vec<String>, Vec<String>) {
        let (mut files, mut folders) = (Vec::new(), Vec::new());
        match self {
            Source::Folder(root) => {
                for entry in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if entry.path().is_dir() {
                        folders.push(name);
                    } else {
                        files.push(name);
                    }
                }
            }
            Source::Memory(all) => {
                let prefix = format!("{}/", dir.trim_end_matches('/'));
                for path in all.keys().filter_map(|p| p.strip_prefix(&prefix)) {
                    match path.split_once('/') {
                        None => files.push(path.to_string()),
                        Some((folder, _)) => folders.push(folder.to_string()),
                    }
                }
            }
        }
        files.sort();
        folders.sort();
        folders.dedup();
        (files, folders)
    }
}

impl Source {
    /// Its `content/`, read and checked (`onshi::content::collect_files`, `Content::from_files`):
    /// what a build and a comparison read.
    pub fn content(&self) -> Result<onshi::content::Content, Vec<onshi::content_file::ContentError>> {
        let (bureau_files, _) = self.entries(onshi::content::BUREAUS_DIR);
        let files = onshi::content::collect_files(&bureau_files, |name| self.read_text(name))?;
        onshi::content::Content::from_files(&files)
    }

    /// Every file under a folder, in every folder below it, by its path under the root; sorted.
    pub fn files_under(&self, dir: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (files, folders) = self.entries(dir);
        out.extend(files.into_iter().map(|f| format!("{dir}/{f}")));
        for folder in folders {
            out.extend(self.files_under(&format!("{dir}/{folder}")));
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_and_the_same_files_in_memory_read_alike() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository");
        let folder = Source::Folder(root.to_path_buf());
        let (files, folders) = folder.entries("content");
        assert!(files.contains(&"notice.toml".to_string()), "{files:?}");
        assert!(folders.contains(&"bureaus".to_string()) && folders.contains(&"pages".to_string()), "{folders:?}");
        let mut held = BTreeMap::new();
        for dir in ["content", "content/bureaus", "content/pages"] {
            for name in folder.entries(dir).0 {
                let path = format!("{dir}/{name}");
                held.insert(path.clone(), folder.read(&path).unwrap().unwrap());
            }
        }
        let memory = Source::memory(held);
        for dir in ["content", "content/bureaus", "content/pages", "content/nothing"] {
            assert_eq!(memory.entries(dir), folder.entries(dir), "{dir}");
        }
        assert_eq!(memory.read("content/notice.toml").unwrap(), folder.read("content/notice.toml").unwrap());
        for source in [&folder, &memory] {
            assert_eq!(source.read("content/none.toml").unwrap(), None);
            assert_eq!(source.read("content/../Cargo.toml").unwrap(), None, "nothing outside the root");
            assert_eq!(source.read("content").unwrap(), None, "a folder is not a file");
        }
    }
}

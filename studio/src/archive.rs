//! The content folder's files as the studio reads and saves them, in one place: a chosen
//! folder's paths put under `content/` (and back, to write in place). Zips are
//! `publish::archive`'s (read with every name and size checked; written without dates).

use std::collections::BTreeMap;

/// The files of a content folder however it was chosen (`content/…`, the folder's inside, or
/// the folder inside another one), under `content/`: the root is the folder of the shallowest
/// `calendar.toml`; files outside it, and names that climb (`..`) or are absolute, are left out.
pub fn under_content(raw: Vec<(String, Vec<u8>)>) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let clean: Vec<(Vec<String>, Vec<u8>)> = raw
        .into_iter()
        .filter_map(|(name, bytes)| {
            let name = name.replace('\\', "/");
            let parts: Vec<String> =
                name.split('/').filter(|p| !p.is_empty() && *p != ".").map(str::to_string).collect();
            let bad = name.starts_with('/') || parts.iter().any(|p| p == ".." || p.contains(':'));
            (!bad && !parts.is_empty()).then_some((parts, bytes))
        })
        .collect();
    let root = content_root(clean.iter().map(|(parts, _)| parts.as_slice())).ok_or(
        "content/calendar.toml が見つかりません。内容のフォルダ（content）か、その zip ファイルを選んでください",
    )?;
    let mut files = BTreeMap::new();
    for (parts, bytes) in clean {
        if parts.len() > root.len() && parts[..root.len()] == root[..] {
            // Hidden files of the system (.DS_Store, __MACOSX) are not content.
            let rest = &parts[root.len()..];
            if rest.iter().any(|p| p.starts_with('.') || p == "__MACOSX") {
                continue;
            }
            files.insert(format!("content/{}", rest.join("/")), bytes);
        }
    }
    Ok(files)
}

/// The content root among paths (each split at `/`): the folder of the shallowest
/// `calendar.toml`.
pub fn content_root<'p>(paths: impl Iterator<Item = &'p [String]>) -> Option<Vec<String>> {
    paths
        .filter(|parts| parts.last().is_some_and(|p| p == "calendar.toml"))
        .map(|parts| parts[..parts.len() - 1].to_vec())
        .min_by_key(Vec::len)
}

/// Where a file of the content (`content/bureaus/tohoku.toml`) is in the folder it was read
/// from, given the names read there: the inverse of [`under_content`].
pub fn path_in_folder(read: &[String], name: &str) -> Option<String> {
    let split: Vec<Vec<String>> = read.iter().map(|n| n.split('/').map(str::to_string).collect()).collect();
    let root = content_root(split.iter().map(Vec::as_slice))?;
    let rest = name.strip_prefix("content/")?;
    Some(root.iter().map(|p| format!("{p}/")).collect::<String>() + rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use publish::archive::{read_content_zip, zip_files};

    #[test]
    fn a_folder_may_be_the_content_or_hold_it_and_is_written_back_where_it_was_read() {
        let raw = vec![
            ("内容/calendar.toml".to_string(), b"a = 1\n".to_vec()),
            ("内容/bureaus/tohoku.toml".to_string(), "東北\n".as_bytes().to_vec()),
            ("内容/.DS_Store".to_string(), vec![0]),
            ("other.txt".to_string(), vec![1]),
        ];
        let files = under_content(raw).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["content/bureaus/tohoku.toml", "content/calendar.toml"]);
        assert!(under_content(vec![("../calendar.toml".into(), vec![])]).is_err());
        let read = ["calendar.toml".to_string(), "bureaus/a.toml".to_string()];
        assert_eq!(path_in_folder(&read, "content/bureaus/a.toml").as_deref(), Some("bureaus/a.toml"));
        let read = ["content/calendar.toml".to_string()];
        assert_eq!(path_in_folder(&read, "content/bureaus/a.toml").as_deref(), Some("content/bureaus/a.toml"));
        assert_eq!(read_content_zip(&zip_files(&files)).unwrap(), files);
    }
}

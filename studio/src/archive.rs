//! The content folder as a zip, read and written in one place (deflate through miniz_oxide):
//! the stand-in for `site::publish::Source::from_zip` and `site::publish::archive::zip_files`
//! until they are on main, and where the paths of an opened folder are put under `content/`.

use std::collections::BTreeMap;

/// Biggest zip and biggest file taken: a content folder is well under 10 MB.
const MAX_TOTAL: usize = 64 << 20;

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

fn u16_at(b: &[u8], at: usize) -> Result<usize, String> {
    b.get(at..at + 2).map(|s| usize::from(u16::from_le_bytes([s[0], s[1]]))).ok_or_else(broken)
}

fn u32_at(b: &[u8], at: usize) -> Result<usize, String> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize).ok_or_else(broken)
}

fn broken() -> String {
    "zip ファイルが壊れているか、zip ファイルではありません".into()
}

/// The files of a zip of the content folder, under `content/` (see [`under_content`]).
pub fn read_zip(zip: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    under_content(zip_entries(zip)?)
}

/// Every file in a zip (stored or deflated; folders left out), by its name in the zip.
pub fn zip_entries(zip: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    // The end of central directory record: the last "PK\x05\x06" (a comment may follow it).
    let end =
        (0..zip.len().saturating_sub(21)).rev().find(|&i| zip[i..].starts_with(b"PK\x05\x06")).ok_or_else(broken)?;
    let count = u16_at(zip, end + 10)?;
    let mut at = u32_at(zip, end + 16)?;
    let mut raw = Vec::new();
    let mut total = 0usize;
    for _ in 0..count {
        if u32_at(zip, at)? != 0x0201_4b50 {
            return Err(broken());
        }
        let (flags, method) = (u16_at(zip, at + 8)?, u16_at(zip, at + 10)?);
        let (crc, packed, size) = (u32_at(zip, at + 16)?, u32_at(zip, at + 20)?, u32_at(zip, at + 24)?);
        let (name_len, extra_len, comment_len) = (u16_at(zip, at + 28)?, u16_at(zip, at + 30)?, u16_at(zip, at + 32)?);
        let local = u32_at(zip, at + 42)?;
        let name_bytes = zip.get(at + 46..at + 46 + name_len).ok_or_else(broken)?;
        // Bit 11: UTF-8 names; Windows' own zips of Japanese names may be Shift_JIS without it.
        let name = String::from_utf8(name_bytes.to_vec())
            .map_err(|_| "zip ファイルの中のファイル名が読めません（UTF-8 ではありません）".to_string())?;
        at += 46 + name_len + extra_len + comment_len;
        if name.ends_with('/') {
            continue;
        }
        if flags & 1 != 0 {
            return Err(format!("{name}: パスワード付きの zip ファイルは開けません"));
        }
        total += size;
        if total > MAX_TOTAL {
            return Err("zip ファイルの中身が大きすぎます（内容のフォルダは 64 MB までです）".into());
        }
        if u32_at(zip, local)? != 0x0403_4b50 {
            return Err(broken());
        }
        let start = local + 30 + u16_at(zip, local + 26)? + u16_at(zip, local + 28)?;
        let data = zip.get(start..start + packed).ok_or_else(broken)?;
        let bytes = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, size.max(1))
                .map_err(|_| format!("{name}: 展開できません"))?,
            _ => return Err(format!("{name}: この圧縮方式（{method}）の zip ファイルは開けません")),
        };
        if bytes.len() != size || crc32(&bytes) as usize != crc {
            return Err(format!("{name}: 中身が壊れています"));
        }
        raw.push((name, bytes));
    }
    Ok(raw)
}

/// A zip of the files (names as given, UTF-8, deflated), the dates fixed (1980-01-01) so that
/// the same files give the same bytes.
pub fn write_zip(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, bytes) in files {
        let packed = miniz_oxide::deflate::compress_to_vec(bytes, 9);
        let (method, data) = if packed.len() < bytes.len() { (8u16, &packed[..]) } else { (0u16, &bytes[..]) };
        let crc = crc32(bytes);
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed
            v.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            v.extend_from_slice(&method.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&0x0021u16.to_le_bytes()); // 1980-01-01
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        common(&mut central);
        central.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// CRC-32 (IEEE), as zip files carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_written_reads_back_and_the_top_folder_may_be_anything() {
        let mut files = BTreeMap::new();
        files.insert("内容/calendar.toml".to_string(), b"a = 1\n".repeat(50));
        files.insert("内容/bureaus/tohoku.toml".to_string(), "東北\n".as_bytes().to_vec());
        files.insert("内容/.DS_Store".to_string(), vec![0]);
        files.insert("other.txt".to_string(), vec![1]);
        let read = read_zip(&write_zip(&files)).unwrap();
        assert_eq!(read.keys().collect::<Vec<_>>(), ["content/bureaus/tohoku.toml", "content/calendar.toml"]);
        assert_eq!(read["content/calendar.toml"], b"a = 1\n".repeat(50));
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert!(under_content(vec![("../calendar.toml".into(), vec![])]).is_err());
        let read = ["calendar.toml".to_string(), "bureaus/a.toml".to_string()];
        assert_eq!(path_in_folder(&read, "content/bureaus/a.toml").as_deref(), Some("bureaus/a.toml"));
        let read = ["content/calendar.toml".to_string()];
        assert_eq!(path_in_folder(&read, "content/bureaus/a.toml").as_deref(), Some("content/bureaus/a.toml"));
    }
}

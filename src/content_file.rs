//! What every content file's parser shares: an error with the file and line, the line of a
//! byte offset, and serde's and toml's English messages in Japanese (staff read them).

use std::fmt;

/// An error in a content file: the file, the line (1-based) when known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ContentError {}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// The 1-based lines of many byte offsets in one text: its newlines found once, each line by
/// binary search ([`line_of`] counts them again for every offset: slow for every event of a
/// page, 9 % of a site build).
pub struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex { newlines: text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect() }
    }

    /// The same as [`line_of`] for the text it was made from.
    pub fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&newline| newline < offset) + 1
    }
}

/// The text between the first pair of backticks after `prefix`, and the rest.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    let rest = message.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    let end = rest.find('`')?;
    Some((&rest[..end], &rest[end + 1..]))
}

/// `expected one of `a`, `b`` → `a、b`.
fn allowed(rest: &str) -> Option<String> {
    let list = rest.split_once("expected one of ").or_else(|| rest.split_once("expected "))?.1;
    let names: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
    (!names.is_empty()).then(|| names.join("、"))
}

/// One message from `toml::de::Error::message()` (or a serde custom message, already
/// Japanese), in Japanese.
pub fn japanese(message: &str) -> String {
    let message = message.trim();
    if let Some((field, _)) = quoted_after(message, "missing field ") {
        return format!("{field} がありません。{field} = … を書いてください");
    }
    if let Some((field, rest)) = quoted_after(message, "unknown field ") {
        return match allowed(rest) {
            Some(list) => {
                format!("「{field}」という項目はありません。書けるのは {list} です（綴りを確かめてください）")
            }
            None => format!("「{field}」という項目はありません（綴りを確かめてください）"),
        };
    }
    if let Some((value, rest)) = quoted_after(message, "unknown variant ") {
        return match allowed(rest) {
            Some(list) => format!("\"{value}\" は使えません。使える値は {list} です"),
            None => format!("\"{value}\" は使えません"),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let kind = |s: &str| {
            let s = s.trim();
            let s = s.strip_prefix("an ").or_else(|| s.strip_prefix("a ")).unwrap_or(s);
            if s.starts_with("string") {
                "文字列（\"…\"）"
            } else if s.starts_with("integer") || s.starts_with("i32") || s.starts_with("u32") || s.starts_with("i64") {
                "整数"
            } else if s.starts_with("boolean") || s.starts_with("a boolean") {
                "true / false"
            } else if s.contains("sequence") || s.contains("array") {
                "配列（[…]）"
            } else if s.contains("map") || s.contains("struct") || s.contains("table") {
                "表（{ … } または [見出し]）"
            } else if s.contains("date") {
                "日付（YYYY-MM-DD）"
            } else {
                "別の種類の値"
            }
        };
        return format!("値の種類が違います。{} ではなく {} を書いてください", kind(found), kind(expected));
    }
    if message.starts_with("duplicate key") {
        return "同じ項目が二度書かれています。一つにしてください".into();
    }
    if message.is_ascii() {
        // A TOML syntax error: say so in Japanese; the line points at the spot.
        return format!("TOML の書き方に誤りがあります。引用符・括弧・= の対応を確かめてください（{message}）");
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::{japanese, line_of, LineIndex};

    #[test]
    fn the_line_index_finds_the_lines_line_of_counts() {
        for text in ["", "a", "a\n", "\n\nb\nc", "一行目\n二行目\n\n四行目\n"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(index.line(offset), line_of(text, offset), "{text:?} at {offset}");
            }
        }
    }

    #[test]
    fn serde_messages_become_japanese() {
        assert_eq!(japanese("missing field `autumnal`"), "autumnal がありません。autumnal = … を書いてください");
        assert_eq!(
            japanese("unknown variant `next_opn_day`, expected one of `none`, `previous_open_day`, `next_open_day`"),
            "\"next_opn_day\" は使えません。使える値は none、previous_open_day、next_open_day です"
        );
        assert!(japanese("unknown field `nmae`, expected one of `id`, `name`").contains("書けるのは id、name"));
        assert!(japanese("invalid type: integer `3`, expected a string").contains("整数 ではなく 文字列"));
        assert!(japanese("invalid table header\nexpected `.`, `]`").starts_with("TOML の書き方に誤り"));
        assert_eq!(japanese("日付を YYYY-MM-DD で書いてください"), "日付を YYYY-MM-DD で書いてください");
    }
}

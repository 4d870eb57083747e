//! Lenient input, strict output: the normalisers of what people type (デジタル庁デザインシステム:
//! accept full- or half-width digits, with or without hyphens; フリガナ in katakana).

/// Full-width ASCII (U+FF01..U+FF5E) to half-width; everything else unchanged.
pub fn half_width_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Characters people use between digit groups: hyphens and dashes of every width, the long
/// vowel mark typed by mistake, brackets and spaces.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | 'ー' | 'ｰ' | '(' | ')' | ' ' | '\t')
}

/// 郵便番号: seven digits, with or without 〒, hyphen or full-width digits → `123-4567`.
pub fn postal_code(input: &str) -> Result<String, String> {
    let s = half_width_ascii(input.trim());
    let s = s.trim_start_matches('〒').trim();
    if s.is_empty() {
        return Err("入力してください。".into());
    }
    if let Some(c) = s.chars().find(|c| !c.is_ascii_digit() && !is_separator(*c)) {
        return Err(format!("「{c}」は使えません。数字7桁で入力してください（例：123-4567）。"));
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 7 {
        return Err(format!("数字が{}桁です。郵便番号は数字7桁で入力してください（例：123-4567）。", digits.len()));
    }
    Ok(format!("{}-{}", &digits[..3], &digits[3..]))
}

/// 電話番号: 10 or 11 digits starting with 0; groups as typed (`03（1234）5678` → `03-1234-5678`),
/// or, typed without separators, groups where they are unambiguous (携帯・IP電話・0120・東京/大阪).
pub fn phone(input: &str) -> Result<String, String> {
    let s = half_width_ascii(input.trim());
    if s.is_empty() {
        return Err("入力してください。".into());
    }
    if let Some(c) = s.chars().find(|c| !c.is_ascii_digit() && !is_separator(*c)) {
        return Err(format!("「{c}」は使えません。数字とハイフンで入力してください（例：03-1234-5678）。"));
    }
    let groups: Vec<&str> = s.split(is_separator).filter(|g| !g.is_empty()).collect();
    let digits: String = groups.concat();
    if !digits.starts_with('0') || !(10..=11).contains(&digits.len()) {
        return Err(format!(
            "{}桁の「{digits}」は電話番号になりません。0から始まる10桁か11桁で入力してください（例：03-1234-5678）。",
            digits.len()
        ));
    }
    match groups.len() {
        3 => Ok(groups.join("-")),
        1 => split_phone(&digits).ok_or_else(|| {
            "市外局番の区切りが分からないため、03-1234-5678 のようにハイフンで区切って入力してください。".into()
        }),
        _ => Err("市外局番・市内局番・加入者番号の三つに区切って入力してください（例：03-1234-5678）。".into()),
    }
}

/// Groups of a phone number typed without separators, where the numbering plan makes them
/// certain; `None` for a fixed-line number whose area code length is not known here.
fn split_phone(d: &str) -> Option<String> {
    const MOBILE_AND_IP: [&str; 6] = ["070", "080", "090", "050", "020", "060"];
    let (a, b) = match d.len() {
        11 if MOBILE_AND_IP.contains(&&d[..3]) => (3, 7),
        11 if d.starts_with("0800") => (4, 7),
        10 if d.starts_with("0120") => (4, 7),
        10 if d.starts_with("03") || d.starts_with("06") => (2, 6),
        _ => return None,
    };
    Some(format!("{}-{}-{}", &d[..a], &d[a..b], &d[b..]))
}

/// フリガナ: ひらがな becomes カタカナ, a run of spaces (half- or full-width) one space;
/// anything else but katakana, ー, ・ is refused.
pub fn furigana(input: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut pending_space = false;
    for c in input.trim().chars() {
        let c = match c {
            'ぁ'..='ゖ' | 'ゝ' | 'ゞ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        };
        match c {
            ' ' | '\u{3000}' => pending_space = !out.is_empty(),
            'ァ'..='ヺ' | 'ー' | '・' | 'ヽ' | 'ヾ' => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
            other => {
                return Err(format!(
                    "「{other}」は使えません。フリガナはカタカナ（ひらがなでも可）で入力してください。"
                ))
            }
        }
    }
    if out.is_empty() {
        return Err("入力してください。".into());
    }
    Ok(out)
}

/// Free text printed on a form: trimmed, runs of spaces become one space (a full-width one
/// stays full-width), control characters refused.
pub fn text(input: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut last_space: Option<char> = None;
    for c in input.trim().chars() {
        if c.is_control() {
            return Err("改行や制御文字は使えません。一行で入力してください。".into());
        }
        if c == ' ' || c == '\u{3000}' {
            last_space.get_or_insert(c);
            continue;
        }
        if let Some(space) = last_space.take() {
            out.push(space);
        }
        out.push(c);
    }
    if out.is_empty() {
        return Err("入力してください。".into());
    }
    Ok(out)
}

/// An e-mail address as printed on 別紙2 (Email 任意): one @, something on both sides, a dot
/// in the domain, no spaces.
pub fn email(input: &str) -> Result<String, String> {
    let s = half_width_ascii(input.trim());
    let ok = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && s.chars().all(|c| c.is_ascii_graphic())
        }
        None => false,
    };
    if ok {
        Ok(s)
    } else {
        Err(format!("「{s}」はメールアドレスの形ではありません（例：info@example.jp）。"))
    }
}

/// Digits of a date typed with full-width digits become half-width.
pub fn date_text(input: &str) -> String {
    half_width_ascii(input.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes() {
        for input in ["123-4567", "1234567", "１２３４５６７", "〒123-4567", "１２３－４５６７", " 123 4567 "]
        {
            assert_eq!(postal_code(input).as_deref(), Ok("123-4567"), "{input}");
        }
        assert!(postal_code("123-456").unwrap_err().contains("6桁"));
        assert!(postal_code("12a-4567").unwrap_err().contains("「a」"));
        assert!(postal_code("").unwrap_err().contains("入力してください"));
    }

    #[test]
    fn phones() {
        for (input, out) in [
            ("03-1234-5678", "03-1234-5678"),
            ("０３（１２３４）５６７８", "03-1234-5678"),
            ("03(1234)5678", "03-1234-5678"),
            ("0312345678", "03-1234-5678"),
            ("09012345678", "090-1234-5678"),
            ("0120123456", "0120-123-456"),
            ("022-123-4567", "022-123-4567"),
            ("0995－12－3456", "0995-12-3456"),
        ] {
            assert_eq!(phone(input).as_deref(), Ok(out), "{input}");
        }
        assert!(phone("0221234567").unwrap_err().contains("ハイフンで区切って"));
        assert!(phone("03-1234-567").unwrap_err().contains("9桁"));
        assert!(phone("13-1234-5678").unwrap_err().contains("0から始まる"));
        assert!(phone("03-1234-5678 内線2").unwrap_err().contains("「内」"));
    }

    #[test]
    fn furigana_becomes_katakana() {
        assert_eq!(furigana("おんしくりにっく").as_deref(), Ok("オンシクリニック"));
        assert_eq!(furigana("シカク ハナコ").as_deref(), Ok("シカク ハナコ"));
        assert_eq!(furigana("  しかく　 はなこ ").as_deref(), Ok("シカク ハナコ"));
        assert_eq!(furigana("ゔぁいおりん・すずき").as_deref(), Ok("ヴァイオリン・スズキ"));
        assert!(furigana("資格 花子").unwrap_err().contains("「資」"));
        assert!(furigana("ｼｶｸ").unwrap_err().contains("「ｼ」"));
        assert!(furigana("Shikaku").is_err());
        assert!(furigana(" ").unwrap_err().contains("入力してください"));
    }

    #[test]
    fn free_text_and_email() {
        assert_eq!(text("  資格   太郎 ").as_deref(), Ok("資格 太郎"));
        assert_eq!(text("資格　　太郎").as_deref(), Ok("資格\u{3000}太郎"));
        assert_eq!(text("<script>alert(1)</script>").as_deref(), Ok("<script>alert(1)</script>"));
        assert!(text("一行目\n二行目").is_err());
        assert_eq!(email(" hanako@example.jp ").as_deref(), Ok("hanako@example.jp"));
        assert_eq!(email("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ").as_deref(), Ok("hanako@example.jp"));
        for bad in ["hanako", "@example.jp", "a@b", "a b@example.jp", "a@example.jp."] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }
}

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
    refuse_invisible(input)?;
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
    refuse_invisible(input)?;
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

/// Kana composed the way NFC/NFKC compose it, written out here for the one script the forms
/// need (the unicode-normalization crate's tables would add tens of KB to the wizard's first
/// load): a kana followed by a combining (゛ U+3099) or (゜ U+309A) mark — text pasted from a
/// Mac (NFD) — becomes the voiced kana; half-width katakana (ｶﾞ) becomes full-width (ガ).
pub fn compose_kana(s: &str) -> String {
    // Half-width katakana U+FF66..U+FF9D → full-width, in code point order.
    const HALF: [char; 56] = [
        'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー', 'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ',
        'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ',
        'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ',
        'ワ', 'ン',
    ];
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF66}'..='\u{FF9D}' => HALF[(c as u32 - 0xFF66) as usize],
            '\u{FF9E}' => '\u{3099}',
            '\u{FF9F}' => '\u{309A}',
            '\u{FF61}' => '。',
            '\u{FF62}' => '「',
            '\u{FF63}' => '」',
            '\u{FF64}' => '、',
            '\u{FF65}' => '・',
            c => c,
        };
        let composed = match (out.last().copied(), c) {
            (Some(base), '\u{3099}') => voiced(base),
            (Some(base), '\u{309A}') => semi_voiced(base),
            _ => None,
        };
        match composed {
            Some(v) => *out.last_mut().expect("a base") = v,
            None => out.push(c),
        }
    }
    out.into_iter().collect()
}

/// カ → ガ, う → ゔ, … (the canonical compositions with U+3099).
fn voiced(c: char) -> Option<char> {
    let plus_one = |c: char| char::from_u32(c as u32 + 1);
    match c {
        'か' | 'き' | 'く' | 'け' | 'こ' | 'さ' | 'し' | 'す' | 'せ' | 'そ' | 'た' | 'ち' | 'て' | 'と' => {
            plus_one(c)
        }
        'つ' => Some('づ'),
        'は' | 'ひ' | 'ふ' | 'へ' | 'ほ' => plus_one(c),
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ' | 'テ' | 'ト' => {
            plus_one(c)
        }
        'ツ' => Some('ヅ'),
        'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => plus_one(c),
        'う' => Some('ゔ'),
        'ウ' => Some('ヴ'),
        'ワ' => Some('ヷ'),
        'ヰ' => Some('ヸ'),
        'ヱ' => Some('ヹ'),
        'ヲ' => Some('ヺ'),
        'ゝ' => Some('ゞ'),
        'ヽ' => Some('ヾ'),
        _ => None,
    }
}

/// ハ → パ (the canonical compositions with U+309A).
fn semi_voiced(c: char) -> Option<char> {
    match c {
        'は' | 'ひ' | 'ふ' | 'へ' | 'ほ' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(c as u32 + 2),
        _ => None,
    }
}

/// A character that prints as nothing or changes how text around it is shown: format
/// characters (U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF, U+00AD)
/// and other invisible ones. Its name, for the message.
pub fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "ソフトハイフン",
        '\u{200B}' => "ゼロ幅スペース",
        '\u{200C}' | '\u{200D}' => "ゼロ幅接合子",
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "書字方向の制御文字",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "書式制御文字",
        '\u{2060}'..='\u{2064}' => "不可視の書式文字",
        '\u{FEFF}' => "ゼロ幅ノーブレークスペース（BOM）",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "異体字セレクタ",
        '\u{FFF9}'..='\u{FFFB}' => "注記用の制御文字",
        _ => return None,
    })
}

/// Refuses an invisible or format character by name and code point: 「書式制御文字（U+202E）」.
fn refuse_invisible(s: &str) -> Result<(), String> {
    match s.chars().find_map(|c| invisible(c).map(|name| (c, name))) {
        Some((c, name)) => Err(format!(
            "目に見えない{name}（U+{:04X}）が含まれています。コピーした文字に紛れ込みやすいので、その部分を打ち直してください。",
            c as u32
        )),
        None => Ok(()),
    }
}

/// フリガナ: kana composed (NFD from a Mac, half-width katakana), ひらがな becomes カタカナ, a
/// run of spaces (half- or full-width) one space; anything else but katakana, ー, ・ is refused.
pub fn furigana(input: &str) -> Result<String, String> {
    refuse_invisible(input)?;
    let input = compose_kana(input);
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

/// Free text printed on a form: kana composed (NFD from a Mac), trimmed, runs of spaces become
/// one space (a full-width one stays full-width), control and invisible characters refused.
pub fn text(input: &str) -> Result<String, String> {
    refuse_invisible(input)?;
    let input = compose_kana(input);
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
    refuse_invisible(input)?;
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
        // Half-width katakana is katakana (NFKC): accepted and made full-width.
        assert_eq!(furigana("ｼｶｸ").as_deref(), Ok("シカク"));
        assert!(furigana("Shikaku").is_err());
        assert!(furigana(" ").unwrap_err().contains("入力してください"));
    }

    #[test]
    fn kana_from_a_mac_and_half_width_katakana() {
        // NFD (a Mac's file names and some paste): カ + U+3099.
        assert_eq!(furigana("シカ\u{3099}ク ハナコ").unwrap(), "シガク ハナコ");
        assert_eq!(furigana("ほ\u{309A}んた\u{3099}").unwrap(), "ポンダ");
        assert_eq!(text("クリニック・ハ\u{309A}ーク").unwrap(), "クリニック・パーク");
        // Half-width katakana, with its marks.
        assert_eq!(furigana("ｼｶｸ ﾊﾅｺ").unwrap(), "シカク ハナコ");
        assert_eq!(furigana("ｶﾞｯｺｳ ﾎﾟﾝ ｳﾞｨ").unwrap(), "ガッコウ ポン ヴィ");
        assert_eq!(compose_kana("ｰ･"), "ー・");
    }

    #[test]
    fn invisible_characters_are_refused_by_name() {
        let e = text("オン資\u{202E}クリニック").unwrap_err();
        assert!(e.contains("書式制御文字（U+202E）"), "{e}");
        let e = furigana("オン\u{200B}シ").unwrap_err();
        assert!(e.contains("ゼロ幅スペース（U+200B）"), "{e}");
        assert!(phone("03-1234-5678\u{FEFF}").unwrap_err().contains("U+FEFF"));
        assert!(text("普通の名前").is_ok());
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

//! Calendar dates in content: `YYYY-MM-DD` in the files people write (TOML, bare or quoted, and
//! JSON), a day number on the wizard's compact wire ([`crate::content::Content::to_wire`]).
//!
//! The one way content reads and writes a date: `#[serde(with = "crate::iso_date")]` (and
//! `iso_date::option`, `iso_date::values` for a map's values). The text is read by [`parse`], not by chrono's
//! format parser: that parser would add about 16 KB to the wizard's first download for one
//! fixed format.

use chrono::{Datelike, NaiveDate};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serializer};
use std::fmt;

/// `YYYY-MM-DD`, a date that exists; nothing else.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// Writes the date: `YYYY-MM-DD` where people read it, its day number on the compact wire.
pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        s.collect_str(date)
    } else {
        s.serialize_i32(date.num_days_from_ce())
    }
}

/// Reads what [`serialize`] wrote, or a TOML bare date.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    if !d.is_human_readable() {
        let days = i32::deserialize(d)?;
        return NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| de::Error::custom("日付の範囲外です"));
    }
    d.deserialize_any(DateVisitor)
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = NaiveDate;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse(text).ok_or_else(|| E::custom(format!("{text} は存在しない日付か、YYYY-MM-DD の形ではありません")))
    }
    /// TOML hands a bare date (`2024-05-01`) over as a one-entry table of its text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NaiveDate, A::Error> {
        let text = match map.next_entry::<String, String>()? {
            Some((_, text)) => text,
            None => return Err(de::Error::custom("日付を YYYY-MM-DD で書いてください")),
        };
        if text.len() != 10 {
            return Err(de::Error::custom(format!(
                "日付を YYYY-MM-DD で書いてください（{text} は日付だけではありません）"
            )));
        }
        self.visit_str(&text)
    }
}

/// A date where serde needs a type (an option's or a map's value).
struct Wrapped(NaiveDate);

impl serde::Serialize for Wrapped {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Wrapped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize(d).map(Wrapped)
    }
}

/// The same for an optional date.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&Wrapped(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
    }
}

/// The same for the dates of a map (a bureau's dates per designation month).
pub mod values {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    pub fn serialize<K: Serialize, S: Serializer>(map: &BTreeMap<K, NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(k, d)| (k, Wrapped(*d))))
    }

    pub fn deserialize<'de, K, D>(d: D) -> Result<BTreeMap<K, NaiveDate>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        D: Deserializer<'de>,
    {
        Ok(BTreeMap::<K, Wrapped>::deserialize(d)?.into_iter().map(|(k, w)| (k, w.0)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use chrono::{Datelike, NaiveDate};

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Dated {
        #[serde(with = "super")]
        day: NaiveDate,
        #[serde(default, with = "super::option")]
        maybe: Option<NaiveDate>,
    }

    #[test]
    fn files_write_dates_bare_or_quoted_and_the_wire_as_day_numbers() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let both = Dated { day, maybe: Some(day) };
        assert_eq!(toml::from_str::<Dated>("day = 2027-03-01\nmaybe = \"2027-03-01\"").unwrap(), both);
        assert_eq!(toml::from_str::<Dated>("day = \"2027-03-01\"").unwrap(), Dated { day, maybe: None });
        for (text, expected) in [
            ("day = \"2027-02-30\"", "存在しない日付"),
            ("day = \"2027-3-1\"", "YYYY-MM-DD"),
            ("day = 2027-03-01T09:00:00", "日付だけではありません"),
            ("day = 20270301", "invalid type"),
        ] {
            let e = toml::from_str::<Dated>(text).unwrap_err().to_string();
            assert!(e.contains(expected), "{text}: {e}");
        }
        // JSON (human readable) keeps the text; the wire keeps the day.
        let json = serde_json::to_string(&both).unwrap();
        assert_eq!(json, r#"{"day":"2027-03-01","maybe":"2027-03-01"}"#);
        assert_eq!(serde_json::from_str::<Dated>(&json).unwrap(), both);
        let wire = postcard::to_allocvec(&both).unwrap();
        assert_eq!(postcard::from_bytes::<Dated>(&wire).unwrap(), both);
        assert!(wire.len() < 10, "{} bytes", wire.len());
    }

    #[test]
    fn parse_takes_only_existing_dates_written_yyyy_mm_dd() {
        assert_eq!(parse("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse("1948-07-20"), NaiveDate::from_ymd_opt(1948, 7, 20));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "2024/01/01",
            "２０２４-01-01",
            "2024-01-01T00:00",
            "",
            "+024-01-01",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        // Every day chrono knows between 1948 and 2099 reads back.
        let mut d = NaiveDate::from_ymd_opt(1948, 1, 1).unwrap();
        while d.year_ce().1 < 2100 {
            assert_eq!(parse(&d.to_string()), Some(d));
            d = d.succ_opt().unwrap();
        }
    }
}

//! The values content files are made of, shared by every content parser: a value confirmed or
//! `"unknown"`, a designation month, a source. Content dates are `NaiveDate` read and written
//! through [`crate::iso_date`] (`#[serde(with = "crate::iso_date")]`), the one way.

use chrono::{Datelike, NaiveDate};
use serde::de::{self, IntoDeserializer, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The word a content file uses for a value the bureau has not confirmed.
pub const UNKNOWN_MARKER: &str = "unknown";

/// A value the bureau has confirmed, or one content marks `"unknown"` (never a guess).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed<T> {
    Value(T),
    Unconfirmed,
}

impl<T> Confirmed<T> {
    /// The value, when confirmed.
    pub fn value(&self) -> Option<&T> {
        match self {
            Confirmed::Value(v) => Some(v),
            Confirmed::Unconfirmed => None,
        }
    }
}

/// In files the value or `"unknown"`; on the wizard's compact wire an option.
impl<T: Serialize> Serialize for Confirmed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self, s.is_human_readable()) {
            (Confirmed::Value(v), true) => v.serialize(s),
            (Confirmed::Unconfirmed, true) => s.serialize_str(UNKNOWN_MARKER),
            (Confirmed::Value(v), false) => s.serialize_some(v),
            (Confirmed::Unconfirmed, false) => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Confirmed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !d.is_human_readable() {
            return Ok(Option::<T>::deserialize(d)?.map_or(Confirmed::Unconfirmed, Confirmed::Value));
        }
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Confirmed<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "値、または未確認を示す \"{UNKNOWN_MARKER}\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v == UNKNOWN_MARKER {
                    Ok(Confirmed::Unconfirmed)
                } else {
                    T::deserialize(v.into_deserializer()).map(Confirmed::Value)
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(Confirmed::Value)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map(Confirmed::Value)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Confirmed::Value)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Confirmed::Value)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A designation month, the key of `overrides` (`"2027-03"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(date: NaiveDate) -> Self {
        YearMonth { year: date.year(), month: date.month() }
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("month is 1..=12")
    }
    /// This month moved by `months` (negative: earlier).
    pub fn offset(self, months: i32) -> Self {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        YearMonth { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("「{s}」は年月ではありません。指定月を \"2027-03\" の形で書いてください");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        let (year, month) = (y.parse::<i32>().map_err(|_| bad())?, m.parse::<u32>().map_err(|_| bad())?);
        if y.len() != 4 || m.len() != 2 || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(YearMonth { year, month })
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(de::Error::custom)
    }
}

/// Where a value was read: a page's address and the date it was seen, or a document's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "SourceFields")]
pub struct Source {
    pub title: Option<String>,
    pub url: Option<String>,
    /// The date the page carried or was seen on.
    #[serde(default, with = "crate::iso_date::option")]
    pub seen: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFields {
    title: Option<String>,
    url: Option<String>,
    #[serde(default, with = "crate::iso_date::option")]
    seen: Option<NaiveDate>,
}

impl TryFrom<SourceFields> for Source {
    type Error = String;
    fn try_from(f: SourceFields) -> Result<Self, String> {
        if f.title.is_none() && f.url.is_none() {
            return Err("出典（source）には url（ページのアドレス）か title（文書名）を書いてください".into());
        }
        if let Some(url) = &f.url {
            if !url.starts_with("https://") && !url.starts_with("http://") {
                return Err(format!("出典の url「{url}」は https:// で始まるアドレスにしてください"));
            }
        }
        Ok(Source { title: f.title, url: f.url, seen: f.seen })
    }
}

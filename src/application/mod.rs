//! The application file (format v2; v1 still loads): everything the forms 別紙1 and 別紙2 need,
//! as one JSON document, and its validation.
//!
//! Validation reports every problem at once, each naming the field by its path
//! (`founder.name_kana`) and saying in Japanese what is wrong and how to fix it. Input is
//! lenient (全角 digits, hyphens or none, ひらがな フリガナ) and the result is normalised.

mod fields;
mod file;
mod validation;

pub use fields::{display, field, fields_of, label_of, Choice, Field, Kind, Printed, Required, Section, FIELDS};
pub use file::{parse_date, read_file, FileRefusal};
pub use validation::{load, load_value};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The versions of the file this code reads. Version 1 had no `prefecture`: it is taken from
/// the facility's address.
pub const SUPPORTED_VERSIONS: [u64; 2] = [1, 2];
/// The version this code writes.
pub const CURRENT_VERSION: u64 = 2;

/// The first request date a file may carry: the procedure began in 令和6年 (requests for
/// 令和6年2月 designations).
pub const FIRST_REQUEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(d) => d,
    None => panic!(),
};

/// An enum whose values are a field's choices: each variant with its key in the file and its
/// label on the forms (and, when the wizard offers it in more words, those), stated once.
/// Gives `ALL`, `CHOICES`, `key()`, `label()`, `from_key()` and serde by key.
macro_rules! choice_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($key:literal, $label:literal $(, $offered:literal)?)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: [$name; [$($key),+].len()] = [$($name::$variant),+];
            /// The choices as a field of the schema lists them.
            pub const CHOICES: [fields::Choice; [$($key),+].len()] =
                [$(fields::Choice { key: $key, label: $label, offered: choice_enum!(@offered $($offered)?) }),+];

            /// The value in the application file.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
            /// As the forms print it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.key() == key)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let key = std::borrow::Cow::<str>::deserialize(deserializer)?;
                $name::from_key(&key).ok_or_else(|| serde::de::Error::custom(format!("unknown {}: {key}", stringify!($name))))
            }
        }
    };
    (@offered $offered:literal) => { $offered };
    (@offered) => { "" };
}

choice_enum! {
    /// 医科 / 歯科 / 医科歯科併設 / 薬局.
    pub enum FacilityKind {
        Medical = ("medical", "医科"),
        Dental = ("dental", "歯科"),
        /// 第1 1 ※2: one 別紙1 for each.
        MedicalDental = ("medical_dental", "医科歯科併設", "医科と歯科の併設（別紙1を2通作ります）"),
        Pharmacy = ("pharmacy", "薬局"),
    }
}

/// The kind printed on one 別紙1 (医科・歯科併設 needs one of each: 第1 1 ※2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    Medical,
    Dental,
    Pharmacy,
}

impl RequestKind {
    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Medical => "医科",
            RequestKind::Dental => "歯科",
            RequestKind::Pharmacy => "薬局",
        }
    }
    /// `medical` → the file `request-medical.pdf`.
    pub fn slug(self) -> &'static str {
        match self {
            RequestKind::Medical => "medical",
            RequestKind::Dental => "dental",
            RequestKind::Pharmacy => "pharmacy",
        }
    }
}

impl FacilityKind {
    /// The 別紙1 forms this kind needs.
    pub fn request_kinds(self) -> &'static [RequestKind] {
        match self {
            FacilityKind::Medical => &[RequestKind::Medical],
            FacilityKind::Dental => &[RequestKind::Dental],
            FacilityKind::MedicalDental => &[RequestKind::Medical, RequestKind::Dental],
            FacilityKind::Pharmacy => &[RequestKind::Pharmacy],
        }
    }
}

choice_enum! {
    /// 別紙2 ⑤ ⑦: how far a card reader or the network is.
    pub enum ProcurementStatus {
        Ready = ("ready", "ア 整備済み"),
        /// With the month it will be ready.
        Contracted = ("contracted", "イ 契約済み"),
        Quoting = ("quoting", "ウ 見積もり中"),
    }
}

/// ア 整備済み / イ 契約済み（N月整備予定） / ウ 見積もり中. (Its serde form is the model's,
/// for the wizard's worker; the file writes `status` and `month` apart, see validation.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Procurement {
    Ready,
    Contracted(u32),
    Quoting,
}

impl Procurement {
    pub fn status(self) -> ProcurementStatus {
        match self {
            Procurement::Ready => ProcurementStatus::Ready,
            Procurement::Contracted(_) => ProcurementStatus::Contracted,
            Procurement::Quoting => ProcurementStatus::Quoting,
        }
    }

    /// As on 別紙2: 「イ 契約済み（3月整備予定）」.
    pub fn label(self) -> String {
        match self {
            Procurement::Contracted(m) => format!("{}（{m}月整備予定）", self.status().label()),
            _ => self.status().label().into(),
        }
    }
}

choice_enum! {
    /// ⑨ ネットワーク種類.
    pub enum LineType {
        IpVpn = ("ip_vpn", "IP-VPN"),
        IpsecIke = ("ipsec_ike", "IPsec+IKE"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyTo {
    pub postal_code: String,
    pub address: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facility {
    pub name: String,
    pub name_kana: String,
    pub postal_code: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Founder {
    pub corporation_name: Option<String>,
    pub representative_title: Option<String>,
    pub name: String,
    pub name_kana: String,
    pub registration: Option<String>,
    pub postal_code: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
}

impl Founder {
    /// 別紙1's 開設者 line: 「医療法人社団さくら会 理事長 資格 花子」 for a corporation.
    pub fn signature(&self) -> String {
        [self.corporation_name.as_deref(), self.representative_title.as_deref(), Some(self.name.as_str())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardReader {
    pub status: Procurement,
    pub maker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    pub status: Procurement,
    pub provider: Option<String>,
    pub line_type: Option<LineType>,
}

/// 別紙2 II. 届出内容.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub portal_account_done: bool,
    pub usage_application_done: bool,
    pub card_reader: CardReader,
    pub network: Network,
    pub setup_start: NaiveDate,
    pub system_vendor: String,
    pub operation_start: NaiveDate,
    pub practice_start: NaiveDate,
}

/// A valid, normalised application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub bureau: String,
    /// The prefecture the facility is in, as the user chose it (v1: from the address).
    pub prefecture: String,
    /// The office that serves that prefecture (the one that receives the forms).
    pub office: String,
    pub facility_kind: FacilityKind,
    pub designation_date: NaiveDate,
    pub request_date: NaiveDate,
    /// 経過措置: no 別紙2 (第2 ただし書き), 別紙1 still needed.
    pub transitional_measure: bool,
    pub reply_to: ReplyTo,
    pub facility: Facility,
    pub founder: Founder,
    pub contact_phone: String,
    /// `None` exactly when `transitional_measure`.
    pub plan: Option<Plan>,
}

impl Application {
    /// Every text the forms print as the user typed it (normalised), with its field's path:
    /// the printed text fields of the schema that have a value, for the forms' font checks.
    pub fn printed_texts(&self) -> Vec<(&'static str, String)> {
        let model = serde_json::to_value(self).expect("the model serialises");
        FIELDS
            .iter()
            .filter(|f| f.printed != Printed::NotPrinted && f.kind.is_text())
            .filter_map(|f| {
                let pointer = format!("/{}", f.path.replace('.', "/"));
                model.pointer(&pointer).and_then(serde_json::Value::as_str).map(|text| (f.path, text.to_string()))
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The field's path in the file, e.g. `founder.name_kana` (empty for the whole file).
    pub path: String,
    /// The field's name on the form, in Japanese.
    pub label: String,
    /// What is wrong and how to fix it.
    pub message: String,
    pub severity: Severity,
}

impl Problem {
    /// An error at the field of `path`, with its label.
    pub(crate) fn error(path: &str, message: String) -> Problem {
        Problem { path: path.into(), label: fields::label_of(path).into(), message, severity: Severity::Error }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.label, self.message)
    }
}

/// The result of loading a file that has no errors: the application and its warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub application: Application,
    pub warnings: Vec<Problem>,
}

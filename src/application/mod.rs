//! The application file (format v2; v1 still loads): everything the forms 別紙1 and 別紙2 need,
//! as one JSON document, and its validation.
//!
//! Validation reports every problem at once, each naming the field by its path
//! (`founder.name_kana`) and saying in Japanese what is wrong and how to fix it. Input is
//! lenient (全角 digits, hyphens or none, ひらがな フリガナ) and the result is normalised.

mod fields;
mod validation;

pub use fields::{display, field, fields_of_page, label_of, Field, Kind, Printed, FIELDS};
pub use validation::{load, parse_date};

use chrono::NaiveDate;
use serde::Serialize;
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

/// 医科 / 歯科 / 医科歯科併設 / 薬局.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    Medical,
    Dental,
    MedicalDental,
    Pharmacy,
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

/// ア 整備済み / イ 契約済み（N月整備予定） / ウ 見積もり中.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "month")]
pub enum Procurement {
    Ready,
    Contracted(u32),
    Quoting,
}

impl Procurement {
    /// As on 別紙2: 「イ 契約済み（3月整備予定）」.
    pub fn label(self) -> String {
        match self {
            Procurement::Ready => "ア 整備済み".into(),
            Procurement::Contracted(m) => format!("イ 契約済み（{m}月整備予定）"),
            Procurement::Quoting => "ウ 見積もり中".into(),
        }
    }
}

/// ⑨ ネットワーク種類.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineType {
    IpVpn,
    IpsecIke,
}

impl LineType {
    pub fn label(self) -> &'static str {
        match self {
            LineType::IpVpn => "IP-VPN",
            LineType::IpsecIke => "IPsec+IKE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyTo {
    pub postal_code: String,
    pub address: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facility {
    pub name: String,
    pub name_kana: String,
    pub postal_code: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardReader {
    pub status: Procurement,
    pub maker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Network {
    pub status: Procurement,
    pub provider: Option<String>,
    pub line_type: Option<LineType>,
}

/// 別紙2 II. 届出内容.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// The text a field of the schema prints as the user typed it (normalised), for the forms'
    /// font checks; `None` for a field without text or without a value.
    pub fn printed_text(&self, path: &str) -> Option<String> {
        let (f, plan) = (&self.founder, self.plan.as_ref());
        let text = match path {
            "reply_to.postal_code" => &self.reply_to.postal_code,
            "reply_to.address" => &self.reply_to.address,
            "reply_to.name" => &self.reply_to.name,
            "facility.name" => &self.facility.name,
            "facility.name_kana" => &self.facility.name_kana,
            "facility.postal_code" => &self.facility.postal_code,
            "facility.address" => &self.facility.address,
            "founder.corporation_name" => f.corporation_name.as_ref()?,
            "founder.representative_title" => f.representative_title.as_ref()?,
            "founder.name" => &f.name,
            "founder.name_kana" => &f.name_kana,
            "founder.registration" => f.registration.as_ref()?,
            "founder.postal_code" => &f.postal_code,
            "founder.address" => &f.address,
            "founder.phone" => &f.phone,
            "founder.email" => f.email.as_ref()?,
            "contact_phone" => &self.contact_phone,
            "plan.card_reader.maker" => plan?.card_reader.maker.as_ref()?,
            "plan.network.provider" => plan?.network.provider.as_ref()?,
            "plan.system_vendor" => &plan?.system_vendor,
            _ => return None,
        };
        Some(text.clone())
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

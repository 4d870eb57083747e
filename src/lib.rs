//! onshi: the domain of オンライン資格確認 for newly designated clinics and pharmacies
//! (MHLW notice 保連発1226第1号・保医発1226第8号, 令和5年12月26日).
//!
//! Pure and portable: no threads or clock, and no file system but [`content::load`] (native
//! only). Builds natively and for `wasm32-unknown-unknown`; "today" is always a parameter.
//!
//! ```
//! use onshi::schedule::{compute, ScheduleInput, StepId};
//!
//! let content = onshi::content::repository(); // content/ of this repository
//! let bureau = content.bureaus.get("shikoku").unwrap();
//! let designation = "2027-03-01".parse().unwrap();
//! let input =
//!     ScheduleInput { content, bureau, office: None, designation, setup: None, today: None, transitional: false };
//! let schedule = compute(&input).unwrap();
//! // 四国: 「前々月の最初の開庁日まで」; 2027-01-01..03 are closed days.
//! assert_eq!(schedule.step(StepId::ReceptionRequest).date, Some("2027-01-04".parse().unwrap()));
//! ```

pub mod application;
pub mod bureaus;
pub mod calendar;
pub mod checklist;
pub mod content;
pub mod content_file;
pub mod era;
pub mod fnv;
pub mod ics;
pub mod iso_date;
pub mod markup;
pub mod normalize;
pub mod notice;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod prefectures;
pub mod rule;
pub mod schedule;
pub mod timeline;

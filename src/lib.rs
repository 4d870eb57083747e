//! onshi: the domain of オンライン資格確認 for newly designated clinics and pharmacies
//! (MHLW notice 保連発1226第1号・保医発1226第8号, 令和5年12月26日).
//!
//! Pure and portable: no file system, threads or clock. Builds natively and for
//! `wasm32-unknown-unknown`; "today" is always a parameter.

pub mod bureaus;
pub mod calendar;
pub mod era;
pub mod schedule;

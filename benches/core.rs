//! `cargo bench`: the core's hot paths.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use onshi::application;
use onshi::pdf::{filled_forms, FormFont};
use onshi::schedule::{compute, ScheduleInput};
use std::hint::black_box;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn benches(c: &mut Criterion) {
    let bureau = onshi::content::repository().bureaus.get("tokaihokuriku").unwrap();
    c.bench_function("schedule (東海北陸, all offices, with today)", |b| {
        b.iter(|| {
            compute(black_box(&ScheduleInput {
                content: onshi::content::repository(),
                transitional: false,
                bureau,
                office: None,
                designation: d("2027-03-01"),
                setup: Some(d("2027-02-15")),
                today: Some(d("2026-11-25")),
            }))
            .unwrap()
        })
    });
    c.bench_function("schedule (東海北陸 富山, no today)", |b| {
        let office = bureau.office("toyama");
        b.iter(|| {
            compute(black_box(&ScheduleInput {
                content: onshi::content::repository(),
                transitional: false,
                bureau,
                office,
                designation: d("2027-03-01"),
                setup: None,
                today: None,
            }))
            .unwrap()
        })
    });
    c.bench_function("closed days of a whole year (2027)", |b| {
        b.iter(|| {
            onshi::content::repository()
                .calendar
                .closed_days_between(black_box(d("2027-01-01")), black_box(d("2027-12-31")))
                .unwrap()
        })
    });
    c.bench_function("holidays 1948-2099", |b| {
        b.iter(|| {
            onshi::content::repository()
                .calendar
                .holidays_between(black_box(d("1948-07-20")), black_box(d("2099-12-31")))
                .unwrap()
        })
    });
}

fn forms(c: &mut Criterion) {
    let font =
        FormFont::from_ttf(include_bytes!("../site/static/fonts/NotoSansJP-Regular-subset.ttf").to_vec()).unwrap();
    let json = include_str!("../tests/data/example-application.json");
    c.bench_function("load and validate the example application", |b| {
        b.iter(|| application::load(black_box(json), onshi::content::repository()).unwrap())
    });
    // What the wizard does on every change of the answers (State.checked).
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    c.bench_function("validate the example as a JSON value (the wizard's check per change)", |b| {
        b.iter(|| application::load_value(black_box(&value), onshi::content::repository()).unwrap())
    });
    let app = application::load(json, onshi::content::repository()).unwrap().application;
    let bureau = onshi::content::repository().bureaus.get(&app.bureau).unwrap();
    c.bench_function("both forms of the example (3 PDFs)", |b| {
        b.iter(|| filled_forms(black_box(&app), bureau, &font).unwrap())
    });
}

criterion_group!(core, benches, forms);
criterion_main!(core);

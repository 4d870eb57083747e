//! `cargo bench`: the core's hot paths.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use onshi::bureaus::Bureaus;
use onshi::calendar;
use onshi::schedule::{compute, ScheduleInput};
use std::hint::black_box;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn benches(c: &mut Criterion) {
    let bureau = Bureaus::embedded().get("tokaihokuriku").unwrap();
    c.bench_function("schedule (東海北陸, all offices, with today)", |b| {
        b.iter(|| {
            compute(black_box(&ScheduleInput {
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
            calendar::closed_days_between(black_box(d("2027-01-01")), black_box(d("2027-12-31")))
                .unwrap()
        })
    });
    c.bench_function("holidays 1948-2099", |b| {
        b.iter(|| {
            calendar::holidays_between(black_box(d("1948-07-20")), black_box(d("2099-12-31")))
                .unwrap()
        })
    });
}

criterion_group!(core, benches);
criterion_main!(core);

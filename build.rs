//! Embeds `content/bureaus/*.toml` into the library and refuses to build when one is malformed,
//! with the file, the line and what is wrong (the same checks as the library's loader).
//!
//! The embedded bureaus are written out as Rust values (`embedded_bureaus.rs`), so that the
//! browser's copy of the library carries no TOML parser.

#[allow(dead_code)]
#[path = "src/bureaus/model.rs"]
mod model;

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/bureaus");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();

    let mut bureaus = Vec::new();
    let mut out = String::from("pub(crate) static BUREAU_FILES: &[(&str, &str)] = &[\n");
    let mut failed = false;
    for path in &entries {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = format!("content/bureaus/{}", path.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        match model::parse_bureau(&name, &text) {
            Ok(b) => bureaus.push(b),
            Err(e) => {
                println!("cargo::error={e}");
                failed = true;
            }
        }
        writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    if !failed {
        if let Err(e) = model::check_bureau_set(&bureaus) {
            println!("cargo::error={e}");
            failed = true;
        }
    }
    if failed {
        return;
    }
    bureaus.sort_by_key(|b| ORDER.iter().position(|id| *id == b.id));
    out.push_str("\n/// The bureaus of content/bureaus/, parsed and checked by build.rs.\n");
    out.push_str("pub(crate) fn embedded_list() -> Vec<Bureau> {\n    vec![\n");
    for b in &bureaus {
        writeln!(out, "        {},", b.code()).unwrap();
    }
    out.push_str("    ]\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_bureaus.rs");
    std::fs::write(dest, out).expect("write embedded_bureaus.rs");
}

/// The bureaus in their usual order (as `BUREAU_ORDER` of the library).
const ORDER: [&str; 8] =
    ["hokkaido", "tohoku", "kantoshinetsu", "tokaihokuriku", "kinki", "chugokushikoku", "shikoku", "kyushu"];

/// Rust source that constructs a value.
trait Code {
    fn code(&self) -> String;
}

impl Code for String {
    fn code(&self) -> String {
        format!("String::from({self:?})")
    }
}

impl Code for i32 {
    fn code(&self) -> String {
        format!("{self}")
    }
}

impl Code for usize {
    fn code(&self) -> String {
        format!("{self}")
    }
}

impl<T: Code> Code for Vec<T> {
    fn code(&self) -> String {
        format!("vec![{}]", self.iter().map(Code::code).collect::<Vec<_>>().join(", "))
    }
}

impl<T: Code> Code for Option<T> {
    fn code(&self) -> String {
        match self {
            Some(v) => format!("Some({})", v.code()),
            None => "None".into(),
        }
    }
}

impl<T: Code> Code for model::Known<T> {
    fn code(&self) -> String {
        match self {
            model::Known::Known(v) => format!("Known::Known({})", v.code()),
            model::Known::Unknown { span } => format!("Known::Unknown {{ span: {}..{} }}", span.start, span.end),
        }
    }
}

impl Code for model::IsoDate {
    fn code(&self) -> String {
        use chrono::Datelike;
        let d = self.0;
        format!(
            "IsoDate(chrono::NaiveDate::from_ymd_opt({}, {}, {}).expect(\"checked by build.rs\"))",
            d.year(),
            d.month(),
            d.day()
        )
    }
}

impl Code for model::PostalCode {
    fn code(&self) -> String {
        format!("PostalCode({})", self.0.code())
    }
}

impl Code for model::Phone {
    fn code(&self) -> String {
        format!("Phone({})", self.0.code())
    }
}

impl Code for model::Source {
    fn code(&self) -> String {
        format!("Source {{ title: {}, url: {}, seen: {} }}", self.title.code(), self.url.code(), self.seen.code())
    }
}

impl Code for model::DeadlineRule {
    fn code(&self) -> String {
        let day = match self.day {
            model::DaySpec::Day(n) => format!("DaySpec::Day({n})"),
            model::DaySpec::FirstOpenDay => "DaySpec::FirstOpenDay".into(),
        };
        let policy = match self.closed_day {
            model::ClosedDayPolicy::None => "None",
            model::ClosedDayPolicy::PreviousOpenDay => "PreviousOpenDay",
            model::ClosedDayPolicy::NextOpenDay => "NextOpenDay",
        };
        format!(
            "DeadlineRule {{ month_offset: {}, day: {day}, closed_day: ClosedDayPolicy::{policy} }}",
            self.month_offset
        )
    }
}

impl Code for model::DeadlineSpec {
    fn code(&self) -> String {
        let overrides: Vec<String> = self
            .overrides
            .iter()
            .map(|(m, d)| format!("(YearMonth {{ year: {}, month: {} }}, {})", m.year, m.month, d.code()))
            .collect();
        format!(
            "DeadlineSpec {{ rule: {}, wording: {}, source: {}, overrides: [{}].into_iter().collect() }}",
            self.rule.code(),
            self.wording.code(),
            self.source.code(),
            overrides.join(", ")
        )
    }
}

impl Code for model::Office {
    fn code(&self) -> String {
        format!(
            "Office {{ id: {}, name: {}, prefectures: {}, postal_code: {}, address: {}, phone: {}, source: {}, note: {}, reception_request: {}, designation_application: {} }}",
            self.id.code(),
            self.name.code(),
            self.prefectures.code(),
            self.postal_code.code(),
            self.address.code(),
            self.phone.code(),
            self.source.code(),
            self.note.code(),
            self.reception_request.code(),
            self.designation_application.code()
        )
    }
}

impl Code for model::UnknownMarker {
    fn code(&self) -> String {
        format!(
            "UnknownMarker {{ file: {}, line: {}, field: {} }}",
            self.file.code(),
            self.line.code(),
            self.field.code()
        )
    }
}

impl Code for model::Bureau {
    fn code(&self) -> String {
        format!(
            "Bureau {{ id: {}, name: {}, prefectures: {}, offices: {}, file: {}, unknowns: {} }}",
            self.id.code(),
            self.name.code(),
            self.prefectures.code(),
            self.offices.code(),
            self.file.code(),
            self.unknowns.code()
        )
    }
}

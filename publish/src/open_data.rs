//! Open data for every bureau, made by the same engine as the tables: `data/deadlines.json`
//! (every office, each of the next 24 designation months with the days between the bureau's
//! reply and ⑥, every step with its date, flags and source), its JSON Schema, and one iCalendar feed per office (`data/<office>.ics`) with the
//! firm deadlines of those months.

use super::deadlines::designation_months;
use chrono::NaiveDate;
use onshi::bureaus::{Bureau, Office};
use onshi::content::values::Source;
use onshi::content::Content;
use onshi::notice::DateRule;
use onshi::schedule::{compute, Note, ReplyWindow, Schedule, ScheduleError, ScheduleInput};
use serde::Serialize;

#[derive(Serialize)]
struct DeadlinesFile<'a> {
    bureau: BureauRef<'a>,
    computed_on: String,
    months: Vec<String>,
    offices: Vec<OfficeData>,
}

#[derive(Serialize)]
struct BureauRef<'a> {
    id: &'a str,
    name: &'a str,
    official_site: &'a str,
}

#[derive(Serialize)]
struct OfficeData {
    id: String,
    name: String,
    prefectures: Vec<String>,
    designations: Vec<DesignationData>,
}

#[derive(Serialize)]
struct DesignationData {
    designation: String,
    /// 第1 1(2) and 第3(2): the days between the bureau's reply and ⑥ ([`Schedule::reply_window`]).
    reply_window: Option<ReplyWindow>,
    steps: Vec<StepData>,
}

#[derive(Serialize)]
struct StepData {
    id: &'static str,
    title: String,
    date: Option<String>,
    approximate: bool,
    firm: bool,
    closed_day: bool,
    provisional: bool,
    rule_unknown: bool,
    citation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    bureau_source: Option<SourceRef>,
    /// The date comes from a rule this site read into the bureau's words (`inferred` in the
    /// bureau's file): the reading, for whoever uses the data to say so too.
    #[serde(skip_serializing_if = "Option::is_none")]
    inferred: Option<String>,
}

#[derive(Serialize)]
struct SourceRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seen: Option<String>,
}

fn source_ref(s: &Source) -> SourceRef {
    SourceRef { title: s.title.clone(), url: s.url.clone(), seen: s.seen.map(|d| d.to_string()) }
}

/// Every office's schedules for the 24 months after `today` (dates only; nothing judged against
/// today): computed once per build, read by the deadline tables and the data files.
pub fn office_schedules<'b>(
    content: &Content,
    bureau: &'b Bureau,
    today: NaiveDate,
) -> Result<Vec<(&'b Office, Vec<Schedule>)>, ScheduleError> {
    let months = designation_months(today);
    bureau.offices.iter().map(|o| schedules(content, bureau, o, &months).map(|s| (o, s))).collect()
}

/// One office's schedules for the months.
fn schedules(
    content: &Content,
    bureau: &Bureau,
    office: &Office,
    months: &[NaiveDate],
) -> Result<Vec<Schedule>, ScheduleError> {
    months
        .iter()
        .map(|&designation| {
            compute(&ScheduleInput {
                content,
                bureau,
                office: Some(office),
                designation,
                setup: None,
                today: None,
                transitional: false,
            })
        })
        .collect()
}

/// A bureau's data files: (path inside its folder, bytes), and the offices' feeds as
/// (office name, path) for the open-data page.
pub struct OpenData {
    pub files: Vec<(String, Vec<u8>)>,
    pub feeds: Vec<(String, String)>,
}

/// The data files of a bureau from its offices' schedules ([`office_schedules`]).
pub fn open_data(
    content: &Content,
    bureau: &Bureau,
    per_office: &[(&Office, Vec<Schedule>)],
    today: NaiveDate,
    schema: &[u8],
) -> OpenData {
    let months = designation_months(today);
    let mut offices = Vec::new();
    let mut files = Vec::new();
    let mut feeds = Vec::new();
    for (office, list) in per_office {
        let office = *office;
        let designations = list
            .iter()
            .map(|s| DesignationData {
                designation: s.designation.to_string(),
                reply_window: s.reply_window(),
                steps: s
                    .steps
                    .iter()
                    .map(|step| {
                        let bureau_source = match content.notice.step(step.id).date {
                            DateRule::Bureau { deadline, .. } => Some(source_ref(&office.deadline(deadline).source)),
                            _ => None,
                        };
                        StepData {
                            id: step.id.as_str(),
                            title: step.title.clone(),
                            date: step.date.map(|d| d.to_string()),
                            approximate: step.approximate,
                            firm: step.firm,
                            closed_day: step.closed_day,
                            provisional: step.provisional,
                            rule_unknown: step.rule_unknown,
                            citation: step.source.clone(),
                            bureau_source,
                            inferred: step.notes.iter().find_map(|n| match n {
                                Note::InferredReading(reading) => Some(reading.clone()),
                                _ => None,
                            }),
                        }
                    })
                    .collect(),
            })
            .collect();
        let path = format!("data/{}.ics", office.id);
        files.push((
            path.clone(),
            onshi::ics::office_feed(list, &bureau.name, &office.display_name(), today).into_bytes(),
        ));
        feeds.push((office.display_name(), path));
        offices.push(OfficeData {
            id: office.id.clone(),
            name: office.display_name(),
            prefectures: office.prefectures.clone(),
            designations,
        });
    }
    let data = DeadlinesFile {
        bureau: BureauRef { id: &bureau.id, name: &bureau.name, official_site: &bureau.official_site },
        computed_on: today.to_string(),
        months: months.iter().map(NaiveDate::to_string).collect(),
        offices,
    };
    let mut json = serde_json::to_vec(&data).expect("data serialises");
    json.push(b'\n');
    files.push(("data/deadlines.json".into(), json));
    files.push(("data/deadlines.schema.json".into(), schema.to_vec()));
    OpenData { files, feeds }
}

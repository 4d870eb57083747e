//! Reading an application file: every problem at once, each naming its field and saying how
//! to fix it; lenient input, normalised output.

use super::fields::field;
use super::file::{key_allowed, parse, version_of};
use super::*;
use crate::bureaus::{Bureau, DeadlineDate};
use crate::content::Content;
use crate::era::format_era_date;
use crate::normalize;
use crate::prefectures::{prefecture_in, PREFECTURES};
use crate::schedule::{FIRST_DESIGNATION, LAST_DESIGNATION};
use chrono::{Datelike, Months, NaiveDate};
use serde_json::{Map, Value};

/// Loads and validates an application file against the content (bureaus and calendar). On
/// failure, every problem (errors and warnings) in file order.
pub fn load(json: &str, content: &Content) -> Result<Loaded, Vec<Problem>> {
    let root = parse(json).map_err(|refusal| vec![refusal.problem()])?;
    load_value(&root, content)
}

/// Validates an application file already read as JSON (the wizard's answers): the same checks
/// as [`load`], without a round trip through text.
pub fn load_value(root: &Value, content: &Content) -> Result<Loaded, Vec<Problem>> {
    let version = version_of(root).map_err(|refusal| vec![refusal.problem()])?;
    let mut r = Reader { root, problems: Vec::new(), version, limits: &content.print_limits, relaxed: Vec::new() };
    let application = r.application(content);
    if r.problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(r.problems);
    }
    Ok(Loaded { application: application.expect("no errors means every field was read"), warnings: r.problems })
}

fn problem(path: &str, message: String) -> Problem {
    Problem::error(path, message)
}

fn warning(path: &str, message: String) -> Problem {
    Problem { severity: Severity::Warning, ..problem(path, message) }
}

/// `2027年4月1日` for messages about dates.
fn ja_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

struct Reader<'a> {
    root: &'a Value,
    problems: Vec<Problem>,
    version: u64,
    /// Each printed field's room on the forms (full-width characters), when the site build
    /// gave it (the wizard's page); empty otherwise, and the PDF step measures.
    limits: &'a std::collections::BTreeMap<String, usize>,
    /// Groups whose `UnlessQuoting` fields are optional: their status is ウ 見積もり中, or unreadable
    /// (its own problem says why).
    relaxed: Vec<&'static str>,
}

impl Reader<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(problem(path, message.into()));
    }

    fn warn(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(warning(path, message.into()));
    }

    /// The value at a dotted path; `None` when missing or null.
    fn value(&self, path: &str) -> Option<&Value> {
        path.split('.').try_fold(self.root, |v, key| v.get(key)).filter(|v| !v.is_null())
    }

    /// An object: refuses keys it does not know.
    fn object(&mut self, path: &str) -> Option<()> {
        let keys: Vec<String> = match self.value(path) {
            None => {
                self.error(path, "ありません。入力してください。");
                return None;
            }
            Some(Value::Object(map)) => map.keys().cloned().collect(),
            Some(_) => {
                self.error(path, "項目のまとまり（{ … }）で書いてください。");
                return None;
            }
        };
        self.unknown_keys(path, &keys);
        Some(())
    }

    fn unknown_keys(&mut self, path: &str, keys: &[String]) {
        for key in keys {
            if !key_allowed(path, key, self.version) {
                let full = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                self.problems.push(Problem {
                    label: format!("項目「{full}」"),
                    ..problem(&full, "この版のファイルにはない項目です。綴りを確かめるか、削除してください。".into())
                });
            }
        }
    }

    fn string(&mut self, path: &str, required: bool) -> Option<String> {
        match self.value(path) {
            None if required => {
                self.error(path, "入力してください。");
                None
            }
            None => None,
            Some(Value::String(s)) if s.trim().is_empty() && !required => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.error(path, "文字で入力してください。");
                None
            }
        }
    }

    /// Whether a field must have a value here (the schema's rule; `UnlessQuoting` follows its
    /// group's status).
    fn required(&self, field: &Field) -> bool {
        match field.required {
            Required::Always | Required::UnlessTransitional => true,
            Required::Optional | Required::WhenContracted => false,
            Required::UnlessQuoting => !self.relaxed.contains(&field.parent()),
        }
    }

    /// A text field of the schema, passed through its kind's normaliser.
    fn text(&mut self, path: &str) -> Option<String> {
        let field = field(path).expect("a field of the schema");
        let normalise = field.kind.normaliser().expect("a text field");
        let raw = self.string(path, self.required(field))?;
        match normalise(&raw) {
            Ok(v) => {
                // Too long for its box on the forms: said here, on the page that asks for it.
                // Half-width characters count a quarter (the narrowest they print), so nothing
                // that would fit is refused.
                if let Some(limit) = self.limits.get(path) {
                    let width: f32 = v.chars().map(|c| if c.is_ascii() { 0.25 } else { 1.0 }).sum();
                    if width > *limit as f32 {
                        self.error(
                            path,
                            format!(
                                "{}文字あり、用紙の欄に収まりません。全角でおよそ{limit}文字までにしてください。",
                                v.chars().count()
                            ),
                        );
                        return None;
                    }
                }
                Some(v)
            }
            Err(message) => {
                self.error(path, message);
                None
            }
        }
    }

    fn boolean(&mut self, path: &str) -> Option<bool> {
        match self.value(path) {
            Some(Value::Bool(b)) => Some(*b),
            None => {
                self.error(path, "「はい」か「いいえ」を選んでください（true / false）。");
                None
            }
            Some(_) => {
                self.error(path, "true か false で書いてください。");
                None
            }
        }
    }

    fn date(&mut self, path: &str) -> Option<NaiveDate> {
        let raw = self.string(path, true)?;
        match parse_date(&raw) {
            Ok(d) => Some(d),
            Err(message) => {
                self.error(path, message);
                None
            }
        }
    }

    /// One of a field's choices (the schema's list), as its typed value.
    fn choice<T>(&mut self, path: &str, from_key: fn(&str) -> Option<T>) -> Option<T> {
        let Some(Kind::Choice(choices)) = field(path).map(|f| f.kind) else { panic!("{path} is a choice") };
        let raw = self.string(path, true)?;
        match from_key(&raw) {
            Some(v) => Some(v),
            None => {
                let list: Vec<String> = choices.iter().map(|c| format!("{}（{}）", c.key, c.label)).collect();
                self.error(path, format!("「{raw}」は選べません。{} のどれかにしてください。", list.join("、")));
                None
            }
        }
    }

    fn procurement(&mut self, path: &str) -> Option<Procurement> {
        self.object(path)?;
        let status = self.choice(&format!("{path}.status"), ProcurementStatus::from_key);
        let month_path = format!("{path}.month");
        let month = match self.value(&month_path) {
            None => None,
            Some(Value::Number(n)) if n.as_u64().is_some_and(|m| (1..=12).contains(&m)) => n.as_u64().map(|m| m as u32),
            Some(v) => {
                let v = v.to_string();
                self.error(&month_path, format!("{v} は月になりません。1〜12 の数で書いてください。"));
                return None;
            }
        };
        match (status?, month) {
            (ProcurementStatus::Contracted, Some(m)) => Some(Procurement::Contracted(m)),
            (ProcurementStatus::Contracted, None) => {
                self.error(&month_path, "イ 契約済み のときは整備予定の月（1〜12）を入力してください。");
                None
            }
            (ProcurementStatus::Ready | ProcurementStatus::Quoting, Some(_)) => {
                self.error(&month_path, "整備予定の月は イ 契約済み のときだけ入力します。空にしてください。");
                None
            }
            (ProcurementStatus::Ready, None) => Some(Procurement::Ready),
            (ProcurementStatus::Quoting, None) => Some(Procurement::Quoting),
        }
    }

    fn application(&mut self, content: &Content) -> Option<Application> {
        let bureaus = &content.bureaus;
        let keys: Vec<String> = self.root.as_object().map(Map::keys).into_iter().flatten().cloned().collect();
        self.unknown_keys("", &keys);

        let bureau_id = self.string("bureau", true);
        let bureau: Option<&Bureau> = match bureau_id.as_deref() {
            Some(id) => match bureaus.get(id) {
                Some(b) => Some(b),
                None => {
                    let ids: Vec<&str> = bureaus.iter().map(|b| b.id.as_str()).collect();
                    self.error(
                        "bureau",
                        format!("「{id}」という局はありません。{} のどれかにしてください。", ids.join("、")),
                    );
                    None
                }
            },
            None => None,
        };
        let facility_kind = self.choice("facility_kind", FacilityKind::from_key);
        let designation_date = self.date("designation_date");
        if let Some(d) = designation_date.filter(|d| d.day() != 1) {
            self.error(
                "designation_date",
                format!(
                    "{} は月の1日ではありません。指定日は原則として月の1日です（例：{}年{}月1日）。",
                    ja_date(d),
                    d.year(),
                    d.month()
                ),
            );
        }
        if let Some(d) = designation_date.filter(|d| !(FIRST_DESIGNATION..=LAST_DESIGNATION).contains(d)) {
            self.error(
                "designation_date",
                format!(
                    "{} は扱えません。この手続が始まった{}から{}までの月の1日にしてください。",
                    ja_date(d),
                    ja_date(FIRST_DESIGNATION),
                    ja_date(LAST_DESIGNATION)
                ),
            );
        }
        let request_date = self.date("request_date");
        if let Some(req) = request_date.filter(|r| *r < FIRST_REQUEST_DATE) {
            self.error(
                "request_date",
                format!("{} は扱えません。{}以降の日付にしてください。", ja_date(req), ja_date(FIRST_REQUEST_DATE)),
            );
        }
        if let (Some(req), Some(des)) = (request_date, designation_date) {
            if req > des {
                self.error(
                    "request_date",
                    format!("指定希望日（{}）より後です。指定希望日より前の日付にしてください。", ja_date(des)),
                );
            } else if des.checked_sub_months(Months::new(4)).is_some_and(|limit| req < limit) {
                // 第1 1(1): a request made at a time found not appropriate is returned. The notice
                // names no time; four months is this site's own threshold for a warning.
                self.warn(
                    "request_date",
                    format!(
                        "指定希望日（{}）の4か月より前です。通知は、適切でないと認められる時期の依頼は返戻するとしています（第1 1(1)）。依頼を受け付ける時期を提出先の事務所に確かめてください（4か月はこの案内の目安です）。",
                        ja_date(des)
                    ),
                );
            }
        }
        let transitional_measure = self.boolean("transitional_measure");

        let reply_to = self.object("reply_to").and_then(|_| {
            let postal_code = self.text("reply_to.postal_code");
            let address = self.text("reply_to.address");
            let name = self.text("reply_to.name");
            Some(ReplyTo { postal_code: postal_code?, address: address?, name: name? })
        });
        let facility = self.object("facility").and_then(|_| {
            let name = self.text("facility.name");
            let name_kana = self.text("facility.name_kana");
            let postal_code = self.text("facility.postal_code");
            let address = self.text("facility.address");
            Some(Facility { name: name?, name_kana: name_kana?, postal_code: postal_code?, address: address? })
        });
        let founder = self.object("founder").and_then(|_| {
            let corporation_name = self.text("founder.corporation_name");
            let representative_title = self.text("founder.representative_title");
            match (&corporation_name, &representative_title) {
                (Some(_), None) => self.error(
                    "founder.representative_title",
                    "法人の場合は代表者の職名（例：理事長）を入力してください。",
                ),
                (None, Some(_)) => self.error(
                    "founder.corporation_name",
                    "代表者の職名があるときは法人の名称を入力してください。個人の開設者なら職名を空にしてください。",
                ),
                _ => {}
            }
            let name = self.text("founder.name");
            let name_kana = self.text("founder.name_kana");
            let registration = self.text("founder.registration");
            let postal_code = self.text("founder.postal_code");
            let address = self.text("founder.address");
            let phone = self.text("founder.phone");
            let email = self.text("founder.email");
            Some(Founder {
                corporation_name,
                representative_title,
                name: name?,
                name_kana: name_kana?,
                registration,
                postal_code: postal_code?,
                address: address?,
                phone: phone?,
                email,
            })
        });
        let contact_phone = self.text("contact_phone");

        // 第2: no 導入計画書 under 経過措置.
        let plan = match transitional_measure {
            Some(false) => self.plan(designation_date),
            _ => None,
        };

        let prefecture = self.prefecture(facility.as_ref());
        let office = match (bureau, &prefecture, &facility) {
            (Some(bureau), Some(prefecture), Some(facility)) => {
                self.check_prefecture(content, bureau, prefecture, facility, designation_date, request_date)
            }
            _ => None,
        };

        Some(Application {
            bureau: bureau?.id.clone(),
            prefecture: prefecture?,
            office: office?,
            facility_kind: facility_kind?,
            designation_date: designation_date?,
            request_date: request_date?,
            transitional_measure: transitional_measure?,
            reply_to: reply_to?,
            facility: facility?,
            founder: founder?,
            contact_phone: contact_phone?,
            plan: if transitional_measure? { None } else { Some(plan?) },
        })
    }

    fn plan(&mut self, designation_date: Option<NaiveDate>) -> Option<Plan> {
        if self.value("plan").is_none() {
            self.error("plan", "経過措置でない場合は導入計画書（別紙2）の内容が必要です。入力してください。");
            return None;
        }
        self.object("plan")?;
        let portal_account_done = self.boolean("plan.portal_account_done");
        let usage_application_done = self.boolean("plan.usage_application_done");
        let card_status = self.procurement("plan.card_reader");
        if matches!(card_status, Some(Procurement::Quoting) | None) {
            self.relaxed.push("plan.card_reader");
        }
        let maker = self.text("plan.card_reader.maker");
        let network_status = self.procurement("plan.network");
        if matches!(network_status, Some(Procurement::Quoting) | None) {
            self.relaxed.push("plan.network");
        }
        let provider = self.text("plan.network.provider");
        let line_type = match self.value("plan.network.line_type") {
            None if self.relaxed.contains(&"plan.network") => None,
            _ => self.choice("plan.network.line_type", LineType::from_key),
        };
        let setup_start = self.date("plan.setup_start");
        let system_vendor = self.text("plan.system_vendor");
        let operation_start = self.date("plan.operation_start");
        let practice_start = self.date("plan.practice_start");
        if let Some(designation) = designation_date {
            let (from, to) = (
                designation.checked_sub_months(Months::new(24)).unwrap_or(designation),
                designation.checked_add_months(Months::new(24)).unwrap_or(designation),
            );
            for (path, date) in [
                ("plan.setup_start", setup_start),
                ("plan.operation_start", operation_start),
                ("plan.practice_start", practice_start),
            ] {
                if let Some(d) = date.filter(|d| !(from..=to).contains(d)) {
                    self.error(
                        path,
                        format!(
                            "{} は指定希望日（{}）から2年以上離れています。{}から{}までの日付にしてください。",
                            ja_date(d),
                            ja_date(designation),
                            ja_date(from),
                            ja_date(to)
                        ),
                    );
                }
            }
        }

        if let (Some(setup), Some(operation)) = (setup_start, operation_start) {
            if setup > operation {
                self.error(
                    "plan.setup_start",
                    format!(
                        "運用開始（予定）日（{}）より後です。導入作業は運用開始より前の日にしてください。",
                        ja_date(operation)
                    ),
                );
            }
        }
        if let (Some(operation), Some(practice)) = (operation_start, practice_start) {
            if operation > practice {
                self.warn(
                    "plan.operation_start",
                    format!("診療・調剤開始（予定）日（{}）より後です。開始日からオンライン資格確認を使えるよう、運用開始を早めてください。", ja_date(practice)),
                );
            }
        }
        if let (Some(practice), Some(designation)) = (practice_start, designation_date) {
            if practice != designation {
                self.warn(
                    "plan.practice_start",
                    format!(
                        "指定希望日（{}）と違います。診療・調剤開始日は通常、指定日と同じです。",
                        ja_date(designation)
                    ),
                );
            }
        }
        if let Some(designation) = designation_date {
            for (path, status) in [("plan.card_reader.month", card_status), ("plan.network.month", network_status)] {
                if let Some(Procurement::Contracted(m)) = status {
                    if !planned_month_before(m, designation) {
                        self.warn(
                            path,
                            format!("{m}月の整備では指定日（{}）に間に合わないおそれがあります。指定日より前の月に整備してください。", ja_date(designation)),
                        );
                    }
                }
            }
        }

        Some(Plan {
            portal_account_done: portal_account_done?,
            usage_application_done: usage_application_done?,
            card_reader: CardReader { status: card_status?, maker },
            network: Network { status: network_status?, provider, line_type },
            setup_start: setup_start?,
            system_vendor: system_vendor?,
            operation_start: operation_start?,
            practice_start: practice_start?,
        })
    }

    /// The prefecture: version 2 names it; version 1 takes it from the facility's address.
    fn prefecture(&mut self, facility: Option<&Facility>) -> Option<String> {
        if self.version >= 2 {
            let raw = self.string("prefecture", true)?;
            let name = normalize::text(&raw).unwrap_or(raw);
            if PREFECTURES.contains(&name.as_str()) {
                return Some(name);
            }
            self.error(
                "prefecture",
                format!("「{name}」は都道府県名ではありません。「富山県」「東京都」のように書いてください。"),
            );
            return None;
        }
        let address = facility.map(|f| f.address.as_str())?;
        match prefecture_in(address) {
            Some(p) => Some(p.to_string()),
            None => {
                self.error(
                    "prefecture",
                    "版1のファイルで、所在地から都道府県が分かりません。所在地を「石川県金沢市…」のように都道府県から書いてください（または版2の prefecture を加えてください）。",
                );
                None
            }
        }
    }

    /// The bureau must serve the prefecture and the address must lie in it; a request after
    /// the office's deadline is returned (第1 1(1)). Returns the office that serves it.
    fn check_prefecture(
        &mut self,
        content: &Content,
        bureau: &Bureau,
        prefecture: &str,
        facility: &Facility,
        designation: Option<NaiveDate>,
        request: Option<NaiveDate>,
    ) -> Option<String> {
        let (right, office) = content.bureaus.for_prefecture(prefecture)?;
        match prefecture_in(&facility.address) {
            Some(in_address) if in_address != prefecture => {
                self.error(
                    "facility.address",
                    format!(
                        "所在地は{in_address}ですが、所在地の都道府県（prefecture）は{prefecture}です。どちらかを直してください。"
                    ),
                );
                return None;
            }
            Some(_) => {}
            None => self.warn(
                "facility.address",
                format!(
                    "所在地が都道府県名で始まっていません。「{prefecture}…」のように都道府県から書くと確かめられます。"
                ),
            ),
        }
        if right.id != bureau.id {
            self.error(
                "bureau",
                format!(
                    "{prefecture}は{}の管轄ではありません。{}（{}）を選んでください。",
                    bureau.name, right.name, right.id
                ),
            );
            return None;
        }
        if let (Some(designation), Some(request)) = (designation, request) {
            let deadline = match office.reception_request.deadline(designation, &content.calendar) {
                Ok(DeadlineDate::Rule { date, .. } | DeadlineDate::Published { date }) => Some(date),
                _ => None,
            };
            if let Some(deadline) = deadline.filter(|d| request > *d) {
                self.warn(
                    "request_date",
                    format!(
                        "{}の提出期限（{}）より後です。この指定希望日では返戻されるおそれがあります。指定希望日を遅らせることを検討してください。",
                        office.display_name(),
                        format_era_date(deadline)
                    ),
                );
            }
        }
        Some(office.id.clone())
    }
}

/// Whether month `m` (1–12) as written on 別紙2 (no year) is one of the six months before the
/// designation month; the designation month itself or a later one is too late.
fn planned_month_before(m: u32, designation: NaiveDate) -> bool {
    let months_before = (designation.month() + 12 - m) % 12;
    (1..=6).contains(&months_before)
}

//! `content/bureaus/<id>.toml` as written, and its checked loader: the file's own shapes
//! (`BureauFile`, `OfficeFile`, `DeadlineEntryFile`) keep where each value stands, for messages
//! with the line; [`parse_bureau`] turns them into the model's values (`model.rs`).

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use toml::Spanned;

use super::model::*;
use crate::content::values::{Confirmed, Source, YearMonth};
use crate::content_file::{japanese, line_of, ContentError, LineIndex};
use crate::prefectures::PREFECTURES;
use crate::rule::{DeadlineKind, DeadlineRule};

/// A deadline as written in a file: the rule keeps where it stands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineEntryFile {
    rule: Spanned<Confirmed<DeadlineRule>>,
    wording: Option<String>,
    how: Option<String>,
    inferred: Option<Spanned<String>>,
    source: Spanned<Source>,
    overrides: Option<Spanned<PublishedDates>>,
}

/// `overrides = { "2027-03" = 2027-01-05 }` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
struct PublishedDates(#[serde(with = "crate::iso_date::values")] BTreeMap<YearMonth, NaiveDate>);

impl DeadlineEntryFile {
    fn checked(&self) -> DeadlineEntry {
        DeadlineEntry {
            rule: self.rule.get_ref().clone(),
            wording: self.wording.clone(),
            how: self.how.clone(),
            inferred: self.inferred.as_ref().map(|i| sentence(i.get_ref())),
            source: self.source.get_ref().clone(),
            overrides: self.overrides.as_ref().map(|o| o.get_ref().0.clone()).unwrap_or_default(),
        }
    }

    /// Where its source's date, its published months and its reading stand, for `site check`.
    fn markers(&self, field: &str, markers: &mut Markers) {
        if let Some(seen) = self.source.get_ref().seen {
            markers.sources.push((self.source.span(), format!("{field}.source"), seen));
        }
        if let Some(o) = &self.overrides {
            markers.overrides.push((o.span(), format!("{field}.overrides"), o.get_ref().0.keys().copied().collect()));
        }
        if let Some(i) = &self.inferred {
            markers.inferred.push((
                i.span(),
                format!("{field}.inferred"),
                sentence(i.get_ref()),
                self.source.get_ref().clone(),
            ));
        }
    }

    /// An `inferred` reading needs a rule that was read and the words it was read from.
    fn check_inferred(&self, field: &str) -> Result<(), (Range<usize>, String)> {
        let Some(inferred) = &self.inferred else { return Ok(()) };
        let message = if inferred.get_ref().trim().is_empty() {
            format!("{field}.inferred が空です。局の文言から読み取ったことを書くか、inferred の行を消してください")
        } else if self.rule.get_ref().value().is_none() {
            format!("{field}.inferred は rule が \"unknown\" のときは書けません。読み取った rule を書くか、inferred の行を消してください")
        } else if self.wording.is_none() {
            format!(
                "{field}.inferred には、読み取りのもとにした局の文言（wording）が要ります。wording を書いてください"
            )
        } else {
            return Ok(());
        };
        Err((inferred.span(), message))
    }
}

/// Words staff wrote, trimmed and ending as a sentence (「…と読んでいます。」), to be followed by
/// another.
fn sentence(words: &str) -> String {
    let words = words.trim();
    if words.ends_with(['。', '．', '.', '！', '？']) {
        words.to_string()
    } else {
        format!("{words}。")
    }
}

/// Where the values `site check` lists stand in a file, as they are found.
#[derive(Default)]
struct Markers {
    sources: Vec<(Range<usize>, String, NaiveDate)>,
    overrides: Vec<(Range<usize>, String, Vec<YearMonth>)>,
    inferred: Vec<(Range<usize>, String, String, Source)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BureauFile {
    id: Spanned<String>,
    name: String,
    prefectures: Spanned<Vec<String>>,
    official_site: Spanned<String>,
    designation_page: Option<Spanned<Source>>,
    reception_request: Option<DeadlineEntryFile>,
    designation_application: Option<DeadlineEntryFile>,
    #[serde(default)]
    office: Vec<OfficeFile>,
}

impl OfficeFile {
    fn deadline(&self, kind: DeadlineKind) -> &Option<DeadlineEntryFile> {
        match kind {
            DeadlineKind::ReceptionRequest => &self.reception_request,
            DeadlineKind::DesignationApplication => &self.designation_application,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeFile {
    id: Spanned<String>,
    name: Spanned<Confirmed<String>>,
    prefectures: Spanned<Vec<String>>,
    postal_code: Spanned<Confirmed<PostalCode>>,
    address: Spanned<Confirmed<String>>,
    phone: Spanned<Confirmed<Phone>>,
    source: Option<Spanned<Source>>,
    contact_source: Option<Spanned<Source>>,
    #[serde(default)]
    note: Option<String>,
    reception_request: Option<DeadlineEntryFile>,
    designation_application: Option<DeadlineEntryFile>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Parses and checks one bureau file. `file` is the name used in messages
/// (e.g. `content/bureaus/tohoku.toml`); the bureau id must equal the file's stem.
pub fn parse_bureau(file: &str, text: &str) -> Result<Bureau, ContentError> {
    let err = |span: Option<Range<usize>>, message: String| ContentError {
        file: file.to_string(),
        line: span.map(|s| line_of(text, s.start)),
        message,
    };
    let raw: BureauFile = toml::from_str(text).map_err(|e| err(e.span(), japanese(e.message())))?;

    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".toml");
    if !is_id(raw.id.get_ref()) || raw.id.get_ref() != stem {
        return Err(err(
            Some(raw.id.span()),
            format!("id「{}」はファイル名（{stem}.toml）と同じ英小文字にしてください", raw.id.get_ref()),
        ));
    }
    check_prefectures(&raw.prefectures).map_err(|m| err(Some(raw.prefectures.span()), m))?;
    if !raw.official_site.get_ref().starts_with("https://") {
        return Err(err(
            Some(raw.official_site.span()),
            format!(
                "official_site「{}」は https:// で始まる局のページのアドレスにしてください",
                raw.official_site.get_ref()
            ),
        ));
    }
    if raw.office.is_empty() {
        return Err(err(None, "事務所が一つもありません。[[office]] を一つ以上書いてください".into()));
    }

    // The bureau's own deadlines, which offices without theirs inherit.
    let bureau_deadline = |kind: DeadlineKind| match kind {
        DeadlineKind::ReceptionRequest => &raw.reception_request,
        DeadlineKind::DesignationApplication => &raw.designation_application,
    };
    let mut unknowns: Vec<(Range<usize>, String)> = Vec::new();
    let spec_unknown = |spec: &Option<DeadlineEntryFile>| spec.as_ref().and_then(|s| unknown_span(&s.rule));
    let mut markers = Markers::default();
    if let Some(page) = &raw.designation_page {
        if let Some(seen) = page.get_ref().seen {
            markers.sources.push((page.span(), "designation_page".into(), seen));
        }
    }
    for kind in DeadlineKind::ALL {
        if let Some(span) = spec_unknown(bureau_deadline(kind)) {
            unknowns.push((span, format!("{}.rule", kind.key())));
        }
        if let Some(spec) = bureau_deadline(kind) {
            spec.check_inferred(kind.key()).map_err(|(span, m)| err(Some(span), m))?;
            spec.markers(kind.key(), &mut markers);
        }
    }
    let mut seen_ids = BTreeSet::new();
    let mut served: BTreeMap<String, String> = BTreeMap::new();
    let mut offices = Vec::with_capacity(raw.office.len());
    for o in raw.office {
        let id = o.id.get_ref().clone();
        if !is_id(&id) {
            return Err(err(Some(o.id.span()), format!("事務所の id「{id}」は英小文字・数字・_ で書いてください")));
        }
        if !seen_ids.insert(id.clone()) {
            return Err(err(Some(o.id.span()), format!("事務所の id「{id}」が重複しています")));
        }
        check_prefectures(&o.prefectures).map_err(|m| err(Some(o.prefectures.span()), m))?;
        for p in o.prefectures.get_ref() {
            if !raw.prefectures.get_ref().contains(p) {
                return Err(err(Some(o.prefectures.span()), format!("{p} はこの局の管轄（prefectures）にありません")));
            }
            if let Some(other) = served.insert(p.clone(), id.clone()) {
                return Err(err(
                    Some(o.prefectures.span()),
                    format!("{p} を事務所「{other}」と「{id}」の両方が受け持っています。一つにしてください"),
                ));
            }
        }
        let contact_known = [
            o.postal_code.get_ref().value().is_some(),
            o.address.get_ref().value().is_some(),
            o.phone.get_ref().value().is_some(),
        ];
        if contact_known.contains(&true) {
            match &o.contact_source {
                Some(src) if src.get_ref().url.is_some() && src.get_ref().seen.is_some() => {}
                Some(src) => {
                    return Err(err(
                        Some(src.span()),
                        format!("事務所「{id}」の contact_source には url（ページのアドレス）と seen（ページの日付）を書いてください。所在地・電話番号はその日付とともに公開します"),
                    ))
                }
                None => {
                    return Err(err(
                        Some(o.id.span()),
                        format!("事務所「{id}」の所在地・電話番号に出典がありません。contact_source = {{ url = \"https://…\", seen = 2024-01-01 }} を書くか、分からなければ \"unknown\" にしてください"),
                    ))
                }
            }
        }
        let prefix = format!("office.{id}");
        for (source, field) in [(&o.source, "source"), (&o.contact_source, "contact_source")] {
            if let Some(src) = source {
                if let Some(seen) = src.get_ref().seen {
                    markers.sources.push((src.span(), format!("{prefix}.{field}"), seen));
                }
            }
        }
        for kind in DeadlineKind::ALL {
            if let Some(spec) = o.deadline(kind) {
                let field = format!("{prefix}.{kind}");
                spec.check_inferred(&field).map_err(|(span, m)| err(Some(span), m))?;
                spec.markers(&field, &mut markers);
            }
        }
        for (span, field) in [
            (unknown_span(&o.name), "name"),
            (unknown_span(&o.postal_code), "postal_code"),
            (unknown_span(&o.address), "address"),
            (unknown_span(&o.phone), "phone"),
        ] {
            if let Some(span) = span {
                unknowns.push((span, format!("{prefix}.{field}")));
            }
        }
        for kind in DeadlineKind::ALL {
            if let Some(span) = spec_unknown(o.deadline(kind)) {
                unknowns.push((span, format!("{prefix}.{kind}.rule")));
            }
        }
        // Each deadline: the office's own, else the bureau's.
        let mut effective = Vec::with_capacity(DeadlineKind::ALL.len());
        for kind in DeadlineKind::ALL {
            let spec = o.deadline(kind).as_ref().or(bureau_deadline(kind).as_ref()).ok_or_else(|| {
                let key = kind.key();
                err(
                    Some(o.id.span()),
                    format!("事務所「{id}」の {key} がありません。事務所か局全体に [{key}] を書いてください（不明なら rule = \"unknown\"）"),
                )
            })?;
            effective.push(spec.checked());
        }
        let [reception_request, designation_application]: [DeadlineEntry; 2] =
            effective.try_into().expect("one spec per kind");
        offices.push(Office {
            reception_request,
            designation_application,
            id,
            name: o.name.into_inner(),
            prefectures: o.prefectures.into_inner(),
            postal_code: o.postal_code.into_inner(),
            address: o.address.into_inner(),
            phone: o.phone.into_inner(),
            source: o.source.map(Spanned::into_inner),
            contact_source: o.contact_source.map(Spanned::into_inner),
            note: o.note,
        });
    }
    if let Some(p) = raw.prefectures.get_ref().iter().find(|p| !served.contains_key(*p)) {
        return Err(err(Some(raw.prefectures.span()), format!("{p} を受け持つ事務所がありません")));
    }
    unknowns.sort_by_key(|(span, _)| span.start);
    let lines = LineIndex::new(text);
    Ok(Bureau {
        id: raw.id.into_inner(),
        name: raw.name,
        prefectures: raw.prefectures.into_inner(),
        official_site: raw.official_site.into_inner(),
        designation_page: raw.designation_page.map(Spanned::into_inner),
        offices,
        file: file.to_string(),
        unknowns: unknowns
            .into_iter()
            .map(|(span, field)| UnknownMarker { file: file.to_string(), line: lines.line(span.start), field })
            .collect(),
        dated_sources: markers
            .sources
            .into_iter()
            .map(|(span, field, seen)| DatedSource {
                file: file.to_string(),
                line: lines.line(span.start),
                field,
                seen,
            })
            .collect(),
        published_months: markers
            .overrides
            .into_iter()
            .map(|(span, field, months)| PublishedMonths {
                file: file.to_string(),
                line: lines.line(span.start),
                field,
                months,
            })
            .collect(),
        inferred_rules: markers
            .inferred
            .into_iter()
            .map(|(span, field, reading, source)| InferredRule {
                file: file.to_string(),
                line: lines.line(span.start),
                field,
                reading,
                source,
            })
            .collect(),
    })
}

fn unknown_span<T>(k: &Spanned<Confirmed<T>>) -> Option<Range<usize>> {
    match k.get_ref() {
        Confirmed::Unconfirmed => Some(k.span()),
        Confirmed::Value(_) => None,
    }
}

fn check_prefectures(list: &Spanned<Vec<String>>) -> Result<(), String> {
    if list.get_ref().is_empty() {
        return Err("prefectures が空です。受け持つ都道府県を書いてください".into());
    }
    let mut seen = BTreeSet::new();
    for p in list.get_ref() {
        if !PREFECTURES.contains(&p.as_str()) {
            return Err(format!("「{p}」は都道府県名ではありません。「宮城県」「東京都」のように書いてください"));
        }
        if !seen.insert(p) {
            return Err(format!("{p} が二度書かれています"));
        }
    }
    Ok(())
}

/// Checks a whole set of bureau files together: every prefecture of Japan belongs to exactly
/// one bureau.
pub fn check_bureau_set(bureaus: &[Bureau]) -> Result<(), ContentError> {
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for b in bureaus {
        for p in &b.prefectures {
            if let Some(other) = owner.insert(p, &b.id) {
                return Err(ContentError {
                    file: b.file.clone(),
                    line: None,
                    message: format!("{p} が {other} と {} の両方の管轄になっています", b.id),
                });
            }
        }
    }
    if let Some(p) = PREFECTURES.iter().find(|p| !owner.contains_key(*p)) {
        return Err(ContentError {
            file: "content/bureaus".into(),
            line: None,
            message: format!("{p} がどの局の管轄にもありません"),
        });
    }
    Ok(())
}

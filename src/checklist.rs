//! After the PDFs: what to hand in, to whom, by when and how, then the steps at the portal —
//! all from the content (the office's address and how it takes documents, the notice's
//! portal) and the facility's schedule.

use crate::application::FacilityKind;
use crate::bureaus::{Bureau, Office};
use crate::notice::Notice;
use crate::rule::DeadlineKind;
use crate::schedule::{Note, Schedule, StepId};
use serde::Serialize;

/// One thing to hand in or do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// What: 「受付番号情報提供依頼書（別紙1・医科）」.
    pub what: String,
    /// To whom: the office with its address when the content has it, else where to look.
    pub to: String,
    /// The page that says so (the bureau's own site when the office's address is not known).
    pub link: Option<String>,
    /// When, in the words of the step's nature (`Step::when`: 「…まで」, 「…ごろから」, …).
    pub by: String,
    /// How, in the bureau's words, or where to ask.
    pub how: String,
    /// What to keep in mind, when there is something: for ⑥, a short window after the bureau's
    /// reply (the schedule's note) and the office to ask.
    pub note: Option<String>,
}

/// The checklist: each document for the bureau, then the portal steps (⑥⑦⑧).
pub fn checklist(
    notice: &Notice,
    bureau: &Bureau,
    office: &Office,
    schedule: &Schedule,
    kind: FacilityKind,
) -> Vec<ChecklistItem> {
    let by = |id: StepId| schedule.step(id).when().unwrap_or_else(|| "日付は予定表をご覧ください".into());
    let address = match (office.postal_code.value(), office.address.value()) {
        (Some(p), Some(a)) => format!("〒{} {a}", p.as_str()),
        (None, Some(a)) => a.clone(),
        _ => String::new(),
    };
    let (to, link) = if address.is_empty() {
        (
            format!("{}（所在地は{}のウェブサイトで確認してください）", office.display_name(), bureau.name),
            Some(bureau.official_site.clone()),
        )
    } else {
        let seen = office.contact_source.as_ref().and_then(|s| s.seen).map(crate::era::format_era_date);
        let note = seen.map(|s| format!("（{s}時点の局の掲載。提出前にご確認ください）")).unwrap_or_default();
        (
            format!("{} {address}{note}", office.display_name()),
            office.contact_source.as_ref().and_then(|s| s.url.clone()),
        )
    };
    let how = |spec_how: &Option<String>| {
        spec_how
            .clone()
            .unwrap_or_else(|| format!("提出の方法（持参・郵送など）は{}に確認してください", office.display_name()))
    };
    let mut items = Vec::new();
    for request in kind.request_kinds() {
        let what = match kind {
            FacilityKind::MedicalDental => format!("受付番号情報提供依頼書兼回答書（別紙1・{}）", request.label()),
            _ => "受付番号情報提供依頼書兼回答書（別紙1）".to_string(),
        };
        items.push(ChecklistItem {
            what,
            to: to.clone(),
            link: link.clone(),
            by: by(StepId::ReceptionRequest),
            how: how(&office.deadline(DeadlineKind::ReceptionRequest).how),
            note: None,
        });
    }
    let what = if schedule.transitional {
        "保険医療機関等の指定申請書と、オンライン資格確認導入の猶予届出書（経過措置）"
    } else {
        "保険医療機関等の指定申請書と、オンライン資格確認の導入計画書（別紙2）"
    };
    items.push(ChecklistItem {
        what: what.into(),
        to: to.clone(),
        link: link.clone(),
        by: by(StepId::DesignationApplication),
        how: how(&office.deadline(DeadlineKind::DesignationApplication).how),
        note: None,
    });
    // The steps at the portal, with the 受付番号 the bureau sends back.
    let portal = &notice.portal;
    let contact = format!("{} {}（{}）、{}", portal.name, portal.phone, portal.hours, portal.email);
    // ⑥: how it is submitted (別添2 3-2) and, when the reply may come late (第1 1(2)), what to
    // have ready and whom to ask from which day.
    let submit = schedule.step(StepId::ReceptionSubmit);
    let window = submit.notes.iter().find(|n| matches!(n, Note::ShortReplyWindow { .. }));
    let ask = match office.phone.value() {
        Some(phone) => format!("問い合わせ先：{}（電話 {}）", office.display_name(), phone.as_str()),
        None => format!(
            "問い合わせ先：{}（電話番号は{}のウェブサイトで確認してください）",
            office.display_name(),
            bureau.name
        ),
    };
    items.push(ChecklistItem {
        what: submit.title.clone(),
        to: contact.clone(),
        link: Some(portal.submission_url.clone()),
        by: by(StepId::ReceptionSubmit),
        how: format!("実施機関の案内の方法で（{}）：{}", portal.submission_citation, portal.submission_url),
        note: window.map(|n| format!("{}{ask}", n.text())),
    });
    for id in [StepId::PortalAccount, StepId::UsageApplication] {
        let step = schedule.step(id);
        items.push(ChecklistItem {
            what: step.title.clone(),
            to: contact.clone(),
            link: Some(portal.url.clone()),
            by: by(id),
            how: format!("{}で（{}）", portal.name, portal.citation),
            note: None,
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{compute, ScheduleInput};

    #[test]
    fn what_to_whom_by_when_and_how() {
        let content = crate::content::repository();
        let schedule_for = |bureau: &str, office: &str, transitional: bool| {
            let b = content.bureaus.get(bureau).unwrap();
            let o = b.office(office).unwrap();
            let s = compute(&ScheduleInput {
                content,
                bureau: b,
                office: Some(o),
                designation: "2027-03-01".parse().unwrap(),
                setup: None,
                today: None,
                transitional,
            })
            .unwrap();
            (b, o, s)
        };
        // 中国四国・鳥取: the address of 2020-01-15; 医科・歯科併設: two 別紙1.
        let (b, o, s) = schedule_for("chugokushikoku", "tottori", false);
        let items = checklist(&content.notice, b, o, &s, FacilityKind::MedicalDental);
        assert_eq!(items.len(), 2 + 1 + 3);
        assert_eq!(items[0].what, "受付番号情報提供依頼書兼回答書（別紙1・医科）");
        assert!(
            items[0].to.contains("鳥取事務所 〒680-0842 鳥取市吉方109") && items[0].to.contains("令和2年1月15日時点"),
            "{}",
            items[0].to
        );
        assert!(items[0].by.contains("目安"), "{}", items[0].by);
        assert!(items[2].what.contains("導入計画書（別紙2）"));
        // ⑥: the portal to ask, the 実施機関's page on how to submit (別添2 3-2). 2027-01-10 is a
        // Sunday, 1/11 成人の日 → the reply by Tue 1/12, ⑥ by Fri 1/15: 3 days; call 鳥取事務所
        // from Wed 1/13 (this site's suggestion).
        assert!(items[3].to.contains("0800-0804583"), "{}", items[3].to);
        assert_eq!(items[3].link.as_deref(), Some("https://www.iryohokenjyoho-portalsite.jp/news/dype.html"));
        assert_eq!(
            items[3].how,
            "実施機関の案内の方法で（別添2 3-2）：https://www.iryohokenjyoho-portalsite.jp/news/dype.html"
        );
        assert_eq!(items[3].by, "令和9年1月15日（金）まで");
        let note = items[3].note.as_deref().unwrap();
        for said in [
            "令和9年1月12日（火）",
            "3日しかありません",
            "回答書が届く前に、⑥に必要なものをそろえておいてください",
            "https://www.iryohokenjyoho-portalsite.jp/news/dype.html",
            "令和9年1月13日（水） になっても回答書が届かないときは",
            "この案内からの提案",
            "問い合わせ先：鳥取事務所（電話 0857-30-0860）",
        ] {
            assert!(note.contains(said), "{said}: {note}");
        }
        assert!(items.iter().enumerate().all(|(i, item)| (i == 3) == item.note.is_some()));
        // ⑦⑧ at the portal.
        assert_eq!(items[4].link.as_deref(), Some("https://iryohokenjyoho.service-now.com/csm"));
        // ⑦ becomes possible about four business days after ⑥: no deadline, nobody's.
        assert_eq!(items[4].by, "令和9年1月21日（木）ごろから", "{:?}", items[4]);
        assert!(!items[4].by.contains("局の期限"));
        // 東海北陸・富山, 経過措置: 持参または郵送; the 猶予届出書; no address known → the bureau's site.
        let (b, o, s) = schedule_for("tokaihokuriku", "toyama", true);
        let items = checklist(&content.notice, b, o, &s, FacilityKind::Pharmacy);
        assert_eq!(items[0].how, "持参または郵送");
        assert_eq!(items[0].by, "令和8年12月28日（月）まで");
        assert_eq!(items[0].link.as_deref(), Some("https://kouseikyoku.mhlw.go.jp/tokaihokuriku/"));
        assert!(items[1].what.contains("猶予届出書"));
        assert!(items[1].how.contains("富山事務所に確認"), "{}", items[1].how);
    }

    #[test]
    fn the_submission_says_whom_to_ask_only_when_the_reply_may_come_late() {
        let content = crate::content::repository();
        let b = content.bureaus.get("tohoku").unwrap();
        let o = b.office("aomori").unwrap();
        let items_for = |designation: &str| {
            let s = compute(&ScheduleInput {
                content,
                bureau: b,
                office: Some(o),
                designation: designation.parse().unwrap(),
                setup: None,
                today: None,
                transitional: false,
            })
            .unwrap();
            checklist(&content.notice, b, o, &s, FacilityKind::Medical)
        };
        // Designation 2026-12-01: 10/10 Sat, 10/12 スポーツの日 → the reply by Tue 10/13, ⑥ by Thu
        // 10/15 (2 days); ask from Wed 10/14. 東北's phone numbers are not known: where to look.
        let items = items_for("2026-12-01");
        let submit = items.iter().find(|i| i.what.starts_with("⑥")).unwrap();
        let note = submit.note.as_deref().unwrap();
        for said in [
            "令和8年10月13日（火）",
            "令和8年10月15日（木）",
            "2日しかありません",
            "令和8年10月14日（水） になっても",
            "この案内からの提案",
            "問い合わせ先：青森県を受け持つ事務所（名称未確認）（電話番号は東北厚生局のウェブサイトで確認してください）",
        ] {
            assert!(note.contains(said), "{said}: {note}");
        }
        // Designation 2026-09-01: 7/10 Fri and 7/15 Wed are open, 5 days: nothing to add.
        let items = items_for("2026-09-01");
        assert!(items.iter().all(|i| i.note.is_none()), "{items:?}");
    }
}

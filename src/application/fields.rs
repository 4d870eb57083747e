//! The one field schema of the application file: each field's path, its Japanese label, the
//! wizard page that asks for it and the form that prints it. Messages, the wizard's pages and
//! labels, the check-answers page and the forms' font checks all read this table.

/// Which form prints a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    /// 別紙1 受付番号情報提供依頼書兼回答書.
    Request,
    /// 別紙2 導入計画書.
    Plan,
    Both,
    /// Not printed (a group, a choice the forms show as a mark, or the wizard's own answer).
    Neither,
}

/// One field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The path in the file (`founder.name_kana`), or the wizard's own answer (`retroactive`).
    pub path: &'static str,
    pub label: &'static str,
    /// The slug of the wizard page that asks for it (`request`), empty when no page does.
    pub page: &'static str,
    pub printed: Printed,
    /// A key of the application file (the wizard's own answers are not).
    pub in_file: bool,
}

const fn f(path: &'static str, label: &'static str, page: &'static str, printed: Printed) -> Field {
    Field { path, label, page, printed, in_file: true }
}

const fn wizard_only(path: &'static str, label: &'static str, page: &'static str) -> Field {
    Field { path, label, page, printed: Printed::Neither, in_file: false }
}

use Printed::{Both, Neither, Plan, Request};

/// Every field, in the order of the file.
pub const FIELDS: &[Field] = &[
    f("", "申請ファイル", "", Neither),
    f("version", "ファイルの版", "", Neither),
    f("prefecture", "所在地の都道府県", "prefecture", Neither),
    f("bureau", "提出先の厚生（支）局", "request", Request),
    f("facility_kind", "医療機関・薬局の種類", "kind", Request),
    f("designation_date", "指定希望日", "dates", Request),
    f("request_date", "依頼日", "request", Request),
    f("transitional_measure", "経過措置の届出", "", Neither),
    f("reply_to", "回答書の送付先", "", Neither),
    f("reply_to.postal_code", "回答書の送付先 郵便番号", "request", Request),
    f("reply_to.address", "回答書の送付先 住所", "request", Request),
    f("reply_to.name", "回答書の送付先 氏名", "request", Request),
    f("facility", "医療機関・薬局", "", Neither),
    f("facility.name", "医療機関・薬局の名称", "request", Both),
    f("facility.name_kana", "医療機関・薬局の名称 フリガナ", "request", Plan),
    f("facility.postal_code", "医療機関・薬局の所在地 郵便番号", "request", Both),
    f("facility.address", "医療機関・薬局の所在地", "request", Both),
    f("founder", "開設者", "", Neither),
    f("founder.corporation_name", "開設者 法人の名称", "request", Both),
    f("founder.representative_title", "開設者 代表者の職名", "request", Both),
    f("founder.name", "開設者（法人の場合は代表者）氏名", "request", Both),
    f("founder.name_kana", "開設者（法人の場合は代表者）氏名 フリガナ", "request", Plan),
    f("founder.registration", "保険医・保険薬剤師の登録の記号及び番号", "request", Both),
    f("founder.postal_code", "開設者 住所 郵便番号", "request", Plan),
    f("founder.address", "開設者 住所", "request", Plan),
    f("founder.phone", "開設者 電話番号", "request", Plan),
    f("founder.email", "開設者 Email", "request", Plan),
    f("contact_phone", "担当者の連絡先（電話番号）", "request", Request),
    f("plan", "導入計画書", "", Neither),
    f("plan.portal_account_done", "③ アカウント作成", "plan", Plan),
    f("plan.usage_application_done", "④ 利用申請・電子証明書の発行申請", "plan", Plan),
    f("plan.card_reader", "カードリーダー", "", Neither),
    f("plan.card_reader.status", "⑤ カードリーダーの調達状況", "plan", Plan),
    f("plan.card_reader.month", "⑤ カードリーダーの整備予定月", "plan", Plan),
    f("plan.card_reader.maker", "⑥ メーカー名", "plan", Plan),
    f("plan.network", "ネットワーク整備", "", Neither),
    f("plan.network.status", "⑦ ネットワークの整備状況", "plan", Plan),
    f("plan.network.month", "⑦ ネットワークの整備予定月", "plan", Plan),
    f("plan.network.provider", "⑧ ネットワーク導入事業者名", "plan", Plan),
    f("plan.network.line_type", "⑨ ネットワーク種類", "plan", Plan),
    f("plan.setup_start", "⑩ 導入作業開始（予定）日", "plan", Plan),
    f("plan.system_vendor", "⑪ システム導入事業者名", "plan", Plan),
    f("plan.operation_start", "⑫ 運用開始（予定）日", "plan", Plan),
    f("plan.practice_start", "⑬ 診療・調剤開始（予定）日", "plan", Plan),
    wizard_only("retroactive", "遡及指定", "retroactive"),
    wizard_only("transitional", "経過措置の届出", "transitional"),
    wizard_only("setup_date", "機器設定作業の日", "dates"),
];

/// The field at a path.
pub fn field(path: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.path == path)
}

/// The Japanese name of a field, for messages and the wizard's labels.
pub fn label_of(path: &str) -> &'static str {
    field(path).map(|f| f.label).unwrap_or("項目")
}

/// The fields a wizard page asks for, in file order.
pub fn fields_of_page(page: &str) -> Vec<&'static str> {
    FIELDS.iter().filter(|f| !page.is_empty() && f.page == page).map(|f| f.path).collect()
}

/// The keys an object of the file may have: the file fields one level below `path`.
pub(super) fn allowed_keys(path: &str) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|f| f.in_file && !f.path.is_empty())
        .filter_map(|f| {
            let (parent, key) = f.path.rsplit_once('.').unwrap_or(("", f.path));
            (parent == path).then_some(key)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_pages_come_from_the_one_table() {
        assert_eq!(allowed_keys("plan.network"), ["status", "month", "provider", "line_type"]);
        assert_eq!(allowed_keys("reply_to"), ["postal_code", "address", "name"]);
        assert!(allowed_keys("").contains(&"prefecture") && !allowed_keys("").contains(&"retroactive"));
        assert_eq!(fields_of_page("dates"), ["designation_date", "setup_date"]);
        assert_eq!(label_of("founder.email"), "開設者 Email");
        assert_eq!(label_of("nothing"), "項目");
        // Every path is unique.
        for (i, a) in FIELDS.iter().enumerate() {
            assert!(FIELDS[i + 1..].iter().all(|b| b.path != a.path), "{}", a.path);
        }
    }
}

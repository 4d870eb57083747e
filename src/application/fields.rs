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

/// What kind of value a field holds: how it is normalised and shown back to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A group of fields (an object of the file).
    Group,
    Text,
    Kana,
    PostalCode,
    Phone,
    Email,
    Date,
    /// A month of 別紙2 (1–12).
    Month,
    /// One of the values, each with the label the forms print.
    Choice(&'static [(&'static str, &'static str)]),
    /// true / false, with the words the forms print for each.
    YesNo(&'static str, &'static str),
    /// The file's version, a bureau id: shown as they are.
    Plain,
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
    pub kind: Kind,
}

const fn f(path: &'static str, label: &'static str, page: &'static str, printed: Printed, kind: Kind) -> Field {
    Field { path, label, page, printed, in_file: true, kind }
}

const fn wizard_only(path: &'static str, label: &'static str, page: &'static str, kind: Kind) -> Field {
    Field { path, label, page, printed: Printed::Neither, in_file: false, kind }
}

const KINDS: &[(&str, &str)] =
    &[("medical", "医科"), ("dental", "歯科"), ("medical_dental", "医科歯科併設"), ("pharmacy", "薬局")];
const PROCUREMENT: &[(&str, &str)] =
    &[("ready", "ア 整備済み"), ("contracted", "イ 契約済み"), ("quoting", "ウ 見積もり中")];
const LINE_TYPES: &[(&str, &str)] = &[("ip_vpn", "IP-VPN"), ("ipsec_ike", "IPsec+IKE")];

use Kind::{Choice, Date, Email, Group, Kana, Month, Phone, Plain, PostalCode, Text, YesNo};
use Printed::{Both, Neither, Plan, Request};

/// Every field, in the order of the file.
pub const FIELDS: &[Field] = &[
    f("", "申請ファイル", "", Neither, Group),
    f("version", "ファイルの版", "", Neither, Plain),
    f("prefecture", "所在地の都道府県", "prefecture", Neither, Plain),
    f("bureau", "提出先の厚生（支）局", "request", Request, Plain),
    f("facility_kind", "医療機関・薬局の種類", "kind", Request, Choice(KINDS)),
    f("designation_date", "指定希望日", "dates", Request, Date),
    f("request_date", "依頼日", "request", Request, Date),
    f("transitional_measure", "経過措置の届出", "", Neither, YesNo("はい", "いいえ")),
    f("reply_to", "回答書の送付先", "", Neither, Group),
    f("reply_to.postal_code", "回答書の送付先 郵便番号", "request", Request, PostalCode),
    f("reply_to.address", "回答書の送付先 住所", "request", Request, Text),
    f("reply_to.name", "回答書の送付先 氏名", "request", Request, Text),
    f("facility", "医療機関・薬局", "", Neither, Group),
    f("facility.name", "医療機関・薬局の名称", "request", Both, Text),
    f("facility.name_kana", "医療機関・薬局の名称 フリガナ", "request", Plan, Kana),
    f("facility.postal_code", "医療機関・薬局の所在地 郵便番号", "request", Both, PostalCode),
    f("facility.address", "医療機関・薬局の所在地", "request", Both, Text),
    f("founder", "開設者", "", Neither, Group),
    f("founder.corporation_name", "開設者 法人の名称", "request", Both, Text),
    f("founder.representative_title", "開設者 代表者の職名", "request", Both, Text),
    f("founder.name", "開設者（法人の場合は代表者）氏名", "request", Both, Text),
    f("founder.name_kana", "開設者（法人の場合は代表者）氏名 フリガナ", "request", Plan, Kana),
    f("founder.registration", "保険医・保険薬剤師の登録の記号及び番号", "request", Both, Text),
    f("founder.postal_code", "開設者 住所 郵便番号", "request", Plan, PostalCode),
    f("founder.address", "開設者 住所", "request", Plan, Text),
    f("founder.phone", "開設者 電話番号", "request", Plan, Phone),
    f("founder.email", "開設者 Email", "request", Plan, Email),
    f("contact_phone", "担当者の連絡先（電話番号）", "request", Request, Phone),
    f("plan", "導入計画書", "", Neither, Group),
    f("plan.portal_account_done", "③ アカウント作成", "plan", Plan, YesNo("済み", "未実施")),
    f("plan.usage_application_done", "④ 利用申請・電子証明書の発行申請", "plan", Plan, YesNo("済み", "未実施")),
    f("plan.card_reader", "カードリーダー", "", Neither, Group),
    f("plan.card_reader.status", "⑤ カードリーダーの調達状況", "plan", Plan, Choice(PROCUREMENT)),
    f("plan.card_reader.month", "⑤ カードリーダーの整備予定月", "plan", Plan, Month),
    f("plan.card_reader.maker", "⑥ メーカー名", "plan", Plan, Text),
    f("plan.network", "ネットワーク整備", "", Neither, Group),
    f("plan.network.status", "⑦ ネットワークの整備状況", "plan", Plan, Choice(PROCUREMENT)),
    f("plan.network.month", "⑦ ネットワークの整備予定月", "plan", Plan, Month),
    f("plan.network.provider", "⑧ ネットワーク導入事業者名", "plan", Plan, Text),
    f("plan.network.line_type", "⑨ ネットワーク種類", "plan", Plan, Choice(LINE_TYPES)),
    f("plan.setup_start", "⑩ 導入作業開始（予定）日", "plan", Plan, Date),
    f("plan.system_vendor", "⑪ システム導入事業者名", "plan", Plan, Text),
    f("plan.operation_start", "⑫ 運用開始（予定）日", "plan", Plan, Date),
    f("plan.practice_start", "⑬ 診療・調剤開始（予定）日", "plan", Plan, Date),
    wizard_only("retroactive", "遡及指定", "retroactive", Kind::YesNo("はい", "いいえ")),
    wizard_only("transitional", "経過措置の届出", "transitional", Kind::YesNo("はい", "いいえ")),
    wizard_only("setup_date", "機器設定作業の日", "dates", Kind::Date),
];

/// The field at a path.
pub fn field(path: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.path == path)
}

/// The Japanese name of a field, for messages and the wizard's labels.
pub fn label_of(path: &str) -> &'static str {
    field(path).map(|f| f.label).unwrap_or("項目")
}

/// A value as the forms will print it, for the check-answers page: the label of a choice,
/// 済み/未実施, 〒123-4567, 03-1234-5678, カタカナ. `raw` is what was typed (`yes`/`no` for
/// a yes-no answer, `YYYY-MM-DD` for a date); a value that cannot be normalised is shown as
/// typed (the page's problems say why).
pub fn display(path: &str, raw: &str) -> String {
    use crate::normalize;
    let raw = raw.trim();
    if raw.is_empty() {
        return String::new();
    }
    let shown = match field(path).map(|f| f.kind) {
        Some(Kind::Choice(options)) => options.iter().find(|(v, _)| *v == raw).map(|(_, l)| l.to_string()),
        Some(Kind::YesNo(yes, no)) => match raw {
            "yes" | "true" => Some(yes.to_string()),
            "no" | "false" => Some(no.to_string()),
            _ => None,
        },
        Some(Kind::PostalCode) => normalize::postal_code(raw).ok().map(|p| format!("〒{p}")),
        Some(Kind::Phone) => normalize::phone(raw).ok(),
        Some(Kind::Kana) => normalize::furigana(raw).ok(),
        Some(Kind::Email) => normalize::email(raw).ok(),
        Some(Kind::Text) => normalize::text(raw).ok(),
        Some(Kind::Month) => normalize::half_width_ascii(raw).parse::<u32>().ok().map(|m| format!("{m}月")),
        Some(Kind::Date) => super::parse_date(raw).ok().map(crate::era::format_era_date_weekday),
        Some(Kind::Group | Kind::Plain) | None => None,
    };
    shown.unwrap_or_else(|| raw.to_string())
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
    fn values_are_shown_as_the_forms_print_them() {
        assert_eq!(display("facility_kind", "medical_dental"), "医科歯科併設");
        assert_eq!(display("plan.card_reader.status", "contracted"), "イ 契約済み");
        assert_eq!(display("plan.network.status", "quoting"), "ウ 見積もり中");
        assert_eq!(display("plan.network.line_type", "ip_vpn"), "IP-VPN");
        assert_eq!(display("plan.portal_account_done", "no"), "未実施");
        assert_eq!(display("plan.usage_application_done", "yes"), "済み");
        assert_eq!(display("facility.postal_code", "１２３４５６７"), "〒123-4567");
        assert_eq!(display("contact_phone", "０３（１２３４）５６７８"), "03-1234-5678");
        assert_eq!(display("founder.name_kana", "しかく はなこ"), "シカク ハナコ");
        assert_eq!(display("plan.card_reader.month", "３"), "3月");
        assert_eq!(display("designation_date", "2027-04-01"), "令和9年4月1日（木）");
        assert_eq!(display("facility.postal_code", "12"), "12", "as typed when it cannot be normalised");
    }

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

//! The one field schema of the application file: each field's path, its name on the forms, how
//! the wizard asks for it (question, support text, autocomplete), when it is required, which
//! section of the application it belongs to and which form prints it. Validation, the forms'
//! font checks and room per field, the wizard's question pages and the check-answers page read this
//! table, and the field table of docs/developers.md is tested against it; a new field is added here.

use super::{FacilityKind, LineType, ProcurementStatus};
use crate::normalize;

/// Which form prints a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    /// 別紙1 受付番号情報提供依頼書兼回答書.
    Request,
    /// 別紙2 導入計画書.
    Plan,
    Both,
    /// Not printed as typed (a group, a choice the forms show as a mark, the wizard's own answer).
    NotPrinted,
}

/// The part of the application a field belongs to; the wizard asks one section per page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// 医療機関・薬局の種類.
    Kind,
    /// 所在地の都道府県 (the bureau and office follow from it).
    Prefecture,
    /// 遡及指定 (the wizard's own question: out of scope, 第1 1 ※2).
    Retroactive,
    /// 経過措置 (第2 ただし書き).
    Transitional,
    /// 指定日 and the set-up day.
    Dates,
    /// 別紙1's contents.
    Request,
    /// 別紙2's contents.
    Plan,
}

/// When a field must have a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    Always,
    /// A part of 別紙2: not under 経過措置 (第2), where there is no 導入計画書.
    UnlessTransitional,
    Optional,
    /// Optional while its group's status is ウ 見積もり中 (the maker or provider is not chosen yet).
    UnlessQuoting,
    /// Only with イ 契約済み: the month it will be ready.
    WhenContracted,
}

impl Required {
    /// Whether the wizard marks the question ※必須 (a field required only in some cases is not).
    pub fn is_marked(self) -> bool {
        matches!(self, Required::Always | Required::UnlessTransitional)
    }
}

/// One answer among a field's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The value in the file (`medical_dental`).
    pub key: &'static str,
    /// As the forms and the check page print it (`医科歯科併設`).
    pub label: &'static str,
    /// As the wizard offers it, when it says more (`医科と歯科の併設（別紙1を2通作ります）`).
    pub offered: &'static str,
}

impl Choice {
    /// The words of the radio button.
    pub fn offered_label(&self) -> &'static str {
        if self.offered.is_empty() {
            self.label
        } else {
            self.offered
        }
    }
}

/// What kind of value a field holds: how it is read, normalised and shown back to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A group of fields (an object of the file); its label heads its fields on the page.
    Group,
    Text,
    Kana,
    PostalCode,
    Phone,
    Email,
    Date,
    /// A month of 別紙2 (1–12).
    Month,
    /// One of the values, from the typed enum's `CHOICES`.
    Choice(&'static [Choice]),
    /// true / false, each with the words the forms print (`yes` and `no` as keys), in the
    /// order the wizard offers them.
    YesNo(&'static [Choice; 2]),
    /// One of the 47 prefectures.
    Prefecture,
    /// Not asked: the file's version, the bureau (from the prefecture), 経過措置 as the file
    /// writes it (from the wizard's own answer).
    Derived,
}

/// Lenient input to strict output, or the Japanese reason it cannot be (see [`normalize`]).
pub type Normaliser = fn(&str) -> Result<String, String>;

impl Kind {
    /// The normaliser of a text field.
    pub fn normaliser(self) -> Option<Normaliser> {
        match self {
            Kind::Text => Some(normalize::text),
            Kind::Kana => Some(normalize::furigana),
            Kind::PostalCode => Some(normalize::postal_code),
            Kind::Phone => Some(normalize::phone),
            Kind::Email => Some(normalize::email),
            _ => None,
        }
    }

    /// The answers to choose from, for a choice or a yes-no field.
    pub fn choices(self) -> Option<&'static [Choice]> {
        match self {
            Kind::Choice(choices) => Some(choices),
            Kind::YesNo(choices) => Some(choices),
            _ => None,
        }
    }

    /// The keyboard a phone shows for it.
    pub fn input_mode(self) -> Option<&'static str> {
        matches!(self, Kind::Month).then_some("numeric")
    }

    /// A text the user types and the forms print as typed (normalised).
    pub fn is_text(self) -> bool {
        self.normaliser().is_some()
    }
}

/// One field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The path in the file (`founder.name_kana`), or the wizard's own answer (`retroactive`).
    pub path: &'static str,
    /// Its name on the forms, in messages and on the check page.
    pub label: &'static str,
    /// The wizard's question, when it asks in other words than the label.
    pub question: &'static str,
    /// The support text under the question.
    pub hint: &'static str,
    /// A heading the wizard puts before this field (fields of a group get the group's label).
    pub heading: &'static str,
    /// The `autocomplete` token of its input (`off` unless the browser can help).
    pub autocomplete: &'static str,
    /// The section that asks for it; `None` for the file's own structure.
    pub section: Option<Section>,
    pub printed: Printed,
    /// A key of the application file (the wizard's own answers are not).
    pub in_file: bool,
    pub kind: Kind,
    pub required: Required,
}

impl Field {
    /// The words the wizard asks with.
    pub fn question(&self) -> &'static str {
        if self.question.is_empty() {
            self.label
        } else {
            self.question
        }
    }

    /// Whether a question page asks for it (groups and derived values are not asked).
    pub fn is_asked(&self) -> bool {
        self.section.is_some() && !matches!(self.kind, Kind::Group | Kind::Derived)
    }

    /// The group path it belongs to (`plan.card_reader` for `plan.card_reader.maker`).
    pub fn parent(&self) -> &'static str {
        self.path.rsplit_once('.').map_or("", |(parent, _)| parent)
    }

    const fn asks(self, question: &'static str) -> Field {
        Field { question, ..self }
    }
    const fn hint(self, hint: &'static str) -> Field {
        Field { hint, ..self }
    }
    const fn heading(self, heading: &'static str) -> Field {
        Field { heading, ..self }
    }
    const fn autocomplete(self, autocomplete: &'static str) -> Field {
        Field { autocomplete, ..self }
    }
    const fn required(self, required: Required) -> Field {
        Field { required, ..self }
    }
}

/// A field of the file, required, with no question of its own.
const fn file_field(
    path: &'static str,
    label: &'static str,
    section: Option<Section>,
    printed: Printed,
    kind: Kind,
) -> Field {
    Field {
        path,
        label,
        question: "",
        hint: "",
        heading: "",
        autocomplete: "off",
        section,
        printed,
        in_file: true,
        kind,
        required: Required::Always,
    }
}

const fn wizard_only(path: &'static str, label: &'static str, section: Section, kind: Kind) -> Field {
    Field { in_file: false, ..file_field(path, label, Some(section), Printed::NotPrinted, kind) }
}

const DONE: [Choice; 2] =
    [Choice { key: "yes", label: "済み", offered: "" }, Choice { key: "no", label: "未実施", offered: "" }];
const NO_YES: [Choice; 2] =
    [Choice { key: "no", label: "いいえ", offered: "" }, Choice { key: "yes", label: "はい", offered: "" }];
const POSTAL_HINT: &str = "例）123-4567";
const KANA_HINT: &str = "カタカナで入力します（ひらがなでも可）。";
const CORPORATION_HINT: &str = "法人の場合だけ入力します。";
const MONTH_HINT: &str = "イ 契約済みの場合だけ、整備する予定の月を数字で入力します。例）2";
const QUOTING_HINT: &str = "見積もり中で決まっていなければ空のままにします。";

use Kind::{Choice as Choose, Date, Derived, Email, Group, Kana, Month, Phone, PostalCode, Text, YesNo};
use Printed::{Both, NotPrinted, Plan, Request};
use Required::{Optional, UnlessQuoting, UnlessTransitional, WhenContracted};

const fn plan_field(path: &'static str, label: &'static str, kind: Kind) -> Field {
    file_field(path, label, Some(Section::Plan), Plan, kind).required(UnlessTransitional)
}

/// Every field, in the order of the file (the wizard's own answers last).
pub const FIELDS: &[Field] = &[
    file_field("", "申請ファイル", None, NotPrinted, Group),
    file_field("version", "ファイルの版", None, NotPrinted, Derived),
    file_field("prefecture", "所在地の都道府県", Some(Section::Prefecture), NotPrinted, Kind::Prefecture)
        .asks("医療機関・薬局の所在地"),
    file_field("bureau", "提出先の厚生（支）局", Some(Section::Request), Request, Derived),
    file_field("facility_kind", "医療機関・薬局の種類", Some(Section::Kind), Request, Choose(&FacilityKind::CHOICES))
        .asks("指定を受ける医療機関・薬局の種類"),
    file_field("designation_date", "指定希望日", Some(Section::Dates), Request, Date)
        .asks("指定を受ける日（診療・調剤を始める日）")
        .hint("月の1日です。例）2027年4月1日"),
    file_field("request_date", "依頼日", Some(Section::Request), Request, Date)
        .asks("依頼する日")
        .hint("別紙1に書く日付です。例）2027年1月20日"),
    file_field("transitional_measure", "経過措置の届出", None, NotPrinted, Derived),
    file_field("reply_to", "回答書の送付先", Some(Section::Request), NotPrinted, Group),
    file_field("reply_to.postal_code", "回答書の送付先 郵便番号", Some(Section::Request), Request, PostalCode)
        .hint(POSTAL_HINT)
        .autocomplete("postal-code"),
    file_field("reply_to.address", "回答書の送付先 住所", Some(Section::Request), Request, Text)
        .autocomplete("street-address"),
    file_field("reply_to.name", "回答書の送付先 氏名", Some(Section::Request), Request, Text).autocomplete("name"),
    file_field("facility", "医療機関・薬局", Some(Section::Request), NotPrinted, Group),
    file_field("facility.name", "医療機関・薬局の名称", Some(Section::Request), Both, Text).autocomplete("organization"),
    file_field("facility.name_kana", "医療機関・薬局の名称 フリガナ", Some(Section::Request), Plan, Kana).hint(KANA_HINT),
    file_field("facility.postal_code", "医療機関・薬局の所在地 郵便番号", Some(Section::Request), Both, PostalCode)
        .hint(POSTAL_HINT),
    file_field("facility.address", "医療機関・薬局の所在地", Some(Section::Request), Both, Text)
        .hint("都道府県から入力します。"),
    file_field("founder", "開設者", Some(Section::Request), NotPrinted, Group),
    file_field("founder.corporation_name", "開設者 法人の名称", Some(Section::Request), Both, Text)
        .hint(CORPORATION_HINT)
        .autocomplete("organization")
        .required(Optional),
    file_field("founder.representative_title", "開設者 代表者の職名", Some(Section::Request), Both, Text)
        .hint("法人の場合だけ入力します。例）理事長")
        .autocomplete("organization-title")
        .required(Optional),
    file_field("founder.name", "開設者（法人の場合は代表者）氏名", Some(Section::Request), Both, Text)
        .hint("法人の場合は代表者の氏名です。")
        .autocomplete("name"),
    file_field("founder.name_kana", "開設者（法人の場合は代表者）氏名 フリガナ", Some(Section::Request), Plan, Kana)
        .hint(KANA_HINT),
    file_field("founder.registration", "保険医・保険薬剤師の登録の記号及び番号", Some(Section::Request), Both, Text)
        .hint("保険医・保険薬剤師の場合だけ入力します。")
        .required(Optional),
    file_field("founder.postal_code", "開設者 住所 郵便番号", Some(Section::Request), Plan, PostalCode).hint(POSTAL_HINT),
    file_field("founder.address", "開設者 住所", Some(Section::Request), Plan, Text),
    file_field("founder.phone", "開設者 電話番号", Some(Section::Request), Plan, Phone)
        .hint("例）03-1234-5678")
        .autocomplete("tel"),
    file_field("founder.email", "開設者 Email", Some(Section::Request), Plan, Email).autocomplete("email").required(Optional),
    file_field("contact_phone", "担当者の連絡先（電話番号）", Some(Section::Request), Request, Phone)
        .hint("別紙1の「担当者の連絡先」です。例）03-1234-5678")
        .autocomplete("tel"),
    plan_field("plan", "導入計画書", Group),
    plan_field("plan.portal_account_done", "③ アカウント作成", YesNo(&DONE)).asks("③ ポータルサイトのアカウント作成"),
    plan_field("plan.usage_application_done", "④ 利用申請・電子証明書の発行申請", YesNo(&DONE)),
    plan_field("plan.card_reader", "カードリーダー", Group),
    plan_field("plan.card_reader.status", "⑤ カードリーダーの調達状況", Choose(&ProcurementStatus::CHOICES))
        .asks("⑤ 顔認証付きカードリーダーの調達状況"),
    plan_field("plan.card_reader.month", "⑤ カードリーダーの整備予定月", Month).hint(MONTH_HINT).required(WhenContracted),
    plan_field("plan.card_reader.maker", "⑥ メーカー名", Text).hint(QUOTING_HINT).required(UnlessQuoting),
    plan_field("plan.network", "ネットワーク整備", Group),
    plan_field("plan.network.status", "⑦ ネットワークの整備状況", Choose(&ProcurementStatus::CHOICES)),
    plan_field("plan.network.month", "⑦ ネットワークの整備予定月", Month).hint(MONTH_HINT).required(WhenContracted),
    plan_field("plan.network.provider", "⑧ ネットワーク導入事業者名", Text).hint(QUOTING_HINT).required(UnlessQuoting),
    plan_field("plan.network.line_type", "⑨ ネットワーク種類", Choose(&LineType::CHOICES))
        .asks("⑨ ネットワークの種類")
        .required(UnlessQuoting),
    plan_field("plan.setup_start", "⑩ 導入作業開始（予定）日", Date).hint("例）2027年2月15日").heading("導入作業"),
    plan_field("plan.system_vendor", "⑪ システム導入事業者名", Text),
    plan_field("plan.operation_start", "⑫ 運用開始（予定）日", Date).hint("例）2027年3月15日"),
    plan_field("plan.practice_start", "⑬ 診療・調剤開始（予定）日", Date).hint("通常は指定を受ける日です。"),
    wizard_only("retroactive", "遡及指定", Section::Retroactive, YesNo(&NO_YES))
        .asks("遡及指定を受けますか")
        .hint("指定期日をさかのぼって指定を受ける（遡及指定）医療機関・薬局は、この受付番号の手続の対象外です。"),
    wizard_only("transitional", "経過措置の届出", Section::Transitional, YesNo(&NO_YES))
        .asks("経過措置の届出をしますか")
        .hint("指定を受ける時点から、オンライン資格確認の導入義務の経過措置に当たるやむを得ない事情があり、指定の申請と併せて届け出る場合は「はい」。導入計画書（別紙2）は要りませんが、別紙1は必要です。"),
    wizard_only("setup_date", "機器設定作業の日", Section::Dates, Date)
        .asks("機器設定作業の日（決まっていれば）")
        .hint("システム事業者が機器を設定する日です。例）2027年2月15日")
        .required(Optional),
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
/// 済み/未実施, 〒123-4567, 03-1234-5678, カタカナ, a date in 令和. `raw` is what was typed
/// (`yes`/`no` for a yes-no answer, `YYYY-MM-DD` for a date); a value that cannot be
/// normalised is shown as typed (the page's problems say why).
pub fn display(path: &str, raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_empty() {
        return String::new();
    }
    let Some(kind) = field(path).map(|f| f.kind) else { return raw.to_string() };
    let shown = match kind {
        Kind::Choice(_) | Kind::YesNo(_) => {
            // A yes-no answer as the file writes it (`true`) or as the wizard keeps it (`yes`).
            let key = match raw {
                "true" => "yes",
                "false" => "no",
                other => other,
            };
            kind.choices().and_then(|choices| choices.iter().find(|c| c.key == key)).map(|c| c.label.to_string())
        }
        Kind::PostalCode => normalize::postal_code(raw).ok().map(|p| format!("〒{p}")),
        Kind::Month => normalize::half_width_ascii(raw).parse::<u32>().ok().map(|m| format!("{m}月")),
        Kind::Date => super::parse_date(raw).ok().map(crate::era::format_era_date_weekday),
        kind => kind.normaliser().and_then(|normalise| normalise(raw).ok()),
    };
    shown.unwrap_or_else(|| raw.to_string())
}

/// The fields of a section, in file order, groups included.
pub fn fields_of(section: Section) -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().filter(move |f| f.section == Some(section))
}

/// The keys an object of the file may have: the file fields one level below `path`.
pub(super) fn allowed_keys(path: &str) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|f| f.in_file && !f.path.is_empty())
        .filter(|f| f.parent() == path)
        .map(|f| f.path.rsplit('.').next().unwrap_or(f.path))
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
        assert_eq!(display("plan.usage_application_done", "true"), "済み");
        assert_eq!(display("facility.postal_code", "１２３４５６７"), "〒123-4567");
        assert_eq!(display("contact_phone", "０３（１２３４）５６７８"), "03-1234-5678");
        assert_eq!(display("founder.name_kana", "しかく はなこ"), "シカク ハナコ");
        assert_eq!(display("plan.card_reader.month", "３"), "3月");
        assert_eq!(display("designation_date", "2027-04-01"), "令和9年4月1日（木）");
        assert_eq!(display("setup_date", "2027-2-15"), "令和9年2月15日（月）");
        assert_eq!(display("retroactive", "no"), "いいえ");
        assert_eq!(display("facility.postal_code", "12"), "12", "as typed when it cannot be normalised");
    }

    #[test]
    fn keys_and_sections_come_from_the_one_table() {
        assert_eq!(allowed_keys("plan.network"), ["status", "month", "provider", "line_type"]);
        assert_eq!(allowed_keys("reply_to"), ["postal_code", "address", "name"]);
        assert!(allowed_keys("").contains(&"prefecture") && !allowed_keys("").contains(&"retroactive"));
        let dates: Vec<&str> = fields_of(Section::Dates).map(|f| f.path).collect();
        assert_eq!(dates, ["designation_date", "setup_date"]);
        assert_eq!(label_of("founder.email"), "開設者 Email");
        assert_eq!(label_of("nothing"), "項目");
        // Every path is unique, and a field's group comes before it, in the same section.
        for (i, a) in FIELDS.iter().enumerate() {
            assert!(FIELDS[i + 1..].iter().all(|b| b.path != a.path), "{}", a.path);
            if a.path.contains('.') {
                let parent = FIELDS[..i].iter().find(|f| f.path == a.parent());
                assert_eq!(parent.map(|p| p.kind), Some(Kind::Group), "{}", a.path);
                assert_eq!(parent.map(|p| p.section), Some(a.section), "{}", a.path);
            }
        }
    }

    #[test]
    fn only_always_required_questions_are_marked() {
        let marked = |path: &str| field(path).map(|f| f.required.is_marked());
        assert_eq!(marked("facility.name"), Some(true));
        assert_eq!(marked("plan.system_vendor"), Some(true));
        assert_eq!(marked("plan.network.line_type"), Some(false), "optional while quoting");
        assert_eq!(marked("plan.card_reader.month"), Some(false));
        assert_eq!(marked("founder.email"), Some(false));
        assert_eq!(marked("setup_date"), Some(false));
    }

    #[test]
    fn questions_and_choices_say_what_the_wizard_asks() {
        let kind = field("facility_kind").expect("facility_kind");
        assert_eq!(kind.question(), "指定を受ける医療機関・薬局の種類");
        let Kind::Choice(choices) = kind.kind else { panic!("a choice") };
        let offered: Vec<&str> = choices.iter().map(Choice::offered_label).collect();
        assert_eq!(offered, ["医科", "歯科", "医科と歯科の併設（別紙1を2通作ります）", "薬局"]);
        assert_eq!(field("founder.name").map(|f| f.question()), Some("開設者（法人の場合は代表者）氏名"));
        assert_eq!(field("plan.card_reader.month").and_then(|f| f.kind.input_mode()), Some("numeric"));
    }
}

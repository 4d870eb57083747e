//! The wizard's components: one reducer ([`State`]) holds everything; each page is a function
//! of the state. Questions follow the デジタル庁デザインシステム and GOV.UK patterns: one topic
//! per page, a back link, labels with ※必須, support text instead of placeholders, dates as
//! three numeric fields, an error summary that takes the focus and links to each field.

use crate::state::{all_problems, field_label, page_fields, previous_page, Action, Answers, DatePart, Page, State};
use chrono::NaiveDate;
use onshi::application::{Problem, Severity};
use onshi::content::Content;
use onshi::era::format_era_date_weekday;
use onshi::schedule::{self, ScheduleInput};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlElement, HtmlInputElement, MessageEvent, Url, Worker};
use yew::prelude::*;

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

/// The bureau this copy of the wizard belongs to (`<meta name="onshi-bureau">`, written by the
/// site build), if any.
fn page_bureau() -> Option<String> {
    let meta = window().document()?.query_selector("meta[name=onshi-bureau]").ok()??;
    meta.get_attribute("content").filter(|c| !c.is_empty())
}

/// Today: `?today=YYYY-MM-DD` (for tests), else the browser's local date.
fn today() -> NaiveDate {
    let search = window().location().search().unwrap_or_default();
    if let Some(d) = search
        .split(['?', '&'])
        .find_map(|kv| kv.strip_prefix("today="))
        .and_then(|d| onshi::application::parse_date(d).ok())
    {
        return d;
    }
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).expect("a date")
}

/// Offers bytes as a download, without sending them anywhere.
fn download(name: &str, bytes: &[u8], mime: &str) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else { return };
    let document = window().document().expect("document");
    if let Ok(a) = document.create_element("a").map(|e| e.unchecked_into::<HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        a.set_class_name("visually-hidden");
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = Url::revoke_object_url(&url);
}

fn field_id(path: &str) -> String {
    path.replace('.', "-")
}

/// Where the error summary's link for a field goes (a date's year field).
fn field_anchor(path: &str) -> String {
    if crate::state::DATE_FIELDS.contains(&path) {
        format!("#{}-year", field_id(path))
    } else {
        format!("#{}", field_id(path))
    }
}

type Dispatch = UseReducerDispatcher<Store>;

/// The content the site build put into this page (`<script type="application/json"
/// id="onshi-content">`): the same bureaus, notice and calendar its pages were built from.
/// Read once; the page lives as long as the program.
pub fn content() -> &'static Content {
    thread_local! {
        static CONTENT: &'static Content = {
            let text = window()
                .document()
                .and_then(|d| d.get_element_by_id("onshi-content"))
                .and_then(|e| e.text_content())
                .unwrap_or_default();
            let content = Content::from_json(&text).unwrap_or_else(|e| {
                panic!("このページに内容のデータがありません。サイトを site build で作り直してください（{e}）")
            });
            Box::leak(Box::new(content))
        };
    }
    CONTENT.with(|c| *c)
}

/// The content as JSON, for the PDF worker (which has no page to read it from).
pub fn content_json() -> String {
    window()
        .document()
        .and_then(|d| d.get_element_by_id("onshi-content"))
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Where the tab keeps the answers between reloads.
const SESSION_KEY: &str = "onshi-wizard-answers";

/// The reducer's state for Yew.
#[derive(PartialEq)]
pub struct Store {
    pub state: State,
}

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store { state: self.state.apply(action, content()) })
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let bureaus = &content().bureaus;
    let preset = page_bureau().and_then(|id| bureaus.get(&id).map(|b| b.id.clone()));
    let store = use_reducer(|| {
        // A reload in the same tab keeps the answers (sessionStorage: this tab only, gone
        // when it closes, never sent).
        let stored = window()
            .session_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str::<Answers>(&text).ok());
        // A reload or a bookmark opens the page its URL names.
        let page = Page::from_slug(window().location().hash().unwrap_or_default().trim_start_matches('#'));
        let with_page = |state: State| Store { state: State { page: page.unwrap_or(state.page), ..state } };
        if let Some(answers) = stored {
            return with_page(State::new(answers));
        }
        let mut answers = Answers::default();
        if let Some(bureau) = preset.as_ref().and_then(|id| bureaus.get(id)) {
            if bureau.prefectures.len() == 1 {
                answers.fields.insert("prefecture".into(), bureau.prefectures[0].clone());
            }
        }
        with_page(State::new(answers))
    });
    let state = &store.state;
    let dispatch = store.dispatcher();

    use_effect_with(state.answers.clone(), |answers| {
        if let (Some(storage), Ok(text)) = (window().session_storage().ok().flatten(), serde_json::to_string(answers)) {
            let _ = storage.set_item(SESSION_KEY, &text);
        }
    });

    // Offline once loaded: a service worker keeps the last good copy of the wizard's files.
    use_effect_with((), |_| {
        if window().location().protocol().ok().as_deref() != Some("file:") {
            let _ = window().navigator().service_worker().register("./sw.js");
        }
    });

    // The URL fragment names the page: the browser's back button works.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let show = {
                let dispatch = dispatch.clone();
                move || {
                    let hash = window().location().hash().unwrap_or_default();
                    if let Some(page) = Page::from_slug(hash.trim_start_matches('#')) {
                        dispatch.dispatch(Action::Show(page));
                    }
                }
            };
            show();
            let listener = Closure::<dyn Fn()>::new(show);
            window().set_onhashchange(Some(listener.as_ref().unchecked_ref()));
            move || {
                window().set_onhashchange(None);
                drop(listener);
            }
        });
    }
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(state.page, move |page| {
            let location = window().location();
            let slug = format!("#{}", page.slug());
            if location.hash().unwrap_or_default() != slug
                && !(location.hash().unwrap_or_default().is_empty() && *page == Page::Kind)
            {
                let _ = location.set_hash(page.slug());
            }
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        });
    }

    let bureau_name = state
        .answers
        .office(bureaus)
        .map(|(b, _)| b.name.clone())
        .or_else(|| preset.as_ref().and_then(|id| bureaus.get(id)).map(|b| b.name.clone()))
        .unwrap_or_else(|| "地方厚生（支）局".into());

    let back = previous_page(state.page, &state.answers).map(|p| {
        html! { <a class="back-link" href={format!("#{}", p.slug())}>{"戻る"}</a> }
    });

    let body = match state.page {
        Page::Kind => kind_page(state, &dispatch),
        Page::Prefecture => prefecture_page(state, &dispatch, preset.as_deref()),
        Page::Retroactive => yes_no_page(state, &dispatch, "retroactive", "指定期日をさかのぼって指定を受ける（遡及指定）医療機関・薬局は、この受付番号の手続の対象外です。"),
        Page::OutOfScope => out_of_scope_page(),
        Page::Transitional => yes_no_page(state, &dispatch, "transitional", "指定を受ける時点から、オンライン資格確認の導入義務の経過措置に当たるやむを得ない事情があり、指定の申請と併せて届け出る場合は「はい」。導入計画書（別紙2）は要りませんが、別紙1は必要です。"),
        Page::Dates => dates_page(state, &dispatch),
        Page::Timeline => html! { <Timeline answers={state.answers.clone()} /> },
        Page::Request => request_page(state, &dispatch),
        Page::Plan => plan_page(state, &dispatch),
        Page::Check => check_page(state, &dispatch),
        Page::Download => html! { <Downloads answers={state.answers.clone()} /> },
    };
    let continues = !matches!(state.page, Page::OutOfScope | Page::Download | Page::Check);
    let on_continue = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.dispatch(Action::Continue);
        })
    };

    html! {
        <>
        <header class="site-header">
            <p class="bureau">{ bureau_name }</p>
            <p class="service">{"オンライン資格確認の手続と書類の作成"}</p>
        </header>
        <div class="wizard">
            { back }
            <main id="main">
                <ErrorSummary problems={state.problems.clone()} />
                if let Some(message) = &state.message {
                    <div class="notice" role="status"><p>{ message }</p></div>
                }
                <h1 ref={heading} tabindex="-1">{ state.page.title() }</h1>
                <form novalidate=true onsubmit={on_continue}>
                    { body }
                    if continues {
                        <button type="submit" class="button">{"次へ"}</button>
                    }
                </form>
                if matches!(state.page, Page::Kind | Page::Check) {
                    <SaveLoad answers={state.answers.clone()} dispatch={dispatch.clone()} />
                }
            </main>
        </div>
        <footer class="site-footer">
            <p>{"入力した内容は、このブラウザーの中だけで使います。どこにも送信しません。"}</p>
        </footer>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ErrorSummaryProps {
    problems: Vec<Problem>,
}

/// The error summary: takes the focus and links to each field in error.
#[function_component(ErrorSummary)]
fn error_summary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    let errors: Vec<&Problem> = props.problems.iter().filter(|p| p.severity == Severity::Error).collect();
    {
        let node = node.clone();
        use_effect_with(props.problems.clone(), move |problems| {
            if problems.iter().any(|p| p.severity == Severity::Error) {
                if let Some(e) = node.cast::<HtmlElement>() {
                    let _ = e.focus();
                }
            }
        });
    }
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" ref={node} tabindex="-1" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{"入力内容に問題があります"}</h2>
            <ul>
            { for errors.iter().map(|p| html! {
                <li><a href={field_anchor(&p.path)}>{ p.to_string() }</a></li>
            }) }
            </ul>
        </div>
    }
}

fn problems_for<'a>(state: &'a State, path: &str) -> Vec<&'a Problem> {
    state.problems.iter().filter(|p| p.path == path).collect()
}

fn error_messages(problems: &[&Problem], id: &str) -> Html {
    html! {
        { for problems.iter().enumerate().map(|(i, p)| html! {
            <p class="error-message" id={format!("{id}-error-{i}")}>
                <span class="visually-hidden">{"エラー："}</span>{ p.message.clone() }
            </p>
        }) }
    }
}

fn described_by(id: &str, hint: bool, errors: usize) -> Option<String> {
    let mut ids: Vec<String> = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    ids.extend((0..errors).map(|i| format!("{id}-error-{i}")));
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A text field: label (with ※必須), support text, errors, the input.
fn text_field(
    state: &State,
    dispatch: &Dispatch,
    path: &'static str,
    hint: &str,
    required: bool,
    autocomplete: &'static str,
) -> Html {
    let id = field_id(path);
    let problems = problems_for(state, path);
    let oninput = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetField(path.to_string(), input.value()));
        })
    };
    let numeric = matches!(path, "plan.card_reader.month" | "plan.network.month");
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("field-error"))}>
            <label for={id.clone()}>
                { field_label(path) }
                if required { <span class="required">{"※必須"}</span> }
            </label>
            if !hint.is_empty() { <p class="hint" id={format!("{id}-hint")}>{ hint.to_string() }</p> }
            { error_messages(&problems, &id) }
            <input id={id.clone()} name={path} type="text" value={state.answers.get(path).to_string()} {oninput}
                autocomplete={autocomplete}
                inputmode={numeric.then_some("numeric")}
                aria-describedby={described_by(&id, !hint.is_empty(), problems.len())}
                aria-invalid={(!problems.is_empty()).then_some("true")} />
        </div>
    }
}

/// A date as three numeric fields in a fieldset.
fn date_field(
    state: &State,
    dispatch: &Dispatch,
    path: &'static str,
    legend: &str,
    hint: &str,
    required: bool,
) -> Html {
    let id = field_id(path);
    let problems = problems_for(state, path);
    let value = state.answers.date(path);
    let part = |part: DatePart, label: &'static str, suffix: &'static str, v: String, width: &'static str| {
        let dispatch = dispatch.clone();
        let input_id = format!("{id}-{suffix}");
        let oninput = Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetDate(path.to_string(), part, input.value()));
        });
        html! {
            <div class="date-part">
                <input id={input_id.clone()} class={width} type="text" inputmode="numeric" value={v} {oninput}
                    aria-invalid={(!problems.is_empty()).then_some("true")} />
                <label for={input_id}>{ label }</label>
            </div>
        }
    };
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("field-error"))}>
            <fieldset role="group" aria-describedby={described_by(&id, true, problems.len())}>
                <legend>{ legend.to_string() } if required { <span class="required">{"※必須"}</span> }</legend>
                <p class="hint" id={format!("{id}-hint")}>{ hint.to_string() }</p>
                { error_messages(&problems, &id) }
                <div class="date-input">
                    { part(DatePart::Year, "年", "year", value.year.clone(), "width-4") }
                    { part(DatePart::Month, "月", "month", value.month.clone(), "width-2") }
                    { part(DatePart::Day, "日", "day", value.day.clone(), "width-2") }
                </div>
            </fieldset>
        </div>
    }
}

/// Radio buttons in a fieldset.
fn radios(
    state: &State,
    dispatch: &Dispatch,
    path: &'static str,
    legend: &str,
    options: &[(&'static str, &str)],
    hint: &str,
) -> Html {
    let id = field_id(path);
    let problems = problems_for(state, path);
    let current = state.answers.get(path).to_string();
    html! {
        <div class={classes!("field", (!problems.is_empty()).then_some("field-error"))}>
            <fieldset aria-describedby={described_by(&id, !hint.is_empty(), problems.len())}>
                <legend>{ legend.to_string() }<span class="required">{"※必須"}</span></legend>
                if !hint.is_empty() { <p class="hint" id={format!("{id}-hint")}>{ hint.to_string() }</p> }
                { error_messages(&problems, &id) }
                { for options.iter().enumerate().map(|(i, (value, label))| {
                    let input_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
                    let onchange = {
                        let dispatch = dispatch.clone();
                        let value = value.to_string();
                        Callback::from(move |_: Event| dispatch.dispatch(Action::SetField(path.to_string(), value.clone())))
                    };
                    html! {
                        <div class="radio">
                            <input type="radio" id={input_id.clone()} name={path} value={*value} checked={current == *value} {onchange} />
                            <label for={input_id}>{ label.to_string() }</label>
                        </div>
                    }
                }) }
            </fieldset>
        </div>
    }
}

fn kind_page(state: &State, dispatch: &Dispatch) -> Html {
    radios(
        state,
        dispatch,
        "facility_kind",
        "指定を受ける医療機関・薬局の種類",
        &[
            ("medical", "医科"),
            ("dental", "歯科"),
            ("medical_dental", "医科と歯科の併設（別紙1を2通作ります）"),
            ("pharmacy", "薬局"),
        ],
        "",
    )
}

fn prefecture_page(state: &State, dispatch: &Dispatch, preset: Option<&str>) -> Html {
    let bureaus = &content().bureaus;
    let prefectures: Vec<String> = match preset.and_then(|id| bureaus.get(id)) {
        Some(b) => b.prefectures.clone(),
        None => onshi::bureaus::PREFECTURES.iter().map(|p| p.to_string()).collect(),
    };
    let options: Vec<(&'static str, &str)> = prefectures
        .iter()
        .filter_map(|p| onshi::bureaus::PREFECTURES.iter().find(|q| **q == p.as_str()).map(|q| (*q, *q)))
        .collect();
    let hint = match preset.and_then(|id| bureaus.get(id)) {
        Some(b) => {
            format!("{}が受け持つ都道府県です。ほかの地域の方は、その地域の厚生（支）局の案内をご覧ください。", b.name)
        }
        None => String::new(),
    };
    radios(state, dispatch, "prefecture", "医療機関・薬局の所在地", &options, &hint)
}

fn yes_no_page(state: &State, dispatch: &Dispatch, path: &'static str, hint: &str) -> Html {
    radios(state, dispatch, path, state.page.title(), &[("no", "いいえ"), ("yes", "はい")], hint)
}

fn out_of_scope_page() -> Html {
    html! {
        <>
            <p>{"指定期日をさかのぼって指定を受ける医療機関・薬局は、受付番号の手続（国の通知 第1 1 ※2）の対象外です。このウィザードでは扱えません。"}</p>
            <p>{"提出先の事務所にご相談ください。"}<a href="../offices/">{"提出先の事務所"}</a></p>
            <p><a href="#retroactive">{"前の質問に戻る"}</a></p>
        </>
    }
}

fn dates_page(state: &State, dispatch: &Dispatch) -> Html {
    html! {
        <>
            { date_field(state, dispatch, "designation_date", "指定を受ける日（診療・調剤を始める日）", "月の1日です。例）2027年4月1日", true) }
            { date_field(state, dispatch, "setup_date", "機器設定作業の日（決まっていれば）", "システム事業者が機器を設定する日です。例）2027年2月15日", false) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct AnswersProps {
    answers: Answers,
}

/// The timeline: a table, the drawn timeline and the calendar file.
#[function_component(Timeline)]
fn timeline(props: &AnswersProps) -> Html {
    let bureaus = &content().bureaus;
    let answers = &props.answers;
    let Some((bureau, office)) = answers.office(bureaus) else {
        return html! { <p>{"所在地の都道府県を選んでください。"}<a href="#prefecture">{"都道府県を選ぶ"}</a></p> };
    };
    let Some(designation) = answers.date("designation_date").date() else {
        return html! { <p><a href="#dates">{"指定を受ける日を入力してください"}</a></p> };
    };
    let today = today();
    let input = ScheduleInput {
        content: content(),
        bureau,
        office: Some(office),
        designation,
        setup: answers.date("setup_date").date(),
        today: Some(today),
        transitional: answers.transitional(),
    };
    let schedule = match schedule::compute(&input) {
        Ok(s) => s,
        Err(e) => return html! { <p class="error-message">{ e.to_string() }</p> },
    };
    let svg = onshi::timeline::svg(&schedule, &bureau.name, "timeline");
    let ics = {
        let calendar = onshi::ics::calendar(&schedule, &bureau.name, today);
        Callback::from(move |_: MouseEvent| download("onshi-schedule.ics", calendar.as_bytes(), "text/calendar"))
    };
    let feasibility = match (schedule.feasible, schedule.earliest_designation) {
        (Some(false), Some(earliest)) => html! {
            <div class="notice notice-warning" role="status">
                <p>{ format!("今日（{}）の時点で期限を過ぎた手続があり、この指定日には間に合いません。間に合う最も早い指定日は {} です。", format_era_date_weekday(today), format_era_date_weekday(earliest)) }</p>
                <p><a href="#dates">{"指定を受ける日を変える"}</a></p>
            </div>
        },
        (None, _) => match &schedule.feasibility_note {
            Some(note) => html! {
                <div class="notice notice-warning" role="status">
                    <p>{ format!("今日（{}）の時点では、この指定日に間に合うかどうか分かりません。", format_era_date_weekday(today)) }</p>
                    { for note.lines().map(|l| html! { <p>{ l.to_string() }</p> }) }
                </div>
            },
            None => html! {},
        },
        _ => html! {},
    };
    html! {
        <>
            <p>{ format!("{}（{}）に提出する場合の、指定日 {} までの手続です。", bureau.name, office.display_name(), format_era_date_weekday(designation)) }</p>
            { feasibility }
            <div class="table-scroll">
            <table>
                <caption>{"手続と期日（目安は国が示す目安の日）"}</caption>
                <thead><tr><th scope="col">{"期日"}</th><th scope="col">{"手続"}</th><th scope="col">{"行う人"}</th><th scope="col">{"備考"}</th></tr></thead>
                <tbody>
                { for schedule.steps.iter().map(|s| html! {
                    <tr>
                        <td>{ s.date.map(format_era_date_weekday).unwrap_or_else(|| "下記".into()) }
                            if s.approximate { <span class="flag">{"目安"}</span> }
                            if s.closed_day { <span class="flag flag-closed">{"閉庁日"}</span> }
                        </td>
                        <th scope="row">{ s.title.clone() }<span class="source">{ format!("（{}）", s.source) }</span></th>
                        <td>{ s.actor.clone() }</td>
                        <td class="note">{ for s.note.iter().flat_map(|n| n.lines()).map(|l| html! { <span class="note-line">{ l.to_string() }</span> }) }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            <figure class="timeline">
                { Html::from_html_unchecked(AttrValue::from(svg)) }
            </figure>
            <p><button type="button" class="button button-secondary" onclick={ics}>{"期限をカレンダーに入れる（.ics）"}</button></p>
        </>
    }
}

fn request_page(state: &State, dispatch: &Dispatch) -> Html {
    html! {
        <>
            { date_field(state, dispatch, "request_date", "依頼する日", "別紙1に書く日付です。例）2027年1月20日", true) }
            <h2>{"回答書の送付先"}</h2>
            { text_field(state, dispatch, "reply_to.postal_code", "例）123-4567", true, "postal-code") }
            { text_field(state, dispatch, "reply_to.address", "", true, "street-address") }
            { text_field(state, dispatch, "reply_to.name", "", true, "name") }
            <h2>{"医療機関・薬局"}</h2>
            { text_field(state, dispatch, "facility.name", "", true, "organization") }
            { text_field(state, dispatch, "facility.name_kana", "カタカナで入力します（ひらがなでも可）。", true, "off") }
            { text_field(state, dispatch, "facility.postal_code", "例）123-4567", true, "off") }
            { text_field(state, dispatch, "facility.address", "都道府県から入力します。", true, "off") }
            <h2>{"開設者"}</h2>
            { text_field(state, dispatch, "founder.corporation_name", "法人の場合だけ入力します。", false, "organization") }
            { text_field(state, dispatch, "founder.representative_title", "法人の場合だけ入力します。例）理事長", false, "organization-title") }
            { text_field(state, dispatch, "founder.name", "法人の場合は代表者の氏名です。", true, "name") }
            { text_field(state, dispatch, "founder.name_kana", "カタカナで入力します（ひらがなでも可）。", true, "off") }
            { text_field(state, dispatch, "founder.registration", "保険医・保険薬剤師の場合だけ入力します。", false, "off") }
            { text_field(state, dispatch, "founder.postal_code", "例）123-4567", true, "off") }
            { text_field(state, dispatch, "founder.address", "", true, "off") }
            { text_field(state, dispatch, "founder.phone", "例）03-1234-5678", true, "tel") }
            { text_field(state, dispatch, "founder.email", "", false, "email") }
            { text_field(state, dispatch, "contact_phone", "別紙1の「担当者の連絡先」です。例）03-1234-5678", true, "tel") }
        </>
    }
}

fn plan_page(state: &State, dispatch: &Dispatch) -> Html {
    let status = [("ready", "ア 整備済み"), ("contracted", "イ 契約済み"), ("quoting", "ウ 見積もり中")];
    let done = [("yes", "済み"), ("no", "未実施")];
    html! {
        <>
            { radios(state, dispatch, "plan.portal_account_done", "③ ポータルサイトのアカウント作成", &done, "") }
            { radios(state, dispatch, "plan.usage_application_done", "④ 利用申請・電子証明書の発行申請", &done, "") }
            <h2>{"カードリーダー"}</h2>
            { radios(state, dispatch, "plan.card_reader.status", "⑤ 顔認証付きカードリーダーの調達状況", &status, "") }
            { text_field(state, dispatch, "plan.card_reader.month", "イ 契約済みの場合だけ、整備する予定の月を数字で入力します。例）2", false, "off") }
            { text_field(state, dispatch, "plan.card_reader.maker", "見積もり中で決まっていなければ空のままにします。", false, "off") }
            <h2>{"ネットワーク"}</h2>
            { radios(state, dispatch, "plan.network.status", "⑦ ネットワークの整備状況", &status, "") }
            { text_field(state, dispatch, "plan.network.month", "イ 契約済みの場合だけ、整備する予定の月を数字で入力します。例）2", false, "off") }
            { text_field(state, dispatch, "plan.network.provider", "見積もり中で決まっていなければ空のままにします。", false, "off") }
            { radios(state, dispatch, "plan.network.line_type", "⑨ ネットワークの種類", &[("ip_vpn", "IP-VPN"), ("ipsec_ike", "IPsec+IKE")], "") }
            <h2>{"導入作業"}</h2>
            { date_field(state, dispatch, "plan.setup_start", "⑩ 導入作業開始（予定）日", "例）2027年2月15日", true) }
            { text_field(state, dispatch, "plan.system_vendor", "", true, "off") }
            { date_field(state, dispatch, "plan.operation_start", "⑫ 運用開始（予定）日", "例）2027年3月15日", true) }
            { date_field(state, dispatch, "plan.practice_start", "⑬ 診療・調剤開始（予定）日", "通常は指定を受ける日です。", true) }
        </>
    }
}

fn check_page(state: &State, dispatch: &Dispatch) -> Html {
    let problems = all_problems(&state.answers, content());
    let errors: Vec<&Problem> = problems.iter().filter(|p| p.severity == Severity::Error).collect();
    let warnings: Vec<&Problem> = problems.iter().filter(|p| p.severity == Severity::Warning).collect();
    let answer = |path: &str| -> String {
        if crate::state::DATE_FIELDS.contains(&path) {
            state.answers.date(path).date().map(format_era_date_weekday).unwrap_or_default()
        } else {
            let value = state.answers.get(path);
            match value {
                "yes" => "はい".into(),
                "no" => "いいえ".into(),
                v => v.to_string(),
            }
        }
    };
    let mut pages = vec![Page::Kind, Page::Prefecture, Page::Transitional, Page::Dates, Page::Request];
    if !state.answers.transitional() {
        pages.push(Page::Plan);
    }
    let go_on = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Show(Page::Download)))
    };
    html! {
        <>
            if !errors.is_empty() {
                <div class="error-summary" role="alert">
                    <h2>{"まだ入力が必要な項目があります"}</h2>
                    <ul>{ for errors.iter().map(|p| {
                        let page = pages.iter().find(|pg| page_fields(**pg).contains(&p.path.as_str())).copied().unwrap_or(Page::Request);
                        html! { <li><a href={format!("#{}", page.slug())}>{ p.to_string() }</a></li> }
                    }) }</ul>
                </div>
            }
            if !warnings.is_empty() {
                <div class="notice notice-warning"><h2>{"確認してください"}</h2>
                    <ul>{ for warnings.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }</ul>
                </div>
            }
            { for pages.iter().map(|page| html! {
                <section class="check-section">
                    <h2>{ page.title() }</h2>
                    <dl class="summary-list">
                    { for page_fields(*page).iter().filter(|p| **p != "bureau").map(|path| html! {
                        <div class="summary-row">
                            <dt>{ field_label(path) }</dt>
                            <dd>{ answer(path) }</dd>
                            <dd><a href={format!("#{}", page.slug())}>{"変更"}<span class="visually-hidden">{ field_label(path) }</span></a></dd>
                        </div>
                    }) }
                    </dl>
                </section>
            }) }
            if errors.is_empty() {
                <button type="button" class="button" onclick={go_on}>{"書類を作る"}</button>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SaveLoadProps {
    answers: Answers,
    dispatch: Dispatch,
}

/// Save the answers as the application file, or load one back.
#[function_component(SaveLoad)]
fn save_load(props: &SaveLoadProps) -> Html {
    let save = {
        let answers = props.answers.clone();
        Callback::from(move |_: MouseEvent| {
            let json = serde_json::to_string_pretty(&answers.to_application(&content().bureaus)).unwrap_or_default();
            download("onshi-application.json", json.as_bytes(), "application/json");
        })
    };
    let load = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
                let result = match text {
                    Some(t) => Answers::from_application(&t, &content().bureaus),
                    None => Err("ファイルを読めません。".into()),
                };
                dispatch.dispatch(Action::Loaded(result));
            });
        })
    };
    html! {
        <section class="save-load" aria-labelledby="save-load-title">
            <h2 id="save-load-title">{"入力内容の保存と読み込み"}</h2>
            <p>{"入力した内容をファイルに保存し、あとで読み込んで続けられます。ファイルはこのパソコンに保存され、どこにも送信されません。"}</p>
            <p><button type="button" class="button button-secondary" onclick={save}>{"入力内容を保存する（.json）"}</button></p>
            <div class="field">
                <label for="load-file">{"保存したファイルを読み込む"}</label>
                <input id="load-file" type="file" accept=".json,application/json" onchange={load} />
            </div>
        </section>
    }
}

#[derive(PartialEq, Clone)]
enum PdfState {
    Idle,
    Working,
    Ready(Vec<(String, Vec<u8>)>),
    Failed(Vec<String>),
}

/// Makes the PDFs in the worker (the PDF code and the font load only now) and offers them.
#[function_component(Downloads)]
fn downloads(props: &AnswersProps) -> Html {
    let pdfs = use_state(|| PdfState::Idle);
    let make = {
        let pdfs = pdfs.clone();
        let application = props.answers.to_application(&content().bureaus).to_string();
        Callback::from(move |_: MouseEvent| {
            pdfs.set(PdfState::Working);
            let pdfs = pdfs.clone();
            let options = web_sys::WorkerOptions::new();
            options.set_type(web_sys::WorkerType::Classic);
            let worker = match Worker::new_with_options("./pdf_worker_loader.js", &options) {
                Ok(w) => w,
                Err(_) => {
                    pdfs.set(PdfState::Failed(vec![
                        "PDF を作る準備ができませんでした。ページを読み込み直してください。".into(),
                    ]));
                    return;
                }
            };
            let handler = Closure::<dyn FnMut(MessageEvent)>::new({
                let worker = worker.clone();
                let application = application.clone();
                move |event: MessageEvent| {
                    // The worker says "ready" once it listens; then it gets the application.
                    // It is sent the content this page was built with and the application.
                    if event.data().as_string().as_deref() == Some("ready") {
                        let message =
                            js_sys::Array::of2(&JsValue::from_str(&content_json()), &JsValue::from_str(&application));
                        let _ = worker.post_message(&message);
                        return;
                    }
                    pdfs.set(parse_worker_reply(&event.data()));
                    worker.terminate();
                }
            });
            worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
            handler.forget();
        })
    };
    let kinds = props.answers.get("facility_kind").to_string();
    html! {
        <>
            <p>{"入力した内容から、受付番号情報提供依頼書（別紙1）"}
               if kinds == "medical_dental" { {"を医科分と歯科分の2通"} }
               if !props.answers.transitional() { {"と導入計画書（別紙2）"} }
               {"を PDF で作ります。作った書類は印刷して提出してください。"}</p>
            <div aria-live="polite">
            { match &*pdfs {
                PdfState::Idle => html! { <button type="button" class="button" onclick={make}>{"PDF を作る"}</button> },
                PdfState::Working => html! { <p>{"PDF を作っています…"}</p> },
                PdfState::Failed(messages) => html! {
                    <div class="error-summary" role="alert"><h2>{"PDF を作れませんでした"}</h2>
                        <ul>{ for messages.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
                        <p><a href="#check">{"入力内容を直す"}</a></p>
                    </div>
                },
                PdfState::Ready(files) => html! {
                    <ul class="downloads">{ for files.iter().map(|(name, bytes)| {
                        let (name, bytes) = (name.clone(), bytes.clone());
                        let label = pdf_label(&name);
                        let onclick = Callback::from(move |_: MouseEvent| download(&name, &bytes, "application/pdf"));
                        html! { <li><button type="button" class="button button-secondary" {onclick}>{ label }</button></li> }
                    }) }</ul>
                },
            } }
            </div>
        </>
    }
}

fn pdf_label(name: &str) -> String {
    match name {
        "request-medical.pdf" => "別紙1（医科）をダウンロード".into(),
        "request-dental.pdf" => "別紙1（歯科）をダウンロード".into(),
        "request-pharmacy.pdf" => "別紙1（薬局）をダウンロード".into(),
        "plan.pdf" => "別紙2 導入計画書をダウンロード".into(),
        other => other.to_string(),
    }
}

/// The worker replies `{ files: [{ name, bytes }] }` or `{ problems: [string] }`.
fn parse_worker_reply(data: &JsValue) -> PdfState {
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let problems = get(data, "problems");
    if problems.is_object() {
        let list: js_sys::Array = problems.unchecked_into();
        return PdfState::Failed(list.iter().filter_map(|p| p.as_string()).collect());
    }
    let files = get(data, "files");
    if !files.is_object() {
        return PdfState::Failed(vec!["PDF を作れませんでした。".into()]);
    }
    let list: js_sys::Array = files.unchecked_into();
    PdfState::Ready(
        list.iter()
            .map(|f| {
                let name = get(&f, "name").as_string().unwrap_or_default();
                let bytes = js_sys::Uint8Array::new(&get(&f, "bytes")).to_vec();
                (name, bytes)
            })
            .collect(),
    )
}

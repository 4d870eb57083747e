//! The studio's pages (Yew): the start page (open a folder or a zip, or the content of
//! `site serve`), the bureau list, a bureau's deadlines and offices as forms with the dates each
//! gives, recomputed on every input, and saving and exporting.

use crate::browser;
use crate::model::{dates, field_label, RuleForm, Slot, Studio, CLOSED_DAY_CHOICES};
use onshi::content::edit::OfficeField;
use onshi::content_file::ContentError;
use onshi::rule::{ClosedDayPolicy, DeadlineKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{FileList, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Where the content came from, which says how it is saved.
#[derive(Clone)]
enum Origin {
    /// Read through `<input webkitdirectory>`: saved as a zip.
    Folder(String),
    Zip(String),
    /// `site serve`'s API, with its key.
    Api(String),
    /// Chosen read-write (File System Access API): saved in place; the names read there.
    Picked(wasm_bindgen::JsValue, Vec<String>),
}

#[derive(Clone, PartialEq)]
enum Page {
    Start,
    List,
    Bureau(String),
}

/// Everything the pages show, held once; a change re-renders.
#[derive(Default)]
struct State {
    studio: Option<Studio>,
    origin: Option<Origin>,
    page: Option<Page>,
    /// The forms as typed, by slot key (a day being typed need not be a rule yet).
    forms: HashMap<String, RuleForm>,
    /// Office fields as typed, by field key.
    texts: HashMap<String, (String, bool)>,
    /// Problems found when a field was last changed, by field key (shown while they remain).
    field_errors: HashMap<String, Vec<String>>,
    /// The loader's problems now.
    errors: Vec<ContentError>,
    /// Problems opening or saving, and what was done.
    problems: Vec<String>,
    notice: Option<String>,
    busy: bool,
}

fn slot_key(file: &str, slot: &Slot) -> String {
    format!("{file}|{}|{}", slot.office.as_deref().unwrap_or(""), slot.kind.key())
}

type Shared = Rc<RefCell<State>>;

/// Changes the state, then re-renders.
type Update = Rc<dyn Fn(&dyn Fn(&mut State))>;

/// Opens what was read, or keeps the problems.
fn open(state: &Shared, raw: Result<Vec<(String, Vec<u8>)>, String>, origin: Origin) {
    let mut s = state.borrow_mut();
    s.busy = false;
    let files = raw.and_then(|raw| {
        if matches!(origin, Origin::Zip(_)) {
            site::publish::archive::read_content_zip(&raw[0].1)
        } else {
            crate::archive::under_content(raw)
        }
    });
    match files {
        Err(e) => s.problems = vec![e],
        Ok(files) => match Studio::open(files, browser::today()) {
            Ok(studio) => {
                *s = State { studio: Some(studio), origin: Some(origin), page: Some(Page::List), ..State::default() };
            }
            Err(errors) => s.problems = errors.iter().map(ToString::to_string).collect(),
        },
    }
}

/// Attributes the loader's problems after a change: new ones go to the field changed.
fn after_change(s: &mut State, field: &str, errors: Vec<ContentError>) {
    let before: Vec<String> = s.errors.iter().map(ToString::to_string).collect();
    let now: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let mut mine: Vec<String> = s.field_errors.remove(field).unwrap_or_default();
    mine.extend(now.iter().filter(|e| !before.contains(e)).cloned());
    mine.retain(|e| now.contains(e));
    mine.dedup();
    for list in s.field_errors.values_mut() {
        list.retain(|e| now.contains(e));
    }
    if !mine.is_empty() {
        s.field_errors.insert(field.to_string(), mine);
    }
    s.errors = errors;
    s.notice = None;
}

#[function_component(App)]
pub fn app() -> Html {
    let state: Shared = use_mut_ref(State::default).clone();
    let redraw = use_force_update();
    let update: Update = {
        let (state, redraw) = (state.clone(), redraw.clone());
        Rc::new(move |f: &dyn Fn(&mut State)| {
            f(&mut state.borrow_mut());
            redraw.force_update();
        })
    };
    // Leaving with unsaved changes asks first.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(
                move |e: web_sys::BeforeUnloadEvent| {
                    let unsaved =
                        state.try_borrow().ok().and_then(|s| s.studio.as_ref().map(|st| !st.changed().is_empty()));
                    if unsaved == Some(true) {
                        e.prevent_default();
                    }
                },
            );
            browser::window().set_onbeforeunload(Some(wasm_bindgen::JsCast::unchecked_ref(handler.as_ref())));
            handler.forget();
        });
    }
    // Opened from `site serve` (#key=…): its content, once.
    {
        let (state, redraw) = (state.clone(), redraw.clone());
        use_effect_with((), move |_| {
            if let Some(key) = browser::api_key() {
                state.borrow_mut().busy = true;
                redraw.force_update();
                wasm_bindgen_futures::spawn_local(async move {
                    let raw = browser::api_load(&key).await;
                    open(&state, raw, Origin::Api(key));
                    redraw.force_update();
                });
            }
        });
    }
    let s = state.borrow();
    let page = s.page.clone().unwrap_or(Page::Start);
    let body = match (&page, &s.studio) {
        (Page::List, Some(studio)) => list_page(studio, &update),
        (Page::Bureau(id), Some(studio)) => bureau_page(&s, studio, id, &update),
        _ => start_page(&s, &state, &redraw),
    };
    let bar = if s.studio.is_some() {
        save_bar(&s, &state, &redraw)
    } else {
        html! {}
    };
    html! {
        <>
        <header class="site-header"><p class="service">{"編集室（内容の編集）"}</p></header>
        <main class="studio">
            { for s.problems.iter().map(|p| html! { <p class="error-message" role="alert">{p}</p> }) }
            { if let Some(n) = &s.notice { html! { <p class="notice" role="status">{n}</p> } } else { html! {} } }
            { body }
            { bar }
        </main>
        </>
    }
}

/// What a file input's choice was read as: the files by their path, and where they came from.
type Chosen = (Result<Vec<(String, Vec<u8>)>, String>, Origin);

/// A folder chosen with `<input webkitdirectory>`: its files, named after the folder.
async fn chosen_folder(list: FileList) -> Chosen {
    let raw = browser::read_folder(list).await;
    let name = raw.as_ref().ok().and_then(|r| r.first()).map(|(p, _)| p.split('/').next().unwrap_or("").to_string());
    (raw, Origin::Folder(name.unwrap_or_default()))
}

/// A zip chosen with a file input: its bytes, named after the file.
async fn chosen_zip(list: FileList) -> Chosen {
    let raw = browser::read_first(list).await;
    let name = raw.as_ref().map(|(n, _)| n.clone()).unwrap_or_default();
    (raw.map(|r| vec![r]), Origin::Zip(name))
}

/// A file input's `change`: busy while `read` reads the choice, then it is opened.
fn on_files_chosen<F: std::future::Future<Output = Chosen> + 'static>(
    state: &Shared,
    redraw: &UseForceUpdateHandle,
    read: fn(FileList) -> F,
) -> Callback<Event> {
    let (state, redraw) = (state.clone(), redraw.clone());
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let Some(list) = input.files() else { return };
        let (state, redraw) = (state.clone(), redraw.clone());
        state.borrow_mut().busy = true;
        redraw.force_update();
        wasm_bindgen_futures::spawn_local(async move {
            let (raw, origin) = read(list).await;
            open(&state, raw, origin);
            redraw.force_update();
        });
    })
}

fn start_page(s: &State, state: &Shared, redraw: &UseForceUpdateHandle) -> Html {
    let on_folder = on_files_chosen(state, redraw, chosen_folder);
    let on_zip = on_files_chosen(state, redraw, chosen_zip);
    let on_pick = {
        let (state, redraw) = (state.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let (state, redraw) = (state.clone(), redraw.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::pick_folder().await {
                    Ok(None) => {}
                    Ok(Some((root, raw))) => {
                        let names = raw.iter().map(|(n, _)| n.clone()).collect();
                        open(&state, Ok(raw), Origin::Picked(root, names));
                    }
                    Err(e) => state.borrow_mut().problems = vec![e],
                }
                redraw.force_update();
            });
        })
    };
    let folder = if browser::can_pick_folder() {
        html! {
            <div class="field">
                <p class="label" id="pick-folder-label">{"内容のフォルダを開く"}</p>
                <p class="hint" id="pick-folder-hint">{"content フォルダを選んでください。保存すると、そのフォルダの中の直したファイルだけを書き換えます。"}</p>
                <button type="button" class="button" id="pick-folder" aria-describedby="pick-folder-hint" onclick={on_pick}>{"フォルダを選ぶ"}</button>
            </div>
        }
    } else {
        html! {
            <div class="field">
                <label for="open-folder">{"内容のフォルダを開く"}</label>
                <p class="hint" id="open-folder-hint">{"content フォルダを選んでください。フォルダの中のファイルをすべて読み込みます。保存すると、直した内容を zip ファイルでダウンロードします。"}</p>
                <input id="open-folder" type="file" webkitdirectory=true multiple=true aria-describedby="open-folder-hint" onchange={on_folder} />
            </div>
        }
    };
    html! {
        <>
        <h1>{"編集室"}</h1>
        <p class="lead">{"局ごとの提出期限や事務所の連絡先など、サイトの内容（content フォルダ）を直します。直した内容で期限がどう変わるかを、保存する前に確かめられます。"}</p>
        <p>{"ファイルはこのブラウザーの中で読むだけで、どこにも送信しません。"}</p>
        { if s.busy { html! { <p role="status">{"読み込んでいます…"}</p> } } else { html! {} } }
        { folder }
        <div class="field">
            <label for="open-zip">{"zip ファイルを開く"}</label>
            <p class="hint" id="open-zip-hint">{"content フォルダを圧縮した zip ファイルか、この編集室で保存した zip ファイルを選んでください。"}</p>
            <input id="open-zip" type="file" accept=".zip" aria-describedby="open-zip-hint" onchange={on_zip} />
        </div>
        </>
    }
}

fn list_page(studio: &Studio, update: &Update) -> Html {
    let changed = studio.changed();
    html! {
        <>
        <h1>{"局を選ぶ"}</h1>
        <ul class="bureau-list">
        { for studio.bureaus().into_iter().map(|(id, name, file)| {
            let go = { let (update, id) = (update.clone(), id.clone()); Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                update(&|s: &mut State| s.page = Some(Page::Bureau(id.clone())));
            }) };
            let mark = if changed.contains(&file) { "（変更あり・未保存）" } else { "" };
            let unknown = studio.content.bureaus.get(&id).map_or(0, |b| b.unknowns.len());
            let unknown = if unknown > 0 { format!("　未確認 {unknown} 件") } else { String::new() };
            html! { <li><a href={format!("#{id}")} onclick={go}>{name}</a>{mark}<span class="hint">{unknown}</span></li> }
        }) }
        </ul>
        </>
    }
}

fn errors_at(s: &State, key: &str, id: &str) -> Html {
    match s.field_errors.get(key) {
        Some(list) if !list.is_empty() => html! {
            <p class="error-message" id={id.to_string()}>
                { for list.iter().map(|e| html! { <span class="error-line">{"エラー："}{e}</span> }) }
            </p>
        },
        _ => html! {},
    }
}

fn bureau_page(s: &State, studio: &Studio, id: &str, update: &Update) -> Html {
    let Some(bureau) = studio.content.bureaus.get(id) else { return html! { <p>{"局がありません"}</p> } };
    let file = bureau.file.clone();
    let back = {
        let update = update.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            update(&|s: &mut State| s.page = Some(Page::List));
        })
    };
    let slots = studio.slots(id);
    html! {
        <>
        <p><a href="#" onclick={back}>{"局の一覧に戻る"}</a></p>
        <h1>{&bureau.name}</h1>
        <p class="hint">{format!("ファイル：{file}")}</p>
        { if s.errors.is_empty() { html! {} } else { html! {
            <div class="error-summary" role="alert">
                <h2>{"直すところがあります"}</h2>
                <ul>{ for s.errors.iter().map(|e| {
                    // A link to the field whose change brought it, when there is one.
                    let text = e.to_string();
                    let field = s.field_errors.iter().find(|(_, list)| list.contains(&text)).map(|(k, _)| k.replace(['|', '/', '.'], "-"));
                    match field {
                        Some(id) => html! { <li><a href={format!("#{id}")}>{text}</a></li> },
                        None => html! { <li>{text}</li> },
                    }
                }) }</ul>
                <p>{"直すまで保存できません。"}</p>
            </div>
        } } }
        <h2>{"提出期限"}</h2>
        { for slots.iter().map(|slot| deadline_form(s, studio, &file, slot, update)) }
        <h2>{"事務所"}</h2>
        { for studio.offices(id).iter().map(|o| html! {
            <fieldset class="office">
                <legend>{&o.title}</legend>
                { for o.values.iter().map(|(field, value)| office_field(s, &file, &o.id, *field, value, update)) }
                { contact_source(s, &file, o, update) }
            </fieldset>
        }) }
        </>
    }
}

fn deadline_form(s: &State, studio: &Studio, file: &str, slot: &Slot, update: &Update) -> Html {
    let key = slot_key(file, slot);
    let form = s.forms.get(&key).cloned().unwrap_or_else(|| RuleForm::from_rule(&slot.rule));
    let base = key.replace(['|', '/', '.'], "-");
    // Every input: the form changed, written into the file, checked.
    let change = {
        let (update, key, file, office, kind, form) =
            (update.clone(), key.clone(), file.to_string(), slot.office.clone(), slot.kind, form.clone());
        move |edit: Rc<dyn Fn(&mut RuleForm)>| {
            let (key, file, office, form) = (key.clone(), file.clone(), office.clone(), form.clone());
            update(&move |s: &mut State| {
                let mut form = s.forms.get(&key).cloned().unwrap_or_else(|| form.clone());
                edit(&mut form);
                match form.to_rule() {
                    Ok(rule) => {
                        if let Some(studio) = s.studio.as_mut() {
                            let errors = studio.set_deadline(&file, office.as_deref(), kind, rule.as_ref());
                            after_change(s, &key, errors);
                        }
                    }
                    Err(message) => {
                        s.field_errors.insert(key.clone(), vec![message]);
                    }
                }
                s.forms.insert(key.clone(), form);
            })
        }
    };
    let on_unknown = {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
            change(Rc::new(move |f: &mut RuleForm| f.unknown = checked));
        })
    };
    let on_month = {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let value: i32 = e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(-2);
            change(Rc::new(move |f: &mut RuleForm| f.month_offset = value));
        })
    };
    let on_day_kind = |first: bool| {
        let change = change.clone();
        Callback::from(move |_: Event| change(Rc::new(move |f: &mut RuleForm| f.first_open_day = first)))
    };
    let on_day = {
        let change = change.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            change(Rc::new(move |f: &mut RuleForm| f.day = value.clone()))
        })
    };
    let on_closed = |policy: ClosedDayPolicy| {
        let change = change.clone();
        Callback::from(move |_: Event| change(Rc::new(move |f: &mut RuleForm| f.closed_day = policy)))
    };
    let rule = form.to_rule().ok().flatten();
    let rows = if form.to_rule().is_ok() {
        dates(rule.as_ref(), &slot.overrides, &studio.content.calendar, studio.today)
    } else {
        Vec::new()
    };
    let mut months = vec![(-2, "前々月".to_string()), (-1, "前月".to_string())];
    if !matches!(form.month_offset, -2 | -1) {
        months.push((form.month_offset, format!("{}か月前の月", -form.month_offset)));
    }
    let kind_label = match slot.kind {
        DeadlineKind::ReceptionRequest => "受付番号の依頼（別紙1）",
        DeadlineKind::DesignationApplication => "指定申請",
    };
    let error_id = format!("{base}-error");
    let has_error = s.field_errors.get(&key).is_some_and(|l| !l.is_empty());
    html! {
        <fieldset class={classes!("deadline", has_error.then_some("field-error"))} id={base.clone()}>
            <legend>{format!("{}：{kind_label}の期限", slot.title)}</legend>
            { errors_at(s, &key, &error_id) }
            <div class="field checkbox">
                <input type="checkbox" id={format!("{base}-unknown")} checked={form.unknown} onchange={on_unknown} />
                <label for={format!("{base}-unknown")}>{"未確認（局の決まりが分からない）"}</label>
            </div>
            { if form.unknown { html! {} } else { html! {
                <>
                <div class="field">
                    <label for={format!("{base}-month")}>{"月"}</label>
                    <p class="hint">{"指定を受ける月から数えて、どの月か"}</p>
                    <select id={format!("{base}-month")} onchange={on_month}>
                        { for months.iter().map(|(v, l)| html! { <option value={v.to_string()} selected={*v == form.month_offset}>{l}</option> }) }
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{"日"}</legend>
                    <div class="radio">
                        <input type="radio" name={format!("{base}-daykind")} id={format!("{base}-daykind-day")} checked={!form.first_open_day} onchange={on_day_kind(false)} />
                        <label for={format!("{base}-daykind-day")}>{"日を決める"}</label>
                    </div>
                    { if form.first_open_day { html! {} } else { html! {
                        <div class="field conditional">
                            <label for={format!("{base}-day")}>{"何日"}</label>
                            <p class="hint" id={format!("{base}-day-hint")}>{"1〜28 の数字"}</p>
                            <input type="text" inputmode="numeric" class="width-2" id={format!("{base}-day")}
                                aria-describedby={format!("{base}-day-hint {error_id}")}
                                aria-invalid={has_error.to_string()}
                                value={form.day.clone()} oninput={on_day} />
                        </div>
                    } } }
                    <div class="radio">
                        <input type="radio" name={format!("{base}-daykind")} id={format!("{base}-daykind-first")} checked={form.first_open_day} onchange={on_day_kind(true)} />
                        <label for={format!("{base}-daykind-first")}>{"最初の開庁日"}</label>
                    </div>
                </fieldset>
                { if form.first_open_day { html! {} } else { html! {
                    <fieldset class="field">
                        <legend>{"その日が閉庁日（土日祝日・年末年始）のとき"}</legend>
                        { for CLOSED_DAY_CHOICES.iter().map(|(policy, label)| {
                            let id = format!("{base}-closed-{policy:?}");
                            html! {
                                <div class="radio">
                                    <input type="radio" name={format!("{base}-closed")} id={id.clone()} checked={form.closed_day == *policy} onchange={on_closed(*policy)} />
                                    <label for={id}>{*label}</label>
                                </div>
                            }
                        }) }
                    </fieldset>
                } } }
                </>
            } } }
            <div class="preview" aria-live="polite">
                <p class="describe">{"サイトの表示："}<strong class="rule-sentence">{ match (&rule, form.unknown) {
                    (_, true) => "未確認".to_string(),
                    (Some(r), _) => r.describe(),
                    (None, _) => "（日を直すと表示します）".to_string(),
                } }</strong></p>
                { if rows.is_empty() { html! {} } else { html! {
                    <table class="dates">
                        <caption>{"これから12か月の指定月と、その期限"}</caption>
                        <thead><tr><th scope="col">{"指定を受ける月"}</th><th scope="col">{"期限"}</th><th scope="col">{"備考"}</th></tr></thead>
                        <tbody>{ for rows.iter().map(|r| html! {
                            <tr><th scope="row">{&r.designation}</th><td>{&r.date}</td><td>{&r.note}</td></tr>
                        }) }</tbody>
                    </table>
                } } }
            </div>
        </fieldset>
    }
}

fn office_field(
    s: &State,
    file: &str,
    office: &str,
    field: OfficeField,
    value: &Option<String>,
    update: &Update,
) -> Html {
    let key = format!("{file}|{office}|{}", field.key());
    let base = key.replace(['|', '/', '.'], "-");
    let (text, unknown) =
        s.texts.get(&key).cloned().unwrap_or_else(|| (value.clone().unwrap_or_default(), value.is_none()));
    let change = {
        let (update, key, file, office) = (update.clone(), key.clone(), file.to_string(), office.to_string());
        move |text: String, unknown: bool| {
            let (key, file, office) = (key.clone(), file.clone(), office.clone());
            update(&move |s: &mut State| {
                s.texts.insert(key.clone(), (text.clone(), unknown));
                let value = (!unknown).then_some(text.trim());
                if let Some(studio) = s.studio.as_mut() {
                    let errors = studio.set_office_field(&file, &office, field, value);
                    after_change(s, &key, errors);
                }
            })
        }
    };
    let on_text = {
        let change = change.clone();
        Callback::from(move |e: InputEvent| change(e.target_unchecked_into::<HtmlInputElement>().value(), false))
    };
    let on_unknown = {
        let (change, text) = (change.clone(), text.clone());
        Callback::from(move |e: Event| change(text.clone(), e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let error_id = format!("{base}-error");
    html! {
        <div class="field" id={format!("{base}-field")}>
            <label for={base.clone()}>{field_label(field)}</label>
            { errors_at(s, &key, &error_id) }
            { if unknown { html! {} } else { html! {
                <input type="text" id={base.clone()} value={text} oninput={on_text} aria-describedby={error_id.clone()} />
            } } }
            <div class="checkbox">
                <input type="checkbox" id={format!("{base}-unknown")} checked={unknown} onchange={on_unknown} />
                <label for={format!("{base}-unknown")}>{"未確認"}</label>
            </div>
        </div>
    }
}

/// Where the postal code, address and phone were read: the loader wants it once one is known.
fn contact_source(s: &State, file: &str, office: &crate::model::OfficeFields, update: &Update) -> Html {
    let key = format!("{file}|{}|contact_source", office.id);
    let base = key.replace(['|', '/', '.'], "-");
    let (url, seen) = s
        .texts
        .get(&format!("{key}|url"))
        .map(|(u, _)| u.clone())
        .zip(s.texts.get(&format!("{key}|seen")).map(|(d, _)| d.clone()))
        .unwrap_or_else(|| (office.contact_url.clone(), office.contact_seen.clone()));
    let change = {
        let (update, key, file, id) = (update.clone(), key.clone(), file.to_string(), office.id.clone());
        move |url: String, seen: String| {
            let (key, file, id) = (key.clone(), file.clone(), id.clone());
            update(&move |s: &mut State| {
                s.texts.insert(format!("{key}|url"), (url.clone(), false));
                s.texts.insert(format!("{key}|seen"), (seen.clone(), false));
                let (u, d) = (url.trim(), seen.trim());
                let date = match d {
                    "" => None,
                    d => match onshi::application::parse_date(d) {
                        Ok(date) => Some(date),
                        Err(_) => {
                            s.field_errors
                                .insert(key.clone(), vec!["確認した日を 2026-12-01 の形で入力してください".into()]);
                            return;
                        }
                    },
                };
                if let Some(studio) = s.studio.as_mut() {
                    let errors = studio.set_contact_source(&file, &id, (!u.is_empty()).then_some(u), date);
                    after_change(s, &key, errors);
                }
            })
        }
    };
    let on_url = {
        let (change, seen) = (change.clone(), seen.clone());
        Callback::from(move |e: InputEvent| change(e.target_unchecked_into::<HtmlInputElement>().value(), seen.clone()))
    };
    let on_seen = {
        let (change, url) = (change.clone(), url.clone());
        Callback::from(move |e: InputEvent| change(url.clone(), e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let error_id = format!("{base}-error");
    html! {
        <fieldset class="field" id={base.clone()}>
            <legend>{"郵便番号・所在地・電話番号の出典"}</legend>
            <p class="hint">{"これらを書いたら、どのページで確かめたかを書いてください。サイトに日付とともに表示します。"}</p>
            { errors_at(s, &key, &error_id) }
            <div class="field">
                <label for={format!("{base}-url")}>{"ページのアドレス"}</label>
                <input type="text" id={format!("{base}-url")} inputmode="url" value={url} oninput={on_url} aria-describedby={error_id.clone()} />
            </div>
            <div class="field">
                <label for={format!("{base}-seen")}>{"確認した日"}</label>
                <p class="hint" id={format!("{base}-seen-hint")}>{"例：2026-12-01"}</p>
                <input type="text" class="width-10" id={format!("{base}-seen")} value={seen} oninput={on_seen} aria-describedby={format!("{base}-seen-hint {error_id}")} />
            </div>
        </fieldset>
    }
}

fn save_bar(s: &State, state: &Shared, redraw: &UseForceUpdateHandle) -> Html {
    let Some(studio) = &s.studio else { return html! {} };
    let changed = studio.changed();
    let can_save = s.errors.is_empty() && !changed.is_empty() && !s.busy;
    let opened = match &s.origin {
        Some(Origin::Folder(name)) => format!("開いているもの：フォルダ「{name}」"),
        Some(Origin::Zip(name)) => format!("開いているもの：{name}"),
        Some(Origin::Api(_)) => "開いているもの：プレビュー（site serve）のフォルダ".into(),
        Some(Origin::Picked(..)) => "開いているもの：選んだフォルダ".into(),
        None => String::new(),
    };
    let how = match &s.origin {
        Some(Origin::Api(_)) => "保存すると、プレビュー中のフォルダのファイルを書き換えます。",
        Some(Origin::Picked(..)) => "保存すると、開いたフォルダの中の直したファイルを書き換えます。",
        _ => "保存すると、直した内容のフォルダを zip ファイルでダウンロードします。それを展開して content フォルダと置き換えてください。",
    };
    let on_save = {
        let (state, redraw) = (state.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let (files, changed, origin) = {
                let s = state.borrow();
                let Some(studio) = &s.studio else { return };
                (studio.files_to_save(), studio.changed(), s.origin.clone())
            };
            let finish = {
                let (state, redraw) = (state.clone(), redraw.clone());
                move |result: Result<(), String>, saved_as: String| {
                    let mut s = state.borrow_mut();
                    s.busy = false;
                    match result {
                        Ok(()) => {
                            if let Some(studio) = s.studio.as_mut() {
                                studio.saved();
                            }
                            s.problems.clear();
                            s.notice = Some(saved_as);
                        }
                        Err(e) => s.problems = vec![e],
                    }
                    drop(s);
                    redraw.force_update();
                }
            };
            let list = changed.join("、");
            match origin {
                Some(Origin::Api(key)) => {
                    state.borrow_mut().busy = true;
                    redraw.force_update();
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = browser::api_save(&key, &files, &changed).await;
                        finish(result, format!("保存しました：{list}"));
                    });
                }
                Some(Origin::Picked(root, read)) => {
                    state.borrow_mut().busy = true;
                    redraw.force_update();
                    wasm_bindgen_futures::spawn_local(async move {
                        let mut result = Ok(());
                        for name in &changed {
                            let Some(path) = crate::archive::path_in_folder(&read, name) else { continue };
                            result = browser::write_in_folder(&root, &path, &files[name]).await;
                            if result.is_err() {
                                break;
                            }
                        }
                        finish(result, format!("フォルダに保存しました：{list}"));
                    });
                }
                _ => {
                    browser::download("content.zip", &site::publish::archive::zip_files(&files), "application/zip");
                    finish(Ok(()), format!("content.zip をダウンロードしました（変わったファイル：{list}）"));
                }
            }
        })
    };
    let on_export = {
        let (state, redraw) = (state.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let (zip, today) = {
                let mut s = state.borrow_mut();
                let Some(studio) = &s.studio else { return };
                let out = (site::publish::archive::zip_files(&studio.files_to_save()), studio.today);
                s.busy = true;
                s.notice = Some("サイトを作っています…".into());
                out
            };
            redraw.force_update();
            let started = browser::now_ms();
            let (state, redraw) = (state.clone(), redraw.clone());
            browser::export(zip, today, move |result| {
                let mut s = state.borrow_mut();
                s.busy = false;
                match result {
                    Ok(site) => {
                        let ms = browser::now_ms() - started;
                        browser::download("site.zip", &site, "application/zip");
                        s.notice = Some(format!("site.zip をダウンロードしました（{:.1} 秒）", ms / 1000.0));
                        s.problems.clear();
                    }
                    Err(e) => {
                        s.notice = None;
                        s.problems = e.lines().map(str::to_string).collect();
                    }
                }
                drop(s);
                redraw.force_update();
            });
        })
    };
    html! {
        <section class="save-bar" aria-label="保存">
            <p class="hint">{opened}</p>
            <p>{ if changed.is_empty() { "変更はありません。".to_string() } else { format!("保存していない変更：{}", changed.join("、")) } }</p>
            <p class="hint">{how}</p>
            <button type="button" class="button" disabled={!can_save} onclick={on_save}>{"保存"}</button>
            {" "}
            <button type="button" class="button button-secondary" disabled={s.busy || !s.errors.is_empty()} onclick={on_export}>{"サイトを書き出す"}</button>
        </section>
    }
}

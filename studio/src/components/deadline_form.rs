//! One deadline as choices, with the sentence the site prints and the next 12 dates it gives,
//! and the reading of the bureau's words when the rule is one (`inferred`).

use super::errors_at;
use crate::effects::Dispatch;
use crate::keys::{element_id, inferred_key, slot_key};
use crate::model::{dates, RuleForm, Slot, Studio, CLOSED_DAY_CHOICES};
use crate::state::{Action, RuleEdit, State};
use onshi::rule::{ClosedDayPolicy, DeadlineKind};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

pub fn deadline_form(s: &State, studio: &Studio, file: &str, slot: &Slot, dispatch: &Dispatch) -> Html {
    let key = slot_key(file, slot);
    let form = s.forms.get(&key).cloned().unwrap_or_else(|| RuleForm::from_rule(&slot.rule));
    let base = element_id(&key);
    // Every input: the form changed, written into the file, checked (the store's reducer).
    let action = {
        let (file, office, kind, shown) = (file.to_string(), slot.office.clone(), slot.kind, form.clone());
        move |edit: RuleEdit| Action::Deadline {
            file: file.clone(),
            office: office.clone(),
            kind,
            shown: shown.clone(),
            edit,
        }
    };
    let on_event = |edit: Box<dyn Fn(Event) -> RuleEdit>| {
        let action = action.clone();
        dispatch.callback(move |e: Event| action(edit(e)))
    };
    let on_unknown = on_event(Box::new(|e| RuleEdit::Unknown(e.target_unchecked_into::<HtmlInputElement>().checked())));
    let on_month = on_event(Box::new(|e| {
        RuleEdit::MonthOffset(e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(-2))
    }));
    let on_day_kind = |first: bool| on_event(Box::new(move |_| RuleEdit::FirstOpenDay(first)));
    let on_closed = |policy: ClosedDayPolicy| on_event(Box::new(move |_| RuleEdit::ClosedDay(policy)));
    let on_day = {
        let action = action.clone();
        dispatch
            .callback(move |e: InputEvent| action(RuleEdit::Day(e.target_unchecked_into::<HtmlInputElement>().value())))
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
            { if form.unknown && slot.inferred.is_none() { html! {} } else { inferred_field(s, file, slot, dispatch) } }
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

/// The reading of the bureau's words (`inferred`): written when the rule reads more into the
/// words than they state; emptied once the bureau confirms it (the line is removed).
fn inferred_field(s: &State, file: &str, slot: &Slot, dispatch: &Dispatch) -> Html {
    let key = inferred_key(file, slot.office.as_deref(), slot.kind.key());
    let base = element_id(&key);
    let text = s.texts.get(&key).map(|(t, _)| t.clone()).unwrap_or_else(|| slot.inferred.clone().unwrap_or_default());
    let on_input = {
        let (file, office, kind) = (file.to_string(), slot.office.clone(), slot.kind);
        dispatch.callback(move |e: InputEvent| Action::Inferred {
            file: file.clone(),
            office: office.clone(),
            kind,
            text: e.target_unchecked_into::<HtmlTextAreaElement>().value(),
        })
    };
    let error_id = format!("{base}-error");
    let hint_id = format!("{base}-hint");
    html! {
        <div class="field">
            <label for={base.clone()}>{"読み取り（局の文言に書かれていないことを読んだとき）"}</label>
            <p class="hint" id={hint_id.clone()}>
                {"局の文言から読み取って決まりにしたときは、その読み取りを利用者向けの文で書きます。サイトは期限の横に、この文と「提出先の事務所でご確認ください。」を示し、点検が確認を求めます。局に確かめられたら消してください。"}
                { match &slot.wording { Some(w) => html! { <><br />{format!("局の文言：「{w}」")}</> }, None => html! {} } }
            </p>
            { errors_at(s, &key, &error_id) }
            <textarea id={base.clone()} rows="3" value={text} oninput={on_input}
                aria-describedby={format!("{hint_id} {error_id}")} />
        </div>
    }
}

//! `/skm/:code`: a service unit's satisfaction survey for citizens (no login). Plain
//! HTML that works before (or without) the page's script on a cheap phone: the nine
//! questions as radio groups the browser itself requires, the optional profile, a
//! suggestion; sent as a plain form post when there is no script.

use crate::coded::Labelled;
use crate::i18n::{use_i18n, I18n, K};
use crate::survey::api::{open_survey, SendResponse};
use crate::survey::input::{AGE_MAX, AGE_MIN, SUGGESTION_MAX};
use crate::survey::model::{Education, Occupation, RespondentSex, SurveyForm, ELEMENT_KEYS};
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, msg_for, saved_flag, Field, Page, PageHead, SubmitButton};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SurveyPage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code").unwrap_or_default()));
    let act = ServerAction::<SendResponse>::new();
    let data = Resource::new(move || code.get(), open_survey);
    let errors = action_error(act);
    let sent = Signal::derive(saved_flag(act.value()));
    view! {
        <Page narrow=true class="survey" errors=vec![errors]>
            {loaded(data, move |f| view! { <Survey f act sent /> })}
        </Page>
    }
}

#[component]
fn Survey(f: SurveyForm, act: ServerAction<SendResponse>, sent: Signal<bool>) -> impl IntoView {
    let i = use_i18n();
    let title = i.f(K::SkmTitle, &[("unit", f.name.clone())]);
    view! {
        <PageHead title subtitle=f.agency.clone() />
        {move || if sent.get() {
            view! {
                <section class="card" data-testid="skm-thanks" aria-live="polite">
                    <h2>{i.t(K::SkmThanks)}</h2>
                    <p>{i.t(K::SkmThanksText)}</p>
                </section>
            }.into_any()
        } else {
            view! { <Questions f=f.clone() act /> }.into_any()
        }}
    }
}

#[component]
fn Questions(f: SurveyForm, act: ServerAction<SendResponse>) -> impl IntoView {
    let i = use_i18n();
    let errors = action_error(act);
    view! {
        <p>{i.t(K::SkmIntro)}</p>
        <ActionForm action=act attr:class="form" attr:data-testid="skm-form">
            <input type="hidden" name="code" value=f.code.clone() />
            <input type="hidden" name="form[started]" value=f.started.clone() />
            {ELEMENT_KEYS.iter().enumerate().map(|(n, (_, question, answers))| {
                let field = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"][n];
                view! {
                    <fieldset class="question" class:field-invalid=move || msg_for(errors, field).get().is_some()>
                        <legend>{format!("{}. ", n + 1)}{i.t(*question)}</legend>
                        <div class="level-choices">
                            {answers.iter().enumerate().map(|(a, k)| {
                                let id = format!("{field}-{}", a + 1);
                                let target = id.clone();
                                view! {
                                    <label class="level-choice" for=target>
                                        <input type="radio" id=id name=format!("form[{field}]") value=(a + 1).to_string() required />
                                        <span>{i.t(*k)}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                        <p class="field-error" id=format!("{field}-error") aria-live="polite">{move || msg_for(errors, field).get()}</p>
                    </fieldset>
                }
            }).collect_view()}
            <Profile errors />
            <Field label=i.t(K::SkmSuggestion) name="suggestion" error=msg_for(errors, "suggestion") hint=i.t(K::SkmOptional)>
                <textarea id="suggestion" name="form[suggestion]" rows="4" maxlength=SUGGESTION_MAX.to_string()></textarea>
            </Field>
            <p class="muted small">{i.t(K::SkmPrivacy)}</p>
            <SubmitButton pending=act.pending() label=K::SkmSend />
        </ActionForm>
    }
}

/// A coded enum's choices, under the names people read.
fn options<T: Labelled>(i: I18n) -> impl IntoView {
    T::all()
        .iter()
        .map(move |&x| view! { <option value=x.code()>{i.t(x.label())}</option> })
        .collect_view()
}

/// The optional respondent profile the regulation's questionnaire lists.
#[component]
fn Profile(errors: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <fieldset>
            <legend>{i.t(K::SkmProfile)}" "<span class="muted small">{i.t(K::SkmOptional)}</span></legend>
            <Field label=i.t(K::SkmAge) name="age" error=msg_for(errors, "age")>
                <input id="age" name="form[age]" type="number" inputmode="numeric" min=AGE_MIN.to_string() max=AGE_MAX.to_string() />
            </Field>
            <div class="field">
                <span class="label">{i.t(K::SkmSex)}</span>
                <div class="inline-choices">
                    {RespondentSex::ALL.iter().map(|s| {
                        let id = format!("sex-{}", s.code());
                        let target = id.clone();
                        view! { <label for=target><input type="radio" id=id name="form[sex]" value=s.code() />" "{i.t(s.label())}</label> }
                    }).collect_view()}
                </div>
                <p class="field-error" id="sex-error">{move || msg_for(errors, "sex").get()}</p>
            </div>
            <Field label=i.t(K::SkmEducation) name="education" error=msg_for(errors, "education")>
                <select id="education" name="form[education]">
                    <option value="">{i.t(K::SkmNotSaid)}</option>
                    {options::<Education>(i)}
                </select>
            </Field>
            <Field label=i.t(K::SkmOccupation) name="occupation" error=msg_for(errors, "occupation")>
                <select id="occupation" name="form[occupation]">
                    <option value="">{i.t(K::SkmNotSaid)}</option>
                    {options::<Occupation>(i)}
                </select>
            </Field>
        </fieldset>
    }
}

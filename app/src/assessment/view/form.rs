//! One rating form (`/assess/:id`): each competency of the ratee's standard with
//! what each level means, a level 1–5 and an optional comment. Drafts are saved;
//! "send" is final.

use crate::assessment::api::{get_form, SaveForm};
use crate::assessment::model::{FormItem, RaterStatus, RatingForm, Source};
use crate::i18n::{use_i18n, K};
use crate::ui::page::{loaded, route_id};
use crate::ui::widgets::{action_error, Notice, Page, PageHead, SubmitButton};
use leptos::prelude::*;

#[component]
pub fn FormPage() -> impl IntoView {
    let i = use_i18n();
    let id = route_id();
    let save = ServerAction::<SaveForm>::new();
    // Loaded once: a failed submission must not reload the form over the choices
    // the rater has not saved yet.
    let data = Resource::new(move || id.get().unwrap_or(0), get_form);
    let errors = action_error(save);
    view! {
        <Page back=("/assess", K::AssessBack) narrow=true errors=vec![errors]>
            {move || match save.value().get() {
                Some(Ok(true)) => Some(view! { <Notice text=i.t(K::AssessSentNotice).to_string() /> }),
                Some(Ok(false)) => Some(view! { <Notice text=i.t(K::AssessDraftNotice).to_string() /> }),
                _ => None,
            }}
            {move || errors.get().filter(|e| !e.fields().is_empty()).map(|_| view! {
                <div class="alert alert-error" role="alert">{i.t(K::AssessFixLevels)}</div>
            })}
            {loaded(data, move |f| view! { <Form f save errors /> })}
        </Page>
    }
}

#[component]
fn Form(
    f: RatingForm,
    save: ServerAction<SaveForm>,
    errors: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let title = if f.source == Source::SelfRating {
        i.t(K::AssessYourself).to_string()
    } else {
        f.ratee.clone()
    };
    let subtitle = format!(
        "{} · {} · {}",
        f.position,
        i.t(f.source.label()),
        f.campaign
    );
    // Once sent, the form is final: the buttons go away without a reload.
    let sent = move || matches!(save.value().get(), Some(Ok(true)));
    let editable = f.editable;
    view! {
        <PageHead title subtitle />
        <p class="muted">{i.f(K::AssessDeadline, &[("date", i.date(&f.ends_on))])}</p>
        {(f.status == RaterStatus::Submitted).then(|| view! { <div class="alert alert-ok">{i.t(K::AssessAlreadySent)}</div> })}
        {(!editable && f.status != RaterStatus::Submitted).then(|| view! { <div class="alert alert-warn">{i.t(K::AssessClosed)}</div> })}
        {f.sealed.then(|| {
            let why = if f.status == RaterStatus::Submitted { K::AssessSealedSent } else { K::AssessSealed };
            view! { <p class="alert alert-ok" data-testid="sealed">{i.t(why)}</p> }
        })}
        <ActionForm action=save attr:class="form rating-form">
            <input type="hidden" name="id" value=f.rater_row.to_string() />
            {f.items.into_iter().enumerate().map(|(n, it)| view! { <Question n it editable errors /> }).collect_view()}
            {move || (editable && !sent()).then(|| view! {
                <div class="actions sticky-actions">
                    <SubmitButton pending=save.pending() label=K::AssessSaveDraft class="button-quiet" />
                    <button type="submit" name="submit" value="1" class="button" disabled=move || save.pending().get()>{i.t(K::AssessSend)}</button>
                </div>
                <p class="small muted">{i.t(K::AssessSendHelp)}</p>
            })}
        </ActionForm>
    }
}

#[component]
fn Question(
    n: usize,
    it: FormItem,
    editable: bool,
    errors: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let cid = it.competency_id;
    let level_field = format!("level_{cid}");
    let invalid = {
        let f = level_field.clone();
        move || {
            errors.with(|e| {
                e.as_ref()
                    .is_some_and(|e| e.fields().iter().any(|x| x.field == f))
            })
        }
    };
    let message = {
        let f = level_field.clone();
        move || errors.with(|e| e.as_ref().and_then(|e| e.field_message(&f, i.lang())))
    };
    view! {
        <fieldset class="card question" class:field-invalid=invalid data-code=it.code.clone()>
            <legend><span class="code">{it.code.clone()}</span>" "{it.name.clone()}</legend>
            <input type="hidden" name=format!("items[{n}][competency_id]") value=cid.to_string() />
            <p class="small">{it.definition.clone()}</p>
            <p class="small muted">{i.f(K::AssessRequired, &[("n", it.required_level.to_string())])}</p>
            <div class="level-choices" role="radiogroup">
                {it.levels.into_iter().map(|l| {
                    let input_id = format!("q{cid}-{}", l.level);
                    view! {
                        <label class="level-choice" for=input_id.clone()>
                            <input type="radio" id=input_id.clone() name=format!("items[{n}][level]") value=l.level.to_string()
                                checked=it.level == Some(l.level) disabled=!editable />
                            <span><strong>{l.level}</strong>" "{l.description}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" aria-live="polite">{message}</p>
            <label for=format!("c{cid}") class="small">{i.t(K::AssessComment)}</label>
            <textarea id=format!("c{cid}") name=format!("items[{n}][comment]") rows="2" maxlength="2000" disabled=!editable>{it.comment.clone()}</textarea>
        </fieldset>
    }
}

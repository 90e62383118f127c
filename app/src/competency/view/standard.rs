//! One standard (`/standards/:id`): its required levels with what each level means,
//! its versions, and, by role: HR's editing and life-cycle buttons, the holders'
//! comments while it is open, and HR's answers. Ratified standards also open
//! without login (the public page links here).

use crate::competency::api::*;
use crate::competency::model::{StandardComment, StandardDetail, StandardItem, StandardStatus};
use crate::i18n::{use_i18n, K};
use crate::ui::page::{loaded, route_id};
use crate::ui::widgets::{
    action_error, first_error, go_to_created, msg_for, Card, Field, Page, PageHead, SubmitButton,
};
use leptos::prelude::*;

/// The actions of the page, shared by its parts so any of them refreshes the data.
#[derive(Clone, Copy)]
struct Acts {
    set: ServerAction<SetStandardItem>,
    remove: ServerAction<RemoveStandardItem>,
    open: ServerAction<OpenStandard>,
    ratify: ServerAction<RatifyStandard>,
    start: ServerAction<StartStandard>,
    comment: ServerAction<CommentStandard>,
    answer: ServerAction<AnswerComment>,
}

#[component]
pub fn StandardPage() -> impl IntoView {
    let id = route_id();
    let acts = Acts {
        set: ServerAction::new(),
        remove: ServerAction::new(),
        open: ServerAction::new(),
        ratify: ServerAction::new(),
        start: ServerAction::new(),
        comment: ServerAction::new(),
        answer: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                id.get().unwrap_or(0),
                acts.set.version().get() + acts.remove.version().get() + acts.open.version().get(),
                acts.ratify.version().get()
                    + acts.comment.version().get()
                    + acts.answer.version().get(),
            )
        },
        |(id, _, _)| get_standard(id),
    );
    go_to_created(acts.start, crate::competency::api::standard_page);
    let errors = first_error(vec![
        action_error(acts.set),
        action_error(acts.remove),
        action_error(acts.open),
        action_error(acts.ratify),
        action_error(acts.start),
    ]);
    view! {
        <Page errors=vec![errors, action_error(acts.comment), action_error(acts.answer)]>
            {loaded(data, move |s| view! { <StandardView s acts /> })}
        </Page>
    }
}

#[component]
fn StandardView(s: StandardDetail, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    let subtitle = format!("{} · {}", s.agency_name, i.t(s.job_level.label()));
    let state_help = match s.status {
        StandardStatus::Draft => K::StdHelpDraft,
        StandardStatus::Open => K::StdHelpOpen,
        StandardStatus::Ratified => K::StdHelpRatified,
        StandardStatus::Superseded => K::StdHelpSuperseded,
    };
    let rights = s.rights;
    let sid = s.id;
    let comments = s.comments.clone();
    view! {
        <PageHead title=s.position_name.clone() subtitle />
        <div class="toolbar">
            <span class=format!("tag tag-{}", s.status.code()) data-testid="std-status">
                {i.f(K::StdVersionStatus, &[("v", s.version.to_string()), ("status", i.t(s.status.label()).to_string())])}
            </span>
            {s.ratified_at.clone().map(|d| view! { <span class="muted small">{i.f(K::StdRatifiedOn, &[("date", i.date(&d))])}</span> })}
        </div>
        <p class="muted">{i.t(state_help)}</p>
        {s.skip_reason.clone().map(|r| view! { <p class="alert alert-warn">{i.f(K::StdSkipReason, &[("reason", r)])}</p> })}
        <Versions versions=s.versions.clone() current=sid />
        {rights.edit.then(|| view! { <Lifecycle s=s.clone() acts /> })}
        {rights.revise.then(|| view! {
            <ActionForm action=acts.start attr:class="inline-form">
                <input type="hidden" name="position_id" value=s.position_id.to_string() />
                <SubmitButton pending=acts.start.pending() label=K::StdNewVersion />
            </ActionForm>
        })}
        <ul class="std-items">
            {s.items.into_iter().map(|it| view! { <Item it edit=rights.edit id=sid acts /> }).collect_view()}
        </ul>
        {rights.edit.then(|| view! { <AddItem addable=s.addable.clone() id=sid acts /> })}
        {rights.read_comments.then(|| view! { <Comments comments rights id=sid acts /> })}
    }
}

#[component]
fn Versions(versions: Vec<(i32, i32, StandardStatus)>, current: i32) -> impl IntoView {
    let i = use_i18n();
    (versions.len() > 1).then(|| {
        view! {
            <nav class="chip-row" aria-label=i.t(K::StdVersions)>
                {versions
                    .into_iter()
                    .map(|(id, v, st)| {
                        let label = format!("v{v} · {}", i.t(st.label()));
                        if id == current {
                            view! { <span class="chip chip-on">{label}</span> }.into_any()
                        } else {
                            view! { <a class="chip" href=format!("/standards/{id}")>{label}</a> }.into_any()
                        }
                    })
                    .collect_view()}
            </nav>
        }
    })
}

/// Opening for comment, and ratifying: confirmed (it cannot be undone), and before
/// the agency's comment period has passed only with a written reason. Both work as
/// plain forms before the page has hydrated.
#[component]
fn Lifecycle(s: StandardDetail, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    let id = s.id;
    let days = ("days", s.comment_days.to_string());
    let period = match &s.opened_at {
        Some(d) => i.f(K::StdCommentPeriod, &[("date", i.date(d)), days]),
        None => i.f(K::StdCommentPeriodNone, &[days]),
    };
    let errors = action_error(acts.ratify);
    view! {
        <div class="actions">
            {(s.status == StandardStatus::Draft).then(|| view! {
                <ActionForm action=acts.open attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <SubmitButton pending=acts.open.pending() label=K::StdOpen />
                </ActionForm>
            })}
        </div>
        <p class="muted small">{period}</p>
        <ActionForm action=acts.ratify attr:class="form form-compact card ratify">
            <input type="hidden" name="id" value=id.to_string() />
            {(!s.comment_done).then(|| view! {
                <Field label=i.t(K::StdRatifyReason) name="reason" error=msg_for(errors, "reason")>
                    <textarea id="reason" name="reason" rows="2" maxlength="500"></textarea>
                </Field>
            })}
            <label class="check">
                <input type="checkbox" name="confirm" required />
                " "{i.t(K::StdRatifyConfirm)}
            </label>
            <span class="field-error">{move || msg_for(errors, "confirm").get()}</span>
            <SubmitButton pending=acts.ratify.pending() label=K::StdRatify class="button-quiet" />
        </ActionForm>
    }
}

#[component]
fn Item(it: StandardItem, edit: bool, id: i32, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    let cid = it.competency_id;
    let req = it.required_level;
    let national = it.group.is_national();
    view! {
        <li class="card std-item" data-code=it.code.clone()>
            <div class="std-item-head">
                <div>
                    <span class="code">{it.code.clone()}</span>" "
                    <strong>{it.name.clone()}</strong>
                </div>
                <span class="level-badge" title=i.t(K::StdRequiredLevel)>{i.f(K::StdLevelN, &[("n", req.to_string())])}</span>
            </div>
            <p>{it.required_text.clone()}</p>
            {(!it.indicators.is_empty()).then(|| view! {
                <ul class="indicators">{it.indicators.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
            })}
            {edit.then(|| view! {
                <div class="std-item-edit">
                    <ActionForm action=acts.set attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <input type="hidden" name="competency_id" value=cid.to_string() />
                        <label class="sr-only" for=format!("lvl-{cid}")>{i.t(K::StdRequiredLevel)}</label>
                        <select id=format!("lvl-{cid}") name="level">
                            {(1..=5u8).map(|l| view! { <option value=l.to_string() selected=l == req>{i.f(K::StdLevelN, &[("n", l.to_string())])}</option> }).collect_view()}
                        </select>
                        <button type="submit" class="button button-small">{i.t(K::Save)}</button>
                    </ActionForm>
                    {if national {
                        view! { <span class="tag">{i.t(K::StdNationalFixed)}</span> }.into_any()
                    } else {
                        view! {
                            <ActionForm action=acts.remove attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string() />
                                <input type="hidden" name="competency_id" value=cid.to_string() />
                                <button type="submit" class="button button-small button-quiet">{i.t(K::StdRemove)}</button>
                            </ActionForm>
                        }.into_any()
                    }}
                </div>
            })}
        </li>
    }
}

#[component]
fn AddItem(addable: Vec<(i32, String, String)>, id: i32, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    let errors = action_error(acts.set);
    (!addable.is_empty()).then(|| {
        view! {
            <ActionForm action=acts.set attr:class="form form-compact card">
                <h2>{i.t(K::StdAdd)}</h2>
                <input type="hidden" name="id" value=id.to_string() />
                <div class="field-row">
                    <Field label=i.t(K::StdCompetency) name="competency_id" error=msg_for(errors, "competency_id")>
                        <select id="competency_id" name="competency_id">
                            {addable.into_iter().map(|(cid, code, name)| view! { <option value=cid.to_string()>{format!("{code} {name}")}</option> }).collect_view()}
                        </select>
                    </Field>
                    <Field label=i.t(K::StdRequiredLevel) name="level" error=msg_for(errors, "level")>
                        <select id="level" name="level">
                            {(1..=5u8).map(|l| view! { <option value=l.to_string()>{l}</option> }).collect_view()}
                        </select>
                    </Field>
                </div>
                <SubmitButton pending=acts.set.pending() label=K::StdAddButton />
            </ActionForm>
        }
    })
}

#[component]
fn Comments(
    comments: Vec<StandardComment>,
    rights: crate::competency::model::StandardRights,
    id: i32,
    acts: Acts,
) -> impl IntoView {
    let i = use_i18n();
    let errors = action_error(acts.comment);
    let answer_errors = action_error(acts.answer);
    view! {
        <Card title=K::StdComments>
            {comments.is_empty().then(|| view! { <p class="muted">{i.t(K::StdNoComments)}</p> })}
            <ul class="comments">
                {comments.into_iter().map(|c| {
                    let cid = c.id;
                    view! {
                        <li>
                            <p class="small muted">{format!("{} · {}", c.author, i.date_time(&c.at))}</p>
                            <p>{c.body.clone()}</p>
                            {c.answer.clone().map(|a| view! { <p class="answer"><strong>{i.t(K::StdAnswerLabel)}</strong>" "{a}</p> })}
                            {(rights.answer && c.answer.is_none()).then(|| view! {
                                <ActionForm action=acts.answer attr:class="form form-compact">
                                    <input type="hidden" name="comment_id" value=cid.to_string() />
                                    <Field label=i.t(K::StdAnswer) name=format!("answer-{cid}") error=msg_for(answer_errors, "answer")>
                                        <textarea id=format!("answer-{cid}") name="answer" rows="2" maxlength="2000"></textarea>
                                    </Field>
                                    <button type="submit" class="button button-small">{i.t(K::StdAnswerButton)}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {rights.comment.then(|| view! {
                <ActionForm action=acts.comment attr:class="form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <Field label=i.t(K::StdYourComment) name="body" error=msg_for(errors, "body")>
                        <textarea id="body" name="body" rows="3" maxlength="2000"></textarea>
                    </Field>
                    <SubmitButton pending=acts.comment.pending() label=K::StdSend />
                </ActionForm>
            })}
        </Card>
    }
}

//! A programme: HR's form to add one (`/training/new`) or edit it, and its page
//! (`/training/programmes/:id`) with what it builds and, for HR, its people.

use super::catalogue::builds_text;
use super::participants::Participants;
use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::training::api::*;
use crate::training::model::{Mode, ProgrammeDetail, ProgrammeForm};
use crate::ui::page::{loaded, route_id};
use crate::ui::widgets::{
    action_error, go_to_created, msg_for, Card, CodedSelect, Field, Page, PageHead, SubmitButton,
};
use leptos::prelude::*;

#[component]
pub fn ProgrammeNewPage() -> impl IntoView {
    let create = ServerAction::<CreateProgramme>::new();
    let errors = action_error(create);
    go_to_created(create, programme_page);
    let data = Resource::new(|| (), |_| get_catalogue());
    view! {
        <Page title=K::TrNew subtitle=K::TrNewHelp back=("/training", K::TrBack) narrow=true errors=vec![errors]>
            {loaded(data, move |c| view! {
                <ActionForm action=create attr:class="form" attr:novalidate=true>
                    <ProgrammeFields form=ProgrammeForm::default() competencies=c.competencies errors />
                    <SubmitButton pending=create.pending() label=K::TrCreate />
                </ActionForm>
            })}
        </Page>
    }
}

/// The programme form's fields (`form[...]`), filled from `form`.
#[component]
fn ProgrammeFields(
    form: ProgrammeForm,
    competencies: Vec<(i32, String, String)>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let f = form.clone();
    let text = move |name: &'static str, label: K, value: String, kind: &'static str| {
        view! {
            <Field label=i.t(label) name=name error=msg_for(errors, name)>
                <input id=name name=format!("form[{name}]") type=kind value=value required />
            </Field>
        }
    };
    view! {
        {text("name", K::TrProgramme, f.name, "text")}
        <div class="field-row">
            {text("code", K::TrCode, f.code, "text")}
            {text("jp", K::TrJpLong, f.jp, "number")}
        </div>
        <div class="field-row">
            <Field label=i.t(K::TrMode) name="mode" error=msg_for(errors, "mode")>
                <CodedSelect id="mode" selected=Mode::from_code(&f.mode) choose=true />
            </Field>
            {text("capacity", K::TrCapacity, f.capacity, "number")}
        </div>
        {text("provider", K::TrProvider, f.provider, "text")}
        <div class="field-row">
            {text("starts_on", K::TrStarts, f.starts_on, "date")}
            {text("ends_on", K::TrEnds, f.ends_on, "date")}
        </div>
        <label class="check">
            <input type="checkbox" name="form[for_assessors]" checked=f.for_assessors.is_some() />
            " "{i.t(K::TrForAssessorsHelp)}
        </label>
        <BuildsFields competencies chosen=form.builds.clone() errors />
    }
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let id = route_id();
    let update = ServerAction::<UpdateProgramme>::new();
    let acts = super::participants::Acts::new();
    let data = Resource::new(
        move || {
            (
                id.get().unwrap_or(0),
                update.version().get() + acts.version(),
            )
        },
        |(id, _)| get_programme(id),
    );
    let saved = Signal::derive(move || update.value().with(|v| matches!(v, Some(Ok(())))));
    view! {
        <Page back=("/training", K::TrBack) saved errors=vec![action_error(update), acts.error()]>
            {loaded(data, move |d| view! { <Detail d update acts /> })}
        </Page>
    }
}

#[component]
fn Detail(
    d: ProgrammeDetail,
    update: ServerAction<UpdateProgramme>,
    acts: super::participants::Acts,
) -> impl IntoView {
    let i = use_i18n();
    let p = d.programme.clone();
    let errors = action_error(update);
    let subtitle = format!(
        "{} · {} · {}",
        i.t(p.mode.label()),
        p.provider,
        i.f(K::TrJpN, &[("jp", p.jp.to_string())])
    );
    view! {
        <PageHead title=p.name.clone() subtitle />
        <dl class="facts">
            <div><dt>{i.t(K::TrBuilds)}</dt><dd>{builds_text(&p.builds)}</dd></div>
            <div><dt>{i.t(K::TrDates)}</dt><dd>{format!("{} – {}", i.date(&p.starts_on), i.date(&p.ends_on))}</dd></div>
            <div><dt>{i.t(K::TrSeats)}</dt><dd>{format!("{} / {}", p.taken, p.capacity)}</dd></div>
            {p.mine.map(|s| view! { <div><dt>{i.t(K::TrYou)}</dt><dd><span class=format!("tag tag-{}", s.code())>{i.t(s.label())}</span></dd></div> })}
        </dl>
        {d.manage.then(|| view! {
            <Participants list=d.participants.clone() programme=p.id acts />
            <Card title=K::TrEdit>
                <ActionForm action=update attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="id" value=p.id.to_string() />
                    <ProgrammeFields form=d.form.clone() competencies=d.competencies.clone() errors />
                    <SubmitButton pending=update.pending() />
                </ActionForm>
            </Card>
        })}
    }
}

/// One select per competency: the level the programme builds it to, or "–".
#[component]
fn BuildsFields(
    competencies: Vec<(i32, String, String)>,
    chosen: Vec<String>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let level_of = move |c: i32| {
        chosen.iter().find_map(|b| {
            let (id, l) = b.split_once(':')?;
            (id.parse::<i32>().ok()? == c).then(|| l.to_string())
        })
    };
    view! {
        <fieldset>
            <legend>{i.t(K::TrBuilds)}</legend>
            <p class="field-hint">{i.t(K::TrBuildsHint)}</p>
            <p class="field-error">{move || msg_for(errors, "builds").get()}</p>
            <div class="builds-grid">
                {competencies.into_iter().enumerate().map(|(n, (id, code, name))| {
                    let now = level_of(id);
                    let sel = format!("build-{id}");
                    view! {
                        <label for=sel.clone()>{code}" "{name}</label>
                        <select id=sel name=format!("form[builds][{n}]")>
                            <option value="" selected=now.is_none()>"–"</option>
                            {(1..=5).map(|l| {
                                let on = now.as_deref() == Some(&l.to_string());
                                view! { <option value=format!("{id}:{l}") selected=on>{i.f(K::TrLevelN, &[("level", l.to_string())])}</option> }
                            }).collect_view()}
                        </select>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

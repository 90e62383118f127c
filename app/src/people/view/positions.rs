//! HR pages for positions (jabatan): the list, new and edit.

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::people::api::{
    get_position, list_positions, CreatePosition, SetPositionActive, UpdatePosition,
};
use crate::people::job_level::JobLevel;
use crate::people::model::PositionRow;
use crate::ui::page::{loaded, route_id};
use crate::ui::widgets::{action_error, error_box, msg_for, saved_flag, Field, Notice, PageHead};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn PositionsPage() -> impl IntoView {
    let i = use_i18n();
    let rows = Resource::new(|| (), |_| list_positions());
    view! {
        <section class="page">
            <PageHead
                title=i.t(K::PositionsTitle).to_string()
                subtitle=i.t(K::PositionsSubtitle).to_string()
                action=("/hr/positions/new".to_string(), i.t(K::PositionsNew))
            />
            {loaded(rows, |rows| view! { <PositionTable rows /> })}
        </section>
    }
}

#[component]
fn PositionTable(rows: Vec<PositionRow>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>{i.t(K::PositionName)}</th>
                        <th>{i.t(K::PositionLevel)}</th>
                        <th class="hide-sm">{i.t(K::PositionCode)}</th>
                        <th class="num">{i.t(K::PositionHolders)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|p| view! {
                            <tr class:inactive=!p.active>
                                <td>
                                    <a href=format!("/hr/positions/{}", p.id)>{p.name.clone()}</a>
                                    {(!p.active).then(|| view! { <span class="tag tag-off">{i.t(K::Inactive)}</span> })}
                                </td>
                                <td>{i.t(p.job_level.label())}</td>
                                <td class="hide-sm"><code>{p.code.clone()}</code></td>
                                <td class="num">{p.holders}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn PositionFields(initial: Option<PositionRow>, errors: Signal<Option<AppError>>) -> impl IntoView {
    let i = use_i18n();
    let (code, name, level) = initial.map(|p| (p.code, p.name, p.job_level)).unwrap_or((
        String::new(),
        String::new(),
        JobLevel::Pelaksana,
    ));
    view! {
        <Field label=i.t(K::PositionName) name="name" error=msg_for(errors, "name")>
            <input id="name" name="form[name]" value=name required maxlength="150" />
        </Field>
        <Field label=i.t(K::PositionCode) name="code" error=msg_for(errors, "code") hint=i.t(K::CodeHint)>
            <input id="code" name="form[code]" value=code required maxlength="30" autocapitalize="characters" />
        </Field>
        <Field label=i.t(K::PositionLevel) name="job_level" error=msg_for(errors, "job_level")>
            <select id="job_level" name="form[job_level]">
                {JobLevel::ALL
                    .into_iter()
                    .map(|l| view! { <option value=l.code() selected=l == level>{i.t(l.label())}</option> })
                    .collect_view()}
            </select>
        </Field>
    }
}

#[component]
pub fn PositionNewPage() -> impl IntoView {
    let i = use_i18n();
    let action = ServerAction::<CreatePosition>::new();
    let errors = action_error(action.value());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            navigate(&format!("/hr/positions/{id}?saved=1"), Default::default());
        }
    });
    view! {
        <section class="page narrow">
            <PageHead title=i.t(K::PositionsNew).to_string() />
            <p><a href="/hr/positions">{i.t(K::BackToPositions)}</a></p>
            {error_box(errors)}
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <PositionFields initial=None errors />
                <button type="submit" class="button" disabled=move || action.pending().get()>{i.t(K::Save)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn PositionEditPage() -> impl IntoView {
    let i = use_i18n();
    let id = route_id();
    let update = ServerAction::<UpdatePosition>::new();
    let toggle = ServerAction::<SetPositionActive>::new();
    let data = Resource::new(
        move || {
            (
                id.get().unwrap_or(0),
                update.version().get(),
                toggle.version().get(),
            )
        },
        |(id, _, _)| get_position(id),
    );
    let errors = action_error(update.value());
    let toggle_errors = action_error(toggle.value());
    let saved = saved_flag(update.value());
    view! {
        <section class="page narrow">
            <p><a href="/hr/positions">{i.t(K::BackToPositions)}</a></p>
            {move || saved().then(|| view! { <Notice text=i.t(K::Saved).to_string() /> })}
            {error_box(errors)}
            {error_box(toggle_errors)}
            {loaded(data, move |p| view! { <PositionEditor p update toggle errors /> })}
        </section>
    }
}

#[component]
fn PositionEditor(
    p: PositionRow,
    update: ServerAction<UpdatePosition>,
    toggle: ServerAction<SetPositionActive>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let (pid, active) = (p.id, p.active);
    view! {
        <PageHead title=p.name.clone() subtitle=i.t(p.job_level.label()).to_string() />
        <p class="muted">{i.f(K::PositionHeldBy, &[("n", p.holders.to_string())])}</p>
        <ActionForm action=update attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=pid.to_string() />
            <PositionFields initial=Some(p) errors />
            <button type="submit" class="button">{i.t(K::Save)}</button>
        </ActionForm>
        <ActionForm action=toggle attr:class="inline-form">
            <input type="hidden" name="id" value=pid.to_string() />
            <input type="hidden" name="active" value=(!active).to_string() />
            <button type="submit" class=if active { "button button-danger" } else { "button" }>
                {if active { i.t(K::Deactivate) } else { i.t(K::Activate) }}
            </button>
        </ActionForm>
    }
}

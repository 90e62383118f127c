//! HR pages for positions (jabatan): the list, new and edit.

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::people::api::{
    get_position, list_positions, CreatePosition, SetPositionActive, UpdatePosition,
};
use crate::people::job_level::JobLevel;
use crate::people::model::PositionRow;
use crate::ui::page::{loaded, record_key};
use crate::ui::widgets::{
    action_error, go_to_created, msg_for, saved_flag, ActiveSwitch, CodedSelect, Field,
    NameAndCode, Page, PageHead, SubmitButton, Table,
};
use leptos::prelude::*;

#[component]
pub fn PositionsPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| list_positions());
    view! {
        <Page title=K::PositionsTitle subtitle=K::PositionsSubtitle action=("/hr/positions/new", K::PositionsNew)>
            {loaded(rows, |rows| view! { <PositionTable rows /> })}
        </Page>
    }
}

#[component]
fn PositionTable(rows: Vec<PositionRow>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Table head=vec![(K::PositionName, ""), (K::PositionLevel, ""), (K::PositionCode, "hide-sm"), (K::PositionHolders, "num")]>
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
        </Table>
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
        <NameAndCode labels=(K::PositionName, K::PositionCode) name code errors />
        <Field label=i.t(K::PositionLevel) name="job_level" error=msg_for(errors, "job_level")>
            <CodedSelect id="job_level" selected=Some(level) />
        </Field>
    }
}

#[component]
pub fn PositionNewPage() -> impl IntoView {
    let action = ServerAction::<CreatePosition>::new();
    let errors = action_error(action);
    go_to_created(action, crate::people::api::new_position_page);
    view! {
        <Page title=K::PositionsNew back=("/hr/positions", K::BackToPositions) narrow=true errors=vec![errors]>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <PositionFields initial=None errors />
                <SubmitButton pending=action.pending() />
            </ActionForm>
        </Page>
    }
}

#[component]
pub fn PositionEditPage() -> impl IntoView {
    let update = ServerAction::<UpdatePosition>::new();
    let toggle = ServerAction::<SetPositionActive>::new();
    let data = Resource::new(
        record_key(move || update.version().get() + toggle.version().get()),
        |(id, _)| get_position(id),
    );
    let errors = action_error(update);
    let saved = Signal::derive(saved_flag(update.value()));
    view! {
        <Page back=("/hr/positions", K::BackToPositions) narrow=true saved errors=vec![errors, action_error(toggle)]>
            {loaded(data, move |p| view! { <PositionEditor p update toggle errors /> })}
        </Page>
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
            <SubmitButton pending=update.pending() />
        </ActionForm>
        <ActiveSwitch action=toggle id=pid active help=(K::PositionDeactivateHelp, K::PositionActivateHelp) />
    }
}

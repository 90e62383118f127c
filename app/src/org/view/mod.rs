//! HR pages for units: the tree (`tree`), the new-unit form and the edit page (with
//! deactivation).

mod tree;

pub use tree::UnitsPage;

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::org::api::{get_unit, list_units, CreateUnit, SetUnitActive, UpdateUnit};
use crate::org::input::UnitKind;
use crate::org::model::{UnitDetail, UnitRow};
use crate::org::rules::{subtree, TreeNode};
use crate::ui::page::{loaded, record_key};
use crate::ui::widgets::{
    action_error, go_to_created, msg_for, saved_flag, ActiveSwitch, CodedSelect, Field,
    NameAndCode, Page, PageHead, SubmitButton,
};
use leptos::prelude::*;
use std::collections::HashSet;

/// Whether a unit's name or code contains the filter text (any case): the campaign
/// form's unit picker.
pub fn matches(row: &UnitRow, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty() || row.name.to_lowercase().contains(&f) || row.code.to_lowercase().contains(&f)
}

/// Units a unit may be placed under: active ones, never itself or anything below it.
fn parent_choices(rows: &[UnitRow], editing: Option<i32>) -> Vec<(i32, String)> {
    let nodes: Vec<TreeNode> = rows
        .iter()
        .map(|r| TreeNode {
            id: r.id,
            parent_id: r.parent_id,
            name: r.name.clone(),
            active: r.active,
        })
        .collect();
    let banned: HashSet<i32> = editing.map(|u| subtree(&nodes, u)).unwrap_or_default();
    rows.iter()
        .filter(|r| r.active && !banned.contains(&r.id))
        .map(|r| (r.id, format!("{}{}", "\u{2003}".repeat(r.depth), r.name)))
        .collect()
}

/// The fields of the unit form, filled from `initial`.
#[component]
fn UnitFields(
    initial: Option<UnitRow>,
    rows: Vec<UnitRow>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let editing = initial.as_ref().map(|u| u.id);
    let choices = parent_choices(&rows, editing);
    let (code, name) = initial
        .as_ref()
        .map(|u| (u.code.clone(), u.name.clone()))
        .unwrap_or_default();
    let kind = initial.as_ref().map_or(UnitKind::Bidang, |u| u.kind);
    let parent = initial.as_ref().and_then(|u| u.parent_id);
    view! {
        <NameAndCode labels=(K::UnitName, K::UnitCode) name code errors />
        <Field label=i.t(K::UnitKind) name="kind" error=msg_for(errors, "kind")>
            <CodedSelect id="kind" selected=Some(kind) />
        </Field>
        <Field label=i.t(K::UnitParent) name="parent_id" error=msg_for(errors, "parent_id")>
            <select id="parent_id" name="form[parent_id]">
                <option value="" selected=parent.is_none()>{i.t(K::UnitNoParent)}</option>
                {choices
                    .into_iter()
                    .map(|(id, label)| view! { <option value=id.to_string() selected=parent == Some(id)>{label}</option> })
                    .collect_view()}
            </select>
        </Field>
    }
}

#[component]
pub fn UnitNewPage() -> impl IntoView {
    let units = Resource::new(|| (), |_| list_units());
    let action = ServerAction::<CreateUnit>::new();
    let errors = action_error(action);
    go_to_created(action, crate::org::api::new_unit_page);
    view! {
        <Page title=K::UnitsNew back=("/hr/units", K::BackToUnits) narrow=true errors=vec![errors]>
            {loaded(units, move |rows| view! {
                <ActionForm action=action attr:class="form" attr:novalidate=true>
                    <UnitFields initial=None rows errors />
                    <SubmitButton pending=action.pending() />
                </ActionForm>
            })}
        </Page>
    }
}

#[component]
pub fn UnitEditPage() -> impl IntoView {
    let update = ServerAction::<UpdateUnit>::new();
    let toggle = ServerAction::<SetUnitActive>::new();
    let data = Resource::new(
        record_key(move || update.version().get() + toggle.version().get()),
        |(id, _)| async move { Ok::<_, AppError>((get_unit(id).await?, list_units().await?)) },
    );
    let errors = action_error(update);
    let saved = Signal::derive(saved_flag(update.value()));
    view! {
        <Page back=("/hr/units", K::BackToUnits) narrow=true saved errors=vec![errors, action_error(toggle)]>
            {loaded(data, move |(unit, rows)| view! { <UnitEditor detail=unit rows update toggle errors /> })}
        </Page>
    }
}

#[component]
fn UnitEditor(
    detail: UnitDetail,
    rows: Vec<UnitRow>,
    update: ServerAction<UpdateUnit>,
    toggle: ServerAction<SetUnitActive>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let unit = detail.unit;
    let path = detail
        .path
        .iter()
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(" › ");
    let id = unit.id;
    let active = unit.active;
    view! {
        <PageHead title=unit.name.clone() subtitle=path />
        <dl class="facts">
            <div><dt>{i.t(K::UnitHead)}</dt><dd>{unit.head.as_ref().map_or("–".into(), |h| h.name.clone())}</dd></div>
            <div><dt>{i.t(K::UnitStaff)}</dt><dd>{unit.staff}</dd></div>
            <div><dt>{i.t(K::UnitChildren)}</dt><dd>{detail.children.len()}</dd></div>
            <div><dt>{i.t(K::Status)}</dt><dd>{if active { i.t(K::Active) } else { i.t(K::Inactive) }}</dd></div>
        </dl>
        <p>
            <a href=format!("/hr/employees?unit={}", unit.id)>{i.t(K::UnitSeeStaff)}</a>
        </p>
        <h2>{i.t(K::Edit)}</h2>
        <ActionForm action=update attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id.to_string() />
            <UnitFields initial=Some(unit.clone()) rows errors />
            <SubmitButton pending=update.pending() />
        </ActionForm>
        <ActiveSwitch action=toggle id active help=(K::UnitDeactivateHelp, K::UnitActivateHelp) />
    }
}

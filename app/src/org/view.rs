//! HR pages for units: the tree with a live filter, the new-unit form and the
//! edit page (with deactivation).

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::org::api::{get_unit, list_units, CreateUnit, SetUnitActive, UpdateUnit};
use crate::org::input::UnitKind;
use crate::org::model::{UnitDetail, UnitRow};
use crate::org::rules::{subtree, TreeNode};
use crate::ui::page::{loaded, route_id};
use crate::ui::widgets::{action_error, error_box, msg_for, saved_flag, Field, Notice, PageHead};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;

fn matches(row: &UnitRow, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty() || row.name.to_lowercase().contains(&f) || row.code.to_lowercase().contains(&f)
}

#[component]
pub fn UnitsPage() -> impl IntoView {
    let i = use_i18n();
    let units = Resource::new(|| (), |_| list_units());
    let filter = RwSignal::new(String::new());
    view! {
        <section class="page">
            <PageHead
                title=i.t(K::UnitsTitle).to_string()
                subtitle=i.t(K::UnitsSubtitle).to_string()
                action=("/hr/units/new".to_string(), i.t(K::UnitsNew))
            />
            <div class="toolbar">
                <label class="sr-only" for="unit-filter">{i.t(K::UnitsFilter)}</label>
                <input id="unit-filter" type="search" class="filter" placeholder=i.t(K::UnitsFilter)
                    on:input=move |ev| filter.set(event_target_value(&ev)) prop:value=filter />
            </div>
            {loaded(units, move |rows| view! { <UnitTable rows filter /> })}
        </section>
    }
}

#[component]
fn UnitTable(rows: Vec<UnitRow>, filter: RwSignal<String>) -> impl IntoView {
    let i = use_i18n();
    let all = rows.clone();
    let shown = move || filter.with(|f| all.iter().filter(|r| matches(r, f)).count());
    view! {
        <p class="muted small" aria-live="polite" data-testid="unit-count">
            {move || i.f(K::UnitsShown, &[("n", shown().to_string())])}
        </p>
        <div class="table-wrap">
            <table class="table tree">
                <thead>
                    <tr>
                        <th>{i.t(K::UnitName)}</th>
                        <th>{i.t(K::UnitCode)}</th>
                        <th class="hide-sm">{i.t(K::UnitHead)}</th>
                        <th class="num">{i.t(K::UnitStaff)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            // Indentation by class: the CSP allows no inline styles.
                            let cell_class = format!("tree-cell depth-{}", r.depth.min(8));
                            let href = format!("/hr/units/{}", r.id);
                            let row = r.clone();
                            let kind = i.t(r.kind.label());
                            view! {
                                <tr hidden=move || filter.with(|f| !matches(&row, f)) class:inactive=!r.active>
                                    <td class=cell_class>
                                        <a href=href>{r.name.clone()}</a>
                                        <span class="tag">{kind}</span>
                                        {(!r.active).then(|| view! { <span class="tag tag-off">{i.t(K::Inactive)}</span> })}
                                    </td>
                                    <td><code>{r.code.clone()}</code></td>
                                    <td class="hide-sm">{r.head_name.clone().unwrap_or_else(|| "–".into())}</td>
                                    <td class="num">{r.staff}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
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
    initial: Option<UnitDetail>,
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
        <Field label=i.t(K::UnitName) name="name" error=msg_for(errors, "name")>
            <input id="name" name="form[name]" value=name required maxlength="150" />
        </Field>
        <Field label=i.t(K::UnitCode) name="code" error=msg_for(errors, "code") hint=i.t(K::CodeHint)>
            <input id="code" name="form[code]" value=code required maxlength="30" autocapitalize="characters" />
        </Field>
        <Field label=i.t(K::UnitKind) name="kind" error=msg_for(errors, "kind")>
            <select id="kind" name="form[kind]">
                {UnitKind::ALL
                    .into_iter()
                    .map(|k| view! { <option value=k.code() selected=k == kind>{i.t(k.label())}</option> })
                    .collect_view()}
            </select>
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
    let i = use_i18n();
    let units = Resource::new(|| (), |_| list_units());
    let action = ServerAction::<CreateUnit>::new();
    let errors = action_error(action.value());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            navigate(&format!("/hr/units/{id}?saved=1"), Default::default());
        }
    });
    view! {
        <section class="page narrow">
            <PageHead title=i.t(K::UnitsNew).to_string() />
            <p><a href="/hr/units">{i.t(K::BackToUnits)}</a></p>
            {error_box(errors)}
            {loaded(units, move |rows| view! {
                <ActionForm action=action attr:class="form" attr:novalidate=true>
                    <UnitFields initial=None rows errors />
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {i.t(K::Save)}
                    </button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
pub fn UnitEditPage() -> impl IntoView {
    let i = use_i18n();
    let id = route_id();
    let update = ServerAction::<UpdateUnit>::new();
    let toggle = ServerAction::<SetUnitActive>::new();
    let version = move || (update.version().get(), toggle.version().get());
    let data = Resource::new(
        move || (id.get().unwrap_or(0), version()),
        |(id, _)| async move { Ok::<_, AppError>((get_unit(id).await?, list_units().await?)) },
    );
    let errors = action_error(update.value());
    let toggle_errors = action_error(toggle.value());
    let saved = saved_flag(update.value());
    view! {
        <section class="page narrow">
            <p><a href="/hr/units">{i.t(K::BackToUnits)}</a></p>
            {move || saved().then(|| view! { <Notice text=i.t(K::Saved).to_string() /> })}
            {error_box(errors)}
            {error_box(toggle_errors)}
            {loaded(data, move |(unit, rows)| view! { <UnitEditor unit rows update toggle errors /> })}
        </section>
    }
}

#[component]
fn UnitEditor(
    unit: UnitDetail,
    rows: Vec<UnitRow>,
    update: ServerAction<UpdateUnit>,
    toggle: ServerAction<SetUnitActive>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let path = unit
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
            <div><dt>{i.t(K::UnitHead)}</dt><dd>{unit.head.as_ref().map(|h| h.name.clone()).unwrap_or_else(|| "–".into())}</dd></div>
            <div><dt>{i.t(K::UnitStaff)}</dt><dd>{unit.staff}</dd></div>
            <div><dt>{i.t(K::UnitChildren)}</dt><dd>{unit.children.len()}</dd></div>
            <div><dt>{i.t(K::Status)}</dt><dd>{if active { i.t(K::Active) } else { i.t(K::Inactive) }}</dd></div>
        </dl>
        <p>
            <a href=format!("/hr/employees?unit={}", unit.id)>{i.t(K::UnitSeeStaff)}</a>
        </p>
        <h2>{i.t(K::Edit)}</h2>
        <ActionForm action=update attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id.to_string() />
            <UnitFields initial=Some(unit.clone()) rows errors />
            <button type="submit" class="button" disabled=move || update.pending().get()>{i.t(K::Save)}</button>
        </ActionForm>
        <h2>{if active { i.t(K::Deactivate) } else { i.t(K::Activate) }}</h2>
        <p class="muted">{if active { i.t(K::UnitDeactivateHelp) } else { i.t(K::UnitActivateHelp) }}</p>
        <ActionForm action=toggle attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="active" value=(!active).to_string() />
            <button type="submit" class=if active { "button button-danger" } else { "button" }>
                {if active { i.t(K::Deactivate) } else { i.t(K::Activate) }}
            </button>
        </ActionForm>
    }
}

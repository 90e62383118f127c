//! The employee form (new employee, and the edit form of the record page).

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::org::api::list_units;
use crate::org::model::UnitRow;
use crate::people::api::{list_positions, CreateEmployee};
use crate::people::input::EmploymentStatus;
use crate::people::model::{EmployeeDetail, PositionRow};
use crate::people::nip::Sex;
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, error_box, msg_for, Field, PageHead};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The units and positions an employee can be placed in.
pub(super) async fn choices() -> Result<(Vec<UnitRow>, Vec<PositionRow>), AppError> {
    Ok((list_units().await?, list_positions().await?))
}

/// The fields of the employee form (posted as `form[...]`), filled from `initial`.
#[component]
pub(super) fn EmployeeFields(
    initial: Option<EmployeeDetail>,
    units: Vec<UnitRow>,
    positions: Vec<PositionRow>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let cur = initial.as_ref().and_then(|e| e.current.clone());
    let (nip, name, sex, status) = match &initial {
        Some(e) => (e.nip.clone(), e.name.clone(), Some(e.sex), e.status),
        None => (String::new(), String::new(), None, EmploymentStatus::Pns),
    };
    let unit = cur.as_ref().map(|a| a.unit_id);
    let position = cur.as_ref().map(|a| a.position_id);
    let head = cur.as_ref().is_some_and(|a| a.is_head);
    view! {
        <Field label=i.t(K::EmployeeNip) name="nip" error=msg_for(errors, "nip") hint=i.t(K::NipHint)>
            <input id="nip" name="form[nip]" value=nip required inputmode="numeric" maxlength="21" autocomplete="off" />
        </Field>
        <Field label=i.t(K::EmployeeName) name="name" error=msg_for(errors, "name")>
            <input id="name" name="form[name]" value=name required maxlength="120" />
        </Field>
        <div class="field-row">
            <Field label=i.t(K::EmployeeSex) name="sex" error=msg_for(errors, "sex")>
                <select id="sex" name="form[sex]">
                    <option value="" selected=sex.is_none()>{i.t(K::Choose)}</option>
                    {Sex::ALL.map(|x| view! { <option value=x.code() selected=sex == Some(x)>{i.t(x.label())}</option> }).collect_view()}
                </select>
            </Field>
            <Field label=i.t(K::EmployeeStatus) name="status" error=msg_for(errors, "status")>
                <select id="status" name="form[status]">
                    {EmploymentStatus::ALL.map(|x| view! { <option value=x.code() selected=status == x>{x.code()}</option> }).collect_view()}
                </select>
            </Field>
        </div>
        <Field label=i.t(K::EmployeeUnit) name="unit_id" error=msg_for(errors, "unit_id")>
            <select id="unit_id" name="form[unit_id]">
                <option value="" selected=unit.is_none()>{i.t(K::Choose)}</option>
                {units
                    .into_iter()
                    .filter(|u| u.active || Some(u.id) == unit)
                    .map(|u| {
                        let label = format!("{}{}", "\u{2003}".repeat(u.depth), u.name);
                        view! { <option value=u.id.to_string() selected=Some(u.id) == unit>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </Field>
        <Field label=i.t(K::EmployeePosition) name="position_id" error=msg_for(errors, "position_id")>
            <select id="position_id" name="form[position_id]">
                <option value="" selected=position.is_none()>{i.t(K::Choose)}</option>
                {positions
                    .into_iter()
                    .filter(|p| p.active || Some(p.id) == position)
                    .map(|p| {
                        let label = format!("{} — {}", p.name, i.t(p.job_level.label()));
                        view! { <option value=p.id.to_string() selected=Some(p.id) == position>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </Field>
        <Field label=i.t(K::EmployeeIsHead) name="is_head" error=msg_for(errors, "is_head")>
            <label class="check">
                <input id="is_head" type="checkbox" name="form[is_head]" value="on" checked=head />
                {i.t(K::EmployeeIsHeadHelp)}
            </label>
        </Field>
        <Field label=i.t(K::EmployeeStart) name="start_date" error=msg_for(errors, "start_date") hint=i.t(K::EmployeeStartHint)>
            <input id="start_date" type="date" name="form[start_date]" />
        </Field>
    }
}

#[component]
pub fn EmployeeNewPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| choices());
    let action = ServerAction::<CreateEmployee>::new();
    let errors = action_error(action.value());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            navigate(&format!("/hr/employees/{id}?saved=1"), Default::default());
        }
    });
    view! {
        <section class="page narrow">
            <PageHead title=i.t(K::EmployeesNew).to_string() />
            <p><a href="/hr/employees">{i.t(K::BackToEmployees)}</a></p>
            {error_box(errors)}
            {loaded(data, move |(units, positions)| view! {
                <ActionForm action=action attr:class="form" attr:novalidate=true>
                    <EmployeeFields initial=None units positions errors />
                    <button type="submit" class="button" disabled=move || action.pending().get()>{i.t(K::Save)}</button>
                </ActionForm>
            })}
        </section>
    }
}

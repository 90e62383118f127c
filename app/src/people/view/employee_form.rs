//! The employee form (new employee, and the edit form of the record page).

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::org::api::list_units;
use crate::org::model::UnitRow;
use crate::people::api::{list_positions, CreateEmployee};
use crate::people::input::EmploymentStatus;
use crate::people::model::{EmployeeDetail, PositionRow};
use crate::ui::page::loaded;
use crate::ui::widgets::{
    action_error, go_to_created, msg_for, ChoiceSelect, CodedSelect, Field, Page, SubmitButton,
};
use leptos::prelude::*;

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
    let cur = initial.as_ref().and_then(|e| e.current.clone());
    view! {
        <IdentityFields initial errors />
        <PlacementFields
            unit=cur.as_ref().map(|a| a.unit_id)
            position=cur.as_ref().map(|a| a.position_id)
            head=cur.as_ref().is_some_and(|a| a.is_head)
            units
            positions
            errors
        />
    }
}

/// Who the employee is: NIP, name, sex, PNS or PPPK.
#[component]
fn IdentityFields(
    initial: Option<EmployeeDetail>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let (nip, name, sex, status) = match &initial {
        Some(e) => (e.nip.clone(), e.name.clone(), Some(e.sex), e.status),
        None => (String::new(), String::new(), None, EmploymentStatus::Pns),
    };
    view! {
        <Field label=i.t(K::EmployeeNip) name="nip" error=msg_for(errors, "nip") hint=i.t(K::NipHint)>
            <input id="nip" name="form[nip]" value=nip required inputmode="numeric" maxlength="21" autocomplete="off" />
        </Field>
        <Field label=i.t(K::EmployeeName) name="name" error=msg_for(errors, "name")>
            <input id="name" name="form[name]" value=name required maxlength="120" />
        </Field>
        <div class="field-row">
            <Field label=i.t(K::EmployeeSex) name="sex" error=msg_for(errors, "sex")>
                <CodedSelect id="sex" selected=sex choose=true />
            </Field>
            <Field label=i.t(K::EmployeeStatus) name="status" error=msg_for(errors, "status")>
                <CodedSelect id="status" selected=Some(status) />
            </Field>
        </div>
    }
}

/// Where the employee works: unit, position, headship, and from when.
#[component]
fn PlacementFields(
    unit: Option<i32>,
    position: Option<i32>,
    head: bool,
    units: Vec<UnitRow>,
    positions: Vec<PositionRow>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let units = units
        .into_iter()
        .filter(move |u| u.active || Some(u.id) == unit)
        .map(move |u| {
            let label = format!("{}{}", "\u{2003}".repeat(u.depth), u.name);
            view! { <option value=u.id.to_string() selected=Some(u.id) == unit>{label}</option> }
        });
    let positions = positions.into_iter().filter(move |p| p.active || Some(p.id) == position).map(move |p| {
        let label = format!("{} — {}", p.name, i.t(p.job_level.label()));
        view! { <option value=p.id.to_string() selected=Some(p.id) == position>{label}</option> }
    });
    view! {
        <Field label=i.t(K::EmployeeUnit) name="unit_id" error=msg_for(errors, "unit_id")>
            <ChoiceSelect id="unit_id" none=unit.is_none()>{units.collect_view()}</ChoiceSelect>
        </Field>
        <Field label=i.t(K::EmployeePosition) name="position_id" error=msg_for(errors, "position_id")>
            <ChoiceSelect id="position_id" none=position.is_none()>{positions.collect_view()}</ChoiceSelect>
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
    let data = Resource::new(|| (), |_| choices());
    let action = ServerAction::<CreateEmployee>::new();
    let errors = action_error(action);
    go_to_created(action, crate::people::api::new_employee_page);
    view! {
        <Page title=K::EmployeesNew back=("/hr/employees", K::BackToEmployees) narrow=true errors=vec![errors]>
            {loaded(data, move |(units, positions)| view! {
                <ActionForm action=action attr:class="form" attr:novalidate=true>
                    <EmployeeFields initial=None units positions errors />
                    <SubmitButton pending=action.pending() />
                </ActionForm>
            })}
        </Page>
    }
}

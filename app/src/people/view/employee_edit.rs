//! HR's record page of one employee: the edit form, assignment history, supervisor
//! (with HR override), login and deactivation.

use super::employee_form::{choices, EmployeeFields};
use crate::auth::view::TemporaryPasswordNotice;
use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::org::model::UnitRow;
use crate::people::api::{
    get_employee, IssueLogin, SetEmployeeActive, SetSupervisor, UpdateEmployee,
};
use crate::people::model::{EmployeeDetail, PositionRow, SupervisorMode};
use crate::ui::page::{loaded, record_key};
use crate::ui::widgets::{
    action_error, error_box, msg_for, saved_flag, ActiveSwitch, Field, Page, PageHead,
    SubmitButton, Table,
};
use leptos::prelude::*;

#[component]
pub fn EmployeeEditPage() -> impl IntoView {
    let update = ServerAction::<UpdateEmployee>::new();
    let sup = ServerAction::<SetSupervisor>::new();
    let pass = ServerAction::<IssueLogin>::new();
    let toggle = ServerAction::<SetEmployeeActive>::new();
    let reload = move || update.version().get() + sup.version().get() + toggle.version().get();
    let data = Resource::new(record_key(reload), |(id, _)| async move {
        let (units, positions) = choices().await?;
        Ok::<_, AppError>((get_employee(id).await?, units, positions))
    });
    let errors = action_error(update);
    let saved = Signal::derive(saved_flag(update.value()));
    view! {
        <Page back=("/hr/employees", K::BackToEmployees) narrow=true saved errors=vec![errors, action_error(toggle)]>
            {loaded(data, move |(e, units, positions)| view! {
                <EmployeeRecord e units positions update sup pass toggle errors />
            })}
        </Page>
    }
}

#[component]
fn EmployeeRecord(
    e: EmployeeDetail,
    units: Vec<UnitRow>,
    positions: Vec<PositionRow>,
    update: ServerAction<UpdateEmployee>,
    sup: ServerAction<SetSupervisor>,
    pass: ServerAction<IssueLogin>,
    toggle: ServerAction<SetEmployeeActive>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let id = e.id;
    let active = e.active;
    let subtitle = e
        .current
        .as_ref()
        .map(|a| format!("{} · {}", a.position_name, a.unit_name))
        .unwrap_or_default();
    let form_e = StoredValue::new(e.clone());
    let (units, positions) = (StoredValue::new(units), StoredValue::new(positions));
    view! {
        <PageHead title=e.name.clone() subtitle=subtitle />
        <p>
            <a href=format!("/people/{}", e.id)>{i.t(K::SeeProfile)}</a>
        </p>
        {(!active).then(|| view! { <div class="alert alert-warn">{i.t(K::EmployeeIsInactive)}</div> })}
        <Show when=move || active>
            <h2>{i.t(K::Edit)}</h2>
            <ActionForm action=update attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=id.to_string() />
                <EmployeeFields initial=Some(form_e.get_value()) units=units.get_value() positions=positions.get_value() errors />
                <SubmitButton pending=update.pending() />
            </ActionForm>
        </Show>
        <History e=e.clone() />
        <SupervisorSection e=e.clone() sup />
        <Show when=move || active>
            <LoginSection id=e.id pass />
        </Show>
        <ActiveSwitch action=toggle id active help=(K::EmployeeDeactivateHelp, K::EmployeeActivateHelp) />
    }
}

#[component]
fn History(e: EmployeeDetail) -> impl IntoView {
    let i = use_i18n();
    view! {
        <h2>{i.t(K::AssignmentHistory)}</h2>
        <Table head=vec![(K::EmployeePosition, ""), (K::EmployeeUnit, ""), (K::Period, "")]>
            {e.history
                .into_iter()
                .map(|a| view! {
                    <tr>
                        <td>{a.position_name}{a.is_head.then(|| view! { <span class="tag">{i.t(K::HeadTag)}</span> })}</td>
                        <td>{a.unit_name}</td>
                        <td>{format!("{} – {}", i.date(&a.start_date), a.end_date.map_or_else(|| i.t(K::Now).to_string(), |d| i.date(&d)))}</td>
                    </tr>
                })
                .collect_view()}
        </Table>
    }
}

#[component]
fn SupervisorSection(e: EmployeeDetail, sup: ServerAction<SetSupervisor>) -> impl IntoView {
    let i = use_i18n();
    let errors = action_error(sup);
    let current = match &e.supervisor {
        Some(s) => {
            let source = if s.set_by_hr {
                i.t(K::SupervisorByHr)
            } else {
                i.t(K::SupervisorDerived)
            };
            format!("{} ({}) — {}", s.person.name, s.person.nip, source)
        }
        None => i.t(K::SupervisorNone).to_string(),
    };
    let mode = RwSignal::new(SupervisorMode::Nip);
    let pick = move |ev| {
        mode.set(SupervisorMode::parse(&event_target_value(&ev)).unwrap_or(SupervisorMode::Nip))
    };
    let active = e.active;
    let has_links = !e.supervisor_links.is_empty();
    view! {
        <h2>{i.t(K::SupervisorTitle)}</h2>
        <p data-testid="supervisor">{current}</p>
        {error_box(errors)}
        <Show when=move || active>
            <ActionForm action=sup attr:class="form form-compact" attr:novalidate=true>
                <input type="hidden" name="id" value=e.id.to_string() />
                <Field label=i.t(K::SupervisorMode) name="mode" error=msg_for(errors, "mode")>
                    <select id="mode" name="form[mode]" on:change=pick>
                        {SupervisorMode::ALL.map(|m| view! { <option value=m.code()>{i.t(m.label())}</option> }).collect_view()}
                    </select>
                </Field>
                <Field label=i.t(K::SupervisorNip) name="supervisor_nip" error=msg_for(errors, "supervisor_nip")>
                    <input id="supervisor_nip" name="form[supervisor_nip]" inputmode="numeric"
                        disabled=move || mode.get() != SupervisorMode::Nip />
                </Field>
                <Field label=i.t(K::Reason) name="reason" error=msg_for(errors, "reason")>
                    <input id="reason" name="form[reason]" required maxlength="200" />
                </Field>
                <SubmitButton pending=sup.pending() label=K::SupervisorSave />
            </ActionForm>
        </Show>
        <Show when=move || has_links>
            <h3>{i.t(K::SupervisorHistory)}</h3>
            <ul class="history">
                {e.supervisor_links
                    .clone()
                    .into_iter()
                    .map(|l| {
                        let who = l.supervisor.map(|p| p.name).unwrap_or_else(|| i.t(K::SupervisorNone).to_string());
                        let until = l.valid_to.unwrap_or_else(|| i.t(K::Now).to_string());
                        view! { <li>{format!("{who} · {} – {until} · {}", l.valid_from, l.reason)}</li> }
                    })
                    .collect_view()}
            </ul>
        </Show>
    }
}

#[component]
fn LoginSection(id: i32, pass: ServerAction<IssueLogin>) -> impl IntoView {
    let i = use_i18n();
    let errors = action_error(pass);
    let issued = move || match pass.value().get() {
        Some(Ok(t)) => Some(view! { <TemporaryPasswordNotice t /> }),
        _ => None,
    };
    view! {
        <h2>{i.t(K::LoginSectionTitle)}</h2>
        <p class="muted">{i.t(K::LoginSectionHelp)}</p>
        {issued}
        {error_box(errors)}
        <ActionForm action=pass attr:class="form form-compact">
            <input type="hidden" name="id" value=id.to_string() />
            <SubmitButton pending=pass.pending() label=K::IssueTemporaryPassword />
        </ActionForm>
    }
}

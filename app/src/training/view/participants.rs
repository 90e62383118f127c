//! HR's list of a programme's people: enrol someone by NIP; per person, record
//! attendance and the result (a pass credits the JP) with a certificate number, or
//! upload the certificate file (a plain multipart form: it works before the page's
//! script, and the server answers with a redirect back here).

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::training::api::{CompleteEnrolment, EnrolEmployee};
use crate::training::model::{EnrolStatus, Participant};
use crate::ui::returned::{returned_error, FORM, FORM_ERROR, SAVED};
use crate::ui::widgets::{
    action_error, first_error, msg_for, Card, Field, Notice, SubmitButton, Table,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where the certificate form posts (`server` answers it; not a server function).
pub const CERTIFICATE_UPLOAD: &str = "/training/certificate";

/// The page's actions on its people.
#[derive(Clone, Copy)]
pub struct Acts {
    pub enrol: ServerAction<EnrolEmployee>,
    pub complete: ServerAction<CompleteEnrolment>,
}

impl Acts {
    pub fn new() -> Self {
        Acts {
            enrol: ServerAction::new(),
            complete: ServerAction::new(),
        }
    }

    /// Grows with every action run (the page reloads its data).
    pub fn version(&self) -> usize {
        self.enrol.version().get() + self.complete.version().get()
    }

    pub fn error(&self) -> Signal<Option<AppError>> {
        first_error(vec![action_error(self.enrol), action_error(self.complete)])
    }
}

#[component]
pub fn Participants(list: Vec<Participant>, programme: i32, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let upload_error = Signal::derive(move || {
        query.with(|q| returned_error(q.get_str(FORM), q.get_str(FORM_ERROR), CERTIFICATE_UPLOAD))
    });
    let uploaded = Signal::derive(move || {
        query.with(|q| q.get_str(FORM).is_none() && q.get_str(SAVED).is_some())
    });
    let enrol_errors = action_error(acts.enrol);
    let label = move |k: K| i.t(k);
    view! {
        <Card title=K::TrPeople help=K::TrPeopleHelp testid="participants">
            {move || uploaded.get().then(|| view! { <Notice text=i.t(K::Saved).to_string() /> })}
            <p class="field-error" role="alert">{move || upload_error.get().map(|e| e.message(i.lang()))}</p>
            <ActionForm action=acts.enrol attr:class="form form-compact inline-fields">
                <input type="hidden" name="programme" value=programme.to_string() />
                <Field label=i.t(K::TrEnrolNip) name="nip" error=msg_for(enrol_errors, "nip")>
                    <input id="nip" name="nip" inputmode="numeric" maxlength="18" required />
                </Field>
                <SubmitButton pending=acts.enrol.pending() label=K::TrEnrol />
            </ActionForm>
            {if list.is_empty() {
                view! { <p class="empty">{i.t(K::TrPeopleNone)}</p> }.into_any()
            } else {
                view! {
                    <Table stack=true testid="participants-table" head=vec![(K::EmployeeName, ""), (K::TrStatus, ""), (K::TrAttendance, "num"), (K::TrJp, "num"), (K::TrCertificate, ""), (K::TrRecord, "")]>
                        {list.into_iter().map(|p| view! {
                            <tr>
                                <td>{p.name.clone()}<span class="muted small">" · "{p.nip.clone()}" · "{p.unit.clone()}</span></td>
                                <td data-label=label(K::TrStatus)><span class=format!("tag tag-{}", p.status.code())>{i.t(p.status.label())}</span></td>
                                <td class="num" data-label=label(K::TrAttendance)>{p.attendance.map(|a| format!("{a}%")).unwrap_or_else(|| "–".into())}</td>
                                <td class="num key" data-label=label(K::TrJp)>{p.jp}</td>
                                <td data-label=label(K::TrCertificate)><Certificate p=p.clone() /></td>
                                <td class="wide" data-label=label(K::TrRecord)>{p.status.takes_seat().then(|| view! { <Complete p=p.clone() acts /> })}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </Card>
    }
}

#[component]
fn Certificate(p: Participant) -> impl IntoView {
    let i = use_i18n();
    let id = p.enrolment_id;
    view! {
        {p.certificate_no.clone().map(|n| view! { <span>{n}</span>" " })}
        {p.certificate_file.then(|| view! {
            <a href=format!("{CERTIFICATE_UPLOAD}/{id}")>{i.t(K::TrCertificateOpen)}</a>
        })}
        {(p.status == EnrolStatus::Passed).then(|| view! {
            <form method="post" enctype="multipart/form-data" action=CERTIFICATE_UPLOAD class="upload-form">
                <input type="hidden" name="enrolment" value=id.to_string() />
                <label class="small" for=format!("cert-{id}")>{i.t(K::TrCertificateUpload)}</label>
                <input id=format!("cert-{id}") type="file" name="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" required />
                <button type="submit" class="button button-small">{i.t(K::TrCertificateSend)}</button>
            </form>
        })}
    }
}

/// Attendance, result, certificate number and date of one enrolment.
#[component]
fn Complete(p: Participant, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    let id = p.enrolment_id;
    let field = move |name: &str| format!("c{id}-{name}");
    let done = p.status != EnrolStatus::Enrolled;
    view! {
        <details class="record" open=false>
            <summary>{i.t(if done { K::TrRecordAgain } else { K::TrRecordOpen })}</summary>
            <ActionForm action=acts.complete attr:class="form form-compact">
                <input type="hidden" name="enrolment" value=id.to_string() />
                <div class="field-row">
                    <div class="field">
                        <label for=field("attendance")>{i.t(K::TrAttendance)}</label>
                        <input id=field("attendance") name="form[attendance]" type="number" min="0" max="100" inputmode="numeric"
                            value=p.attendance.map(|a| a.to_string()).unwrap_or_default() required />
                    </div>
                    <div class="field">
                        <label for=field("result")>{i.t(K::TrResult)}</label>
                        <select id=field("result") name="form[result]">
                            <option value="" selected=p.status == EnrolStatus::Enrolled>{i.t(K::TrResultNone)}</option>
                            {[EnrolStatus::Passed, EnrolStatus::Failed].into_iter().map(|s| view! {
                                <option value=s.code() selected=p.status == s>{i.t(s.label())}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for=field("completed_on")>{i.t(K::TrCompletedOn)}</label>
                        <input id=field("completed_on") name="form[completed_on]" type="date" value=p.completed_on.clone().unwrap_or_default() />
                    </div>
                    <div class="field">
                        <label for=field("certificate_no")>{i.t(K::TrCertificateNo)}</label>
                        <input id=field("certificate_no") name="form[certificate_no]" maxlength="100" value=p.certificate_no.clone().unwrap_or_default() />
                    </div>
                </div>
                <SubmitButton pending=acts.complete.pending() />
            </ActionForm>
        </details>
    }
}

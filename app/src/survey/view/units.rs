//! HR's service units (on `/hr/skm`): each with its public form and its poster, a
//! switch to close or reopen the form, and one form that adds a unit, or edits the
//! one chosen with `?ubah=<id>`.

use crate::i18n::{use_i18n, K};
use crate::survey::api::{list_service_units, SaveServiceUnit, SetServiceUnitActive};
use crate::survey::model::{ServiceUnit, ServiceUnits};
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, msg_for, ChoiceSelect, Field, SubmitButton, Table};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ServiceUnitsCard() -> impl IntoView {
    let i = use_i18n();
    let save = ServerAction::<SaveServiceUnit>::new();
    let toggle = ServerAction::<SetServiceUnitActive>::new();
    let data = Resource::new(
        move || (save.version().get(), toggle.version().get()),
        |_| list_service_units(),
    );
    let query = use_query_map();
    let editing =
        Memo::new(move |_| query.with(|q| q.get("ubah").and_then(|s| s.parse::<i32>().ok())));
    view! {
        <section class="card" data-testid="service-units">
            <h2>{i.t(K::SkmUnitsTitle)}</h2>
            <p class="muted small">{i.t(K::SkmUnitsHelp)}</p>
            {loaded(data, move |p| view! { <UnitsView p save toggle editing=editing.get() /> })}
        </section>
    }
}

#[component]
fn UnitsView(
    p: ServiceUnits,
    save: ServerAction<SaveServiceUnit>,
    toggle: ServerAction<SetServiceUnitActive>,
    editing: Option<i32>,
) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let chosen = editing.and_then(|id| p.units.iter().find(|u| u.id == id).cloned());
    let rows = p.units;
    view! {
        {(!rows.is_empty()).then(move || view! {
            <Table stack=true head=vec![(K::SkmServiceUnit, ""), (K::SkmPopulation, "num"), (K::SkmLinks, ""), (K::Status, "")]>
                {rows.into_iter().map(|u| view! {
                    <tr>
                        <td class="key" data-label=label(K::SkmServiceUnit)>{u.name.clone()}<br />
                            <span class="muted small">{u.code.clone()}" · "{u.unit_name.clone()}</span></td>
                        <td class="num" data-label=label(K::SkmPopulation)>{u.population.map_or("–".into(), |n| i.n(n as i64))}</td>
                        <td data-label=label(K::SkmLinks)>
                            <a href=format!("/skm/{}", u.code)>{i.t(K::SkmOpenForm)}</a>" · "
                            <a href=format!("/skm/{}/poster", u.code)>{i.t(K::SkmPoster)}</a>" · "
                            <a href=format!("/hr/skm?ubah={}#unit-form", u.id)>{i.t(K::Edit)}</a>
                        </td>
                        <td data-label=label(K::Status)>
                            <ActionForm action=toggle attr:class="inline-form">
                                <input type="hidden" name="id" value=u.id.to_string() />
                                <input type="hidden" name="active" value=(!u.active).to_string() />
                                <span>{if u.active { i.t(K::SkmOpen) } else { i.t(K::SkmClosed) }}</span>" "
                                <SubmitButton pending=toggle.pending() class="button-small" label=if u.active { K::SkmClose } else { K::SkmReopen } />
                            </ActionForm>
                        </td>
                    </tr>
                }).collect_view()}
            </Table>
        })}
        <UnitForm save choices=p.choices unit=chosen />
    }
}

#[component]
fn UnitForm(
    save: ServerAction<SaveServiceUnit>,
    choices: Vec<(i32, String)>,
    unit: Option<ServiceUnit>,
) -> impl IntoView {
    let i = use_i18n();
    let errors = action_error(save);
    let value = |f: fn(&ServiceUnit) -> String| unit.as_ref().map(f).unwrap_or_default();
    let (name, code) = (value(|u| u.name.clone()), value(|u| u.code.clone()));
    let population = value(|u| u.population.map(|n| n.to_string()).unwrap_or_default());
    let selected = unit.as_ref().map(|u| u.unit_id);
    view! {
        <h3 id="unit-form">{if unit.is_some() { i.t(K::SkmUnitEdit) } else { i.t(K::SkmUnitNew) }}</h3>
        <ActionForm action=save attr:class="form form-compact">
            {unit.as_ref().map(|u| view! { <input type="hidden" name="id" value=u.id.to_string() /> })}
            <Field label=i.t(K::SkmUnitName) name="name" error=msg_for(errors, "name")>
                <input id="name" name="form[name]" required maxlength="200" value=name />
            </Field>
            <Field label=i.t(K::SkmUnitCode) name="code" error=msg_for(errors, "code") hint=i.t(K::SkmUnitCodeHint)>
                <input id="code" name="form[code]" required maxlength="30" value=code />
            </Field>
            <Field label=i.t(K::SkmUnitOwner) name="unit_id" error=msg_for(errors, "unit_id")>
                <ChoiceSelect id="unit_id" none=selected.is_none()>
                    {choices.into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=selected == Some(id)>{name}</option>
                    }).collect_view()}
                </ChoiceSelect>
            </Field>
            <Field label=i.t(K::SkmPopulation) name="population" error=msg_for(errors, "population") hint=i.t(K::SkmPopulationHint)>
                <input id="population" name="form[population]" type="number" min="1" inputmode="numeric" value=population />
            </Field>
            <SubmitButton pending=save.pending() />
        </ActionForm>
    }
}

//! The competency dictionary (`/competencies`): national and technical
//! competencies with the meaning of each level; HR adds technical ones.

use crate::competency::api::{dictionary, AddTechnical};
use crate::competency::model::Competency;
use crate::i18n::{use_i18n, K};
use crate::ui::app::HrOnly;
use crate::ui::page::loaded;
use crate::ui::widgets::{
    action_error, error_box, msg_for, no_error, Field, Notice, Page, SubmitButton,
};
use leptos::prelude::*;

#[component]
pub fn DictionaryPage() -> impl IntoView {
    let add = ServerAction::<AddTechnical>::new();
    let list = Resource::new(move || add.version().get(), |_| dictionary());
    view! {
        <Page title=K::DictTitle subtitle=K::DictSubtitle>
            <HrOnly><AddForm add /></HrOnly>
            {loaded(list, |list| list.into_iter().map(|c| view! { <Entry c /> }).collect_view())}
        </Page>
    }
}

#[component]
fn Entry(c: Competency) -> impl IntoView {
    let i = use_i18n();
    view! {
        <article class="card dict-entry" id=c.code.clone()>
            <p class="small muted">{i.t(c.group.label())}</p>
            <h2><span class="code">{c.code.clone()}</span>" "{c.name.clone()}</h2>
            <p>{c.definition.clone()}</p>
            <details>
                <summary>{i.t(K::DictLevels)}</summary>
                <ol class="levels">
                    {c.levels.into_iter().map(|l| view! {
                        <li>
                            <strong>{i.f(K::StdLevelN, &[("n", l.level.to_string())])}</strong>" "{l.description}
                            {(!l.indicators.is_empty()).then(|| view! {
                                <ul class="indicators">{l.indicators.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                            })}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        </article>
    }
}

#[component]
fn AddForm(add: ServerAction<AddTechnical>) -> impl IntoView {
    let i = use_i18n();
    let errors = action_error(add);
    let saved = move || matches!(add.value().get(), Some(Ok(_)));
    const LEVEL_FIELDS: [(&str, &str); 5] = [
        ("level1", "ind1"),
        ("level2", "ind2"),
        ("level3", "ind3"),
        ("level4", "ind4"),
        ("level5", "ind5"),
    ];
    view! {
        <details class="card" open=move || errors.get().is_some()>
            <summary>{i.t(K::DictAdd)}</summary>
            {move || saved().then(|| view! { <Notice text=i.t(K::Saved).to_string() /> })}
            {error_box(errors)}
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <div class="field-row">
                    <Field label=i.t(K::DictCode) name="code" error=msg_for(errors, "code") hint=i.t(K::DictCodeHint)>
                        <input id="code" name="form[code]" maxlength="20" placeholder="T.1" />
                    </Field>
                    <Field label=i.t(K::DictName) name="name" error=msg_for(errors, "name")>
                        <input id="name" name="form[name]" maxlength="150" />
                    </Field>
                </div>
                <Field label=i.t(K::DictDefinition) name="definition" error=msg_for(errors, "definition")>
                    <textarea id="definition" name="form[definition]" rows="2"></textarea>
                </Field>
                {LEVEL_FIELDS.into_iter().enumerate().map(|(n, (level, ind))| view! {
                    <fieldset class="level-fields">
                        <legend>{i.f(K::StdLevelN, &[("n", (n + 1).to_string())])}</legend>
                        <Field label=i.t(K::DictLevelDescription) name=level error=msg_for(errors, level)>
                            <textarea id=level name=format!("form[levels][{n}]") rows="2"></textarea>
                        </Field>
                        <Field label=i.t(K::DictIndicators) name=ind error=no_error() hint=i.t(K::DictIndicatorsHint)>
                            <textarea id=ind name=format!("form[indicators][{n}]") rows="2"></textarea>
                        </Field>
                    </fieldset>
                }).collect_view()}
                <SubmitButton pending=add.pending() />
            </ActionForm>
        </details>
    }
}

//! Pieces of forms: a field with its error, the selects, the submit button and the
//! switch that turns a record off or back on.

use super::msg_for;
use crate::coded::Labelled;
use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};

/// A labelled form field with its error under it (the error names the field).
#[component]
pub fn Field(
    label: &'static str,
    #[prop(into)] name: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let err_id = format!("{name}-error");
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=name.clone()>{label}</label>
            {children()}
            {hint.map(|h| view! { <p class="field-hint">{h}</p> })}
            <p class="field-error" id=err_id aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

/// The `<select>` of a coded enum (`form[id]`), its values in their order under the
/// names users read; with `choose`, it starts on "choose…" (nothing chosen yet).
#[component]
pub fn CodedSelect<T: Labelled>(
    id: &'static str,
    selected: Option<T>,
    #[prop(optional)] choose: bool,
) -> impl IntoView {
    let i = use_i18n();
    let options = T::all().iter().map(move |&x| {
        view! { <option value=x.code() selected=selected == Some(x)>{i.t(x.label())}</option> }
    });
    if choose {
        view! { <ChoiceSelect id none=selected.is_none()>{options.collect_view()}</ChoiceSelect> }
            .into_any()
    } else {
        view! { <select id=id name=format!("form[{id}]")>{options.collect_view()}</select> }
            .into_any()
    }
}

/// A list filter's `<select>` of a coded enum (named `name`, as a GET form sends it),
/// starting with `all` (no filter).
#[component]
pub fn CodedFilter<T: Labelled>(
    name: &'static str,
    selected: Option<T>,
    all: crate::i18n::K,
) -> impl IntoView {
    let i = use_i18n();
    let options = T::all().iter().map(move |&x| {
        view! { <option value=x.code() selected=selected == Some(x)>{i.t(x.label())}</option> }
    });
    view! {
        <select id=name name=name>
            <option value="" selected=selected.is_none()>{i.t(all)}</option>
            {options.collect_view()}
        </select>
    }
}

/// A `<select>` (`form[id]`) that starts on "choose…", selected while `none` is.
#[component]
pub fn ChoiceSelect(id: &'static str, none: bool, children: Children) -> impl IntoView {
    let i = use_i18n();
    view! {
        <select id=id name=format!("form[{id}]")>
            <option value="" selected=none>{i.t(K::Choose)}</option>
            {children()}
        </select>
    }
}

/// The name and code fields every coded record has (units, positions): `labels` says
/// what to call them.
#[component]
pub fn NameAndCode(
    labels: (K, K),
    name: String,
    code: String,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Field label=i.t(labels.0) name="name" error=msg_for(errors, "name")>
            <input id="name" name="form[name]" value=name required maxlength="150" />
        </Field>
        <Field label=i.t(labels.1) name="code" error=msg_for(errors, "code") hint=i.t(K::CodeHint)>
            <input id="code" name="form[code]" value=code required maxlength="30" autocapitalize="characters" />
        </Field>
    }
}

/// A form's submit button, disabled while the form is being sent (`pending`).
/// `label` defaults to "Save"; `class` adds to the button's (`"button-danger"`).
#[component]
pub fn SubmitButton(
    #[prop(into)] pending: Signal<bool>,
    #[prop(default = K::Save)] label: K,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <button type="submit" class=format!("button {class}").trim_end().to_string() disabled=move || pending.get()>
            {i.t(label)}
        </button>
    }
}

/// The deactivate (or reactivate) section of a record page: a heading, what it
/// means (`help`: for deactivating, for reactivating), and the button that posts the
/// opposite of `active` to `action`.
#[component]
pub fn ActiveSwitch<S, P>(
    action: ServerAction<S>,
    id: i32,
    active: bool,
    help: (K, K),
) -> impl IntoView
where
    S: serde::de::DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, P>>
        + Clone
        + Send
        + Sync
        + 'static,
    <<S::Client as Client<S::Error>>::Request as ClientReq<S::Error>>::FormData:
        From<web_sys::FormData>,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    S::Client: Client<S::Error>,
    P: 'static,
{
    let i = use_i18n();
    let (title, text) = if active {
        (K::Deactivate, help.0)
    } else {
        (K::Activate, help.1)
    };
    view! {
        <h2>{i.t(title)}</h2>
        <p class="muted">{i.t(text)}</p>
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="active" value=(!active).to_string() />
            <button type="submit" class=if active { "button button-danger" } else { "button" }>
                {i.t(title)}
            </button>
        </ActionForm>
    }
}

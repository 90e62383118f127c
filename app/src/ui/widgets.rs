//! Small shared pieces of UI: error boxes, form fields with their error, loading
//! states, the not-found page.

use crate::coded::Labelled;
use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos_meta::Title;

/// The whole-error message, with a hint for the user's next step.
#[component]
pub fn ErrorBox(err: AppError) -> impl IntoView {
    let i = use_i18n();
    let text = err.message(i.lang());
    let hint = match err {
        AppError::Unauthenticated => {
            Some(view! { <a href="/login">{i.t(K::NavLogin)}</a> }.into_any())
        }
        AppError::Forbidden | AppError::NotFound => {
            Some(view! { <a href="/">{i.t(K::NavHome)}</a> }.into_any())
        }
        _ => None,
    };
    let fields: Vec<String> = err.fields().iter().map(|f| f.msg.text(i.lang())).collect();
    view! {
        <div class="alert alert-error" role="alert">
            <p>{text}</p>
            <Show when={
                let n = fields.len();
                move || n > 0
            }>
                <ul>{fields.clone().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            </Show>
            {hint}
        </div>
    }
}

/// Success notice.
#[component]
pub fn Notice(text: String) -> impl IntoView {
    view! { <div class="alert alert-ok" role="status">{text}</div> }
}

#[component]
pub fn Loading() -> impl IntoView {
    let i = use_i18n();
    view! { <p class="loading" aria-busy="true">{i.t(K::Loading)}</p> }
}

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

#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=i.t(K::NotFoundTitle) />
        <section class="page narrow">
            <h1>{i.t(K::NotFoundTitle)}</h1>
            <p>{i.t(K::NotFoundText)}</p>
            <p><a class="button" href="/">{i.t(K::NavHome)}</a></p>
        </section>
    }
}

/// Page heading with an optional action link on the right, for a page whose title is
/// data (a person, a unit); a page with a fixed title uses `Page`.
#[component]
pub fn PageHead(
    title: String,
    #[prop(optional)] subtitle: Option<String>,
    #[prop(optional)] action: Option<(String, &'static str)>,
) -> impl IntoView {
    head(title, subtitle, action)
}

fn head(
    title: String,
    subtitle: Option<String>,
    action: Option<(String, &'static str)>,
) -> impl IntoView {
    view! {
        <Title text=title.clone() />
        <div class="page-head">
            <div>
                <h1>{title}</h1>
                {subtitle.map(|s| view! { <p class="subtitle">{s}</p> })}
            </div>
            {action.map(|(href, label)| view! { <a class="button" href=href>{label}</a> })}
        </div>
    }
}

/// The frame of every page: its section (`narrow` for a form, `class` for more), the
/// heading when the
/// title is a fixed text (a record page shows its own `PageHead` with its data), an
/// optional link back, "saved" while `saved` holds, the errors of the page's actions
/// that are not about a field, then the content.
#[component]
pub fn Page(
    #[prop(optional)] title: Option<K>,
    #[prop(optional)] subtitle: Option<K>,
    #[prop(optional)] action: Option<(&'static str, K)>,
    #[prop(optional)] back: Option<(&'static str, K)>,
    #[prop(optional)] narrow: bool,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional, into)] saved: Option<Signal<bool>>,
    #[prop(optional)] errors: Vec<Signal<Option<AppError>>>,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let heading = title.map(|t| {
        let subtitle = subtitle.map(|k| i.t(k).to_string());
        let action = action.map(|(href, k)| (href.to_string(), i.t(k)));
        head(i.t(t).to_string(), subtitle, action)
    });
    view! {
        <section class=["page", if narrow { " narrow" } else { "" }, class.map_or("", |_| " "), class.unwrap_or("")].concat()>
            {heading}
            {back.map(|(href, k)| view! { <p><a href=href>{i.t(k)}</a></p> })}
            {saved.map(|s| move || s.get().then(|| view! { <Notice text=i.t(K::Saved).to_string() /> }))}
            {errors.into_iter().map(error_box).collect_view()}
            {children()}
        </section>
    }
}

/// The last error of an action, as a signal that forms can share between fields.
pub fn action_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// The message for one field of a shared error signal.
pub fn msg_for(errors: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    let i = use_i18n();
    Signal::derive(move || {
        errors.with(|e| e.as_ref().and_then(|e| e.field_message(field, i.lang())))
    })
}

/// A non-field error of a shared error signal, as a box.
pub fn error_box(errors: Signal<Option<AppError>>) -> impl Fn() -> Option<AnyView> {
    move || match errors.get() {
        Some(AppError::Validation(_)) | None => None,
        Some(e) => Some(view! { <ErrorBox err=e /> }.into_any()),
    }
}

/// Whether to show "saved": the action's last call succeeded, or the page was
/// reached with `?saved=1` right after a create and nothing was submitted since.
pub fn saved_flag<T, S>(value: S) -> impl Fn() -> bool + Copy + Send + Sync + 'static
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
{
    let query = leptos_router::hooks::use_query_map();
    move || match value.get() {
        Some(r) => r.is_ok(),
        None => query.read().get("saved").is_some(),
    }
}

/// The error signal of a field that cannot be wrong (a choice among valid options).
pub fn no_error() -> Signal<Option<String>> {
    Signal::derive(|| None)
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

/// Opens the record a create action made, once it succeeds (`to` gives its path).
pub fn go_to_created<S>(action: ServerAction<S>, to: impl Fn(i32) -> String + 'static)
where
    S: ServerFn<Output = i32> + Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            navigate(&to(id), Default::default());
        }
    });
}

/// One column heading of a `Table`: its text and the classes its cells share
/// (`"num"` right-aligns, `"hide-sm"` hides it on a phone; `""` for none).
pub type Col = (K, &'static str);

/// A table that scrolls sideways on a narrow screen: headings, then the rows given as
/// children. `class` adds to the table's own class (`"tree"`).
#[component]
pub fn Table(
    head: Vec<Col>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let heads = head
        .into_iter()
        .map(|(k, c)| view! { <th class=(!c.is_empty()).then_some(c)>{i.t(k)}</th> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class=format!("table {class}").trim_end().to_string() data-testid=testid>
                <thead><tr>{heads}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
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

/// A card of a page: its heading, an optional line on what it shows, then the content.
#[component]
pub fn Card(
    title: K,
    #[prop(optional)] help: Option<K>,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="card" data-testid=testid>
            <h2>{i.t(title)}</h2>
            {help.map(|h| view! { <p class="small muted">{i.t(h)}</p> })}
            {children()}
        </section>
    }
}

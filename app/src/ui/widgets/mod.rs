//! Small shared pieces of UI: error boxes and the error signals of forms, notices,
//! loading states, the not-found page; the page frame (`frame`) and form pieces
//! (`form`). Pages import them all from here.

mod form;
mod frame;

pub use form::{
    ActiveSwitch, ChoiceSelect, CodedFilter, CodedSelect, Field, NameAndCode, SubmitButton,
};
pub use frame::{Card, Page, PageHead, Table};

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The login page's address that comes back to the current page once logged in.
pub fn login_href() -> Signal<String> {
    let loc = leptos_router::hooks::use_location();
    Signal::derive(move || crate::auth::rules::login_path(&loc.pathname.read(), &loc.search.read()))
}

/// The whole-error message, with a hint for the user's next step. A page that could
/// not be shown at all (login needed, not allowed, not there) is titled so, in the
/// tab too.
#[component]
pub fn ErrorBox(err: AppError) -> impl IntoView {
    let i = use_i18n();
    let text = err.message(i.lang());
    // The page's title, where to go next, and the link's text.
    let next = match err {
        AppError::Unauthenticated => Some((K::ErrTitleUnauthenticated, login_href(), K::NavLogin)),
        AppError::Forbidden => Some((K::ErrTitleForbidden, Signal::stored("/".into()), K::NavHome)),
        AppError::NotFound => Some((K::NotFoundTitle, Signal::stored("/".into()), K::NavHome)),
        _ => None,
    };
    let hint = next.map(|(title, href, label)| {
        view! {
            <Title text=i.t(title) />
            <a href=href>{i.t(label)}</a>
        }
    });
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

#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    crate::ui::app::mark_hydrated();
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

/// The last error of an action, as a signal that forms can share between fields; before
/// the action has run, the error a plain post of its form came back with
/// (`ui::returned`), so a form sent before hydration shows its errors the same way.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    use crate::ui::returned::{returned_error, FORM, FORM_ERROR};
    let query = leptos_router::hooks::use_query_map();
    let value = action.value();
    Signal::derive(move || match value.get() {
        Some(r) => r.err(),
        None => query.with(|q| {
            let (form, error) = (q.get_str(FORM), q.get_str(FORM_ERROR));
            returned_error(form, error, S::url())
        }),
    })
}

/// The first of several actions' errors, for a page whose forms share one error box.
pub fn first_error(errors: Vec<Signal<Option<AppError>>>) -> Signal<Option<AppError>> {
    Signal::derive(move || errors.iter().find_map(|e| e.get()))
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

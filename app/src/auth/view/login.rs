//! The login page. It works before the WASM arrives too: the form then posts to the
//! server function, which answers with a redirect.

use crate::auth::api::Login;
use crate::i18n::{use_i18n, K};
use crate::ui::widgets::{action_error, msg_for, Field, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_else(|| "/".to_string());
    let action = ServerAction::<Login>::new();
    let value = action.value();
    Effect::new(move |_| {
        if let Some(Ok(ok)) = value.get() {
            // A full load, so every part of the page sees the new session.
            let _ = window().location().assign(&ok.next);
        }
    });
    let errors = action_error(action);
    view! {
        <Page title=K::LoginTitle subtitle=K::LoginIntro narrow=true class="login" errors=vec![errors]>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <Field label=i.t(K::LoginAccount) name="account" error=msg_for(errors, "account")>
                    <input id="account" name="account" autocomplete="username" required
                        autocapitalize="none" spellcheck="false" />
                </Field>
                <Field label=i.t(K::LoginPassword) name="password" error=msg_for(errors, "password")>
                    <input id="password" name="password" type="password"
                        autocomplete="current-password" required />
                </Field>
                <button type="submit" class="button button-block" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { i.t(K::LoginBusy) } else { i.t(K::LoginSubmit) }}
                </button>
            </ActionForm>
            <p class="muted small">{i.t(K::LoginHelp)}</p>
        </Page>
    }
}

//! Changing one's own password, and what a temporary password looks like to the one
//! who issued it and to the one who received it.

use crate::auth::api::ChangePassword;
use crate::auth::model::TemporaryPassword;
use crate::i18n::{use_i18n, K};
use crate::ui::app::use_me;
use crate::ui::widgets::{action_error, msg_for, saved_flag, Field, Page, SubmitButton};
use leptos::prelude::*;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let value = action.value();
    Effect::new(move |_| {
        if let Some(Ok(())) = value.get() {
            // A full load: the menu and every page see the account as it is now.
            let _ = window().location().assign("/account/password?saved=1");
        }
    });
    let errors = action_error(action);
    let saved = Signal::derive(saved_flag(value));
    view! {
        <Page title=K::PasswordTitle subtitle=K::PasswordIntro narrow=true saved errors=vec![errors]>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <Field label=i.t(K::PasswordCurrent) name="form[current]" error=msg_for(errors, "current")>
                    <input id="form[current]" name="form[current]" type="password"
                        autocomplete="current-password" required />
                </Field>
                <Field label=i.t(K::PasswordNew) name="form[new]" error=msg_for(errors, "new")>
                    <input id="form[new]" name="form[new]" type="password" autocomplete="new-password"
                        required minlength="8" maxlength="128" aria-describedby="password-rules" />
                </Field>
                <p id="password-rules" class="muted small">{i.t(K::PasswordRules)}</p>
                <Field label=i.t(K::PasswordRepeat) name="form[repeat]" error=msg_for(errors, "repeat")>
                    <input id="form[repeat]" name="form[repeat]" type="password"
                        autocomplete="new-password" required />
                </Field>
                <SubmitButton pending=action.pending() label=K::PasswordSave />
            </ActionForm>
        </Page>
    }
}

/// Shown on every page while the user holds a temporary password: who reset it and
/// when, and the way to choose their own.
#[component]
pub fn ResetBanner() -> impl IntoView {
    let i = use_i18n();
    let me = use_me();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let when = me.await.ok().flatten().and_then(|a| a.password_reset_at);
                when.map(|when| view! {
                    <div class="alert alert-warn" role="alert" data-testid="reset-banner">
                        <p>{i.f(K::PasswordResetBanner, &[("when", i.date_time(&when))])}</p>
                        <a class="button button-small" href="/account/password">{i.t(K::PasswordChooseNow)}</a>
                    </div>
                })
            })}
        </Transition>
    }
}

/// A temporary password just issued, shown once to hand over in person.
#[component]
pub fn TemporaryPasswordNotice(t: TemporaryPassword) -> impl IntoView {
    let i = use_i18n();
    let hours = t.valid_hours.to_string();
    view! {
        <div class="alert alert-ok temporary-password" role="status" data-testid="temporary-password">
            <p>{i.f(K::TemporaryPasswordFor, &[("username", t.username)])}</p>
            <p><code class="secret">{t.password}</code></p>
            <p class="small">{i.f(K::TemporaryPasswordHelp, &[("hours", hours)])}</p>
        </div>
    }
}

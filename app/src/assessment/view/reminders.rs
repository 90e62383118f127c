//! HR's reminders on the home page of someone who still owes rating forms.

use crate::assessment::api::my_reminders;
use crate::i18n::{use_i18n, K};
use leptos::prelude::*;

#[component]
pub fn ReminderNotices() -> impl IntoView {
    let i = use_i18n();
    let reminders = Resource::new(|| (), |_| my_reminders());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let list = reminders.await.unwrap_or_default();
                list.into_iter().map(|r| {
                    let text = i.f(K::RemindNotice, &[
                        ("n", r.unsent.to_string()),
                        ("campaign", r.campaign),
                        ("date", i.date(&r.ends_on)),
                    ]);
                    view! {
                        <div class="alert alert-warn reminder" role="status" data-testid="reminder">
                            <p>{text}</p>
                            <p class="small muted">{i.f(K::RemindSentAt, &[("at", i.date_time(&r.reminded_at))])}</p>
                            <a class="button button-small" href="/assess">{i.t(K::RemindGo)}</a>
                        </div>
                    }
                }).collect_view()
            })}
        </Suspense>
    }
}

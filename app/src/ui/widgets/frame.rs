//! The frame of pages: the page with its heading, cards and tables.

use super::{error_box, Notice};
use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::ui::app::HrOnly;
use leptos::prelude::*;
use leptos_meta::Title;

/// Page heading with an optional action link on the right (an HR task, shown to HR
/// only), for a page whose title is
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
            // Every such link starts an HR task (a new unit, position, campaign...):
            // others, who get "not allowed" below, are not offered it.
            {action.map(|(href, label)| view! {
                <HrOnly><a class="button" href=href.clone()>{label}</a></HrOnly>
            })}
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

/// One column heading of a `Table`: its text and the classes its cells share
/// (`"num"` right-aligns, `"hide-sm"` hides it on a phone; `""` for none).
pub type Col = (K, &'static str);

/// A table that scrolls sideways on a narrow screen (a keyboard can scroll it too):
/// headings, then the rows given as children. `class` adds to the table's own class
/// (`"tree"`). With `stack`, a phone shows each row as a small card instead: its
/// cells then carry their column's name (`data-label`, see `cell_label`).
#[component]
pub fn Table(
    head: Vec<Col>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] stack: bool,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let heads = head
        .into_iter()
        .map(|(k, c)| view! { <th class=(!c.is_empty()).then_some(c)>{i.t(k)}</th> })
        .collect_view();
    let stacked = if stack { "table-stack" } else { "" };
    let classes = format!("table {class} {stacked}");
    let classes = classes.split_whitespace().collect::<Vec<_>>().join(" ");
    view! {
        <div class="table-wrap" tabindex="0">
            <table class=classes data-testid=testid>
                <thead><tr>{heads}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
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

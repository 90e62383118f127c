//! What every page does the same way: read its route's id (a record page reloads
//! by `record_key`), and show a resource (loading, then the error in the reader's
//! language, or the content). The page's frame is `widgets::Page`.

use crate::error::AppError;
use crate::ui::widgets::{ErrorBox, Loading};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::future::IntoFuture;

/// The route's `:id` as a number; None when it is missing or not a number (the
/// page then asks for nothing that exists and shows "not found").
pub fn route_id() -> Signal<Option<i32>> {
    let params = use_params_map();
    Signal::derive(move || params.read().get("id").and_then(|s| s.parse().ok()))
}

/// What a record page loads by: the route's `:id`, and `reload` (the sum of the
/// versions of the page's actions), so the record is read again after each change.
pub fn record_key(
    reload: impl Fn() -> usize + Send + Sync + 'static,
) -> impl Fn() -> (i32, usize) + Send + Sync + 'static {
    let id = route_id();
    move || (id.get().unwrap_or(0), reload())
}

/// Loads `resource`: shows "loading" meanwhile, the error in the reader's language
/// if it failed, and `show(value)` once it is there. Every page shows its data this
/// way.
pub fn loaded<R, T, V, F>(resource: R, show: F) -> impl IntoView
where
    R: IntoFuture<Output = Result<T, AppError>> + Copy + Send + Sync + 'static,
    R::IntoFuture: Send,
    T: Send + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Suspense fallback=Loading>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => show(value).into_any(),
                        Err(err) => view! { <ErrorBox err /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

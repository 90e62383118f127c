//! The browser entry point: attaches the WASM application to the page the server
//! rendered (hydration). Everything else lives in the `app` crate.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}

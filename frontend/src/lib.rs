//! The browser entry point: attaches the WASM application to the page the server
//! rendered (hydration). Everything else lives in the `app` crate.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages are lazy routes (app/src/ui/lazy.rs): hydration waits for the chunk of
    // the page shown, which the server's page has already asked the browser to load.
    leptos::mount::hydrate_lazy(app::App);
}

//! `wasm-split IN.wasm PKG_DIR MAIN_OUT.wasm NAME`: splits the WASM cargo built (linked
//! with `--emit-relocs`) into the main module (MAIN_OUT, which wasm-bindgen then
//! turns into NAME.js and NAME.wasm) and one chunk per lazy function (plus chunks of
//! code several share) written into PKG_DIR, with the JS that loads them
//! (`__wasm_split.<22 underscores>.js`, the name Leptos' server looks for) and the
//! manifest Leptos reads to preload the chunks a page needs
//! (`__wasm_split_manifest.json`).

use std::path::Path;

/// The loader's name as cargo-leptos writes it before hashing; Leptos expects exactly
/// this name when file names are not hashed by it.
const LOADER: &str = "./__wasm_split.______________________.js";

fn main() -> eyre::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, pkg, main_out, name] = args.as_slice() else {
        eyre::bail!("usage: wasm-split IN.wasm PKG_DIR MAIN_OUT.wasm NAME");
    };
    let wasm = std::fs::read(input)?;
    let main_module = format!("./{name}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = Path::new(pkg);
    options.main_out_path = Path::new(main_out);
    options.main_module = &main_module;
    options.link_name = LOADER;
    let split = wasm_split_cli_support::transform(options)?;
    let manifest = serde_json::to_string_pretty(&split.prefetch_map)?;
    std::fs::write(Path::new(pkg).join("__wasm_split_manifest.json"), manifest)?;
    for chunk in split.split_modules {
        println!("{}", chunk.display());
    }
    Ok(())
}

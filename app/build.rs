//! Generates the translation table from `locales/id.json` (the reference language)
//! and `locales/en.json`. Both files must hold exactly the same keys; a missing or
//! extra key stops the build, so no page can ever show a raw key to a user.

use std::{collections::BTreeMap, env, fs, path::Path};

fn load(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn variant(key: &str) -> String {
    key.split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            let first = c.next().unwrap().to_ascii_uppercase();
            std::iter::once(first).chain(c).collect::<String>()
        })
        .collect()
}

fn main() {
    // Read at run time: a build-script binary reused from another checkout (a shared
    // target directory) would otherwise look in that checkout.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("locales");
    println!("cargo:rerun-if-changed=locales");
    let id = load(&dir.join("id.json"));
    let en = load(&dir.join("en.json"));
    let missing_en: Vec<_> = id.keys().filter(|k| !en.contains_key(*k)).collect();
    let missing_id: Vec<_> = en.keys().filter(|k| !id.contains_key(*k)).collect();
    assert!(
        missing_en.is_empty(),
        "keys missing in en.json: {missing_en:?}"
    );
    assert!(
        missing_id.is_empty(),
        "keys missing in id.json: {missing_id:?}"
    );

    let mut out = String::new();
    out.push_str("/// Every translatable text of the UI, generated from `locales/*.json`.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum K {\n");
    for k in id.keys() {
        out.push_str(&format!("    {},\n", variant(k)));
    }
    out.push_str("}\n\nimpl K {\n");
    out.push_str("    /// The key as written in the locale files.\n");
    out.push_str("    pub fn name(self) -> &'static str {\n        match self {\n");
    for k in id.keys() {
        out.push_str(&format!("            K::{} => {:?},\n", variant(k), k));
    }
    out.push_str("        }\n    }\n\n");
    out.push_str(
        "    /// Looks a key up by its written name (used for error codes sent by the server).\n",
    );
    out.push_str("    pub fn from_name(name: &str) -> Option<K> {\n        match name {\n");
    for k in id.keys() {
        out.push_str(&format!(
            "            {:?} => Some(K::{}),\n",
            k,
            variant(k)
        ));
    }
    out.push_str("            _ => None,\n        }\n    }\n\n");
    for (lang, table) in [("id", &id), ("en", &en)] {
        out.push_str(&format!(
            "    pub fn {lang}(self) -> &'static str {{\n        match self {{\n"
        ));
        for (k, v) in table.iter() {
            out.push_str(&format!("            K::{} => {:?},\n", variant(k), v));
        }
        out.push_str("        }\n    }\n\n");
    }
    out.push_str("}\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("i18n_keys.rs");
    fs::write(dest, out).unwrap();
}

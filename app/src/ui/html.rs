//! HTML as text and as posted: escaping for the few places that build HTML as a
//! string (large static tables, where one string renders many times faster than
//! thousands of view nodes), and reading what a plain form posts.

/// A checkbox field: a ticked box posts "on" (or the WASM side sends `true`); an
/// unticked one posts nothing.
pub fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    use serde::Deserialize;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Posted {
        Flag(bool),
        Text(String),
    }
    Ok(match Posted::deserialize(d)? {
        Posted::Flag(b) => b,
        Posted::Text(s) => !s.is_empty() && s != "false" && s != "off",
    })
}

/// Appends text escaped for element content and double-quoted attributes.
pub fn push_escaped(out: &mut String, s: &str) {
    // Copies runs of safe text whole; only the five special bytes are replaced.
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_ticked_box_is_true_however_it_is_posted() {
        #[derive(serde::Deserialize)]
        struct F {
            #[serde(default, deserialize_with = "super::checkbox")]
            b: bool,
        }
        let f = |json: &str| serde_json::from_str::<F>(json).unwrap().b;
        assert!(f(r#"{"b":"on"}"#));
        assert!(f(r#"{"b":true}"#));
        assert!(!f(r#"{"b":"false"}"#));
        assert!(!f("{}"));
    }

    #[test]
    fn markup_in_data_cannot_become_markup() {
        let mut out = String::from("<td>");
        super::push_escaped(&mut out, "<script>alert('x')</script> & \"q\"");
        assert_eq!(
            out,
            "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}

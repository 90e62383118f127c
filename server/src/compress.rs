//! Pages and server-function answers compressed on the way out, in the encoding the
//! browser takes that costs the server least: zstd (Chromium, Firefox), else brotli
//! (Safari), else gzip. The built JS, WASM and CSS are not touched here: they were
//! compressed once at build time (`publish_assets` in scripts/lib.sh) and are sent as
//! they are (`router`).
//!
//! Why not tower-http's compression layer: it starts a new streaming encoder for every
//! response, whose megabyte-sized state the allocator hands out fresh each time; at
//! thousands of pages a second that cost a quarter of the server's throughput on the
//! list page (bench/). Pages here are rendered whole before they are sent (every route
//! is `SsrMode::Async`), so each body is compressed in one call with an encoder kept
//! per thread.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::header::{self, HeaderMap, HeaderValue};
use http_body_util::BodyExt;
use std::cell::RefCell;
use std::io::Write;

/// Below this a body is sent as it is: compressing would save less than a packet.
const SMALLEST: usize = 860;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Encoding {
    Gzip,
    Brotli,
    Zstd,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "br",
            Encoding::Zstd => "zstd",
        }
    }
}

/// The encoding to answer in, from an Accept-Encoding header: the cheapest one the
/// browser accepts (a q of 0 refuses it).
pub fn chosen(accept: &str) -> Option<Encoding> {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let name = parts.next()?.trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            let enc = match name.as_str() {
                "zstd" => Encoding::Zstd,
                "br" => Encoding::Brotli,
                "gzip" | "x-gzip" => Encoding::Gzip,
                _ => return None,
            };
            (!refused).then_some(enc)
        })
        .max()
}

/// Marks an answer streamed as it is produced (a large export): it goes as it is,
/// since compressing it here would hold the whole of it first.
#[derive(Clone, Copy, Debug)]
pub struct Streamed;

/// Text worth compressing: pages, JSON answers, scripts, styles, SVG, CSV.
fn compressible(headers: &HeaderMap) -> bool {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    !headers.contains_key(header::CONTENT_ENCODING)
        && (kind.starts_with("text/")
            || kind.starts_with("application/json")
            || kind.starts_with("application/javascript")
            || kind.starts_with("image/svg+xml"))
}

thread_local! {
    static ZSTD: RefCell<Option<zstd::bulk::Compressor<'static>>> = const { RefCell::new(None) };
}

/// `body` in `enc`, at the fastest level (a page is a few KB: the level saves little).
pub fn encode(enc: Encoding, body: &[u8]) -> std::io::Result<Vec<u8>> {
    match enc {
        Encoding::Zstd => ZSTD.with(|cell| {
            let mut cell = cell.borrow_mut();
            let c = match cell.as_mut() {
                Some(c) => c,
                None => cell.insert(zstd::bulk::Compressor::new(1)?),
            };
            c.compress(body)
        }),
        Encoding::Brotli => {
            let mut out = Vec::with_capacity(body.len() / 3);
            // Quality 1 with a 256 KB window (a page fits): measured as fast as
            // quality 0 and smaller.
            let mut w = brotli::CompressorWriter::new(&mut out, 4096, 1, 18);
            w.write_all(body)?;
            drop(w);
            Ok(out)
        }
        Encoding::Gzip => {
            let mut w = flate2::write::GzEncoder::new(
                Vec::with_capacity(body.len() / 3),
                flate2::Compression::fast(),
            );
            w.write_all(body)?;
            w.finish()
        }
    }
}

pub async fn layer(req: Request, next: Next) -> Response {
    let enc = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .and_then(chosen);
    let res = next.run(req).await;
    if !compressible(res.headers()) || res.extensions().get::<Streamed>().is_some() {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // The same address answers differently by Accept-Encoding: caches must know.
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    let Some(enc) = enc else {
        return Response::from_parts(parts, body);
    };
    let bytes: Bytes = match body.collect().await {
        Ok(b) => b.to_bytes(),
        // The body failed while being produced: nothing sensible is left to send.
        Err(e) => {
            tracing::warn!("response body failed: {e}");
            return Response::from_parts(parts, Body::empty());
        }
    };
    if bytes.len() < SMALLEST {
        return Response::from_parts(parts, Body::from(bytes));
    }
    match encode(enc, &bytes) {
        Ok(out) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(enc.name()),
            );
            Response::from_parts(parts, Body::from(out))
        }
        Err(e) => {
            tracing::warn!("compressing a response failed: {e}");
            Response::from_parts(parts, Body::from(bytes))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheapest_accepted_encoding_is_chosen() {
        assert_eq!(chosen("gzip, deflate, br, zstd"), Some(Encoding::Zstd));
        assert_eq!(chosen("gzip, deflate, br"), Some(Encoding::Brotli));
        assert_eq!(chosen("GZIP"), Some(Encoding::Gzip));
        assert_eq!(chosen("br;q=0, gzip;q=0.5"), Some(Encoding::Gzip));
        assert_eq!(chosen("zstd;q=0.0, br"), Some(Encoding::Brotli));
        assert_eq!(chosen("identity, deflate"), None);
        assert_eq!(chosen(""), None);
    }

    #[test]
    fn each_encoding_reads_back_to_the_body() {
        use std::io::Read;
        let body = "<tr><td>Perawat Ahli Pertama</td></tr>".repeat(200);
        let z = encode(Encoding::Zstd, body.as_bytes()).unwrap();
        let again = encode(Encoding::Zstd, body.as_bytes()).unwrap();
        assert_eq!(z, again, "the kept encoder starts afresh each time");
        assert_eq!(
            zstd::bulk::decompress(&z, body.len()).unwrap(),
            body.as_bytes()
        );
        let mut out = String::new();
        brotli::Decompressor::new(
            &encode(Encoding::Brotli, body.as_bytes()).unwrap()[..],
            4096,
        )
        .read_to_string(&mut out)
        .unwrap();
        assert_eq!(out, body);
        out.clear();
        flate2::read::GzDecoder::new(&encode(Encoding::Gzip, body.as_bytes()).unwrap()[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, body);
        assert!(z.len() * 10 < body.len());
    }
}

//! The open-data API's endpoints: only published data, read through the same
//! services as the public pages (so no answer shows what a page would withhold).

use super::answer::{csv, json, send, ApiError, Keep};
use super::chain::{ranking, snapshots_of};
use super::model::*;
use super::params::Params;
use app::publication::model::{Body, Published, RankBy};
use app::publication::service::read;
use app::server::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;
use std::sync::Arc;

/// What every endpoint returns.
type Answer = Result<Response, ApiError>;

/// The whole answer as JSON, or its `rows` as CSV when asked.
fn table<T: Serialize, R: Serialize>(
    headers: &HeaderMap,
    as_csv: bool,
    (whole, rows): (&T, &[R]),
    keep: Keep,
) -> Response {
    if as_csv {
        csv(headers, rows, keep)
    } else {
        json(headers, whole, keep)
    }
}

/// Items `page` of `per_page` of a list.
fn paged<T>(all: Vec<T>, (page, per_page): (u32, u32)) -> Vec<T> {
    let skip = (page as usize - 1).saturating_mul(per_page as usize);
    all.into_iter().skip(skip).take(per_page as usize).collect()
}

/// Every agency that can be read, with its latest current snapshot.
#[utoipa::path(get, path = "/api/v1/agencies", tag = "agencies",
    params(PagingDoc),
    responses((status = 200, description = "A page of agencies", body = AgencyPage),
              (status = 400, description = "A parameter is not valid", body = Problem),
              (status = 429, description = "Too many requests from this address", body = Problem)))]
pub async fn agencies(
    State(st): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Answer {
    let (page, per_page) = Params::new(q.as_deref()).paging()?;
    let all = read::agencies_in(&*st.caches.get::<read::Agencies>()?, &st.db).await?;
    let total = all.len() as u32;
    let items = paged(all.iter().collect(), (page, per_page))
        .into_iter()
        .map(|a| Agency {
            latest_snapshot: a.latest.as_ref().map(|l| l.0),
            latest_period: a.latest.as_ref().map(|l| l.1.clone()),
            latest_published_at: a.latest.as_ref().map(|l| l.2.clone()),
            code: a.code.clone(),
            name: a.name.clone(),
        })
        .collect();
    let page = AgencyPage {
        items,
        page,
        per_page,
        total,
    };
    Ok(json(&headers, &page, Keep::Minutes))
}

/// An agency's snapshots, newest first, each with its hash, signature and the hash
/// of the one before it.
#[utoipa::path(get, path = "/api/v1/agencies/{code}/snapshots", tag = "snapshots",
    params(("code" = String, Path, description = "The agency's code"), PagingDoc),
    responses((status = 200, description = "A page of snapshots", body = SnapshotPage),
              (status = 400, description = "A parameter is not valid", body = Problem),
              (status = 429, description = "Too many requests from this address", body = Problem),
              (status = 404, description = "No such agency", body = Problem)))]
pub async fn snapshots(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    RawQuery(q): RawQuery,
) -> Answer {
    let (page, per_page) = Params::new(q.as_deref()).paging()?;
    let all = snapshots_of(&st.db, &code).await?;
    let total = all.len() as u32;
    let items = paged(all, (page, per_page));
    let page = SnapshotPage {
        items,
        page,
        per_page,
        total,
    };
    Ok(json(&headers, &page, Keep::Minutes))
}

/// One snapshot as a file anyone can verify: its hash, the public key, the
/// signature and the exact signed bytes (`snapshot`, canonical JSON).
#[utoipa::path(get, path = "/api/v1/snapshots/{id}", tag = "snapshots",
    params(("id" = i32, Path, minimum = 1, description = "The snapshot's number")),
    responses((status = 200, description = "The signed snapshot", content_type = "application/json", body = Object),
              (status = 404, description = "No such snapshot", body = Problem),
              (status = 429, description = "Too many requests from this address", body = Problem)))]
pub async fn snapshot(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    let id = id.parse::<i32>().map_err(|_| ApiError::NotFound)?;
    let (_, text) = read::file(&st.db, id).await?;
    Ok(send(&headers, "application/json", text, Keep::Forever))
}

/// What a figures endpoint reads: the snapshot (`?snapshot=`, kept for good, or the
/// latest), how long to keep the answer, and whether CSV was asked for.
async fn figures_of(
    st: &AppState,
    code: &str,
    query: Option<&str>,
) -> Result<(Arc<Published>, Keep, bool), ApiError> {
    let p = Params::new(query);
    let as_csv = p.csv()?;
    let id = p.int("snapshot")?;
    let keep = if id.is_some() {
        Keep::Forever
    } else {
        Keep::Minutes
    };
    let cache = st.caches.get::<read::Snapshots>()?;
    let s = read::published_in(&cache, &st.db, code, id).await?;
    Ok((s, keep, as_csv))
}

fn unit_rows(b: &Body) -> Vec<UnitRow> {
    let codes: std::collections::HashMap<i32, String> =
        b.units.iter().map(|u| (u.id, u.code.clone())).collect();
    b.tree()
        .into_iter()
        .map(|(_, u)| UnitRow {
            code: u.code.clone(),
            name: u.name.clone(),
            parent: u.parent.and_then(|p| codes.get(&p).cloned()),
            people: u.figures.people,
            withheld: u.figures.withheld.map(|w| w.code().to_string()),
            mean_jpm: u.figures.mean_jpm,
            meeting: u.figures.meeting,
            on_pace: u.figures.on_pace,
            change: u.figures.change,
        })
        .collect()
}

/// Every unit's figures in a snapshot (the latest, or `?snapshot=`), in tree order.
#[utoipa::path(get, path = "/api/v1/agencies/{code}/units", tag = "figures",
    params(("code" = String, Path, description = "The agency's code"), FiguresDoc),
    responses((status = 200, description = "The units' figures", content((Vec<UnitRow> = "application/json"), (String = "text/csv"))),
              (status = 400, description = "A parameter is not valid", body = Problem),
              (status = 429, description = "Too many requests from this address", body = Problem),
              (status = 404, description = "No such agency or snapshot", body = Problem)))]
pub async fn units(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    RawQuery(q): RawQuery,
) -> Answer {
    let (s, keep, as_csv) = figures_of(&st, &code, q.as_deref()).await?;
    let rows = unit_rows(&s.body);
    Ok(table(&headers, as_csv, (&rows, &rows), keep))
}

/// The agency's top units ranked by one figure in a snapshot.
#[utoipa::path(get, path = "/api/v1/agencies/{code}/rankings", tag = "figures",
    params(("code" = String, Path, description = "The agency's code"),
           ("by" = Option<By>, Query, description = "The figure: `jpm` (default), `memenuhi`, `perubahan` or `pelatihan`"),
           FiguresDoc),
    responses((status = 200, description = "The ranking", content((Ranking = "application/json"), (String = "text/csv"))),
              (status = 400, description = "A parameter is not valid", body = Problem),
              (status = 429, description = "Too many requests from this address", body = Problem),
              (status = 404, description = "No such agency or snapshot", body = Problem)))]
pub async fn rankings(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = Params::new(q.as_deref());
    let by = match p.text("by") {
        None => RankBy::Jpm,
        Some(b) => RankBy::from_code(&b).ok_or(ApiError::Bad(
            "by",
            "pilih jpm, memenuhi, perubahan atau pelatihan",
        ))?,
    };
    let (s, keep, as_csv) = figures_of(&st, &code, q.as_deref()).await?;
    let r = ranking(&s, by);
    Ok(table(&headers, as_csv, (&r, &r.rows), keep))
}

/// Citizen satisfaction (IKM) per service unit in a snapshot, best first.
#[utoipa::path(get, path = "/api/v1/agencies/{code}/ikm", tag = "figures",
    params(("code" = String, Path, description = "The agency's code"), FiguresDoc),
    responses((status = 200, description = "IKM per service unit", content((Vec<Satisfaction> = "application/json"), (String = "text/csv"))),
              (status = 400, description = "A parameter is not valid", body = Problem),
              (status = 429, description = "Too many requests from this address", body = Problem),
              (status = 404, description = "No such agency or snapshot", body = Problem)))]
pub async fn ikm(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    RawQuery(q): RawQuery,
) -> Answer {
    let (s, keep, as_csv) = figures_of(&st, &code, q.as_deref()).await?;
    let rows: Vec<Satisfaction> = s
        .body
        .services
        .iter()
        .map(|x| Satisfaction {
            code: x.code.clone(),
            name: x.name.clone(),
            unit: x.unit.clone(),
            year: x.year,
            respondents: x.respondents,
            ikm: x.ikm,
            grade: x.grade.clone(),
        })
        .collect();
    Ok(table(&headers, as_csv, (&rows, &rows), keep))
}

/// Every ratified competency standard (the criteria results are measured against).
#[utoipa::path(get, path = "/api/v1/standards", tag = "standards",
    params(FormatDoc),
    responses((status = 200, description = "Ratified standards", content((Vec<Standard> = "application/json"), (String = "text/csv"))),
              (status = 400, description = "A parameter is not valid", body = Problem),
              (status = 429, description = "Too many requests from this address", body = Problem)))]
pub async fn standards(
    State(st): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Answer {
    let as_csv = Params::new(q.as_deref()).csv()?;
    let list = app::competency::service::published::public_list(&st.db).await?;
    let rows: Vec<Standard> = list
        .into_iter()
        .map(|s| Standard {
            id: s.id,
            agency: s.agency_name,
            position: s.position_name,
            job_level: s.job_level.code().to_string(),
            version: s.version,
            ratified_at: s.ratified_at,
        })
        .collect();
    Ok(table(&headers, as_csv, (&rows, &rows), Keep::Minutes))
}

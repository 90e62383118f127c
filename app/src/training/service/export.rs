//! The AKPK (analisis kebutuhan pengembangan kompetensi) as CSV, within the reader's
//! units: one line per person and competency they fall short in, or one per unit and
//! competency (the unit with everything below it). The per-person file of a whole
//! agency runs to millions of lines, so it is written a few units at a time into a
//! channel the HTTP answer streams from; nothing holds the whole file.

use super::catalogue::competencies;
use super::people::{gap_rows, GapRow};
use super::plan::offers;
use super::scope::{chosen, closed_campaigns, scope, unit_in, Scope};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::i18n::{Lang, K};
use crate::org::service::units_under;
use crate::people::service::import::for_spreadsheet;
use crate::server::entities::{by_ids, competency, enrolment, programme, unit, unit_need};
use crate::server::Db;
use crate::training::model::{EnrolStatus, NeedsQuery};
use crate::training::rules::{priority, suggest, Need, Offer};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use tokio::sync::mpsc::Sender;

/// Units read per query of the per-person file.
const UNITS_PER_READ: usize = 50;

/// What an export covers, decided (and authorised) before the first byte is sent.
pub struct Export {
    pub campaign: (i32, String),
    units: Vec<i32>,
    names: HashMap<i32, unit::Model>,
    query: NeedsQuery,
    suggested: Suggested,
}

/// The programme each line suggests: the one the person chose for that competency
/// in their plan (not cancelled or returned), or else the catalogue's best for the
/// gap (`rules::suggest`). Competencies by code, as the lines carry them.
struct Suggested {
    offers: HashMap<String, Vec<Offer<String>>>,
    planned: HashMap<(i32, String), String>,
}

impl Suggested {
    async fn load(db: &Db, agency: i32) -> Result<Suggested, AppError> {
        let code: HashMap<i32, String> = competencies(db, agency)
            .await?
            .into_iter()
            .map(|(id, c, _)| (id, c))
            .collect();
        let offers = offers(db, agency, crate::server::db::today())
            .await?
            .into_iter()
            .filter_map(|(c, list)| {
                let list = list
                    .into_iter()
                    .map(|o| Offer {
                        item: o.item.name,
                        level: o.level,
                        starts_on: o.starts_on,
                    })
                    .collect();
                Some((code.get(&c)?.clone(), list))
            })
            .collect();
        let live = [
            EnrolStatus::Requested,
            EnrolStatus::Enrolled,
            EnrolStatus::Passed,
        ];
        let chosen = enrolment::Entity::find()
            .filter(enrolment::Column::AgencyId.eq(agency))
            .filter(enrolment::Column::CompetencyId.is_not_null())
            .filter(enrolment::Column::Status.is_in(live))
            .all(db)
            .await?;
        let names = by_ids::<programme::Model>(db, chosen.iter().map(|e| e.programme_id)).await?;
        let planned = chosen
            .into_iter()
            .filter_map(|e| {
                let c = code.get(&e.competency_id?)?.clone();
                Some(((e.employee_id, c), names.get(&e.programme_id)?.name.clone()))
            })
            .collect();
        Ok(Suggested { offers, planned })
    }

    fn for_row(&self, r: &GapRow) -> String {
        if let Some(p) = self.planned.get(&(r.employee_id, r.code.clone())) {
            return p.clone();
        }
        let list = self.offers.get(&r.code).cloned().unwrap_or_default();
        suggest(list, r.required_level, r.measured, 1)
            .pop()
            .map(|o| o.item)
            .unwrap_or_default()
    }
}

/// Checks the reader may export what they asked for: the opened unit and everything
/// below it, or the reader's whole scope.
pub async fn plan(db: &Db, actor: &Actor, q: NeedsQuery) -> Result<Export, AppError> {
    let s: Scope = scope(actor)?;
    let campaign =
        chosen(&closed_campaigns(db, s.agency).await?, q.campaign)?.ok_or(AppError::NotFound)?;
    let roots = match q.unit {
        Some(u) => vec![unit_in(db, &s, u).await?.0.id],
        None => s.roots.clone(),
    };
    let mut units = units_under(db, s.agency, &roots).await?;
    units.sort_unstable();
    let names = by_ids::<unit::Model>(db, units.iter().copied()).await?;
    Ok(Export {
        campaign,
        units,
        names,
        query: q,
        suggested: Suggested::load(db, s.agency).await?,
    })
}

fn line(cells: Vec<String>) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(cells.into_iter().map(for_spreadsheet))
        .map_err(crate::error::internal)?;
    w.into_inner()
        .map_err(|e| crate::error::internal(e.to_string()))
}

fn header(lang: Lang, keys: &[K]) -> Result<Vec<u8>, AppError> {
    line(keys.iter().map(|k| lang.text(*k).to_string()).collect())
}

/// One decimal, with a point: a file for programs as much as for people.
fn dec(v: f64) -> String {
    format!("{v:.2}")
}

/// Per person and competency short of its level. Stops quietly when the reader
/// has gone (the channel is closed).
pub async fn people(db: &Db, e: &Export, lang: Lang, out: Sender<Vec<u8>>) -> Result<(), AppError> {
    use K::*;
    let head = [
        EmployeeNip,
        EmployeeName,
        EmployeeUnit,
        EmployeePosition,
        EmployeesFilterLevel,
        StdCompetency,
        DashRequired,
        DashMeasured,
        DashGapShort,
        NeedsProgramme,
        NeedsPriority,
    ];
    if out.send(header(lang, &head)?).await.is_err() {
        return Ok(());
    }
    for part in e.units.chunks(UNITS_PER_READ) {
        let mut buf = Vec::new();
        for r in gap_rows(db, e.campaign.0, part).await? {
            if !r.kept(&e.query) {
                continue;
            }
            let unit = e.names.get(&r.unit_id).map(|u| u.name.clone());
            let g = r.gap();
            buf.extend(line(vec![
                r.nip.clone(),
                r.name.clone(),
                unit.unwrap_or_default(),
                r.position.clone(),
                lang.text(r.job_level.label()).to_string(),
                format!("{} {}", r.code, r.competency),
                r.required_level.to_string(),
                dec(r.measured),
                dec(g),
                e.suggested.for_row(&r),
                lang.text(priority(g).label()).to_string(),
            ])?);
        }
        if !buf.is_empty() && out.send(buf).await.is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// Per unit (with everything below it) and competency: people measured, below their
/// level, their share, the levels lacking in all and on average.
pub async fn units(db: &Db, e: &Export, lang: Lang) -> Result<Vec<u8>, AppError> {
    use unit_need::Column as C;
    let mut q = unit_need::Entity::find()
        .filter(C::CampaignId.eq(e.campaign.0))
        .filter(C::WithBelow.eq(true));
    if let Some(l) = e.query.level {
        q = q.filter(C::JobLevel.eq(l));
    }
    let rows = q.all(db).await?;
    let mut sums: std::collections::BTreeMap<(i32, i32), Need> = Default::default();
    for r in rows
        .into_iter()
        .filter(|r| e.names.contains_key(&r.unit_id))
    {
        sums.entry((r.unit_id, r.competency_id))
            .or_default()
            .add(Need {
                people: r.people.into(),
                below: r.below.into(),
                shortfall: r.shortfall,
            });
    }
    let comps = by_ids::<competency::Model>(db, sums.keys().map(|k| k.1)).await?;
    use K::*;
    let head = [
        UnitCode,
        UnitName,
        StdCompetency,
        NeedsPeople,
        NeedsBelow,
        NeedsShare,
        NeedsShortfall,
        NeedsMeanGap,
    ];
    let mut out = header(lang, &head)?;
    for ((u, c), n) in sums {
        let (Some(unit), Some(comp)) = (e.names.get(&u), comps.get(&c)) else {
            continue;
        };
        if e.query.group.is_some_and(|g| g != comp.grp) {
            continue;
        }
        out.extend(line(vec![
            unit.code.clone(),
            unit.name.clone(),
            format!("{} {}", comp.code, comp.name),
            n.people.to_string(),
            n.below.to_string(),
            n.share().map(dec).unwrap_or_default(),
            dec(n.shortfall),
            n.mean_gap().map(dec).unwrap_or_default(),
        ])?);
    }
    Ok(out)
}

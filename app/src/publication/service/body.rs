//! Builds a snapshot's body for a closed campaign: each unit's figures over everyone
//! below it, withheld where `rules::suppress` says, the agency's total and bands,
//! the change since the agency's previous published period, and the honour list's
//! commitments (the names go beside the snapshot, `Named`).

use super::figures::{band_counts, unit_sums, Sums};
use super::honour::{honour_list, Named};
use crate::competency::model::JpmBand;
use crate::competency::rules::JpmBands;
use crate::error::AppError;
use crate::org::service::all_units;
use crate::publication::model::*;
use crate::publication::rules::{self, suppress, suppress_parts, two, Node};
use crate::server::entities::{agency, campaign, unit};
use chrono::{Datelike, NaiveDate};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// Where the new snapshot sits: its chain position and, for a correction, what it
/// corrects and why.
pub struct Place {
    pub sequence: i32,
    pub previous_hash: Option<String>,
    pub version: i32,
    pub corrects: Option<i32>,
    pub reason: Option<String>,
    pub published_at: String,
    pub today: NaiveDate,
}

/// The body and the named entries that go beside it.
pub async fn build(
    db: &impl ConnectionTrait,
    (a, c): (&agency::Model, &campaign::Model),
    place: Place,
    previous: Option<&Body>,
) -> Result<(Body, Vec<Named>), AppError> {
    let (total, units, shown) = unit_figures(db, (a.id, c.id), place.today, previous).await?;
    let bands = bands(db, c.id, shown).await?;
    let named = honour_list(db, (a.id, c.id)).await?;
    let year = c.closed_at.map_or(place.today.year(), |t| t.year());
    let services = services(db, a.id, year).await?;
    let mut honour: Vec<String> = named.iter().map(|n| n.commitment.clone()).collect();
    honour.sort();
    let b = JpmBands::default();
    let body = Body {
        schema: rules::SCHEMA,
        agency: AgencyRef {
            id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
        },
        sequence: place.sequence,
        previous_hash: place.previous_hash,
        published_at: place.published_at,
        period: Period {
            kind: PeriodKind::Campaign,
            id: c.id,
            name: c.name.clone(),
            closed_on: c
                .closed_at
                .map(|t| t.date_naive().to_string())
                .unwrap_or_default(),
        },
        version: place.version,
        corrects: place.corrects,
        reason: place.reason,
        rules: RulesRef {
            version: rules::RULES_VERSION.into(),
            min_group: rules::MIN_GROUP,
            bands: (b.optimal, b.fairly),
        },
        total,
        units,
        bands,
        honour,
        services,
    };
    Ok((body, named))
}

/// The agency's figures, each unit's (with everything below it) withheld where
/// `suppress` says, and whether the agency's total is shown.
async fn unit_figures(
    db: &impl ConnectionTrait,
    (agency, c): (i32, i32),
    today: NaiveDate,
    previous: Option<&Body>,
) -> Result<(Figures, Vec<UnitFigures>, bool), AppError> {
    let (own, training) = unit_sums(db, (agency, c), today).await?;
    let units = all_units(db, agency).await?;
    let nodes: Vec<Node> = units
        .iter()
        .map(|u| Node {
            id: u.id,
            parent: u.parent_id,
            own: own.get(&u.id).map_or(0, |s| s.people),
        })
        .collect();
    let hidden = suppress(&nodes);
    let sums = rolled_up(&units, &own);
    let before = previous.map(previous_means).unwrap_or_default();
    let total_sums = own.values().fold(Sums::default(), |mut t, s| {
        t.add(s);
        t
    });
    let total = figures(&total_sums, hidden.total, training, before.get(&None));
    let mut out: Vec<UnitFigures> = units
        .iter()
        .filter_map(|u| {
            let s = sums.get(&u.id).filter(|s| s.people > 0)?;
            let w = hidden.units.get(&u.id).copied().flatten();
            Some(UnitFigures {
                id: u.id,
                code: u.code.clone(),
                name: u.name.clone(),
                parent: u.parent_id,
                figures: figures(s, w, training, before.get(&Some(u.id))),
            })
        })
        .collect();
    out.sort_by_key(|u| u.id);
    Ok((total, out, hidden.total.is_none()))
}

/// The agency's people per JPM band, none when its total is withheld, and the bands
/// `suppress_parts` withholds (so shown bands and the total give no small group).
async fn bands(
    db: &impl ConnectionTrait,
    c: i32,
    total_shown: bool,
) -> Result<Vec<BandCount>, AppError> {
    let counts = band_counts(db, c).await?;
    let hide = suppress_parts(total_shown, &counts);
    Ok([
        JpmBand::Optimal,
        JpmBand::FairlyOptimal,
        JpmBand::BelowOptimal,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, band)| BandCount {
        band,
        people: (total_shown && !hide[i]).then_some(counts[i]),
    })
    .collect())
}

/// Each unit's sums with everything below it.
fn rolled_up(units: &[unit::Model], own: &HashMap<i32, Sums>) -> HashMap<i32, Sums> {
    let parent: HashMap<i32, Option<i32>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    let mut out: HashMap<i32, Sums> = HashMap::new();
    for (id, s) in own {
        let mut at = Some(*id);
        let mut steps = 0;
        while let Some(u) = at.filter(|u| parent.contains_key(u)) {
            out.entry(u).or_default().add(s);
            at = parent[&u];
            steps += 1;
            if steps > units.len() {
                break;
            }
        }
    }
    out
}

/// The figures of a group, or only why they are withheld.
fn figures(s: &Sums, w: Option<Withheld>, training: bool, before: Option<&f64>) -> Figures {
    if w.is_some() {
        return Figures {
            withheld: w,
            ..Figures::default()
        };
    }
    let n = s.people.max(1) as f64;
    let mean = two(s.jpm / n);
    Figures {
        people: Some(s.people),
        withheld: None,
        mean_jpm: Some(mean),
        meeting: Some(two(s.meeting as f64 * 100.0 / n)),
        on_pace: training.then(|| two(s.on_pace as f64 * 100.0 / n)),
        change: before.map(|b| two(mean - b)),
    }
}

/// The mean JPM a previous body showed, by unit (`None` for the agency).
fn previous_means(b: &Body) -> HashMap<Option<i32>, f64> {
    let mut out: HashMap<Option<i32>, f64> = b
        .units
        .iter()
        .filter_map(|u| Some((Some(u.id), u.figures.mean_jpm?)))
        .collect();
    if let Some(m) = b.total.mean_jpm {
        out.insert(None, m);
    }
    out
}

/// Each service unit's index in `year`, withheld below five respondents, best first.
async fn services(
    db: &impl ConnectionTrait,
    agency: i32,
    year: i32,
) -> Result<Vec<ServiceFigures>, AppError> {
    let mut out: Vec<ServiceFigures> = crate::survey::service::results::of_year(db, agency, year)
        .await?
        .into_iter()
        .filter(|u| u.respondents > 0)
        .map(|u| {
            let shown = u.respondents >= i64::from(rules::MIN_GROUP);
            ServiceFigures {
                code: u.code,
                name: u.name,
                unit: u.unit_name,
                year,
                respondents: shown.then_some(u.respondents as u32),
                ikm: u.converted.filter(|_| shown),
                grade: u.grade.filter(|_| shown).map(|g| g.code().to_string()),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.ikm
            .partial_cmp(&a.ikm)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.name.cmp(&b.name))
    });
    Ok(out)
}

//! Random units of 1–7 people never give away a group of fewer than five, directly
//! or by subtraction: not in the snapshot, not in the API's units and rankings, not
//! on the public page. On SQLite and PostgreSQL.

use super::publication::latest_closed;
use super::support::{backends, seeded};
use super::*;
use app::publication::model::Body;
use app::publication::rules::MIN_GROUP;
use app::publication::service::{publish, read};
use app::server::entities::{campaign_ratee, unit};
use rand::Rng;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// Every group a reader can isolate from a published body: each shown unit's people,
/// its people minus those of its nearest shown units below, and the same for the
/// agency's total and its bands.
fn isolatable(b: &Body) -> Vec<i64> {
    let shown: HashMap<i32, (Option<i32>, i64)> = b
        .units
        .iter()
        .filter_map(|u| Some((u.id, (u.parent, u.figures.people? as i64))))
        .collect();
    let parent: HashMap<i32, Option<i32>> = b.units.iter().map(|u| (u.id, u.parent)).collect();
    let nearest = |id: i32| {
        let mut at = parent.get(&id).copied().flatten();
        while let Some(p) = at {
            if shown.contains_key(&p) {
                return Some(p);
            }
            at = parent.get(&p).copied().flatten();
        }
        None
    };
    let mut out = Vec::new();
    for (id, (_, n)) in &shown {
        let below: i64 = shown
            .iter()
            .filter(|(d, _)| nearest(**d) == Some(*id))
            .map(|(_, v)| v.1)
            .sum();
        out.extend([*n, n - below]);
    }
    if let Some(t) = b.total.people {
        let tops: i64 = shown
            .iter()
            .filter(|(d, _)| nearest(**d).is_none())
            .map(|(_, v)| v.1)
            .sum();
        let bands: i64 = b
            .bands
            .iter()
            .filter_map(|x| x.people)
            .map(|n| n as i64)
            .sum();
        out.extend([t as i64, t as i64 - tops, t as i64 - bands]);
        out.extend(b.bands.iter().filter_map(|x| x.people.map(|n| n as i64)));
    }
    out
}

#[tokio::test]
async fn random_units_of_one_to_seven_never_give_away_fewer_than_five() {
    for (backend, db) in backends("pub_property").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let agency = agency_id(&db, "KOTA-MANNA").await;
        let c = latest_closed(&db, &hr).await;
        let units: Vec<i32> = unit::Entity::find()
            .filter(unit::Column::AgencyId.eq(agency))
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.id)
            .collect();
        let ratees = campaign_ratee::Entity::find()
            .filter(campaign_ratee::Column::CampaignId.eq(c))
            .all(&db)
            .await
            .unwrap();
        let mut rng = rand::thread_rng();
        let app = support::router(db.clone());
        for round in 0..6 {
            // Fill units with 1–7 people each (then the rest stay out of the results).
            let mut left = ratees.iter();
            for u in &units {
                for _ in 0..rng.gen_range(1..=7) {
                    let Some(r) = left.next() else { break };
                    let jpm = rng.gen_range(60.0..=100.0);
                    let sql = format!(
                        "UPDATE campaign_ratees SET unit_id = {u}, jpm = {jpm} WHERE id = {}",
                        r.id
                    );
                    db.execute_unprepared(&sql).await.unwrap();
                }
            }
            for r in left {
                let sql = format!("UPDATE campaign_ratees SET jpm = NULL WHERE id = {}", r.id);
                db.execute_unprepared(&sql).await.unwrap();
            }
            let id = publish::publish(&db, &hr, c, &format!("Uji sebaran acak putaran {round}."))
                .await
                .unwrap();
            let body = read::published(&db, "KOTA-MANNA", Some(id))
                .await
                .unwrap()
                .body;
            for g in isolatable(&body) {
                assert!(
                    g == 0 || g >= MIN_GROUP as i64,
                    "{backend}: a group of {g} in {body:?}"
                );
            }
            for u in &body.units {
                assert_eq!(u.figures.people.is_none(), u.figures.mean_jpm.is_none());
            }
            served_as_published(&app, id, &body, backend).await;
        }
    }
}

/// The API and the public page of snapshot `id` show each unit's people exactly as
/// the snapshot does (so what the snapshot withholds, they withhold), and no
/// ranking lists a group of 1–4.
async fn served_as_published(app: &axum::Router, id: i32, body: &Body, backend: &str) {
    let api = support::send(
        app,
        "GET",
        &format!("/api/v1/agencies/KOTA-MANNA/units?snapshot={id}"),
        None,
        None,
    )
    .await;
    let rows = api.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), body.units.len(), "{backend}");
    for u in &body.units {
        let row = rows.iter().find(|r| r["code"] == u.code.as_str()).unwrap();
        assert_eq!(
            row["people"].as_u64(),
            u.figures.people.map(u64::from),
            "{backend} {}",
            u.code
        );
        assert_eq!(
            row["mean_jpm"].is_null(),
            u.figures.mean_jpm.is_none(),
            "{backend}"
        );
    }
    for by in ["jpm", "memenuhi", "perubahan", "pelatihan"] {
        let r = support::send(
            app,
            "GET",
            &format!("/api/v1/agencies/KOTA-MANNA/rankings?by={by}&snapshot={id}"),
            None,
            None,
        )
        .await;
        for row in r.json()["rows"].as_array().unwrap() {
            let n = row["people"].as_u64();
            assert!(n.is_none_or(|n| n >= MIN_GROUP as u64), "{backend}: {row}");
        }
    }
    // The page's table of every unit: each unit's people cell says what the snapshot says.
    let page = support::send(
        app,
        "GET",
        &format!("/publik/KOTA-MANNA?snapshot={id}"),
        None,
        None,
    )
    .await;
    let table = &page.body[page.body.find("data-testid=\"all-units\"").unwrap()..];
    for u in &body.units {
        let at = table.find(&format!(">{}</td>", u.name)).unwrap();
        let cell = &table[at..];
        let cell = &cell[cell.find("data-label=\"Orang\"").unwrap()..];
        let cell = &cell[cell.find('>').unwrap() + 1..];
        let shown = &cell[..cell.find("</td>").unwrap()];
        match u.figures.people {
            Some(n) => assert_eq!(shown, n.to_string(), "{backend} {}", u.name),
            None => assert!(
                shown == "&lt; 5" || shown == "disembunyikan",
                "{backend} {shown}"
            ),
        }
    }
}

//! The home page's glance: each reader sees what concerns them, taken from the
//! services that own it (dashboard, forms, training needs, campaigns).

use super::support::{backends, count, seeded};
use super::*;
use app::training::model::NeedsQuery;
use app::training::service::needs;

#[tokio::test]
async fn the_home_glance_shows_each_reader_what_concerns_them() {
    for (backend, db) in backends("glance").await {
        let db = seeded(db).await;
        let nurse = by_name(&db, "pegawai.manna").await;
        let g = app::hr::service::glance(&db, &nurse).await.unwrap();
        let d = dashboard_of(&db, &nurse, None, None).await.unwrap();
        assert_eq!(g.jpm, d.jpm, "{backend}");
        assert!(g.jpm.is_some() && g.campaign.is_some(), "{backend}");
        let first_short = d.items.iter().find(|i| i.gap.is_some_and(|x| x > 0.0));
        assert_eq!(
            g.next_gap.as_ref().map(|n| n.1),
            first_short.map(|i| i.required),
            "{backend}"
        );
        assert!(g.shortfalls.is_empty(), "{backend}: a nurse leads no unit");
        assert_eq!(g.campaigns_in_progress, 0, "{backend}: HR's part only");

        let leader = by_name(&db, "kadinkes.manna").await;
        let g = app::hr::service::glance(&db, &leader).await.unwrap();
        let page = needs::needs(&db, &leader, NeedsQuery::default())
            .await
            .unwrap();
        let top: Vec<String> = page
            .columns
            .iter()
            .take(3)
            .map(|c| format!("{} {}", c.code, c.name))
            .collect();
        let named: Vec<String> = g.shortfalls.iter().map(|s| s.0.clone()).collect();
        assert_eq!(named, top, "{backend}");

        let hr = by_name(&db, "hr.manna").await;
        let g = app::hr::service::glance(&db, &hr).await.unwrap();
        assert_eq!(g.shortfalls.len(), 3, "{backend}");
        let running = count(&db, "SELECT COUNT(*) AS n FROM campaigns c JOIN agencies a ON a.id = c.agency_id WHERE a.code = 'KOTA-MANNA' AND c.status IN ('preparing', 'running', 'closing')").await;
        assert_eq!(g.campaigns_in_progress as i64, running, "{backend}");
    }
}

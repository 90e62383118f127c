//! Closing reads totals kept as forms are sent, not the answers: its results must
//! equal the rules applied to every answer exactly as it was sent. And folding a
//! peer's form into the totals takes its levels off the form at once.

use super::campaign::{answered, created, peer_form};
use super::support::{backends, count};
use super::*;
use app::assessment::model::{AnswerInput, Source};
use app::assessment::rules::{measure, others, self_level, Dropped};
use app::assessment::service::{campaign, campaigns, closing};
use app::server::entities::{answer_total, result, result_comment};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// Every form of the campaign answered with levels that differ by form and
/// competency, comments on some; one form in five is left a draft, so some
/// anonymous sources end below k. Returns what was sent, per (ratee, competency),
/// and the comments sent, as (ratee, competency, source, text).
async fn answer_varied(
    db: &DatabaseConnection,
    id: i32,
) -> (
    HashMap<(i32, i32), Vec<(Source, u8)>>,
    Vec<(i32, i32, Source, String)>,
) {
    let forms = campaign_rater::Entity::find()
        .filter(campaign_rater::Column::CampaignId.eq(id))
        .order_by_asc(campaign_rater::Column::Id)
        .all(db)
        .await
        .unwrap();
    let (mut sent, mut comments) = (HashMap::new(), Vec::new());
    for (n, row) in forms.iter().enumerate() {
        let who = by_employee(db, row.rater_id).await;
        let f = forms::form(db, &who, row.id).await.unwrap();
        let submit = n % 5 != 3;
        let mut items = Vec::new();
        for i in &f.items {
            let level = 1 + ((row.id * 7 + i.competency_id * 3) % 5) as u8;
            let comment = if (row.id + i.competency_id) % 3 == 0 {
                format!("catatan {n} untuk {}", i.competency_id)
            } else {
                String::new()
            };
            if submit {
                let key = (row.ratee_id, i.competency_id);
                sent.entry(key)
                    .or_insert_with(Vec::new)
                    .push((row.source, level));
                if !comment.is_empty() {
                    comments.push((key.0, key.1, row.source, comment.clone()));
                }
            }
            items.push(AnswerInput {
                competency_id: i.competency_id.to_string(),
                level: level.to_string(),
                comment,
            });
        }
        forms::save(db, &who, row.id, &items, submit).await.unwrap();
    }
    (sent, comments)
}

#[tokio::test]
async fn results_from_totals_equal_the_rules_over_every_answer_sent() {
    for (backend, db) in backends("totals").await {
        let s = created(db).await;
        campaigns::start(&s.db, &s.hr, s.id).await.unwrap();
        let (sent, sent_comments) = answer_varied(&s.db, s.id).await;
        let c = campaign(&s.db, s.id).await.unwrap();
        closing::close(&s.db, &s.hr, s.id).await.unwrap();

        let results = result::Entity::find()
            .filter(result::Column::CampaignId.eq(s.id))
            .all(&s.db)
            .await
            .unwrap();
        assert!(results.len() >= 12 * 5, "{backend}: {}", results.len());
        let (mut below_k, mut peers_counted) = (0, 0);
        let mut shown = Vec::new();
        for r in &results {
            let key = (r.employee_id, r.competency_id);
            let answers = sent.get(&key).map(Vec::as_slice).unwrap_or(&[]);
            let m = measure(answers, &c.weights, c.k);
            let expected = (m.level, self_level(&m), others(&m));
            let stored = (r.measured, r.self_level, r.others_level);
            assert_eq!(stored, expected, "{backend}: ratee {key:?} {answers:?}");
            let below = |d: &Dropped| matches!(d, Dropped::BelowK { .. });
            below_k += m.dropped.iter().filter(|(_, d)| below(d)).count();
            peers_counted += m.used.iter().filter(|u| u.0 == Source::Peer).count();
            // The comments shown: those of the sources that counted, never one's own.
            for (e, k, src, text) in &sent_comments {
                let counted = m.used.iter().any(|u| u.0 == *src);
                if (*e, *k) == key && *src != Source::SelfRating && counted {
                    shown.push(format!("{e} {k} {} {text}", src.code()));
                }
            }
        }
        assert!(below_k > 0, "{backend}: the data leaves a source below k");
        assert!(peers_counted > 0, "{backend}: and counts peers elsewhere");
        let mut stored: Vec<String> = result_comment::Entity::find()
            .filter(result_comment::Column::CampaignId.eq(s.id))
            .all(&s.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| {
                let (e, k, src) = (c.employee_id, c.competency_id, c.source.code());
                format!("{e} {k} {src} {}", c.body)
            })
            .collect();
        shown.sort();
        stored.sort();
        assert!(!shown.is_empty(), "{backend}");
        assert_eq!(stored, shown, "{backend}");
        // A closed campaign's totals have served: none is kept.
        let q = format!(
            "SELECT COUNT(*) AS n FROM answer_totals WHERE campaign_id = {}",
            s.id
        );
        assert_eq!(count(&s.db, &q).await, 0, "{backend}");
    }
}

#[tokio::test]
async fn a_sent_peer_form_keeps_no_level_even_before_closing() {
    for (backend, db) in backends("folded").await {
        let s = answered(db).await;
        let levels = |sources: &str| {
            format!(
                "SELECT COUNT(*) AS n FROM answers a JOIN campaign_raters r ON r.id = a.rater_row_id \
                 WHERE r.campaign_id = {} AND r.source IN ({sources}) AND a.level IS NOT NULL",
                s.id
            )
        };
        assert_eq!(
            count(&s.db, &levels("'peer', 'subordinate'")).await,
            0,
            "{backend}"
        );
        assert!(
            count(&s.db, &levels("'self', 'supervisor'")).await > 0,
            "{backend}"
        );
        // Their comments wait for closing, without a level beside them.
        let q = format!(
            "SELECT COUNT(*) AS n FROM answers a JOIN campaign_raters r ON r.id = a.rater_row_id \
             WHERE r.campaign_id = {} AND r.source = 'peer' AND a.comment IS NOT NULL",
            s.id
        );
        assert!(count(&s.db, &q).await > 0, "{backend}");
        // The totals hold the nurse's three peers: 3 + 3 + 4 for every competency.
        let q = format!(
            "SELECT COUNT(*) AS n FROM answer_totals WHERE campaign_id = {} AND ratee_id = {} \
             AND source = 'peer' AND (answers <> 3 OR level_sum <> 10)",
            s.id, s.me
        );
        assert_eq!(count(&s.db, &q).await, 0, "{backend}");
        // The peer's own form, sent, shows nothing, not even to them.
        let f = peer_form(&s).await;
        assert!(f.sealed && f.items.is_empty(), "{backend}: {f:?}");
    }
}

/// The totals of a campaign as rows, sorted.
async fn totals_of(db: &DatabaseConnection, id: i32) -> Vec<String> {
    let mut out: Vec<String> = answer_total::Entity::find()
        .filter(answer_total::Column::CampaignId.eq(id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| {
            let (r, c, s) = (t.ratee_id, t.competency_id, t.source.code());
            format!("{r} {c} {s} {} {}", t.answers, t.level_sum)
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_campaign_running_when_the_totals_arrive_gets_them_from_its_sent_forms() {
    use migrations::{Migrator, MigratorTrait};
    for (backend, db) in backends("backfill").await {
        let s = answered(db).await;
        let folded = totals_of(&s.db, s.id).await;
        assert!(!folded.is_empty(), "{backend}");
        // The database as it was before the totals (the migrations from theirs on
        // undone): no table, and the anonymous forms still holding the levels
        // `answered` gave them.
        let since = Migrator::migrations()
            .iter()
            .rev()
            .position(|m| m.name() == "m20261203_000018_answer_totals")
            .unwrap();
        Migrator::down(&s.db, Some(since as u32 + 1)).await.unwrap();
        let mut peers = [3, 3, 4].into_iter();
        for (ratee, first) in [(s.me, true), (s.doctors[0], false)] {
            for row in rows_of(&s.db, s.id, ratee).await {
                if row.source.is_anonymous() {
                    let level = if first { peers.next().unwrap() } else { 3 };
                    let q = format!(
                        "UPDATE answers SET level = {level} WHERE rater_row_id = {}",
                        row.id
                    );
                    s.db.execute_unprepared(&q).await.unwrap();
                }
            }
        }
        Migrator::up(&s.db, None).await.unwrap();
        assert_eq!(totals_of(&s.db, s.id).await, folded, "{backend}");
        let q = format!(
            "SELECT COUNT(*) AS n FROM answers a JOIN campaign_raters r ON r.id = a.rater_row_id \
             WHERE r.campaign_id = {} AND r.source IN ('peer', 'subordinate') AND a.level IS NOT NULL",
            s.id
        );
        assert_eq!(
            count(&s.db, &q).await,
            0,
            "{backend}: levels taken off again"
        );
    }
}

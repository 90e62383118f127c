//! What closing writes besides the results: each ratee's JPM, and the feedback of
//! the sources that counted, detached from the raters.

use super::read::Comment;
use super::Campaign;
use crate::assessment::model::Source;
use crate::error::AppError;
use crate::server::entities::result_comment;
use crate::server::sql;
use sea_orm::{raw_sql, ConnectionTrait, Set, Statement};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Writes the ratees' JPM, many per statement (one statement per ratee was a quarter
/// of closing a large campaign).
pub async fn jpm(
    tx: &impl ConnectionTrait,
    campaign: i32,
    jpms: &[(i32, Option<f64>)],
) -> Result<(), AppError> {
    for part in jpms.chunks(500) {
        // Numbers only, so written into the statement; a typed NULL keeps PostgreSQL
        // from reading an all-NULL column as text. `$1` is a parameter on both backends.
        let rows: Vec<String> = part
            .iter()
            .map(|(emp, j)| match j.filter(|j| j.is_finite()) {
                Some(j) => format!("({emp}, {j:?})"),
                None => format!("({emp}, CAST(NULL AS DOUBLE PRECISION))"),
            })
            .collect();
        let text = format!(
            "WITH v(e, j) AS (VALUES {}) UPDATE campaign_ratees SET jpm = v.j FROM v \
             WHERE campaign_ratees.campaign_id = $1 AND campaign_ratees.employee_id = v.e",
            rows.join(", ")
        );
        let stmt =
            Statement::from_sql_and_values(tx.get_database_backend(), text, [campaign.into()]);
        tx.execute_raw(stmt).await?;
    }
    Ok(())
}

/// Feedback of the sources that counted, without the rater (the supervisor is
/// named), in an order drawn from a secret salt rather than from the raters.
pub async fn comments(
    tx: &impl ConnectionTrait,
    c: &Campaign,
    comments: Vec<Comment>,
    counted: &HashMap<(i32, i32), Vec<Source>>,
    salt: u64,
) -> Result<u64, AppError> {
    let mut out = Vec::new();
    for (ratee, comp, source, body, answer, author) in comments {
        let shown = source != Source::SelfRating
            && counted
                .get(&(ratee, comp))
                .is_some_and(|s| s.contains(&source));
        if !shown {
            continue;
        }
        let digest = Sha256::digest(format!("{salt}:{answer}").as_bytes());
        let ord = i32::from_be_bytes([digest[0] & 0x7f, digest[1], digest[2], digest[3]]);
        out.push(result_comment::ActiveModel {
            agency_id: Set(c.row.agency_id),
            campaign_id: Set(c.row.id),
            employee_id: Set(ratee),
            competency_id: Set(comp),
            source: Set(source),
            author_name: Set(author.filter(|_| source == Source::Supervisor)),
            body: Set(body),
            ord: Set(ord),
            ..Default::default()
        });
    }
    // Inserted in the salted order: row ids must not follow the raters' order
    // (the answers arrive in rater order, and the raters' rows are kept).
    out.sort_by_key(|c| match &c.ord {
        sea_orm::ActiveValue::Set(o) | sea_orm::ActiveValue::Unchanged(o) => *o,
        sea_orm::ActiveValue::NotSet => 0,
    });
    Ok(sql::insert_many(tx, out).await?)
}

/// Cuts the last link between anonymous raters and what they wrote: once the results
/// and the detached comments are stored, what is left of the peers' and subordinates'
/// answers about these ratees (the comments of sent forms, whose levels went into the
/// totals when sent, and drafts) is deleted, and so are the ratees' totals. Afterwards
/// the database holds no row that joins a peer to their levels or words; the forms
/// themselves keep only that they were sent.
/// One block of ratees (`from`..=`to`), in the step that stored them.
pub async fn seal(
    tx: &impl ConnectionTrait,
    campaign: i32,
    from: i32,
    to: i32,
) -> Result<u64, AppError> {
    let (peer, subordinate) = (Source::Peer, Source::Subordinate);
    // SQL: closing, measured (see `closing`).
    let stmt = raw_sql!(
        Postgres,
        "DELETE FROM answers WHERE rater_row_id IN (SELECT r.id FROM campaign_raters r
           WHERE r.campaign_id = {campaign} AND r.ratee_id BETWEEN {from} AND {to}
             AND r.source IN ({peer}, {subordinate}))"
    );
    let deleted = tx.execute_raw(sql::on(tx, stmt)).await?.rows_affected();
    // SQL: the same ratees' totals, read by this step for the last time.
    let totals = raw_sql!(
        Postgres,
        "DELETE FROM answer_totals WHERE campaign_id = {campaign} AND ratee_id BETWEEN {from} AND {to}"
    );
    tx.execute_raw(sql::on(tx, totals)).await?;
    Ok(deleted)
}

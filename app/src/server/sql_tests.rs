//! `insert_many`'s statements and the hand-written reads, on an in-memory SQLite.

use super::*;
use crate::assessment::model::Source;
use crate::server::entities::{campaign_unit, result_comment};
use sea_orm::{raw_sql, Database, EntityTrait, FromQueryResult, Set};

#[test]
fn numbers_nulls_and_codes_are_written_and_other_text_is_bound() {
    let text = |s: &str| literal(&Value::String(Some(s.into())));
    assert_eq!(text("subordinate").as_deref(), Some("'subordinate'"));
    assert_eq!(text("jf_ahli_muda").as_deref(), Some("'jf_ahli_muda'"));
    for bound in ["", "O'Brien", "Budi", "a b", "x'--", "a\\", "ä"] {
        assert_eq!(text(bound), None, "{bound}");
    }
    assert_eq!(literal(&Value::Int(Some(-7))).as_deref(), Some("-7"));
    assert_eq!(literal(&Value::Double(Some(2.5))).as_deref(), Some("2.5"));
    assert_eq!(literal(&Value::Double(Some(f64::NAN))), None);
    assert_eq!(literal(&Value::Int(None)).as_deref(), Some("NULL"));
    assert_eq!(
        literal(&Value::String(Some("1); DROP TABLE x; --".into()))),
        None
    );
}

#[derive(Debug, PartialEq, FromQueryResult)]
struct Row {
    a: String,
    b: i32,
    dollar: String,
}

#[tokio::test]
async fn named_parameters_run_on_sqlite_and_a_dollar_in_text_stays_text() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    let (a, b) = ("x", 7);
    // `b` comes first in the text but is the second parameter bound.
    let stmt = on(
        &db,
        raw_sql!(Postgres, "SELECT {a} AS a, {b} + 0 AS b, '$1 ?' AS dollar"),
    );
    let row = Row::find_by_statement(stmt).one(&db).await.unwrap();
    let want = Row {
        a: "x".into(),
        b: 7,
        dollar: "$1 ?".into(),
    };
    assert_eq!(row, Some(want));
}

#[tokio::test]
async fn a_column_that_does_not_decode_is_an_error_not_a_missing_row() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    let stmt = on(
        &db,
        raw_sql!(
            Postgres,
            "SELECT 'x' AS a, 'not a number' AS b, '' AS dollar"
        ),
    );
    assert!(Row::find_by_statement(stmt).all(&db).await.is_err());
}

#[tokio::test]
async fn many_rows_are_inserted_under_the_entity_s_column_names() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    db.execute_unprepared(
        "CREATE TABLE campaign_units (id INTEGER PRIMARY KEY, agency_id INTEGER NOT NULL, \
         campaign_id INTEGER NOT NULL, unit_id INTEGER NOT NULL)",
    )
    .await
    .unwrap();
    // Three statements' worth (at most 4 000 values a statement).
    let rows: Vec<campaign_unit::ActiveModel> = (1..=3000)
        .map(|u| campaign_unit::ActiveModel {
            agency_id: Set(1),
            campaign_id: Set(9),
            unit_id: Set(u),
            ..Default::default()
        })
        .collect();
    assert_eq!(insert_many(&db, rows).await.unwrap(), 3000);
    let back = campaign_unit::Entity::find().all(&db).await.unwrap();
    assert_eq!(back.len(), 3000);
    assert!(back.iter().all(|r| r.campaign_id == 9 && r.agency_id == 1));
    let mut units: Vec<i32> = back.iter().map(|r| r.unit_id).collect();
    units.sort_unstable();
    assert_eq!(units, (1..=3000).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_row_leaving_a_column_unset_is_refused_not_filled_with_null() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    let row = |unit: Option<i32>| campaign_unit::ActiveModel {
        agency_id: Set(1),
        campaign_id: Set(9),
        unit_id: unit.map_or(sea_orm::ActiveValue::NotSet, Set),
        ..Default::default()
    };
    let err = insert_many(&db, vec![row(Some(1)), row(None)])
        .await
        .unwrap_err();
    assert!(err.to_string().contains("unit_id unset"), "{err}");
}

#[tokio::test]
async fn rows_go_in_whole_and_in_the_order_given_whatever_their_text() {
    use sea_orm::QueryOrder;
    let db = Database::connect("sqlite::memory:").await.unwrap();
    db.execute_unprepared(
        "CREATE TABLE result_comments (id INTEGER PRIMARY KEY, agency_id INTEGER NOT NULL, \
         campaign_id INTEGER NOT NULL, employee_id INTEGER NOT NULL, competency_id INTEGER NOT NULL, \
         source TEXT NOT NULL, author_name TEXT, body TEXT NOT NULL, ord INTEGER NOT NULL)",
    )
    .await
    .unwrap();
    let bodies = [
        "Sangat baik",
        "O'Brien \"kutip\"",
        "$1 ? :a @b",
        "baris\nbaru\t\\",
        "ä — 🙂",
        "",
        "[1, 2]",
        "NULL",
        "'); DROP TABLE result_comments; --",
    ];
    // Many statements' worth (text is bound, at most 200 values a statement), in an
    // order of their own: closing inserts comments in the salted order, and row ids
    // must follow it, not the raters'.
    let rows: Vec<result_comment::Model> = (0..6001)
        .map(|n| result_comment::Model {
            id: n + 1,
            agency_id: 1,
            campaign_id: 9,
            employee_id: n % 7,
            competency_id: -n,
            source: [Source::Peer, Source::Supervisor][(n % 2) as usize],
            author_name: (n % 3 == 0).then(|| format!("Budi {n}")),
            body: bodies[n as usize % bodies.len()].to_string(),
            ord: (n * 7919) % 6007,
        })
        .collect();
    let models: Vec<result_comment::ActiveModel> = rows.iter().map(comment_to_insert).collect();
    assert_eq!(insert_many(&db, models).await.unwrap(), 6001);
    let back = result_comment::Entity::find()
        .order_by_asc(result_comment::Column::Id)
        .all(&db)
        .await
        .unwrap();
    assert_eq!(back, rows);
}

fn comment_to_insert(r: &result_comment::Model) -> result_comment::ActiveModel {
    result_comment::ActiveModel {
        agency_id: Set(r.agency_id),
        campaign_id: Set(r.campaign_id),
        employee_id: Set(r.employee_id),
        competency_id: Set(r.competency_id),
        source: Set(r.source),
        author_name: Set(r.author_name.clone()),
        body: Set(r.body.clone()),
        ord: Set(r.ord),
        ..Default::default()
    }
}

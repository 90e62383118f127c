//! Units: the tree, deactivation, timestamps, and the database's refusal of a duplicate.

use super::*;

#[tokio::test]
async fn units_form_a_tree_that_cannot_loop_and_every_change_is_audited() {
    for (backend, db) in backends("units_tree").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        let audit_before = count(&db, "SELECT COUNT(*) AS n FROM audit_log").await;
        let id = org::create_unit(&db, &hr, &form("SEKSI-GIZI", "Seksi Gizi", Some(dinkes)))
            .await
            .unwrap();
        let units = org::list_units(&db, &hr).await.unwrap();
        let row = units.iter().find(|u| u.id == id).unwrap();
        assert_eq!((row.depth, row.parent_id), (1, Some(dinkes)), "{backend}");
        // Dinkes may not move below its own sub-unit, nor below itself.
        let mut f = form("DINKES", "Dinas Kesehatan", Some(id));
        f.kind = "dinas".into();
        let err = org::update_unit(&db, &hr, dinkes, &f).await.unwrap_err();
        assert_eq!(keys(&err), vec!["err.unit_parent_cycle"], "{backend}");
        let err = org::create_unit(&db, &hr, &form("seksi-gizi", "Lagi", None))
            .await
            .unwrap_err();
        assert_eq!(keys(&err), vec!["err.code_taken"], "{backend}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) AS n FROM audit_log").await,
            audit_before + 1,
            "{backend}"
        );
        assert!(
            matches!(verify(&db).await.unwrap(), Verdict::Intact { .. }),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_unit_with_staff_or_active_children_stays_active() {
    for (backend, db) in backends("units_deactivate").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let pkm = unit_id(&db, "KOTA-MANNA", "PKM-KOTA").await;
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        let e = org::set_active::<unit::Model>(&db, &hr, pkm, false)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.key == "err.unit_has_staff"),
            "{backend}: {e:?}"
        );
        let e = org::set_active::<unit::Model>(&db, &hr, dinkes, false)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.key == "err.unit_has_children"),
            "{backend}: {e:?}"
        );
        let empty = org::create_unit(&db, &hr, &form("KOSONG", "Unit Kosong", Some(dinkes)))
            .await
            .unwrap();
        org::set_active::<unit::Model>(&db, &hr, empty, false)
            .await
            .unwrap();
        let row = org::list_units(&db, &hr)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.id == empty)
            .unwrap();
        assert!(!row.active, "{backend}");
    }
}

#[tokio::test]
async fn a_saved_record_is_stamped_when_made_and_each_time_it_changes() {
    use sea_orm::sea_query::Expr;
    for (backend, db) in backends("stamps").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        let id = org::create_unit(&db, &hr, &form("SEKSI-KIA", "Seksi KIA", Some(dinkes)))
            .await
            .unwrap();
        let made = unit::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(made.created_at, made.updated_at, "{backend}");
        // Made long ago: an edit now moves `updated_at` only.
        let long_ago = made.created_at - chrono::Duration::days(400);
        unit::Entity::update_many()
            .col_expr(unit::Column::CreatedAt, Expr::value(long_ago))
            .col_expr(unit::Column::UpdatedAt, Expr::value(long_ago))
            .filter(unit::Column::Id.eq(id))
            .exec(&db)
            .await
            .unwrap();
        org::update_unit(
            &db,
            &hr,
            id,
            &form("SEKSI-KIA", "Seksi KIA dan KB", Some(dinkes)),
        )
        .await
        .unwrap();
        let edited = unit::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(edited.created_at, long_ago, "{backend}");
        assert!(edited.updated_at > long_ago, "{backend}");
        // Switching it off stamps it too.
        unit::Entity::update_many()
            .col_expr(unit::Column::UpdatedAt, Expr::value(long_ago))
            .filter(unit::Column::Id.eq(id))
            .exec(&db)
            .await
            .unwrap();
        org::set_active::<unit::Model>(&db, &hr, id, false)
            .await
            .unwrap();
        let off = unit::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert!(!off.active && off.updated_at > long_ago, "{backend}");
    }
}

/// The database's own refusal of a duplicate (what a race past the service's check
/// meets) reads as the check's field error on both backends: PostgreSQL names the
/// index, SQLite the columns.
#[tokio::test]
async fn a_duplicate_the_database_refuses_is_the_same_field_error_as_the_check() {
    use app::server::entities::position;
    use sea_orm::{ActiveModelTrait, Set};
    for (backend, db) in backends("constraint").await {
        let db = seeded(db).await;
        let taken = position::Entity::find().one(&db).await.unwrap().unwrap();
        let now = app::server::db::now();
        let twin = position::ActiveModel {
            agency_id: Set(taken.agency_id),
            code: Set(taken.code.clone()),
            name: Set("Kembar".into()),
            job_level: Set(taken.job_level),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let e = AppError::from(twin.insert(&db).await.unwrap_err());
        let expected = AppError::field("code", app::i18n::K::ErrCodeTaken);
        assert_eq!(e, expected, "{backend}");
    }
}

#[tokio::test]
async fn a_remembered_unit_tree_shows_a_new_top_unit_at_once() {
    for (backend, db) in backends("tree_cache").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let trees = org::UnitTrees::new(true);
        let names = |b: &app::org::model::UnitBrowse| match b {
            app::org::model::UnitBrowse::Tree { nodes, .. } => nodes
                .iter()
                .map(|n| n.unit.name.clone())
                .collect::<Vec<_>>(),
            _ => vec![],
        };
        let before = org::unit_tree(&db, &trees, &hr, None).await.unwrap();
        assert!(
            !names(&before).contains(&"Badan Riset Daerah".to_string()),
            "{backend}"
        );
        org::create_unit(&db, &hr, &form("BRIDA", "Badan Riset Daerah", None))
            .await
            .unwrap();
        let after = org::unit_tree(&db, &trees, &hr, None).await.unwrap();
        assert!(
            names(&after).contains(&"Badan Riset Daerah".to_string()),
            "{backend}"
        );
    }
}

/// SQLite's plan for a statement, one line per step.
async fn plan(db: &DatabaseConnection, stmt: sea_orm::Statement) -> String {
    let explain = sea_orm::Statement {
        sql: format!("EXPLAIN QUERY PLAN {}", stmt.sql),
        ..stmt
    };
    let rows = db.query_all_raw(explain).await.unwrap();
    rows.iter()
        .map(|r| r.try_get::<String>("", "detail").unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Walking down the unit tree (a leader's units and everything below them; a unit
/// head's sub-units) looks children up in the (agency, parent) index. By parent
/// alone SQLite read every unit, or indexed them all afresh, on every call: 6 to 13 ms
/// at 8 333 units, on each dashboard a unit leader opened.
#[tokio::test]
async fn walks_down_the_unit_tree_use_the_parent_index() {
    let db = support::sqlite("unit_walk_plans").await;
    let backend = db.get_database_backend();
    let walks = [
        backend.build(&org::subtree(1, &[2, 3])),
        backend.build(&sea_orm::QueryTrait::into_query(org::children_of(1, 2))),
    ];
    for stmt in walks {
        let plan = plan(&db, stmt).await;
        assert!(plan.contains("ix_units_parent"), "{plan}");
        assert!(
            !plan.contains("AUTOMATIC") && !plan.contains("SCAN units"),
            "{plan}"
        );
    }
}

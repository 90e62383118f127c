//! Where an ASN stands inside the agency: their place among their unit's people of
//! the latest closed campaign (withheld below five), and the unit's named ranking,
//! shown only when HR switches it on and then only of people who consented. Each on
//! SQLite and PostgreSQL.

use super::support::{backends, seeded};
use super::*;
use app::publication::model::ConsentKind;
use app::publication::rules::MIN_GROUP;
use app::publication::service::{consent, named, standing::standing};
use app::server::entities::campaign_ratee;
use sea_orm::{FromQueryResult, Statement};

#[derive(FromQueryResult)]
struct Pick {
    employee_id: i32,
}

/// A ratee of the latest closed campaign of Kota Manna whose unit had `small`
/// (fewer than five) or at least five people with a JPM.
async fn ratee_in(db: &DatabaseConnection, small: bool) -> Actor {
    let agency = agency_id(db, "KOTA-MANNA").await;
    let cmp = if small { "<" } else { ">=" };
    let sql = format!(
        "SELECT MIN(t.employee_id) AS employee_id FROM campaign_ratees t
         WHERE t.campaign_id = (SELECT MAX(id) FROM campaigns WHERE agency_id = {agency} AND status = 'closed')
           AND t.jpm IS NOT NULL
         GROUP BY t.unit_id HAVING COUNT(*) {cmp} {MIN_GROUP} ORDER BY COUNT(*) DESC"
    );
    let stmt = Statement::from_string(db.get_database_backend(), sql);
    let pick = Pick::find_by_statement(stmt)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    by_employee(db, pick.employee_id).await
}

#[tokio::test]
async fn an_asn_sees_their_place_in_their_units_spread() {
    for (backend, db) in backends("standing_place").await {
        let db = seeded(db).await;
        let me = ratee_in(&db, false).await;
        let s = standing(&db, &me).await.unwrap();
        let p = s.place.expect("rated in the latest campaign");
        assert!(p.people >= MIN_GROUP, "{backend}");
        let spread = p.spread.expect("five or more: shown");
        assert_eq!(
            spread.below + spread.equal + spread.above + 1,
            p.people,
            "{backend}"
        );
        assert_eq!(
            spread.bins.iter().map(|b| b.people).sum::<u32>(),
            p.people,
            "{backend}"
        );
        let mine: Vec<_> = spread.bins.iter().filter(|b| b.mine).collect();
        assert_eq!(mine.len(), 1, "{backend}");
        assert!(p.jpm >= f64::from(mine[0].from), "{backend}");
        // Everyone is listed by kind of consent, none given yet.
        assert!(s.consents.iter().all(|c| !c.given), "{backend}");
        assert_eq!(s.consents.len(), ConsentKind::ALL.len(), "{backend}");
        // A unit of fewer than five: the place is told, the spread is not.
        let alone = ratee_in(&db, true).await;
        let p = standing(&db, &alone).await.unwrap().place.unwrap();
        assert!(p.people < MIN_GROUP && p.spread.is_none(), "{backend}");
    }
}

#[tokio::test]
async fn the_named_ranking_shows_only_consenting_people_once_hr_turns_it_on() {
    for (backend, db) in backends("standing_named").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let me = ratee_in(&db, false).await;
        // Off by default: nothing named even with consent.
        consent::set(&db, &me, ConsentKind::UnitRanking, true)
            .await
            .unwrap();
        let s = standing(&db, &me).await.unwrap();
        assert!(!s.named_on && s.named.is_empty(), "{backend}");
        // Only HR switches it.
        let e = named::set(&db, &me, true).await.unwrap_err();
        assert!(matches!(e, AppError::Forbidden), "{backend}");
        named::set(&db, &hr, true).await.unwrap();
        assert!(named::is_on(&db, &hr).await.unwrap(), "{backend}");
        let s = standing(&db, &me).await.unwrap();
        assert_eq!(s.named.len(), 1, "{backend}: only the one who consented");
        assert!(s.named[0].me && s.named[0].rank == 1, "{backend}");
        // A colleague of the same unit consents: both listed, best first.
        let mine = campaign_ratee::Entity::find()
            .filter(campaign_ratee::Column::EmployeeId.eq(me.employee_id.unwrap()))
            .order_by_desc(campaign_ratee::Column::CampaignId)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let other = campaign_ratee::Entity::find()
            .filter(campaign_ratee::Column::CampaignId.eq(mine.campaign_id))
            .filter(campaign_ratee::Column::UnitId.eq(mine.unit_id))
            .filter(campaign_ratee::Column::EmployeeId.ne(mine.employee_id))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let colleague = by_employee(&db, other.employee_id).await;
        consent::set(&db, &colleague, ConsentKind::UnitRanking, true)
            .await
            .unwrap();
        let s = standing(&db, &me).await.unwrap();
        assert_eq!(s.named.len(), 2, "{backend}");
        assert!(s.named[0].jpm >= s.named[1].jpm, "{backend}");
        // Revoked: gone at once.
        consent::set(&db, &me, ConsentKind::UnitRanking, false)
            .await
            .unwrap();
        let s = standing(&db, &colleague).await.unwrap();
        assert_eq!(s.named.len(), 1, "{backend}");
        assert!(s.named[0].me, "{backend}");
        let revoked = s
            .consents
            .iter()
            .find(|c| c.kind == ConsentKind::UnitRanking)
            .unwrap();
        assert!(
            revoked.given,
            "{backend}: the colleague's own consent stands"
        );
    }
}

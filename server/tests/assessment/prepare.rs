//! Preparing a campaign's rater lists as a background job, a block of ratees per
//! step: the rows equal those assigned over everyone at once, and the campaign can be
//! neither started nor reviewed until they are all there.

use super::support::backends;
use super::*;
use app::assessment::model::{CampaignForm, CampaignStatus, PeerChoice, Source};
use app::assessment::service::{assign, campaign, campaigns, peers};
use app::jobs::model::{JobKind, JobState};
use app::jobs::service::runner;
use app::org::service::units_under;
use app::server::entities::{campaign as campaign_entity, campaign_ratee, job};

/// Every rater row of a campaign as (ratee, rater, source), sorted.
async fn rows(db: &DatabaseConnection, id: i32) -> Vec<(i32, i32, Source)> {
    let mut out: Vec<(i32, i32, Source)> = campaign_rater::Entity::find()
        .filter(campaign_rater::Column::CampaignId.eq(id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.ratee_id, r.rater_id, r.source))
        .collect();
    out.sort_by_key(|r| (r.0, r.1, r.2.code()));
    out
}

#[tokio::test]
async fn raters_prepared_a_few_ratees_at_a_time_equal_those_assigned_at_once() {
    for (backend, db) in backends("prepare_blocks").await {
        let db = super::support::seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let agency = agency_id(&db, "KOTA-MANNA").await;
        // The health office and the units below it: heads of sub-units report to the
        // head of the office, so subordinates cross units and blocks.
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        let form =
            CampaignForm::suggested("Penilaian Dinkes", "2026-11-01", "2099-12-31", vec![dinkes]);
        let id = campaigns::create(&db, &hr, &form).await.unwrap();
        let j = job::Entity::find()
            .filter(job::Column::SubjectId.eq(id))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (j.kind, j.state),
            (JobKind::PrepareCampaign, JobState::Queued)
        );

        // Until the lists are ready the campaign cannot start.
        let status = |db: DatabaseConnection| async move {
            let c = campaign_entity::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            c.status
        };
        assert_eq!(
            status(db.clone()).await,
            CampaignStatus::Preparing,
            "{backend}"
        );
        let e = campaigns::start(&db, &hr, id).await.unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{backend}: {e:?}");
        // Nor are its peers changed, even by HR.
        let ratee = campaign_ratee::Entity::find()
            .filter(campaign_ratee::Column::CampaignId.eq(id))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .employee_id;
        let choice = PeerChoice {
            campaign_id: id,
            ratee_id: ratee,
            rater_id: ratee,
        };
        match peers::remove_peer(&db, &hr, choice).await {
            Err(AppError::Conflict(m)) => assert_eq!(m.key, "err.peers_closed", "{backend}"),
            other => panic!("{backend}: peers changed while preparing: {other:?}"),
        }

        // Three ratees per step.
        assert!(runner::claim(&db, "t", Some(j.id)).await.unwrap().is_some());
        runner::run(&db, j.id, "t", 3).await;
        let j = job::Entity::find_by_id(j.id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(j.state, JobState::Done, "{backend}: {:?}", j.error);
        assert!(j.total > 6, "{backend}: several blocks ({})", j.total);
        assert_eq!(j.done, j.total, "{backend}");
        assert_eq!(status(db.clone()).await, CampaignStatus::Draft, "{backend}");

        let units = units_under(&db, agency, &[dinkes]).await.unwrap();
        let everyone = assign::ratees(&db, agency, &units).await.unwrap();
        let assessed: Vec<&assign::Ratee> = everyone
            .iter()
            .filter(|r| r.standard_id.is_some())
            .collect();
        let c = campaign(&db, id).await.unwrap();
        let mut expected = assign::raters(&assessed, &c.weights, c.max_peers as usize);
        expected.sort_by_key(|r| (r.0, r.1, r.2.code()));
        for s in [
            Source::SelfRating,
            Source::Supervisor,
            Source::Peer,
            Source::Subordinate,
        ] {
            assert!(
                expected.iter().any(|r| r.2 == s),
                "{backend}: no {s:?} rows to compare"
            );
        }
        assert_eq!(rows(&db, id).await, expected, "{backend}");
    }
}

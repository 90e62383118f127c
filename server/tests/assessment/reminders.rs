//! HR reminds the raters who have not sent their forms: each sees it at home, with
//! how many forms are owed, until they send them or the campaign closes.

use super::campaign::created;
use super::support::backends;
use super::*;
use app::assessment::service::{campaigns, closing, reminders};

#[tokio::test]
async fn hr_reminds_those_who_owe_forms_and_they_see_it_until_sent() {
    for (backend, db) in backends("remind").await {
        let s = created(db).await;
        campaigns::start(&s.db, &s.hr, s.id).await.unwrap();
        assert!(
            reminders::mine(&s.db, &s.nurse).await.unwrap().is_empty(),
            "{backend}: nothing before HR reminds"
        );
        let refused = reminders::remind(&s.db, &s.nurse, s.id).await;
        assert_eq!(
            refused,
            Err(AppError::Forbidden),
            "{backend}: only HR reminds"
        );

        let reminded = reminders::remind(&s.db, &s.hr, s.id).await.unwrap();
        assert!(reminded >= 12, "{backend}: {reminded} reminded");
        let own: Vec<_> = campaign_rater::Entity::find()
            .filter(campaign_rater::Column::CampaignId.eq(s.id))
            .filter(campaign_rater::Column::RaterId.eq(s.me))
            .all(&s.db)
            .await
            .unwrap();
        let mine = reminders::mine(&s.db, &s.nurse).await.unwrap();
        assert_eq!(mine.len(), 1, "{backend}");
        assert_eq!(mine[0].unsent, own.len() as i64, "{backend}");
        assert_eq!(mine[0].campaign, "Penilaian Puskesmas");

        for form in &own {
            answer(&s.db, &s.nurse, form.id, 3, true).await.unwrap();
        }
        assert!(
            reminders::mine(&s.db, &s.nurse).await.unwrap().is_empty(),
            "{backend}: all sent"
        );
        assert_eq!(
            reminders::mine(&s.db, &s.kapus).await.unwrap().len(),
            1,
            "{backend}"
        );
        closing::close(&s.db, &s.hr, s.id).await.unwrap();
        assert!(
            reminders::mine(&s.db, &s.kapus).await.unwrap().is_empty(),
            "{backend}: closed"
        );
    }
}

#[tokio::test]
async fn an_agency_wide_campaign_shows_the_units_furthest_behind_and_counts_the_rest() {
    use super::support::count;
    use app::assessment::model::CampaignForm;
    use app::assessment::service::campaigns::progress::{MISSING_SHOWN, UNITS_SHOWN};
    for (backend, db) in backends("behind").await {
        let s = created(db).await;
        let form = CampaignForm::suggested("Penilaian Kota", "2026-11-01", "2099-12-31", vec![]);
        let id = campaigns::create_now(&s.db, &s.hr, &form).await.unwrap();
        campaigns::start(&s.db, &s.hr, id).await.unwrap();
        // The puskesmas sends every form it owes; the rest of the agency none.
        for row in campaign_rater::Entity::find()
            .filter(campaign_rater::Column::CampaignId.eq(id))
            .all(&s.db)
            .await
            .unwrap()
        {
            if s.nurses.contains(&row.rater_id) || s.doctors.contains(&row.rater_id) {
                let who = by_employee(&s.db, row.rater_id).await;
                answer(&s.db, &who, row.id, 3, true).await.unwrap();
            }
        }
        let d = campaigns::detail(&s.db, &s.hr, id).await.unwrap();
        let q = format!(
            "SELECT COUNT(DISTINCT unit_id) AS n FROM campaign_ratees WHERE campaign_id = {id}"
        );
        assert_eq!(d.units_total, count(&s.db, &q).await, "{backend}");
        assert!(d.units_total > 1, "{backend}");
        let q = format!(
            "SELECT COUNT(DISTINCT rater_id) AS n FROM campaign_raters \
             WHERE campaign_id = {id} AND status <> 'submitted'"
        );
        assert_eq!(d.missing_total, count(&s.db, &q).await, "{backend}");
        assert_eq!(
            d.missing.len() as i64,
            d.missing_total.min(MISSING_SHOWN),
            "{backend}"
        );
        assert!(d.completion.len() as i64 <= UNITS_SHOWN, "{backend}");
        // Furthest behind first: the share sent never falls down the table.
        let share =
            |u: &app::assessment::model::UnitCompletion| u.submitted as f64 / u.forms as f64;
        assert!(
            d.completion
                .windows(2)
                .all(|w| share(&w[0]) <= share(&w[1])),
            "{backend}: {:?}",
            d.completion
        );
        assert!(share(d.completion.last().unwrap()) > 0.0, "{backend}");
    }
}

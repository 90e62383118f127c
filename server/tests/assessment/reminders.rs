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

//! `/publik`: every agency with its latest published period, the criteria and the
//! way to check a snapshot.

use crate::i18n::{use_i18n, K};
use crate::publication::api::public_agencies;
use crate::ui::page::loaded;
use crate::ui::widgets::{Card, Page, Table};
use leptos::prelude::*;

#[component]
pub fn PublicListPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| public_agencies());
    view! {
        <Page title=K::PubListTitle subtitle=K::PubListSubtitle>
            {loaded(data, move |list| {
                let label = move |k: K| i.t(k);
                view! {
                    <Table stack=true testid="agencies" head=vec![(K::PubAgency, ""), (K::PubLatest, ""), (K::PubPublishedAt, "")]>
                        {list.into_iter().map(|a| {
                            let (period, at) = match &a.latest {
                                Some((_, p, at)) => (p.clone(), i.date_time(at)),
                                None => (i.t(K::PubNothingYet).to_string(), "–".to_string()),
                            };
                            view! {
                                <tr>
                                    <td><a href=format!("/publik/{}", a.code)>{a.name}</a></td>
                                    <td data-label=label(K::PubLatest)>{period}</td>
                                    <td data-label=label(K::PubPublishedAt)>{at}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                }
            })}
            <Card title=K::PubAboutTitle help=K::PubAboutHelp>
                <ul class="links">
                    <li><a href="/public/standards">{i.t(K::PubCriteriaLink)}</a></li>
                    <li><a href="/publik/verifikasi">{i.t(K::PubVerifyLink)}</a></li>
                    <li><a href="/api/v1" rel="external">{i.t(K::PubApiLink)}</a></li>
                </ul>
            </Card>
        </Page>
    }
}

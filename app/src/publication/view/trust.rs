//! What lets a reader trust a snapshot: its hash, the previous one it is chained to,
//! the signature and the public key, a link to check it here and its file to check
//! offline; the period's versions; and the honour list with each entry's salt, so a
//! reader can recompute the hash the snapshot holds for it.

use crate::i18n::{use_i18n, K};
use crate::publication::model::Published;
use crate::ui::widgets::{Card, Table};
use leptos::prelude::*;

#[component]
pub fn Trust(p: Published) -> impl IntoView {
    let i = use_i18n();
    let sequence = p.body.sequence;
    let previous = p
        .body
        .previous_hash
        .clone()
        .unwrap_or_else(|| i.t(K::PubFirstInChain).to_string());
    view! {
        <Card title=K::PubTrustTitle help=K::PubTrustHelp testid="trust">
            <dl class="proof">
                <dt>{i.t(K::PubSequence)}</dt><dd>{sequence}</dd>
                <dt>{i.t(K::PubHash)}</dt><dd><code>{p.hash.clone()}</code></dd>
                <dt>{i.t(K::PubPreviousHash)}</dt><dd><code>{previous}</code></dd>
                <dt>{i.t(K::PubPublicKey)}</dt><dd><code data-testid="public-key">{p.public_key.clone()}</code></dd>
                <dt>{i.t(K::PubSignature)}</dt><dd><code>{p.signature.clone()}</code></dd>
            </dl>
            <p class="actions">
                <a class="button" href=format!("/publik/verifikasi?id={}", p.id)>{i.t(K::PubVerifyThis)}</a>
                <a class="button button-quiet" href=format!("/publik/berkas/{}", p.id) download>{i.t(K::PubDownload)}</a>
            </p>
            <p class="small muted">{i.f(K::PubOffline, &[("id", p.id.to_string())])}</p>
        </Card>
    }
}

#[component]
pub fn Versions(p: Published) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let code = p.body.agency.code.clone();
    (p.versions.len() > 1).then(|| view! {
        <Card title=K::PubVersionsTitle help=K::PubVersionsHelp testid="versions">
            <Table stack=true head=vec![(K::PubVersion, "num"), (K::PubPublishedAt, ""), (K::PubReason, "")]>
                {p.versions.iter().map(|v| {
                    let href = format!("/publik/{code}?snapshot={}", v.id);
                    let state = if v.current { K::PubCurrent } else { K::PubSupersededShort };
                    view! {
                        <tr>
                            <td class="num key" data-label=label(K::PubVersion)><a href=href>{v.version}</a>" "<span class="small muted">{i.t(state)}</span></td>
                            <td data-label=label(K::PubPublishedAt)>{i.date_time(&v.published_at)}</td>
                            <td data-label=label(K::PubReason)>{v.reason.clone().unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
        </Card>
    })
}

#[component]
pub fn HonourList(p: Published) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let withdrawn = p.body.honour.len() > p.honour.len();
    view! {
        <Card title=K::PubHonourTitle help=K::PubHonourHelp testid="honour">
            {if p.honour.is_empty() {
                view! { <p class="empty">{i.t(K::PubHonourEmpty)}</p> }.into_any()
            } else {
                view! {
                    <Table stack=true head=vec![(K::PubName, ""), (K::PubUnit, ""), (K::PubRankJpm, "num")]>
                        {p.honour.into_iter().map(|e| view! {
                            <tr>
                                <td>{e.name.clone()}<span class="muted small">" · "{e.position.clone()}</span>
                                    <details class="small"><summary>{i.t(K::PubProof)}</summary>
                                        <p>{i.t(K::PubSalt)}": "<code>{e.salt.clone()}</code></p>
                                        <p>{i.t(K::PubCommitment)}": "<code>{e.commitment.clone()}</code></p>
                                    </details>
                                </td>
                                <td data-label=label(K::PubUnit)>{e.unit.clone()}</td>
                                <td class="num key" data-label=label(K::PubRankJpm)>{i.dec(Some(e.jpm))}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
            {withdrawn.then(|| view! {
                <p class="small muted">{i.t(K::PubHonourWithdrawn)}</p>
            })}
        </Card>
    }
}

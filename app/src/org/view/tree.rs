//! HR's unit list (`/hr/units`): the tree collapsed to the top units, each branch
//! opened on demand (fetched when opened; without JavaScript the toggle is a link that
//! opens it on the server), and a search by name or code listing hits with their
//! place in the tree. A regency's thousands of units never travel at once.

use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::org::api::{browse_units, unit_children};
use crate::org::model::{UnitBrowse, UnitHit, UnitNode, UnitRow, SEARCH_LIMIT};
use crate::ui::app::HrOnly;
use crate::ui::page::loaded;
use crate::ui::widgets::{error_box, Page, Table};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn UnitsPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let open = Memo::new(move |_| query.read().get("open").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(
        move || (open.get(), q.get()),
        |(open, q)| browse_units(open, q),
    );
    view! {
        <Page title=K::UnitsTitle subtitle=K::UnitsSubtitle action=("/hr/units/new", K::UnitsNew)>
            // HR's tools only: others get "not allowed" below and nothing to search.
            <HrOnly>
                <div class="toolbar">
                    <form method="get" action="/hr/units" class="search-form" role="search">
                        <label class="sr-only" for="unit-search">{i.t(K::UnitsSearch)}</label>
                        <input id="unit-search" type="search" name="q" placeholder=i.t(K::UnitsSearch)
                            value=move || q.get() prop:value=move || q.get() />
                        <button type="submit" class="button button-small">{i.t(K::Search)}</button>
                    </form>
                </div>
            </HrOnly>
            {loaded(data, move |b| match b {
                UnitBrowse::Tree { nodes, total } => view! { <UnitTree nodes total /> }.into_any(),
                UnitBrowse::Search { hits, more } => view! { <UnitHits hits more q=q.get_untracked() /> }.into_any(),
            })}
        </Page>
    }
}

fn head() -> Vec<(K, &'static str)> {
    vec![
        (K::UnitName, ""),
        (K::UnitCode, ""),
        (K::UnitHead, "hide-sm"),
        (K::UnitStaff, "num"),
    ]
}

/// The tree as rows in depth-first order; opening a branch inserts its children
/// after it, closing removes everything below it. A branch that cannot be fetched
/// stays closed and says why above the tree.
#[component]
fn UnitTree(nodes: Vec<UnitNode>, total: i64) -> impl IntoView {
    let i = use_i18n();
    let rows = RwSignal::new(nodes);
    let failed = RwSignal::new(None::<AppError>);
    view! {
        <p class="muted small" data-testid="unit-count">{i.f(K::UnitsTreeHelp, &[("n", total.to_string())])}</p>
        {error_box(failed.into())}
        <Table head=head() class="tree" testid="unit-tree">
            <For each=move || rows.get() key=|n| (n.unit.id, n.expanded) let:n>
                <TreeRow n rows failed />
            </For>
        </Table>
    }
}

#[component]
fn TreeRow(
    n: UnitNode,
    rows: RwSignal<Vec<UnitNode>>,
    failed: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i = use_i18n();
    let (id, depth, expanded) = (n.unit.id, n.unit.depth, n.expanded);
    let toggle = (n.children > 0).then(|| {
        // Without JavaScript the link opens the branch on the server (closing goes to
        // the parent); hydrated, the click opens or closes it in place.
        let href = match (expanded, n.unit.parent_id) {
            (false, _) => format!("/hr/units?open={id}"),
            (true, Some(p)) => format!("/hr/units?open={p}"),
            (true, None) => "/hr/units".to_string(),
        };
        let label = i.f(
            if expanded {
                K::UnitsClose
            } else {
                K::UnitsOpen
            },
            &[("name", n.unit.name.clone()), ("n", n.children.to_string())],
        );
        view! {
            <a class="tree-toggle" href=href aria-expanded=expanded.to_string() aria-label=label
                on:click=move |ev| {
                    ev.prevent_default();
                    toggle_branch(rows, failed, id, depth, expanded);
                }>
                {if expanded { "▾" } else { "▸" }}
            </a>
        }
        .into_any()
    });
    let subs = (n.children > 0).then(|| {
        let text = i.f(K::UnitsSubCount, &[("n", n.children.to_string())]);
        view! { <span class="muted small">{text}</span> }.into_any()
    });
    view! { <UnitCells unit=n.unit toggle subs /> }
}

/// The cells of one unit's row (tree and search hits alike).
#[component]
fn UnitCells(
    unit: UnitRow,
    #[prop(optional_no_strip)] toggle: Option<AnyView>,
    #[prop(optional_no_strip)] subs: Option<AnyView>,
    #[prop(optional)] path: Option<String>,
) -> impl IntoView {
    let i = use_i18n();
    // Indentation by class: the CSP allows no inline styles.
    let cell_class = format!("tree-cell depth-{}", unit.depth.min(8));
    view! {
        <tr class:inactive=!unit.active>
            <td class=cell_class>
                <span class="tree-toggle-slot">{toggle}</span>
                <a href=format!("/hr/units/{}", unit.id)>{unit.name.clone()}</a>
                <span class="tag">{i.t(unit.kind.label())}</span>
                {(!unit.active).then(|| view! { <span class="tag tag-off">{i.t(K::Inactive)}</span> })}
                " "{subs}
                {path.filter(|p| !p.is_empty()).map(|p| view! { <div class="muted small">{p}</div> })}
            </td>
            <td><code>{unit.code.clone()}</code></td>
            <td class="hide-sm">{unit.head.as_ref().map_or("–".into(), |h| h.name.clone())}</td>
            <td class="num">{unit.staff}</td>
        </tr>
    }
}

/// Opens (fetching the children) or closes the branch of unit `id`.
fn toggle_branch(
    rows: RwSignal<Vec<UnitNode>>,
    failed: RwSignal<Option<AppError>>,
    id: i32,
    depth: usize,
    expanded: bool,
) {
    failed.set(None);
    if expanded {
        rows.update(|v| {
            let Some(at) = v.iter().position(|n| n.unit.id == id) else {
                return;
            };
            v[at].expanded = false;
            let end = v[at + 1..]
                .iter()
                .position(|n| n.unit.depth <= depth)
                .map_or(v.len(), |k| at + 1 + k);
            v.drain(at + 1..end);
        });
        return;
    }
    leptos::task::spawn_local(async move {
        let children = match unit_children(id, depth).await {
            Ok(children) => children,
            Err(e) => return failed.set(Some(e)),
        };
        rows.update(|v| {
            let Some(at) = v.iter().position(|n| n.unit.id == id) else {
                return;
            };
            if v[at].expanded {
                return;
            }
            v[at].expanded = true;
            v.splice(at + 1..at + 1, children);
        });
    });
}

/// Search hits with where each unit sits.
#[component]
fn UnitHits(hits: Vec<UnitHit>, more: bool, q: String) -> impl IntoView {
    let i = use_i18n();
    if hits.is_empty() {
        return view! {
            <p class="empty">{i.f(K::UnitsSearchNone, &[("q", q)])}" "<a href="/hr/units">{i.t(K::UnitsBackToTree)}</a></p>
        }
        .into_any();
    }
    let count = if more {
        i.f(K::UnitsSearchMore, &[("n", SEARCH_LIMIT.to_string())])
    } else {
        i.f(K::UnitsShown, &[("n", hits.len().to_string())])
    };
    view! {
        <p class="muted small" aria-live="polite" data-testid="unit-count">
            {count}" "<a href="/hr/units">{i.t(K::UnitsBackToTree)}</a>
        </p>
        <Table head=head() class="tree">
            {hits.into_iter().map(|h| view! { <UnitCells unit=h.unit path=h.path /> }).collect_view()}
        </Table>
    }
    .into_any()
}

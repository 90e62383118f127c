//! What may be published, decided without I/O: the canonical JSON that is hashed and
//! signed, and which slices of people must be withheld (never fewer than five, also
//! not by subtracting what is shown from a total). See docs/PUBLIC.md.

pub use super::model::Withheld;
use super::model::{Bin, Spread};
use serde_json::Value;
use std::collections::HashMap;

/// The smallest group of people a published figure may describe.
pub const MIN_GROUP: u32 = 5;
/// The version of the rules below, written into every snapshot.
pub const RULES_VERSION: &str = "cakap-publik/1";
/// The version of the snapshot's layout (docs/PUBLIC.md).
pub const SCHEMA: u32 = 2;
/// A JPM at or above this meets the standard (every competency at its level; the
/// margin absorbs floating-point sums of levels).
pub const MEETS_JPM: f64 = 100.0 - 1e-9;

/// The canonical text of a JSON value: object keys sorted by their bytes, no spaces,
/// integers as they are, every other number with exactly two decimals, strings
/// escaped as JSON requires. The same value always gives the same bytes.
pub fn canonical(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => out.push_str(&i.to_string()),
            (_, Some(u), _) => out.push_str(&u.to_string()),
            (_, _, Some(f)) if f.is_finite() => out.push_str(&format!("{f:.2}")),
            _ => out.push_str("null"),
        },
        Value::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write(&map[k], out);
            }
            out.push('}');
        }
    }
}

/// A unit of the tree with the people counted in it directly (not below it).
#[derive(Clone, Copy, Debug)]
pub struct Node {
    pub id: i32,
    pub parent: Option<i32>,
    pub own: u32,
}

/// What may be shown: per unit `None` (its figures) or why not, and whether the
/// agency's total may be shown. Units count everyone below them (`rollup`).
#[derive(Clone, Debug, PartialEq)]
pub struct Suppression {
    pub units: HashMap<i32, Option<Withheld>>,
    pub total: Option<Withheld>,
}

/// The agency as the tree's root, whose total is published like a unit's.
const ROOT: i32 = i32::MIN;

/// The people of each unit with everything below it.
pub fn rollup(nodes: &[Node]) -> HashMap<i32, u32> {
    let mut n: HashMap<i32, u32> = nodes.iter().map(|x| (x.id, 0)).collect();
    let parent: HashMap<i32, Option<i32>> = nodes.iter().map(|x| (x.id, x.parent)).collect();
    for x in nodes {
        // Walk up from each node, adding its own people to every ancestor; a loop
        // in the tree (which HR's checks prevent) stops at the first repeat.
        let mut at = Some(x.id);
        let mut seen = 0;
        while let Some(id) = at.filter(|id| n.contains_key(id)) {
            *n.entry(id).or_default() += x.own;
            at = parent.get(&id).copied().flatten();
            seen += 1;
            if seen > nodes.len() {
                break;
            }
        }
    }
    n
}

/// Decides what is shown so that every group a reader can isolate, by reading a
/// figure or by subtracting shown figures from a shown total, holds none or at least
/// `MIN_GROUP` people. The finest groups a reader can isolate from totals of a tree
/// are each shown unit's *remainder*: its people minus those of its nearest shown
/// descendants. While some remainder holds 1–4 people, the deepest such unit gets
/// the smallest of its nearest shown descendants with a remainder of its own
/// withheld too (which merges that remainder into its own), or, with none, is
/// withheld itself. Each step withholds one more unit, so it ends.
pub fn suppress(nodes: &[Node]) -> Suppression {
    let mut n = rollup(nodes);
    let parent: HashMap<i32, i32> = nodes
        .iter()
        .map(|x| (x.id, x.parent.filter(|p| n.contains_key(p)).unwrap_or(ROOT)))
        .collect();
    let total: u32 = nodes.iter().map(|x| x.own).sum();
    n.insert(ROOT, total);
    let depth = depths(&parent);
    let mut state: HashMap<i32, Option<Withheld>> = n
        .iter()
        .map(|(id, c)| (*id, (*c < MIN_GROUP).then_some(Withheld::Small)))
        .collect();
    loop {
        let shown_parent = nearest_shown(&parent, &state);
        let mut rem: HashMap<i32, i64> = HashMap::new();
        let mut kids: HashMap<i32, Vec<i32>> = HashMap::new();
        for (id, s) in &state {
            if s.is_none() {
                rem.insert(*id, n[id] as i64);
            }
        }
        for (id, up) in &shown_parent {
            if state[id].is_none() {
                *rem.entry(*up).or_default() -= n[id] as i64;
                kids.entry(*up).or_default().push(*id);
            }
        }
        let bad = rem
            .iter()
            .filter(|(_, r)| **r > 0 && **r < MIN_GROUP as i64)
            .map(|(id, _)| *id)
            .max_by_key(|id| (depth[id], -(*id as i64)));
        let Some(bad) = bad else { break };
        let helper = kids
            .get(&bad)
            .into_iter()
            .flatten()
            .filter(|k| rem.get(k).copied().unwrap_or(0) > 0)
            .min_by_key(|k| (n[*k], **k));
        let hide = helper.copied().unwrap_or(bad);
        state.insert(hide, Some(Withheld::Remainder));
    }
    let total = state.remove(&ROOT).flatten();
    Suppression {
        units: state,
        total,
    }
}

/// Each unit's nearest ancestor that is shown (the root counts as shown or not like
/// any unit; a unit under only withheld ones maps to nothing).
fn nearest_shown(
    parent: &HashMap<i32, i32>,
    state: &HashMap<i32, Option<Withheld>>,
) -> HashMap<i32, i32> {
    let mut out = HashMap::new();
    for id in parent.keys() {
        let mut at = parent.get(id).copied();
        let mut steps = 0;
        while let Some(p) = at {
            if state.get(&p).is_some_and(|s| s.is_none()) {
                out.insert(*id, p);
                break;
            }
            at = parent.get(&p).copied();
            steps += 1;
            if steps > parent.len() {
                break;
            }
        }
    }
    out
}

fn depths(parent: &HashMap<i32, i32>) -> HashMap<i32, usize> {
    let mut out: HashMap<i32, usize> = HashMap::from([(ROOT, 0)]);
    for id in parent.keys() {
        let mut d = 0;
        let mut at = *id;
        while let Some(p) = parent.get(&at) {
            d += 1;
            at = *p;
            if d > parent.len() {
                break;
            }
        }
        out.insert(*id, d);
    }
    out
}

/// Which parts of a total to withhold (`true`) so no part, nor the withheld parts
/// together (the total minus the shown ones, when the total is shown), hold 1–4
/// people: the small parts, then the smallest shown ones until the withheld together
/// hold at least `MIN_GROUP`.
pub fn suppress_parts(total_shown: bool, parts: &[u32]) -> Vec<bool> {
    let mut hidden: Vec<bool> = parts.iter().map(|p| *p > 0 && *p < MIN_GROUP).collect();
    loop {
        let sum: u32 = parts
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .map(|(p, _)| p)
            .sum();
        if !total_shown || sum == 0 || sum >= MIN_GROUP {
            return hidden;
        }
        let next = (0..parts.len())
            .filter(|i| !hidden[*i] && parts[*i] > 0)
            .min_by_key(|i| (parts[*i], *i));
        match next {
            Some(i) => hidden[i] = true,
            None => return hidden,
        }
    }
}

/// Rounds a figure to the two decimals the snapshot keeps.
pub fn two(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The lowest JPM of each bar of a unit's spread: everything under 50 is one bar
/// (few people are there, and finer bars would point at them), then bars of 10, the
/// last one holding 100.
pub const BINS: [u32; 6] = [0, 50, 60, 70, 80, 90];

/// The bar a JPM falls in.
fn bin_of(jpm: f64) -> u32 {
    let tens = ((jpm.clamp(0.0, 100.0) / 10.0).floor() as u32 * 10).min(90);
    if tens < 50 {
        0
    } else {
        tens
    }
}

/// Where `mine` stands among `all` (the unit's JPMs, `mine` among them once): how many
/// colleagues are below, equal and above, and the bars; `None` for fewer than
/// `MIN_GROUP` people, whose spread would show colleagues' results.
pub fn spread(all: &[f64], mine: f64) -> Option<Spread> {
    let people = all.len() as u32;
    if people < MIN_GROUP {
        return None;
    }
    let below = all.iter().filter(|j| **j < mine).count() as u32;
    let above = all.iter().filter(|j| **j > mine).count() as u32;
    let bins = BINS
        .iter()
        .map(|&from| Bin {
            from,
            people: all.iter().filter(|j| bin_of(**j) == from).count() as u32,
            mine: bin_of(mine) == from,
        })
        .collect();
    Some(Spread {
        below,
        equal: people.saturating_sub(below + above + 1),
        above,
        bins,
    })
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;

use super::*;
use serde_json::json;

#[test]
fn canonical_sorts_keys_and_fixes_numbers() {
    let v = json!({ "b": 1, "a": [72.345, 100.0, -3], "c": { "z": null, "y": "é\"" } });
    assert_eq!(
        canonical(&v),
        r#"{"a":[72.34,100.00,-3],"b":1,"c":{"y":"é\"","z":null}}"#
    );
    // The same value in another key order gives the same bytes.
    let w = json!({ "c": { "y": "é\"", "z": null }, "a": [72.345, 100.0, -3], "b": 1 });
    assert_eq!(canonical(&v), canonical(&w));
}

fn node(id: i32, parent: Option<i32>, own: u32) -> Node {
    Node { id, parent, own }
}

#[test]
fn a_small_unit_is_withheld_and_its_parent_too_when_only_it_differs() {
    // Dinas 1 holds 2 people itself and two bidang of 6 and 7: its total (15) minus
    // the two would give away its own 2, so the smaller bidang is withheld as well
    // (2 + 6 = 8 can be derived, which is allowed).
    let s = suppress(&[node(1, None, 2), node(2, Some(1), 6), node(3, Some(1), 7)]);
    assert_eq!(s.units[&1], None);
    assert_eq!(s.units[&2], Some(Withheld::Remainder));
    assert_eq!(s.units[&3], None);
    assert_eq!(s.total, None);
}

#[test]
fn a_lone_small_child_is_withheld_and_the_parent_when_nothing_else_helps() {
    // Parent holds 10 itself, a child of 3: the child is "< 5"; parent's 13 minus
    // nothing shown is 13 people, fine.
    let s = suppress(&[node(1, None, 10), node(2, Some(1), 3)]);
    assert_eq!(s.units[&2], Some(Withheld::Small));
    assert_eq!(s.units[&1], None);
    // Parent 3 itself with a child of 6: 9 − 6 = 3, and the child has no remainder
    // of its own to spare except its 6, so the child goes (9 is then one group).
    let s = suppress(&[node(1, None, 3), node(2, Some(1), 6)]);
    assert_eq!(s.units[&2], Some(Withheld::Remainder));
    assert_eq!(s.units[&1], None);
}

#[test]
fn the_agency_total_is_withheld_when_it_would_give_away_a_few() {
    // Two top units of 5 and one of 2 people: 12 − 5 − 5 = 2. One of the fives goes.
    let s = suppress(&[node(1, None, 5), node(2, None, 5), node(3, None, 2)]);
    let hidden = [1, 2]
        .iter()
        .filter(|id| s.units[*id] == Some(Withheld::Remainder))
        .count();
    assert_eq!(hidden, 1);
    assert_eq!(s.units[&3], Some(Withheld::Small));
    assert_eq!(s.total, None);
    // Fewer than five in all: nothing at all.
    let s = suppress(&[node(1, None, 4)]);
    assert_eq!(s.total, Some(Withheld::Small));
}

#[test]
fn parts_hide_together_at_least_five() {
    assert_eq!(suppress_parts(true, &[10, 3, 8]), vec![false, true, true]);
    assert_eq!(suppress_parts(true, &[10, 0, 8]), vec![false, false, false]);
    assert_eq!(suppress_parts(true, &[2, 2, 9]), vec![true, true, true]);
    assert_eq!(suppress_parts(true, &[2, 3, 9]), vec![true, true, false]);
    // Without the total, a small part alone is withheld.
    assert_eq!(suppress_parts(false, &[10, 3, 8]), vec![false, true, false]);
}

/// A small, fixed pseudo-random sequence (xorshift), so failures repeat.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Every group a reader can isolate from the shown totals, checked the slow way:
/// for each shown total (units and the agency), its people minus those of its
/// nearest shown descendants.
pub fn isolatable_groups(nodes: &[Node], s: &Suppression) -> Vec<i64> {
    let n = rollup(nodes);
    let shown = |id: i32| s.units.get(&id).is_some_and(|w| w.is_none());
    let parent = |id: i32| nodes.iter().find(|x| x.id == id).and_then(|x| x.parent);
    let nearest = |id: i32| {
        let mut at = parent(id);
        while let Some(p) = at {
            if shown(p) {
                return Some(p);
            }
            at = parent(p);
        }
        None
    };
    let mut out = Vec::new();
    for x in nodes.iter().filter(|x| shown(x.id)) {
        let below: i64 = nodes
            .iter()
            .filter(|d| shown(d.id) && nearest(d.id) == Some(x.id))
            .map(|d| n[&d.id] as i64)
            .sum();
        out.push(n[&x.id] as i64);
        out.push(n[&x.id] as i64 - below);
    }
    if s.total.is_none() {
        let total: i64 = nodes.iter().map(|x| x.own as i64).sum();
        let tops: i64 = nodes
            .iter()
            .filter(|d| shown(d.id) && nearest(d.id).is_none())
            .map(|d| n[&d.id] as i64)
            .sum();
        out.push(total);
        out.push(total - tops);
    }
    out
}

#[test]
fn no_random_tree_gives_away_fewer_than_five() {
    let mut rng = Rng(0x5eed_cafe);
    for _ in 0..2000 {
        let count = 1 + rng.next(14) as i32;
        let nodes: Vec<Node> = (1..=count)
            .map(|id| {
                let parent =
                    (id > 1 && rng.next(5) > 0).then(|| 1 + rng.next(id as u64 - 1) as i32);
                node(id, parent, rng.next(8) as u32)
            })
            .collect();
        let s = suppress(&nodes);
        for g in isolatable_groups(&nodes, &s) {
            assert!(
                g == 0 || g >= MIN_GROUP as i64,
                "a group of {g} can be isolated in {nodes:?} with {s:?}"
            );
        }
    }
}

#[test]
fn a_place_in_the_unit_counts_colleagues_and_fills_the_bars() {
    let all = [45.0, 62.5, 71.0, 71.0, 88.0, 100.0];
    let s = spread(&all, 71.0).unwrap();
    assert_eq!((s.below, s.equal, s.above), (2, 1, 2));
    let bars: Vec<(u32, u32, bool)> = s.bins.iter().map(|b| (b.from, b.people, b.mine)).collect();
    assert_eq!(
        bars,
        [
            (0, 1, false),
            (50, 0, false),
            (60, 1, false),
            (70, 2, true),
            (80, 1, false),
            (90, 1, false)
        ]
    );
    // 100 sits in the last bar; fewer than five people show no spread at all.
    assert!(spread(&all, 100.0).unwrap().bins[5].mine);
    assert_eq!(spread(&all[..4], 71.0), None);
}

//! Pure operations on an agency's unit tree: ordering for display, subtrees,
//! ancestor chains and the checks that keep the tree a tree.

use crate::error::FieldError;
use crate::i18n::K;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The part of a unit the tree operations need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeNode {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub name: String,
    pub active: bool,
}

/// A unit placed in the tree: its depth (0 for a top unit) in depth-first order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub id: i32,
    pub depth: usize,
}

fn children_of(nodes: &[TreeNode]) -> HashMap<Option<i32>, Vec<&TreeNode>> {
    let known: HashSet<i32> = nodes.iter().map(|n| n.id).collect();
    let mut map: HashMap<Option<i32>, Vec<&TreeNode>> = HashMap::new();
    for n in nodes {
        // A unit whose parent is missing is shown as a top unit rather than lost.
        let parent = n.parent_id.filter(|p| known.contains(p) && *p != n.id);
        map.entry(parent).or_default().push(n);
    }
    for list in map.values_mut() {
        list.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.id.cmp(&b.id))
        });
    }
    map
}

/// Depth-first order, siblings by name. Every node appears exactly once, even
/// when the data holds a cycle (its members are appended as top units).
pub fn depth_first(nodes: &[TreeNode]) -> Vec<Placed> {
    let children = children_of(nodes);
    let mut out = Vec::with_capacity(nodes.len());
    let mut seen = HashSet::new();
    let mut stack: Vec<(&TreeNode, usize)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|n| (*n, 0)).collect())
        .unwrap_or_default();
    while let Some((node, depth)) = stack.pop() {
        if !seen.insert(node.id) {
            continue;
        }
        out.push(Placed { id: node.id, depth });
        if let Some(kids) = children.get(&Some(node.id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    for n in nodes {
        if !seen.contains(&n.id) {
            seen.insert(n.id);
            out.push(Placed { id: n.id, depth: 0 });
        }
    }
    out
}

/// The unit and everything below it.
pub fn subtree(nodes: &[TreeNode], root: i32) -> HashSet<i32> {
    let children = children_of(nodes);
    let mut out = HashSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if out.insert(id) {
            if let Some(kids) = children.get(&Some(id)) {
                stack.extend(kids.iter().map(|k| k.id));
            }
        }
    }
    out
}

/// The chain from a unit up to its top unit, the unit itself first.
pub fn ancestors(nodes: &[TreeNode], id: i32) -> Vec<i32> {
    let parent: HashMap<i32, Option<i32>> = nodes.iter().map(|n| (n.id, n.parent_id)).collect();
    let mut chain = vec![];
    let mut cur = Some(id);
    while let Some(u) = cur {
        if chain.contains(&u) || !parent.contains_key(&u) {
            break;
        }
        chain.push(u);
        cur = parent[&u];
    }
    chain
}

/// Checks that `unit` (None for a new unit) may hang below `new_parent`.
pub fn check_parent(
    nodes: &[TreeNode],
    unit: Option<i32>,
    new_parent: Option<i32>,
) -> Result<(), FieldError> {
    let Some(parent) = new_parent else {
        return Ok(());
    };
    let Some(p) = nodes.iter().find(|n| n.id == parent) else {
        return Err(FieldError::new("parent_id", K::ErrUnitParentUnknown));
    };
    if !p.active {
        return Err(FieldError::new("parent_id", K::ErrUnitParentInactive));
    }
    if let Some(u) = unit {
        if u == parent {
            return Err(FieldError::new("parent_id", K::ErrUnitParentSelf));
        }
        if subtree(nodes, u).contains(&parent) {
            return Err(FieldError::new("parent_id", K::ErrUnitParentCycle));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(id: i32, parent: Option<i32>, name: &str) -> TreeNode {
        TreeNode {
            id,
            parent_id: parent,
            name: name.into(),
            active: true,
        }
    }

    fn sample() -> Vec<TreeNode> {
        vec![
            n(1, None, "Dinas Kesehatan"),
            n(2, Some(1), "Puskesmas Kota"),
            n(3, Some(1), "Bidang Pelayanan"),
            n(4, None, "Dinas Pendidikan"),
            n(5, Some(2), "Pustu Pasar"),
        ]
    }

    #[test]
    fn depth_first_orders_siblings_by_name_under_their_parent() {
        let order: Vec<(i32, usize)> = depth_first(&sample())
            .into_iter()
            .map(|p| (p.id, p.depth))
            .collect();
        assert_eq!(order, vec![(1, 0), (3, 1), (2, 1), (5, 2), (4, 0)]);
    }

    #[test]
    fn a_cycle_in_stored_data_does_not_lose_or_repeat_units() {
        let nodes = vec![n(1, Some(2), "A"), n(2, Some(1), "B"), n(3, None, "C")];
        let mut ids: Vec<i32> = depth_first(&nodes).into_iter().map(|p| p.id).collect();
        ids.sort();
        assert_eq!(ids, vec![1, 2, 3]);
    }

    #[test]
    fn subtree_holds_the_unit_and_all_below_it() {
        let s = subtree(&sample(), 1);
        assert_eq!(s, [1, 2, 3, 5].into_iter().collect());
        assert_eq!(subtree(&sample(), 4), [4].into_iter().collect());
    }

    #[test]
    fn ancestors_run_from_the_unit_to_the_top() {
        assert_eq!(ancestors(&sample(), 5), vec![5, 2, 1]);
        assert_eq!(ancestors(&sample(), 99), Vec::<i32>::new());
    }

    #[test]
    fn a_unit_cannot_move_below_itself_or_its_descendants() {
        let nodes = sample();
        assert_eq!(
            check_parent(&nodes, Some(1), Some(1)).unwrap_err().msg.key,
            "err.unit_parent_self"
        );
        assert_eq!(
            check_parent(&nodes, Some(1), Some(5)).unwrap_err().msg.key,
            "err.unit_parent_cycle"
        );
        assert!(check_parent(&nodes, Some(2), Some(4)).is_ok());
        assert!(check_parent(&nodes, None, Some(5)).is_ok());
        assert!(check_parent(&nodes, Some(2), None).is_ok());
    }

    #[test]
    fn the_parent_must_exist_and_be_active() {
        let mut nodes = sample();
        nodes[3].active = false;
        assert_eq!(
            check_parent(&nodes, None, Some(4)).unwrap_err().msg.key,
            "err.unit_parent_inactive"
        );
        assert_eq!(
            check_parent(&nodes, None, Some(42)).unwrap_err().msg.key,
            "err.unit_parent_unknown"
        );
    }
}

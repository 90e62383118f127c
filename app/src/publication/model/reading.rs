//! How pages and the API read a snapshot's body: a figure by what a ranking orders
//! by, the top units ranked, the units in tree order, and what an agency's page
//! lists of them.

use super::{Body, Figures, Published, RankBy, UnitFigures};
use std::collections::{HashMap, HashSet};

impl RankBy {
    /// The figure of a group this ranking orders by.
    pub fn of(self, f: &Figures) -> Option<f64> {
        match self {
            RankBy::Jpm => f.mean_jpm,
            RankBy::Meeting => f.meeting,
            RankBy::Change => f.change,
            RankBy::Pace => f.on_pace,
        }
    }
}

impl Body {
    /// The units right under the agency (Sekretariat, Dinas, Badan …), which the
    /// public ranking compares.
    pub fn top_units(&self) -> Vec<&UnitFigures> {
        self.units.iter().filter(|u| u.parent.is_none()).collect()
    }

    /// The top units with a figure for `by`, highest first (ties by name); withheld
    /// units have none and are listed apart.
    pub fn ranked(&self, by: RankBy) -> Vec<&UnitFigures> {
        let mut out: Vec<&UnitFigures> = self
            .top_units()
            .into_iter()
            .filter(|u| by.of(&u.figures).is_some())
            .collect();
        out.sort_by(|a, b| {
            let (x, y) = (by.of(&a.figures), by.of(&b.figures));
            y.partial_cmp(&x)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }

    /// The units in tree order, each with its depth (0 for the top units). Children
    /// are gathered once: a regency's snapshot holds thousands of units.
    pub fn tree(&self) -> Vec<(usize, &UnitFigures)> {
        let mut children: HashMap<Option<i32>, Vec<&UnitFigures>> = HashMap::new();
        for u in &self.units {
            children.entry(u.parent).or_default().push(u);
        }
        let mut out = Vec::with_capacity(self.units.len());
        // Depth-first, each level in the body's order; 12 levels at most (a unit
        // tree is never deeper, and a damaged one must not loop).
        let mut stack: Vec<(usize, &UnitFigures)> = children
            .get(&None)
            .map(|top| top.iter().rev().map(|u| (0, *u)).collect())
            .unwrap_or_default();
        while let Some((depth, u)) = stack.pop() {
            out.push((depth, u));
            if depth < 12 {
                if let Some(below) = children.get(&Some(u.id)) {
                    stack.extend(below.iter().rev().map(|c| (depth + 1, *c)));
                }
            }
        }
        out
    }
}

/// The agency's page lists its units down to this depth at most (0: the top units)…
pub const LISTED_DEPTH: usize = 2;
/// …and only the levels that fit in this many rows together: a regency's 40 offices
/// hold 400 sections and 8 000 schools and puskesmas, which would make the page
/// megabytes on a phone; the API's CSV holds them all.
pub const LISTED_ROWS: usize = 200;

impl Published {
    /// What the agency's page shows of this snapshot (`LISTED_DEPTH`, `LISTED_ROWS`).
    pub fn listed(self) -> Published {
        self.listed_within(LISTED_DEPTH, LISTED_ROWS)
    }

    /// The units of the deepest levels down to `depth` that fit in `rows` (the top
    /// units always), with how many were left out in `unlisted`.
    pub fn listed_within(mut self, depth: usize, rows: usize) -> Published {
        let tree = self.body.tree();
        let depth = (1..=depth)
            .take_while(|d| tree.iter().filter(|(at, _)| at <= d).count() <= rows)
            .last()
            .unwrap_or(0);
        let kept: HashSet<i32> = tree
            .into_iter()
            .filter(|(d, _)| *d <= depth)
            .map(|(_, u)| u.id)
            .collect();
        let all = self.body.units.len();
        self.body.units.retain(|u| kept.contains(&u.id));
        self.unlisted = all - self.body.units.len();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i32, parent: Option<i32>) -> UnitFigures {
        UnitFigures {
            id,
            code: format!("U{id}"),
            name: format!("Unit {id}"),
            parent,
            figures: Figures::default(),
        }
    }

    /// Units 1 and 2 at the top; 3 and 4 under 1 (4 first in the body); 5 under 3,
    /// 6 under 5: depths 0, 1, 2, 3.
    fn published() -> Published {
        let units = [
            (4, Some(1)),
            (1, None),
            (5, Some(3)),
            (2, None),
            (3, Some(1)),
            (6, Some(5)),
        ];
        let body = serde_json::json!({
            "schema": 2, "agency": {"id": 1, "code": "A", "name": "A"}, "sequence": 1,
            "previous_hash": null, "published_at": "2026-12-01T00:00:00Z",
            "period": {"kind": "kampanye", "id": 1, "name": "P", "closed_on": "2026-11-30"},
            "version": 1, "corrects": null, "reason": null,
            "rules": {"version": "r", "min_group": 5, "bands": [90.0, 78.0]},
            "total": Figures::default(), "bands": [], "honour": [],
            "units": units.iter().map(|(id, p)| unit(*id, *p)).collect::<Vec<_>>(),
        });
        Published {
            id: 1,
            hash: String::new(),
            signature: String::new(),
            public_key: String::new(),
            superseded_by: None,
            body: serde_json::from_value(body).unwrap(),
            honour: vec![],
            versions: vec![],
            trend: vec![],
            bands_chart: None,
            trend_chart: None,
            unlisted: 0,
        }
    }

    #[test]
    fn the_tree_lists_each_unit_under_its_parent_in_the_bodys_order() {
        let p = published();
        let order: Vec<(usize, i32)> = p.body.tree().into_iter().map(|(d, u)| (d, u.id)).collect();
        assert_eq!(order, vec![(0, 1), (1, 4), (1, 3), (2, 5), (3, 6), (0, 2)]);
    }

    #[test]
    fn a_page_lists_units_down_to_its_depth_and_counts_the_rest() {
        let p = published().listed();
        let mut kept: Vec<i32> = p.body.units.iter().map(|u| u.id).collect();
        kept.sort();
        assert_eq!(kept, vec![1, 2, 3, 4, 5]);
        assert_eq!(p.unlisted, 1);
        let top = published().listed_within(0, 100);
        assert_eq!(top.body.units.len(), 2);
        assert_eq!(top.unlisted, 4);
    }

    #[test]
    fn a_page_lists_only_the_levels_that_fit_its_rows() {
        // Depth 1 brings 4 rows, depth 2 five: in 4 rows, two levels.
        let p = published().listed_within(2, 4);
        assert_eq!(p.body.units.len(), 4);
        assert_eq!(p.unlisted, 2);
        // The top units always, even when they alone are more than the rows.
        let p = published().listed_within(2, 1);
        assert_eq!(p.body.units.len(), 2);
    }
}

//! Units as they cross the wire.

use crate::org::input::UnitKind;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub id: i32,
    pub parent_id: Option<i32>,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub active: bool,
    /// 0 for a top unit (in the list, rows come in depth-first order).
    pub depth: usize,
    pub head: Option<UnitRef>,
    /// Employees currently assigned directly to this unit.
    pub staff: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: i32,
    pub name: String,
}

/// One unit as its page shows it: its row, where it sits and what is under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDetail {
    pub unit: UnitRow,
    /// From the top unit down to this unit's parent.
    pub path: Vec<UnitRef>,
    pub children: Vec<UnitRef>,
}

/// The unit form as typed; parsed by `org::input::parse_unit`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitForm {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: String,
}

/// A unit in HR's tree: its row, how many units sit directly below it, and whether
/// they are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitNode {
    pub unit: UnitRow,
    pub children: i64,
    pub expanded: bool,
}

/// A unit found by HR's search, with where it sits ("Dinas Kesehatan › Bidang P2P").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitHit {
    pub unit: UnitRow,
    pub path: String,
}

/// What HR's unit page shows: the tree opened down to one unit, or search hits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitBrowse {
    /// Depth-first rows: the top units, and the children of every expanded unit.
    Tree { nodes: Vec<UnitNode>, total: i64 },
    /// At most `SEARCH_LIMIT` hits by name; `more` when there were others.
    Search { hits: Vec<UnitHit>, more: bool },
}

/// Hits a unit search shows at most (then the user narrows the text).
pub const SEARCH_LIMIT: usize = 50;

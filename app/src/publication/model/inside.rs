//! What an ASN reads of publication inside the agency (logged in): their consents,
//! where they stand in their unit's distribution, and the unit's named ranking when
//! the agency has switched it on.

use super::ConsentKind;
use serde::{Deserialize, Serialize};

/// One kind of consent and whether the reader currently gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentState {
    pub kind: ConsentKind,
    pub given: bool,
    /// When it was last given or revoked (UTC, RFC 3339), if ever.
    pub since: Option<String>,
}

/// One bar of a unit's JPM distribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    /// Lowest JPM of the bar (inclusive); the bar ends below the next one's.
    pub from: u32,
    pub people: u32,
    /// The reader's JPM falls in this bar.
    pub mine: bool,
}

/// The unit's distribution around the reader, shown only for five people or more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Colleagues with a lower JPM, an equal one, a higher one (the reader not counted).
    pub below: u32,
    pub equal: u32,
    pub above: u32,
    pub bins: Vec<Bin>,
}

/// The reader's place in the latest closed campaign that measured them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitPlace {
    pub campaign: String,
    pub unit: String,
    pub jpm: f64,
    /// People of the unit with a JPM in that campaign, the reader included.
    pub people: u32,
    /// `None` when the unit had fewer than five: the distribution would give people away.
    pub spread: Option<Spread>,
}

/// One line of a unit's named ranking (only people who consented).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedRank {
    pub rank: u32,
    pub name: String,
    pub jpm: f64,
    pub me: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub consents: Vec<ConsentState>,
    pub place: Option<UnitPlace>,
    /// The agency shows named unit rankings (HR's choice).
    pub named_on: bool,
    pub named: Vec<NamedRank>,
    /// The distribution as a chart (drawn on the server).
    pub chart: Option<String>,
}

//! Who rates whom (docs/DOMAIN.md §5): the peers assigned automatically and the peers a
//! supervisor may add. Pure rules, no I/O.

use crate::people::job_level::JobLevel;

/// A colleague as rater assignment sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Colleague {
    pub employee_id: i32,
    pub unit_id: i32,
    pub job_level: JobLevel,
}

/// The peers assigned automatically: same unit and job level, never the ratee,
/// at most `max`, in a stable order (by employee id).
pub fn default_peers(ratee: &Colleague, colleagues: &[Colleague], max: usize) -> Vec<i32> {
    let mut ids: Vec<i32> = colleagues
        .iter()
        .filter(|c| {
            c.employee_id != ratee.employee_id
                && c.unit_id == ratee.unit_id
                && c.job_level == ratee.job_level
        })
        .map(|c| c.employee_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.truncate(max);
    ids
}

/// Whether the supervisor may name `rater` as a peer of `ratee`: anyone but the
/// ratee themself and the ratee's supervisor (who rates as such). The service that
/// calls this keeps raters inside the ratee's agency.
pub fn may_be_peer(ratee: i32, rater: i32, supervisor: Option<i32>) -> bool {
    rater != ratee && Some(rater) != supervisor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peers_come_from_the_same_unit_and_level_never_the_ratee() {
        let c = |id, unit, level: &str| Colleague {
            employee_id: id,
            unit_id: unit,
            job_level: JobLevel::from_code(level).unwrap(),
        };
        let ratee = c(5, 1, "pelaksana");
        let all = [
            c(9, 1, "pelaksana"),
            c(5, 1, "pelaksana"),
            c(3, 1, "pelaksana"),
            c(4, 2, "pelaksana"),
            c(7, 1, "pengawas"),
            c(8, 1, "pelaksana"),
        ];
        assert_eq!(default_peers(&ratee, &all, 10), vec![3, 8, 9]);
        assert_eq!(default_peers(&ratee, &all, 2), vec![3, 8]);
    }

    #[test]
    fn nobody_is_their_own_peer_and_the_supervisor_rates_as_supervisor() {
        assert!(!may_be_peer(5, 5, Some(1)));
        assert!(!may_be_peer(5, 1, Some(1)));
        assert!(may_be_peer(5, 6, Some(1)));
    }
}

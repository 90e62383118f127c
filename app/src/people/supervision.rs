//! Who supervises whom. The direct supervisor (atasan langsung) is derived from the
//! unit tree: the head of one's own unit, or for a head, the head of the nearest unit
//! above that has one. HR can override it per employee (docs/DOMAIN.md §3 and §8: a wrong
//! supervisor must never block anyone's work), and the override wins.

/// What is known about one employee's place, for the derivation.
pub struct Place<'a> {
    pub employee_id: i32,
    /// The employee's unit and its ancestors, own unit first.
    pub unit_chain: &'a [i32],
    /// The current head of a unit, if any.
    pub head_of: &'a dyn Fn(i32) -> Option<i32>,
}

/// The HR decision for an employee, when there is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Override {
    /// No override: use the derived supervisor.
    None,
    /// HR named this supervisor.
    Supervisor(i32),
    /// HR recorded that this employee has no supervisor in the agency (the top official).
    Nobody,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Derived,
    SetByHr,
}

/// The effective supervisor and where it comes from.
pub fn supervisor(place: &Place, hr: Override) -> Option<(i32, Source)> {
    match hr {
        Override::Supervisor(s) if s != place.employee_id => Some((s, Source::SetByHr)),
        Override::Nobody => None,
        _ => derived(place).map(|s| (s, Source::Derived)),
    }
}

/// The derived supervisor: the first head up the chain who is not the employee.
pub fn derived(place: &Place) -> Option<i32> {
    place
        .unit_chain
        .iter()
        .filter_map(|u| (place.head_of)(*u))
        .find(|h| *h != place.employee_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Units: 1 Dinas (head 10) > 2 Puskesmas (head 20) > 3 Pustu (no head).
    fn heads(u: i32) -> Option<i32> {
        match u {
            1 => Some(10),
            2 => Some(20),
            _ => None,
        }
    }

    /// Employee `id` in the first unit of `chain` (the units above it follow).
    fn at(id: i32, chain: &'static [i32]) -> Place<'static> {
        Place {
            employee_id: id,
            unit_chain: chain,
            head_of: &heads,
        }
    }

    #[test]
    fn staff_report_to_the_head_of_their_own_unit() {
        let p = at(21, &[2, 1]);
        assert_eq!(supervisor(&p, Override::None), Some((20, Source::Derived)));
    }

    #[test]
    fn a_head_reports_to_the_head_of_the_unit_above() {
        let p = at(20, &[2, 1]);
        assert_eq!(derived(&p), Some(10));
    }

    #[test]
    fn a_unit_without_a_head_passes_its_staff_up_the_tree() {
        let p = at(31, &[3, 2, 1]);
        assert_eq!(derived(&p), Some(20));
    }

    #[test]
    fn the_top_head_has_no_derived_supervisor() {
        let p = at(10, &[1]);
        assert_eq!(derived(&p), None);
    }

    #[test]
    fn an_hr_override_wins_and_can_say_nobody() {
        let p = at(21, &[2, 1]);
        assert_eq!(
            supervisor(&p, Override::Supervisor(10)),
            Some((10, Source::SetByHr))
        );
        assert_eq!(supervisor(&p, Override::Nobody), None);
        // Naming the employee as their own supervisor is ignored, never obeyed.
        assert_eq!(
            supervisor(&p, Override::Supervisor(21)),
            Some((20, Source::Derived))
        );
    }
}

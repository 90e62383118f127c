//! The rules of authentication, case by case: account names, passwords, throttling,
//! sessions, resets and redirect targets.

use super::*;

#[test]
fn account_names_ignore_case_and_spaces_in_a_nip() {
    assert_eq!(normalize_account("  HR.Manna "), "hr.manna");
    assert_eq!(
        normalize_account("19850312 201001 2 004"),
        "198503122010012004"
    );
}

#[test]
fn a_session_ends_after_eight_idle_hours_or_twelve_hours_in_all() {
    let login = 1_000_000;
    let end = login + SESSION_HOURS * 3600;
    assert!(session_alive(end, login, login + 60));
    assert!(session_alive(end, login, login + 8 * 3600 - 1));
    assert!(!session_alive(end, login, login + 8 * 3600));
    // Busy all day, it still ends at the absolute limit.
    assert!(session_alive(end, end - 60, end - 1));
    assert!(!session_alive(end, end - 60, end));
}

#[test]
fn hr_resets_plain_employees_of_its_agency_and_the_administrator_only_the_others() {
    use crate::auth::model::{Actor, Grant};
    let with = |role: Role, agency: Option<i32>| Actor {
        user_id: 1,
        username: "x".into(),
        display_name: "X".into(),
        employee_id: None,
        agency_id: agency,
        agency_name: None,
        grants: vec![Grant {
            role,
            agency_id: agency,
            unit_id: None,
        }],
        password_reset_at: None,
    };
    let hr = with(Role::HrAdmin, Some(1));
    let admin = with(Role::SysAdmin, None);
    assert!(may_reset(&hr, false, Some(1)));
    assert!(!may_reset(&hr, false, Some(2)), "another agency");
    assert!(!may_reset(&hr, true, Some(1)), "a leader's or HR's account");
    assert!(may_reset(&admin, true, Some(1)));
    assert!(
        !may_reset(&admin, false, Some(1)),
        "a plain employee is HR's"
    );
    assert!(!may_reset(&with(Role::UnitLeader, Some(1)), false, Some(1)));
    for higher in [Role::UnitLeader, Role::HrAdmin, Role::SysAdmin] {
        assert!(is_elevated(&[Role::Employee, higher]), "{higher:?}");
    }
    assert!(!is_elevated(&[Role::Employee]));
}

#[test]
fn passwords_need_eight_characters() {
    assert!(check_password_policy("1234567", &[]).is_err());
    assert!(check_password_policy("12345678", &[]).is_ok());
}

#[test]
fn only_local_paths_are_followed_after_login() {
    assert_eq!(safe_next("/hr/units"), "/hr/units");
    assert_eq!(safe_next("https://evil.example"), "/");
    assert_eq!(safe_next("//evil.example"), "/");
    assert_eq!(safe_next("/login"), "/");
    assert_eq!(local_path("/login?next=/hr"), "/login?next=/hr");
    assert_eq!(local_path("/\\evil.example"), "/");
}

#[test]
fn tabs_backslashes_encoded_slashes_and_control_characters_stay_on_the_site() {
    for evil in [
        "/\t/evil.example",
        "/\n/evil.example",
        "\t//evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "/%5Cevil.example",
        "/%252F/evil.example",
        "/hr\r\nSet-Cookie: x=1",
        "/%0d%0aLocation: https://evil.example",
        "",
        "evil.example",
    ] {
        assert_eq!(local_path(evil), "/", "{evil:?}");
    }
    // A search with a space or a letter beyond ASCII is kept, encoded.
    assert_eq!(
        local_path("/hr/employees?q=Dian Sembiring"),
        "/hr/employees?q=Dian%20Sembiring"
    );
    assert_eq!(
        local_path("/hr/employees?q=André"),
        "/hr/employees?q=Andr%C3%A9"
    );
    // Ordinary paths with queries and encoded spaces are kept.
    assert_eq!(
        local_path("/hr/employees?q=siti%20a"),
        "/hr/employees?q=siti%20a"
    );
    assert_eq!(safe_next("/assessment/forms/3"), "/assessment/forms/3");
}

#[test]
fn a_password_is_8_to_128_characters_and_not_the_account_s_name_or_nip() {
    let names = ["hr.manna", "198503122010012004"];
    assert!(check_password_policy("rahasia-baru", &names).is_ok());
    assert!(check_password_policy(&"x".repeat(128), &names).is_ok());
    let long = check_password_policy(&"x".repeat(129), &names).unwrap_err();
    assert_eq!(long.msg.key, "err.password_long");
    for same in ["HR.Manna", "19850312 201001 2 004", " hr.manna "] {
        let e = check_password_policy(same, &names).unwrap_err();
        assert_eq!(e.msg.key, "err.password_is_name", "{same}");
    }
}

#[test]
fn a_burst_gets_five_tries_and_a_guessing_address_only_an_account_s_first() {
    let (start, now) = (10_000, 10_060);
    for tries in 1..=5 {
        assert!(may_try(tries, start, now, false).is_ok());
    }
    // The window began 60 s ago: 14 minutes are left.
    assert_eq!(may_try(6, start, now, false), Err(14));
    assert!(may_try(1, start, now, true).is_ok());
    assert!(may_try(2, start, now, true).is_err());
}

#[test]
fn an_ipv6_address_is_throttled_by_its_64_network() {
    assert_eq!(address_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    assert_eq!(address_key("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
    assert_eq!(address_key("203.0.113.9"), "203.0.113.9");
    assert_eq!(address_key("unknown"), "unknown");
}

#[test]
fn an_address_looks_like_guessing_by_many_accounts_or_many_open_failures() {
    let office = AddressRecord {
        open_failures: 135,
        failing_accounts: 45,
    };
    assert!(!office.looks_like_guessing());
    let spray = AddressRecord {
        open_failures: 50,
        failing_accounts: 50,
    };
    assert!(spray.looks_like_guessing());
    let flood = AddressRecord {
        open_failures: 150,
        failing_accounts: 30,
    };
    assert!(flood.looks_like_guessing());
}

#[test]
fn the_login_link_brings_the_reader_back_to_the_page_they_wanted() {
    assert_eq!(login_path("/dashboard", ""), "/login?next=%2Fdashboard");
    assert_eq!(
        login_path("/hr/employees", "?q=siti nur&unit=4"),
        "/login?next=%2Fhr%2Femployees%3Fq%3Dsiti%20nur%26unit%3D4"
    );
    assert_eq!(login_path("/", ""), "/login");
    assert_eq!(login_path("/login", "next=/x"), "/login");
    // What the login page does with it (the query decoded): back to the same place.
    assert_eq!(
        safe_next("/hr/employees?q=siti nur&unit=4"),
        "/hr/employees?q=siti%20nur&unit=4"
    );
}

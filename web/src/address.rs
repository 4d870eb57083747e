//! The day a page in the browser (the wizard, the studio) takes as today when its address says
//! `?today=YYYY-MM-DD`: honoured only on this computer (`hostname` localhost, for tests and
//! previews), so that a link from elsewhere cannot change what a page calls feasible.

use chrono::NaiveDate;

pub fn today_in_address(hostname: &str, search: &str) -> Option<NaiveDate> {
    if !matches!(hostname, "localhost" | "127.0.0.1" | "[::1]" | "::1") {
        return None;
    }
    let day = search.split(['?', '&']).find_map(|kv| kv.strip_prefix("today="))?;
    // By hand, not chrono's `parse_from_str`: its format parser would weigh on every first load.
    let mut parts = day.split('-').map(|p| p.parse::<u32>().ok().filter(|_| !p.is_empty() && p.len() <= 4));
    let (Some(Some(y)), Some(Some(m)), Some(Some(d)), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::today_in_address;

    #[test]
    fn a_page_takes_today_from_its_address_only_on_this_computer() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2);
        for host in ["localhost", "127.0.0.1", "[::1]"] {
            assert_eq!(today_in_address(host, "?today=2026-12-02"), day, "{host}");
            assert_eq!(today_in_address(host, "?a=1&today=2026-12-02"), day, "{host}");
        }
        assert_eq!(today_in_address("kouseikyoku.mhlw.go.jp", "?today=2026-12-02"), None, "a link from elsewhere");
        assert_eq!(today_in_address("localhost", "?today=2026-13-40"), None);
        assert_eq!(today_in_address("localhost", "?today=2026-12"), None);
        assert_eq!(today_in_address("localhost", ""), None);
    }
}

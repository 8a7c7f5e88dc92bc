//! Unix seconds ⇄ civil dates (UTC), without a date-time dependency: the register stores
//! seconds and shows RFC 3339.

pub const DAY: i64 = 86_400;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `2026-11-28T03:14:19Z`.
pub fn rfc3339(ts: i64) -> String {
    let (y, m, d) = civil_from_days(ts.div_euclid(DAY));
    let s = ts.rem_euclid(DAY);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// `2026-11-28`.
pub fn date(ts: i64) -> String {
    rfc3339(ts)[..10].to_string()
}

/// Parses `YYYY-MM-DD` (start of that day, UTC), `YYYY-MM-DDTHH:MM:SSZ` or with an offset
/// (`+02:00`), or a number of Unix seconds.
pub fn parse(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && t.len() > 8 {
        return t.parse().map_err(|_| format!("invalid time `{text}`"));
    }
    let bad =
        || format!("invalid date `{text}`: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (RFC 3339)");
    let num = |s: &str| s.parse::<i64>().map_err(|_| bad());
    if t.len() < 10 || t.as_bytes()[4] != b'-' || t.as_bytes()[7] != b'-' {
        return Err(bad());
    }
    let (y, m, d) = (num(&t[..4])?, num(&t[5..7])?, num(&t[8..10])?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    let mut ts = days_from_civil(y, m, d) * DAY;
    let rest = &t[10..];
    if rest.is_empty() {
        return Ok(ts);
    }
    let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
    if rest.len() < 8 || rest.as_bytes()[2] != b':' || rest.as_bytes()[5] != b':' {
        return Err(bad());
    }
    let (h, mi, s) = (num(&rest[..2])?, num(&rest[3..5])?, num(&rest[6..8])?);
    if h > 23 || mi > 59 || s > 60 {
        return Err(bad());
    }
    ts += h * 3600 + mi * 60 + s;
    let mut zone = &rest[8..];
    if let Some(frac) = zone.strip_prefix('.') {
        zone = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    match zone {
        "Z" | "z" | "" => Ok(ts),
        z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) => {
            let off = num(&z[1..3])? * 3600 + num(&z[4..6])? * 60;
            Ok(if z.starts_with('+') {
                ts - off
            } else {
                ts + off
            })
        }
        _ => Err(bad()),
    }
}

/// `3d 4h`, `5h 12m`, `42s`: for durations in tables.
pub fn human(secs: f64) -> String {
    let s = secs.max(0.0).round() as i64;
    if s >= DAY {
        format!("{}d {}h", s / DAY, s % DAY / 3600)
    } else if s >= 3600 {
        format!("{}h {}m", s / 3600, s % 3600 / 60)
    } else if s >= 60 {
        format!("{}m {}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for ts in [0, 951_782_400, 1_764_299_659, 4_102_444_800, -86_400] {
            assert_eq!(parse(&rfc3339(ts)).unwrap(), ts, "{}", rfc3339(ts));
        }
        assert_eq!(rfc3339(1_709_251_200), "2024-03-01T00:00:00Z");
        assert_eq!(parse("2024-02-29").unwrap(), 1_709_164_800);
        assert_eq!(parse("2024-03-01T02:00:00+02:00").unwrap(), 1_709_251_200);
        assert!(parse("2024-13-01").is_err());
        assert!(parse("tomorrow").is_err());
        assert_eq!(human(3.0 * 86_400.0 + 7200.0), "3d 2h");
    }
}

//! Calendar dates and timestamps with their UTC offset, without a date library.
//!
//! A [`Stamp`] is an instant (milliseconds since the Unix epoch, UTC) plus the UTC offset of the
//! device that wrote it, so a note says "2023-11-08 10:15 (+08:00)" exactly as its author saw
//! it, while ordering stays by the instant. Both travel as text: `2023-11-08` and
//! `2023-11-08T10:15:30.123+08:00`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || format!("{text:?} is not a date (YYYY-MM-DD)");
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u32, String> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        Date::new(
            number(0..4)? as i32,
            number(5..7)? as u8,
            number(8..10)? as u8,
        )
        .ok_or_else(bad)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An instant and the UTC offset it was written in. Ordered by the instant first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub utc_ms: i64,
    pub offset_minutes: i16,
}

const MS_PER_DAY: i64 = 86_400_000;
/// Offsets beyond ±18:00 do not exist (RFC 3339 allows up to ±23:59, ISO 8601 practice ±18).
const MAX_OFFSET_MINUTES: i16 = 18 * 60;

impl Stamp {
    pub fn new(utc_ms: i64, offset_minutes: i16) -> Option<Stamp> {
        // Years 1..=9999 only, so the text form always has four year digits.
        let min = Date::new(1, 1, 2)?.days_since_epoch() * MS_PER_DAY;
        let max = Date::new(9999, 12, 30)?.days_since_epoch() * MS_PER_DAY;
        ((min..=max).contains(&utc_ms) && offset_minutes.abs() <= MAX_OFFSET_MINUTES).then_some(
            Stamp {
                utc_ms,
                offset_minutes,
            },
        )
    }

    fn local_ms(self) -> i64 {
        self.utc_ms + i64::from(self.offset_minutes) * 60_000
    }

    /// The calendar date where it was written.
    pub fn local_date(self) -> Date {
        Date::from_days_since_epoch(self.local_ms().div_euclid(MS_PER_DAY))
    }

    /// `HH:MM` where it was written.
    pub fn local_time(self) -> String {
        let ms = self.local_ms().rem_euclid(MS_PER_DAY);
        format!("{:02}:{:02}", ms / 3_600_000, ms / 60_000 % 60)
    }

    /// `+08:00`.
    pub fn offset_text(self) -> String {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let minutes = self.offset_minutes.unsigned_abs();
        format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }

    /// Parses RFC 3339 with a numeric offset or `Z`, e.g. `2023-11-08T10:15:30.123+08:00`.
    pub fn parse(text: &str) -> Result<Stamp, String> {
        let bad = || format!("{text:?} is not an RFC 3339 time with offset");
        if !text.is_ascii() || text.len() < 20 {
            return Err(bad());
        }
        let date = Date::parse(&text[..10]).map_err(|_| bad())?;
        let rest = &text[10..];
        let rest = rest
            .strip_prefix('T')
            .or_else(|| rest.strip_prefix('t'))
            .ok_or_else(bad)?;
        let digits = |s: &str| -> Result<i64, String> {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        if rest.len() < 9 || &rest[2..3] != ":" || &rest[5..6] != ":" {
            return Err(bad());
        }
        let (hour, minute, second) = (
            digits(&rest[..2])?,
            digits(&rest[3..5])?,
            digits(&rest[6..8])?,
        );
        if hour > 23 || minute > 59 || second > 59 {
            return Err(bad());
        }
        let mut rest = &rest[8..];
        let mut millis = 0;
        if let Some(fraction) = rest.strip_prefix('.') {
            let end = fraction
                .find(|c: char| !c.is_ascii_digit())
                .ok_or_else(bad)?;
            let digits_text = &fraction[..end];
            if digits_text.is_empty() {
                return Err(bad());
            }
            // Milliseconds are what browsers give; finer digits are truncated.
            let padded = format!("{digits_text:0<3}");
            millis = digits(&padded[..3])?;
            rest = &fraction[end..];
        }
        let offset_minutes = match rest {
            "Z" | "z" => 0,
            _ if rest.len() == 6 && &rest[3..4] == ":" => {
                let sign = match &rest[..1] {
                    "+" => 1,
                    "-" => -1,
                    _ => return Err(bad()),
                };
                let (h, m) = (digits(&rest[1..3])?, digits(&rest[4..6])?);
                if m > 59 {
                    return Err(bad());
                }
                sign * (h * 60 + m)
            }
            _ => return Err(bad()),
        };
        let local_ms = date.days_since_epoch() * MS_PER_DAY
            + ((hour * 60 + minute) * 60 + second) * 1000
            + millis;
        let offset = i16::try_from(offset_minutes).map_err(|_| bad())?;
        Stamp::new(local_ms - offset_minutes * 60_000, offset).ok_or_else(bad)
    }
}

impl fmt::Display for Stamp {
    /// RFC 3339 with milliseconds and the numeric offset.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.local_ms().rem_euclid(MS_PER_DAY);
        write!(
            f,
            "{}T{:02}:{:02}:{:02}.{:03}{}",
            self.local_date(),
            ms / 3_600_000,
            ms / 60_000 % 60,
            ms / 1000 % 60,
            ms % 1000,
            self.offset_text()
        )
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Stamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for days in [-719_162, -1, 0, 1, 19_304, 19_669, 2_932_896] {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(Date::new(2023, 11, 8).unwrap().days_since_epoch(), 19_669);
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
    }

    #[test]
    fn date_text_is_strict() {
        assert_eq!(
            Date::parse("2024-02-29").unwrap(),
            Date::new(2024, 2, 29).unwrap()
        );
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-1-01",
            "２０２３-01-01",
            "2023/01/01",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn stamps_keep_their_offset_and_order_by_instant() {
        let text = "2023-11-08T10:15:30.123+08:00";
        let stamp = Stamp::parse(text).unwrap();
        assert_eq!(stamp.to_string(), text);
        assert_eq!(stamp.offset_minutes, 480);
        assert_eq!(stamp.local_date(), Date::new(2023, 11, 8).unwrap());
        assert_eq!(stamp.local_time(), "10:15");
        let utc = Stamp::parse("2023-11-08T02:15:30.124Z").unwrap();
        assert!(utc > stamp, "one millisecond later in UTC");
        assert_eq!(utc.to_string(), "2023-11-08T02:15:30.124+00:00");
        let west = Stamp::parse("2023-11-07T21:15:30-05:00").unwrap();
        assert_eq!(
            west.utc_ms,
            Stamp::parse("2023-11-08T02:15:30Z").unwrap().utc_ms
        );
        assert_eq!(west.local_date(), Date::new(2023, 11, 7).unwrap());
    }

    #[test]
    fn stamp_text_is_strict() {
        for bad in [
            "2023-11-08 10:15:30+08:00",
            "2023-11-08T25:15:30+08:00",
            "2023-11-08T10:15:30",
            "2023-11-08T10:15:30+8:00",
            "2023-11-08T10:15:30.+08:00",
            "2023-11-08T10:15:30+19:00",
            "2023-11-08T10:15:30+08:00 ",
        ] {
            assert!(Stamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_uses_the_text_forms() {
        let stamp = Stamp::parse("2023-05-15T09:00:00.000+08:00").unwrap();
        let json = serde_json::to_string(&stamp).unwrap();
        assert_eq!(json, "\"2023-05-15T09:00:00.000+08:00\"");
        assert_eq!(serde_json::from_str::<Stamp>(&json).unwrap(), stamp);
        assert!(serde_json::from_str::<Date>("\"2023-02-30\"").is_err());
    }
}

//! A small proleptic-Gregorian calendar date: enough to validate `31/2/2020`,
//! hold a reference date and print ISO values, without a date-time crate.

use crate::error::{Error, Result};
use std::fmt;
use std::str::FromStr;

/// A calendar day. Construction checks that the day exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    year: i32,
    month: u8,
    day: u8,
}

impl CalendarDate {
    /// The date, or `None` when it does not exist (`2020-02-31`).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(CalendarDate {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(&self) -> u32 {
        self.month as u32
    }
    /// The day of the month, 1–31.
    pub fn day(&self) -> u32 {
        self.day as u32
    }
}

/// Days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for CalendarDate {
    type Err = Error;

    /// Parses `YYYY-MM-DD` (a time after it, `T05:48`, is ignored).
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::InvalidDate(s.to_string());
        let d = s.trim().split(['T', ' ']).next().unwrap_or("");
        let mut parts = d.split('-');
        let (y, m, dd) = (parts.next(), parts.next(), parts.next());
        if parts.next().is_some() {
            return Err(bad());
        }
        let num = |p: Option<&str>, len: usize| -> Result<u32> {
            let p = p.ok_or_else(bad)?;
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        let (y, m, dd) = (num(y, 4)?, num(m, 2)?, num(dd, 2)?);
        CalendarDate::new(y as i32, m, dd).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates() {
        assert!(CalendarDate::new(2020, 2, 29).is_some());
        assert!(CalendarDate::new(2021, 2, 29).is_none());
        assert!(CalendarDate::new(2020, 2, 31).is_none());
        assert_eq!(
            "2020-11-12T05:48".parse::<CalendarDate>().unwrap().to_string(),
            "2020-11-12"
        );
        assert!("2020-13-01".parse::<CalendarDate>().is_err());
        assert!("12/11/2020".parse::<CalendarDate>().is_err());
    }
}

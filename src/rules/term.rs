//! Recognizer family `term`: terms of office (`nhiệm kỳ 2020 - 2025`,
//! `khóa XII`, `khóa 15`) and lists of them (`các nhiệm kỳ 2015-2017,
//! 2017-2020`), with their years (`from`, `to`) or term number (`ordinal`).
//!
//! Also home of the numeral helpers the `event` family shares: Roman and
//! Arabic numerals and Vietnamese ordinal words.

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::label::Label;
use crate::segment::{boundary_after, boundary_before};
use regex::Regex;

/// The value of an upper-case Roman numeral (`XIII` → 13), strictly formed
/// enough to reject words (`CV`, `DI` are not terms in this genre: only
/// I, V, X, L are accepted).
pub(crate) fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 8 || !s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L')) {
        return None;
    }
    let val = |b: u8| match b {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        _ => 50,
    };
    let b = s.as_bytes();
    let mut total = 0i32;
    for i in 0..b.len() {
        let v = val(b[i]);
        if b.get(i + 1).is_some_and(|&n| val(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    // Round-trip check rejects `IIII`, `VX`, ...
    (total > 0 && to_roman(total as u32) == s).then_some(total as u32)
}

/// `13` → `XIII` (terms and ordinals stay well below 90).
pub(crate) fn to_roman(mut n: u32) -> String {
    let table = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A numeral as written in the original case: Roman (upper case) or Arabic.
pub(crate) fn numeral(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() && s.len() <= 3 {
        return s.parse().ok().filter(|&n| n > 0);
    }
    roman(s)
}

/// Vietnamese ordinal words after `lần thứ` (`tư` = 4th).
pub(crate) fn ordinal_word(s: &str) -> Option<u32> {
    Some(match s {
        "nhất" => 1,
        "hai" => 2,
        "ba" => 3,
        "tư" => 4,
        "năm" => 5,
        "sáu" => 6,
        "bảy" => 7,
        "tám" => 8,
        "chín" => 9,
        "mười" => 10,
        _ => return None,
    })
}

#[derive(Debug)]
pub(crate) struct TermRules {
    years: Regex,
    list_tail: Regex,
    khoa: Regex,
}

impl TermRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        let re = |p: &str| Regex::new(p).expect("term pattern compiles");
        Ok(TermRules {
            // The first year may be a truncated typo (`nhiệm kỳ 202-2025`).
            years: re(r"nhiệm kỳ ([0-9]{3,4}) ?- ?([0-9]{2,4})"),
            list_tail: re(r"^(, ?| và )([0-9]{4}) ?- ?([0-9]{2,4})"),
            khoa: re(r"khóa ([0-9]{1,2}|[ivxl]{1,7})"),
        })
    }

    pub(crate) fn run(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        let (text, lower) = (doc.text(), doc.lower());
        for c in self.years.captures_iter(lower) {
            let m = c.get(0).unwrap();
            if !boundary_before(lower, m.start()) || !year_end_ok(lower, m.end()) {
                continue;
            }
            let Some((y1, y2)) = years(&c[1], &c[2]) else {
                continue;
            };
            out.push(term_years(m.start(), m.end(), y1, y2));
            // A list after it: `các nhiệm kỳ 2015-2017, 2017-2020, 2020-2022`.
            let mut pos = m.end();
            while let Some(t) = self.list_tail.captures(&lower[pos..]) {
                let g = t.get(0).unwrap();
                let end = pos + g.end();
                let Some((a, b)) = years(&t[2], &t[3]) else {
                    break;
                };
                if !year_end_ok(lower, end) {
                    break;
                }
                out.push(term_years(pos + t.get(2).unwrap().start(), end, a, b));
                pos = end;
            }
        }
        for c in self.khoa.captures_iter(lower) {
            let m = c.get(0).unwrap();
            if !boundary_before(lower, m.start()) || !boundary_after(lower, m.end()) {
                continue;
            }
            // Roman numerals must be written in capitals (`khóa XII`).
            let g = c.get(1).unwrap();
            let Some(n) = numeral(&text[g.range()]) else {
                continue;
            };
            if n > 60 {
                continue;
            }
            out.push(
                Candidate::new(m.start(), m.end(), Label::Term, "term/khoa")
                    .attr("ordinal", n)
                    .attr("granularity", "number"),
            );
        }
    }
}

/// After a year: no more digits, no `/` (a document number).
fn year_end_ok(lower: &str, end: usize) -> bool {
    let b = lower.as_bytes();
    match b.get(end) {
        None => true,
        Some(c) if c.is_ascii_digit() || *c == b'/' => false,
        _ => boundary_after(lower, end),
    }
}

/// Start and end years; the end may be written short (`2020-25`).
fn years(a: &str, b: &str) -> Option<(u32, u32)> {
    let y1: u32 = a.parse().ok()?;
    let y2: u32 = b.parse().ok()?;
    let y2 = if b.len() == 2 {
        y1 / 100 * 100 + y2
    } else {
        y2
    };
    if !(1900..=2100).contains(&y2) || b.len() == 3 {
        return None;
    }
    if a.len() == 4 && (y2 <= y1 || y2 - y1 > 10) {
        return None;
    }
    Some((y1, y2))
}

fn term_years(start: usize, end: usize, y1: u32, y2: u32) -> Candidate {
    let c = Candidate::new(start, end, Label::Term, "term/years").attr("to", y2);
    if (1900..=2100).contains(&y1) {
        c.attr("from", y1)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(roman("XIII"), Some(13));
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("XVIII"), Some(18));
        assert_eq!(roman("IIII"), None);
        assert_eq!(roman("xii"), None);
        assert_eq!(numeral("15"), Some(15));
        assert_eq!(numeral("0"), None);
        assert_eq!(ordinal_word("tư"), Some(4));
    }

    #[test]
    fn year_pairs() {
        assert_eq!(years("2020", "2025"), Some((2020, 2025)));
        assert_eq!(years("2020", "25"), Some((2020, 2025)));
        assert_eq!(years("202", "2025"), Some((202, 2025)));
        assert_eq!(years("2025", "2020"), None);
    }
}

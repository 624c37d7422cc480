//! Recognizer family `quantity` (extra labels `PERCENT`, `QUANTITY`):
//! numbers in Vietnamese format (`.` groups thousands, `,` marks decimals)
//! with a percent sign (`97,73%`, `10 - 12%`) or a unit (`49.356 ĐV`,
//! `621/638 TCĐ`, `1,5 triệu đại biểu`, `2.659,96 tỷ đồng`).
//!
//! Attributes: `value` (a number; the numerator of `x/y`), `total` (the
//! `y` of `x/y`), `from`/`to` for ranges, `unit` as written and, when the
//! article defines the abbreviation inline (`tổ chức đảng (TCĐ)`),
//! `unit_name`. Quantities are weak: they never block a named entity.

use crate::candidate::{Candidate, PRIORITY_WEAK};
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::label::Label;
use crate::segment::{boundary_after, boundary_before, is_word_char};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Counted nouns after a number, lower case (longest first is not needed:
/// the unit is read word by word against this list).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "đảng viên", "tổ chức cơ sở đảng", "tổ chức đảng", "chi bộ", "đảng bộ", "người", "hộ", "xã",
    "phường", "thị trấn", "huyện", "tỉnh", "thôn", "bản", "ấp", "đơn vị", "cơ quan",
    "doanh nghiệp", "dự án", "công trình", "cử tri", "đại biểu", "điểm cầu", "học sinh",
    "sinh viên", "cán bộ", "công chức", "viên chức", "lao động", "ý kiến", "kiến nghị",
    "chỉ tiêu", "nhiệm vụ", "văn bản", "đồng", "usd", "ha", "km", "km2", "m", "m2", "m3", "tấn",
    "kg", "lượt", "trường", "tập thể", "cá nhân", "căn", "ngôi", "hồ sơ", "phiếu", "vụ",
    "trường hợp", "đoàn viên", "hội viên", "đồng chí",
];

/// Scale words after a number.
const SCALES: &[(&str, f64)] = &[
    ("nghìn", 1e3),
    ("ngàn", 1e3),
    ("triệu", 1e6),
    ("tỷ", 1e9),
    ("tỉ", 1e9),
];

#[derive(Debug)]
pub(crate) struct QuantityRules {
    percent: Regex,
    abbrev: Regex,
    /// `UNITS` by first byte: a number is checked only against the units
    /// that can follow it.
    units_by_byte: Vec<Vec<&'static str>>,
}

/// Parses `49.356`, `97,73`, `2.659,96` (Vietnamese format).
fn parse_vn(s: &str) -> Option<f64> {
    let t: String = s
        .chars()
        .filter(|&c| c != '.')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    t.parse().ok()
}

/// The first letter of `w` without its marks, upper case (`đảng` → `Đ`).
fn initial(w: &str) -> Option<char> {
    let c = w.chars().next()?;
    if c == 'đ' || c == 'Đ' {
        return Some('Đ');
    }
    c.to_uppercase().collect::<String>().nfd().next()
}

impl QuantityRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        let re = |p: &str| Regex::new(p).expect("quantity pattern compiles");
        Ok(QuantityRules {
            percent: re(r"([0-9]+(?:,[0-9]+)?)(?: ?- ?([0-9]+(?:,[0-9]+)?))? ?%"),
            abbrev: re(r"\(([A-ZĐ]{2,8})\)"),
            units_by_byte: {
                let mut t = vec![Vec::new(); 256];
                for u in UNITS {
                    t[u.as_bytes()[0] as usize].push(*u);
                }
                t
            },
        })
    }

    pub(crate) fn run(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        let (text, lower) = (doc.text(), doc.lower());
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        let abbrevs = self.abbreviations(text);
        let left_ok = |s: usize| {
            let b = text.as_bytes();
            s == 0
                || (!b[s - 1].is_ascii_digit()
                    && !matches!(b[s - 1], b'.' | b',' | b'/' | b'-' | b':'))
        };
        for c in self.percent.captures_iter(text) {
            let m = c.get(0).unwrap();
            if !left_ok(m.start()) || !boundary_before(text, m.start()) {
                continue;
            }
            let a = parse_vn(&c[1]);
            let mut cand = Candidate::new(m.start(), m.end(), Label::Percent, "quantity/percent");
            match (a, c.get(2).and_then(|g| parse_vn(g.as_str()))) {
                (Some(a), Some(b)) => cand = cand.attr("from", a).attr("to", b),
                (Some(a), None) => cand = cand.attr("value", a),
                _ => continue,
            }
            out.push(cand);
        }
        for m in number_matches(text) {
            if !left_ok(m.start) || !boundary_before(text, m.start) || !boundary_after(text, m.end)
            {
                continue;
            }
            let rest = &text[m.end..];
            if rest.starts_with(['/', '%', '.', ',', '-', ':'])
                && rest[1..].starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            if rest.starts_with(" %") || rest.starts_with('%') {
                continue;
            }
            // Scale, then unit: `1,5 triệu đại biểu`.
            let mut end = m.end;
            // `1,2 nghìn tỷ`: scales multiply.
            let mut scale = 1.0;
            while let Some((w, k)) = SCALES.iter().find(|(w, _)| word_at(&lower[end..], w)) {
                scale *= k;
                end += 1 + w.len();
            }
            let lrest = &lower[end..];
            let candidates = match lrest.as_bytes() {
                [b' ', first, ..] => &self.units_by_byte[*first as usize][..],
                _ => &[],
            };
            let unit_len = if let Some(u) = candidates
                .iter()
                .filter(|u| word_at(lrest, u))
                .max_by_key(|u| u.len())
            {
                Some(u.len())
            } else {
                // An upper-case abbreviation: `ĐV`, `TCĐ`.
                let r = &text[end..];
                r.strip_prefix(' ').and_then(|t| {
                    let n = t.find(|c: char| !is_word_char(c)).unwrap_or(t.len());
                    let w = &t[..n];
                    (w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())).then_some(n)
                })
            };
            let Some(ul) = unit_len else { continue };
            let Some(mut value) = parse_vn(&text[m.value.clone()]) else {
                continue;
            };
            value *= scale;
            let unit_start = end + 1;
            let unit = &text[unit_start..unit_start + ul];
            let mut cand =
                Candidate::new(m.start, unit_start + ul, Label::Quantity, "quantity/count")
                    .with_priority(PRIORITY_WEAK)
                    .attr("value", value)
                    .attr("unit", unit);
            if let Some(t) = m.total.and_then(|g| text[g].parse::<f64>().ok()) {
                cand = cand.attr("total", t);
            }
            // `3 - 5 dự án`: a range, scaled like its first number.
            if let Some(to) = m.to.and_then(|g| parse_vn(&text[g])) {
                cand.attrs.remove("value");
                cand = cand.attr("from", value).attr("to", to * scale);
            }
            if let Some(name) = abbrevs.get(unit) {
                cand = cand.attr("unit_name", name.as_str());
            }
            out.push(cand);
        }
    }

    /// Inline definitions `tổ chức đảng (TCĐ)`: the words before the bracket
    /// whose initials spell the abbreviation.
    fn abbreviations(&self, text: &str) -> HashMap<String, String> {
        let mut map = HashMap::new();
        for c in self.abbrev.captures_iter(text) {
            let ab = c.get(1).unwrap().as_str();
            let n = ab.chars().count();
            let head = text[..c.get(0).unwrap().start()].trim_end();
            // The initials spell it, allowing a skipped word or two
            // (`tổ chức cơ sở đảng (TCSĐ)`): first and last letters align.
            let all: Vec<&str> = head.rsplit(' ').take(n + 2).collect();
            for k in n..=all.len() {
                let words: Vec<char> = all[..k].iter().rev().filter_map(|w| initial(w)).collect();
                let letters: Vec<char> = ab.chars().collect();
                if words.len() != k
                    || words.first() != letters.first()
                    || words.last() != letters.last()
                {
                    continue;
                }
                let mut it = words.iter();
                if letters.iter().all(|l| it.any(|w| w == l)) {
                    let len: usize = all[..k].iter().map(|w| w.len()).sum::<usize>() + (k - 1);
                    map.entry(ab.to_string())
                        .or_insert_with(|| head[head.len() - len..].to_string());
                    break;
                }
            }
        }
        map
    }
}

/// A match of the number pattern: the span and its groups, a number
/// (`value`), the `y` of `x/y` (`total`) and the end of a range (`to`).
#[derive(Debug, PartialEq)]
struct Num {
    start: usize,
    end: usize,
    value: Range<usize>,
    total: Option<Range<usize>>,
    to: Option<Range<usize>>,
}

/// The pattern this reads, with a regex's leftmost-first semantics (the
/// `numbers_match_the_pattern` test compares them):
/// `(N)(?:/([0-9]+)| ?- ?(N))?` where `N` is
/// `[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?`. A regex
/// costs ~2,000 instructions a match and most numbers are not quantities.
#[cfg(test)]
const NUMBER: &str = r"([0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?)(?:/([0-9]+)| ?- ?([0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?))?";

/// The end of the digits from `i`.
fn digits_end(b: &[u8], i: usize) -> usize {
    i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// The end of `N` at `s` (a digit). Every later part of the pattern is
/// optional, so the first choice that matches here is the one taken:
/// `\.ddd` groups only right after one to three digits, as many as follow
/// (greedy); else all the digits; then `,digits` when a digit follows.
fn vn_number_end(b: &[u8], s: usize) -> usize {
    let run = digits_end(b, s);
    let mut i = run;
    if run - s <= 3 {
        while b.get(i) == Some(&b'.')
            && b.get(i + 1..i + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        {
            i += 4;
        }
    }
    if b.get(i) == Some(&b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i = digits_end(b, i + 1);
    }
    i
}

/// The number pattern's matches in `text`, as `find_iter` finds them: each
/// starts at the first digit after the previous one (`N` matches at any
/// digit); a `/digits` tail is tried before a ` - N` range.
fn number_matches(text: &str) -> impl Iterator<Item = Num> + '_ {
    let b = text.as_bytes();
    let runs = crate::rules::date::digit_runs(text);
    let mut k = 0;
    let mut pos = 0;
    std::iter::from_fn(move || {
        while runs.get(k).is_some_and(|r| r.1 <= pos) {
            k += 1;
        }
        let s = runs.get(k)?.0.max(pos);
        let a = vn_number_end(b, s);
        let mut m = Num {
            start: s,
            end: a,
            value: s..a,
            total: None,
            to: None,
        };
        if b.get(a) == Some(&b'/') && b.get(a + 1).is_some_and(u8::is_ascii_digit) {
            m.end = digits_end(b, a + 1);
            m.total = Some(a + 1..m.end);
        } else {
            // ` ?- ?`: a space is only worth taking before a `-` or a digit.
            let mut j = a;
            if b.get(j) == Some(&b' ') {
                j += 1;
            }
            if b.get(j) == Some(&b'-') {
                j += 1;
                if b.get(j) == Some(&b' ') {
                    j += 1;
                }
                if b.get(j).is_some_and(u8::is_ascii_digit) {
                    m.end = vn_number_end(b, j);
                    m.to = Some(j..m.end);
                }
            }
        }
        pos = m.end;
        Some(m)
    })
}

/// Whether `rest` starts with ` word` followed by a word boundary.
fn word_at(rest: &str, word: &str) -> bool {
    rest.strip_prefix(' ')
        .and_then(|t| t.strip_prefix(word))
        .is_some_and(|t| !matches!(t.chars().next(), Some(c) if is_word_char(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::assert_same_as_regex;

    #[test]
    fn numbers() {
        assert_eq!(parse_vn("49.356"), Some(49356.0));
        assert_eq!(parse_vn("97,73"), Some(97.73));
        assert_eq!(parse_vn("2.659,96"), Some(2659.96));
        assert_eq!(initial("đảng"), Some('Đ'));
        assert_eq!(initial("tổ"), Some('T'));
    }

    #[test]
    fn numbers_match_the_pattern() {
        let texts = [
            "1.234.567,89 người, 12.34 và 1234.567; 1.2345 - 3/45 10 - 12, 7 -8 9- x 5 -  6",
            "621/638 TCĐ, 49.356 ĐV, 2.659,96 tỷ, 1,5 triệu, 3 - 5 dự án, 12/ 3, 1,x 2,",
            "0912.345.678 12.345.6789 1.23 1. 2 1 - 2.345,6 x9 - 1.000/5 4-5-6 7 - - 8",
        ];
        let read = |c: &regex::Captures| Num {
            start: c.get(0).unwrap().start(),
            end: c.get(0).unwrap().end(),
            value: c.get(1).unwrap().range(),
            total: c.get(2).map(|g| g.range()),
            to: c.get(3).map(|g| g.range()),
        };
        assert_same_as_regex(NUMBER, &texts, read, |t| number_matches(t).collect());
    }
}

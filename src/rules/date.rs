//! Recognizer family `date`: calendar days, months, quarters, reporting
//! periods, years and ranges of them (ANNOTATION.md rule 6, DECISIONS.md
//! "Dates"), each with a typed value.
//!
//! Attributes: a day gets `value` (ISO date, the year taken from the
//! reference date when not written) as in gold; every date also gets
//! `granularity` (`day`, `month`, `quarter`, `half`, `period`, `year`,
//! `range`) and, when the calendar fixes it, the interval `from`/`to` (ISO
//! dates, inclusive).
//!
//! Every pattern runs on the lower-cased normalized text and starts with a
//! literal or a digit class; boundaries are checked in Rust. Shapes that
//! are ambiguous with counts and ratios (`4/7 chỉ tiêu`, `10-12%`) need a
//! lead word (`ngày`, `sáng`, `từ`, ...) before a year-less day.

use crate::candidate::{Candidate, PRIORITY_WEAK};
use crate::date::{days_in_month, CalendarDate};
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::label::Label;
use crate::segment::{boundary_after, boundary_before};
use regex::{Captures, Regex};

#[derive(Debug)]
pub(crate) struct DateRules {
    full_range: Regex,
    day_range: Regex,
    day_only: Regex,
    formal: Regex,
    month: Regex,
    bare_month_year: Regex,
    quarter: Regex,
    period: Regex,
    stage: Regex,
}

/// Words after which a year-less `d/m` is a day (`Chiều 11/11`, `từ 01/7`).
const DAY_LEADS: &[&str] = &[
    "ngày", "sáng", "chiều", "tối", "trưa", "đêm", "khuya", "hôm", "từ", "đến", "tới", "trước",
    "sau", "vào", "muộn", "rạng",
];

/// Weekday names after `thứ` (`Thứ Hai, 12/11`): the weekday stays outside.
const WEEKDAYS: &[&str] = &[
    "hai", "ba", "tư", "năm", "sáu", "bảy", "2", "3", "4", "5", "6", "7", "nhật",
];

/// Whether `pos` opens a bracket after `hôm nay`/`hôm qua` (`Hôm nay (30/1)`).
fn after_today(lower: &str, pos: usize) -> bool {
    lower[..pos].strip_suffix('(').is_some_and(|h| {
        let h = h.trim_end_matches(' ');
        h.ends_with("hôm nay")
            || h.ends_with("hôm qua")
            || h.ends_with("sáng nay")
            || h.ends_with("chiều nay")
    })
}

/// Whether `pos` follows a weekday and a comma (`thứ hai, `, `chủ nhật, `).
fn after_weekday(lower: &str, pos: usize) -> bool {
    let head = lower[..pos].trim_end_matches(' ');
    let Some(head) = head.strip_suffix(',') else {
        return false;
    };
    let w = word_before(head, head.len());
    WEEKDAYS.contains(&w) && {
        let h2 = head[..head.len() - w.len()].trim_end_matches(' ');
        h2.ends_with("thứ") || h2.ends_with("chủ")
    }
}

/// Words before a number that make it a label, not a count (`Đợt 1 năm 2026`).
const ROUND_WORDS: &[&str] = &[
    "đợt", "lần", "thứ", "số", "kỳ", "khóa", "phần", "bước", "tập", "vòng", "hạng",
];

/// Words that make a following bare year a count (`số 2020`, `2020 người`).
const COUNT_BEFORE: &[&str] = &[
    "số", "khoảng", "gần", "hơn", "trên", "dưới", "có", "gồm", "tổng", "đạt", "với", "được",
    "thêm", "mã", "lô", "phòng", "km",
];
const COUNT_AFTER: &[&str] = &[
    "người",
    "hộ",
    "đảng",
    "đồng",
    "triệu",
    "tỷ",
    "nghìn",
    "ngàn",
    "ha",
    "km",
    "m",
    "m2",
    "tấn",
    "con",
    "cái",
    "chiếc",
    "lượt",
    "học",
    "đv",
    "cán",
    "trường",
    "xã",
    "thôn",
    "căn",
    "ngôi",
    "hồ",
    "vụ",
    "tổ",
    "chi",
    "doanh",
    "dự",
    "công",
    "lao",
    "cử",
    "đại",
    "phiếu",
    "ý",
    "bài",
    "trang",
    "điểm",
    "năm",
    "tháng",
    "ngày",
    "giờ",
    "phút",
    "lần",
    "%",
    "mét",
    "kg",
    "cây",
];

/// Words after `x/y` that make it a ratio, not a day (`4/5 huyện`, `từ
/// 3/5 lên 4/5`).
#[rustfmt::skip]
const RATIO_NOUNS: &[&str] = &[
    "chỉ", "tiêu", "huyện", "xã", "tỉnh", "đơn", "người", "phiếu", "đại", "phường", "hộ", "đảng",
    "thôn", "bản", "trường", "sở", "ngành", "lên", "xuống", "trên",
];

fn num(c: &Caps, i: usize) -> Option<u32> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// Byte ranges of `lower` that hold every match of one pattern: around
/// each trigger `(a, b)` (a range every match contains), `before` bytes
/// before `a` and `after` after `b`, bounds on how far a match reaches from
/// it (each call works them out from its pattern), merged. No pattern has
/// anchors or `\b`, so a pattern run on each window finds exactly the
/// matches it finds on the whole text (no match can start in a gap or cross
/// one), for a fraction of the bytes.
fn windows(
    lower: &str,
    before: usize,
    after: usize,
    triggers: impl Iterator<Item = (usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, b) in triggers {
        let mut s = a.saturating_sub(before);
        while !lower.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = (b + after).min(lower.len());
        while !lower.is_char_boundary(e) {
            e += 1;
        }
        match out.last_mut() {
            // Windows close together are merged: a pattern call costs as
            // much as scanning a few hundred bytes.
            Some(last) if s <= last.1 + MERGE_GAP => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// See [`windows`].
const MERGE_GAP: usize = 256;

/// Maximal runs of ASCII digits, in order. Skips 8 bytes at a time while
/// none is a digit (most of the text).
pub(crate) fn digit_runs(lower: &str) -> Vec<(usize, usize)> {
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if i + 8 <= b.len() {
            // Bytes 0x30..=0x39 become 0..=9 after the XOR; the SWAR test
            // flags a byte below 10 (never a false negative, and the lowest
            // flagged byte is a true one: a borrow only runs upwards from a
            // byte below 10), so the scan jumps to the first digit.
            let w = u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"))
                ^ 0x3030_3030_3030_3030;
            let below10 = w.wrapping_sub(0x0A0A_0A0A_0A0A_0A0A) & !w & 0x8080_8080_8080_8080;
            if below10 == 0 {
                i += 8;
                continue;
            }
            i += (below10.trailing_zeros() / 8) as usize;
        }
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

/// A group of a match run on a window, with offsets into the whole text.
#[derive(Clone, Copy)]
struct Span<'h> {
    start: usize,
    s: &'h str,
}

impl<'h> Span<'h> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.start + self.s.len()
    }
    fn as_str(&self) -> &'h str {
        self.s
    }
}

/// Captures of a pattern run on a window starting at `base`.
struct Caps<'h> {
    c: Captures<'h>,
    base: usize,
}

impl<'h> Caps<'h> {
    fn get(&self, i: usize) -> Option<Span<'h>> {
        self.c.get(i).map(|m| Span {
            start: self.base + m.start(),
            s: m.as_str(),
        })
    }
}

impl std::ops::Index<usize> for Caps<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        &self.c[i]
    }
}

/// `re`'s captures over the windows of `text`, in order.
fn caps_in<'h, 'r: 'h>(
    re: &'r Regex,
    text: &'h str,
    windows: &'h [(usize, usize)],
) -> impl Iterator<Item = Caps<'h>> + 'h {
    windows.iter().flat_map(move |&(s, e)| {
        re.captures_iter(&text[s..e])
            .map(move |c| Caps { c, base: s })
    })
}

/// Whether `y` is a year this genre writes as a bare 4-digit number.
fn plausible_year(y: u32) -> bool {
    (1900..=2100).contains(&y)
}

/// The word right before `pos` (lower text), if it is one word away.
fn word_before(lower: &str, pos: usize) -> &str {
    let head = lower[..pos].trim_end_matches(' ');
    if head.len() + 1 < pos {
        return "";
    }
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !crate::segment::is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word right after `pos` (lower text).
fn word_after(lower: &str, pos: usize) -> &str {
    let tail = lower[pos..].strip_prefix(' ').unwrap_or(&lower[pos..]);
    let end = tail
        .char_indices()
        .find(|&(_, c)| !crate::segment::is_word_char(c) && c != '%')
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// No digit, and no digit-joined separator, touches `start` from the left
/// (so `1.234/5/2020` and `56/2015/NĐ-CP` do not yield dates).
fn clean_left(lower: &str, start: usize) -> bool {
    let b = lower.as_bytes();
    if start == 0 {
        return true;
    }
    let p = b[start - 1];
    if p.is_ascii_digit() {
        return false;
    }
    if matches!(p, b'/' | b'.' | b'-' | b',') && start >= 2 && b[start - 2].is_ascii_digit() {
        return false;
    }
    boundary_before(lower, start)
}

/// The mirror of [`clean_left`], and no `%` right after.
fn clean_right(lower: &str, end: usize) -> bool {
    let b = lower.as_bytes();
    if end >= b.len() {
        return true;
    }
    let n = b[end];
    if n.is_ascii_digit() || n == b'%' {
        return false;
    }
    if matches!(n, b'/' | b'.' | b'-' | b',' | b':')
        && b.get(end + 1).is_some_and(|c| c.is_ascii_digit())
    {
        return false;
    }
    if n == b'/' && b.get(end + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    boundary_after(lower, end)
}

/// A match of the year-less day pattern
/// `(?:(ngày) )?([0-9]{1,2})([/.-])([0-9]{1,2})(?: (âm lịch)| năm ([0-9]{4}))?`
/// (`DM`; the `dm_matches_the_pattern` test compares them).
#[derive(Debug, PartialEq)]
struct Dm {
    start: usize,
    end: usize,
    ngay: bool,
    day: std::ops::Range<usize>,
    month: std::ops::Range<usize>,
    lunar: bool,
    year: Option<std::ops::Range<usize>>,
}

#[cfg(test)]
const DM: &str = r"(?:(ngày) )?([0-9]{1,2})([/.-])([0-9]{1,2})(?: (âm lịch)| năm ([0-9]{4}))?";

/// The value of a run of ASCII digits.
fn digits(lower: &str, r: &std::ops::Range<usize>) -> u32 {
    lower[r.clone()].parse().unwrap_or(0)
}

/// The matches of `DM` as a regex's `find_iter` finds them, from the runs
/// of digits followed by `[/.-]` and a digit (`seps`): every match holds
/// one, as the end of its day. The day is the one or two digits before the
/// separator (the leftmost start not inside the previous match), with
/// `ngày ` before it when the run is the whole day; the month takes two
/// digits when there are; then ` âm lịch`, else ` năm yyyy`, if written.
fn dm_matches(lower: &str, seps: &[(usize, usize)]) -> Vec<Dm> {
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    for &(s, e) in seps {
        let first = e.saturating_sub(2).max(s);
        let ngay = e - s <= 2 && s >= pos + 6 && lower[..s].ends_with("ngày ");
        let day_start = if ngay { s } else { first.max(pos) };
        if day_start >= e {
            continue;
        }
        let q = e + 1;
        let mut core_end = q + 1;
        if b.get(core_end).is_some_and(u8::is_ascii_digit) {
            core_end += 1;
        }
        let tail = &lower[core_end..];
        let mut m = Dm {
            start: if ngay { s - 6 } else { day_start },
            end: core_end,
            ngay,
            day: day_start..e,
            month: q..core_end,
            lunar: false,
            year: None,
        };
        if tail.starts_with(" âm lịch") {
            m.lunar = true;
            m.end += " âm lịch".len();
        } else if tail.starts_with(" năm ")
            && b.get(core_end + 6..core_end + 10)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        {
            m.year = Some(core_end + 6..core_end + 10);
            m.end = core_end + 10;
        }
        pos = m.end;
        out.push(m);
    }
    out
}

/// A match of the full date pattern
/// `(?:(ngày) )?([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4})` (`DMY`;
/// the `dmy_matches_the_pattern` test compares them): whole span and the
/// day, month and year digits.
#[derive(Debug, PartialEq)]
struct Dmy {
    start: usize,
    end: usize,
    day: std::ops::Range<usize>,
    month: std::ops::Range<usize>,
    year: std::ops::Range<usize>,
}

#[cfg(test)]
const DMY: &str = r"(?:(ngày) )?([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4})";

/// The digit runs ending at `[/.-]` followed by a digit: `d/m` and its kin.
fn sep_runs(lower: &str, runs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let b = lower.as_bytes();
    runs.iter()
        .copied()
        .filter(|&(_, e)| {
            matches!(b.get(e), Some(b'/' | b'.' | b'-'))
                && b.get(e + 1).is_some_and(u8::is_ascii_digit)
        })
        .collect()
}

/// The matches of `DMY` as `find_iter` finds them, read like
/// [`dm_matches`]: each holds a run of `seps` as its day, then a month of
/// one or two digits (all the digits up to the second separator) and four
/// digits.
fn dmy_matches(lower: &str, seps: &[(usize, usize)]) -> Vec<Dmy> {
    let b = lower.as_bytes();
    let is_sep = |i: usize| matches!(b.get(i), Some(b'/' | b'.' | b'-'));
    let mut out = Vec::new();
    let mut pos = 0;
    for &(s, e) in seps {
        let n = b[e + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let y = e + 2 + n;
        if n > 2
            || !is_sep(e + 1 + n)
            || !b
                .get(y..y + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        {
            continue;
        }
        let ngay = e - s <= 2 && s >= pos + 6 && lower[..s].ends_with("ngày ");
        let day_start = if ngay {
            s
        } else {
            e.saturating_sub(2).max(s).max(pos)
        };
        if day_start >= e {
            continue;
        }
        let m = Dmy {
            start: if ngay { s - 6 } else { day_start },
            end: y + 4,
            day: day_start..e,
            month: e + 1..e + 1 + n,
            year: y..y + 4,
        };
        pos = m.end;
        out.push(m);
    }
    out
}

/// Where a match found by hand starts and ends.
#[derive(Debug, PartialEq)]
struct Bounds {
    start: usize,
    end: usize,
}

/// The matches of `YEAR_RANGE` (`([0-9]{4}) ?- ?([0-9]{4})`) as
/// `find_iter` finds them, with the second year's range: the first year is
/// the last four digits of a run (a space or `-` follows it), a space is
/// taken on either side of the `-` when there is one (without it, nothing
/// else could match there).
fn year_range_matches(
    lower: &str,
    runs: &[(usize, usize)],
) -> Vec<(Bounds, std::ops::Range<usize>)> {
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    for &(s, e) in runs {
        if e - s < 4 || e - 4 < pos {
            continue;
        }
        let mut j = e;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        if b.get(j) != Some(&b'-') {
            continue;
        }
        j += 1;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        if !b
            .get(j..j + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        {
            continue;
        }
        out.push((
            Bounds {
                start: e - 4,
                end: j + 4,
            },
            j..j + 4,
        ));
        pos = j + 4;
    }
    out
}

/// The matches of `ISO` (`([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?`) as
/// `find_iter` finds them, with the day's range: the year is the last four
/// digits of a run of `seps` followed by `-` and two digits.
fn iso_matches(
    lower: &str,
    seps: &[(usize, usize)],
) -> Vec<(Bounds, Option<std::ops::Range<usize>>)> {
    let b = lower.as_bytes();
    let two = |i: usize| {
        b.get(i..i + 2)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let mut out = Vec::new();
    let mut pos = 0;
    for &(s, e) in seps {
        if e - s < 4 || e - 4 < pos || b[e] != b'-' || !two(e + 1) {
            continue;
        }
        let day = (b.get(e + 3) == Some(&b'-') && two(e + 4)).then_some(e + 4..e + 6);
        let end = day.as_ref().map_or(e + 3, |d| d.end);
        out.push((Bounds { start: e - 4, end }, day));
        pos = end;
    }
    out
}

/// A match of `năm(?: (học|tài chính|tài khóa))? ([0-9]{4})(?: ?- ?([0-9]{4}))?`.
#[derive(Debug, PartialEq)]
struct YearMatch {
    start: usize,
    end: usize,
    /// `học`, `tài chính` or `tài khóa` after `năm`.
    qualified: bool,
    first: std::ops::Range<usize>,
    second: Option<std::ops::Range<usize>>,
}

/// The matches of the year pattern as `find_iter` finds them: the first
/// year is the first four digits of a run right after `năm ` (or `năm học
/// `, ...); a second year follows ` - `, `-`, ` -` or `- ` (spaces taken
/// when there, as the greedy ` ?` would).
fn year_matches(lower: &str, runs: &[(usize, usize)]) -> Vec<YearMatch> {
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    for &(s, e) in runs {
        if e - s < 4 {
            continue;
        }
        let head = &lower[..s];
        let lead = ["năm học ", "năm tài chính ", "năm tài khóa "]
            .into_iter()
            .find(|l| head.ends_with(l))
            .map(|l| (l.len(), true))
            .or_else(|| head.ends_with("năm ").then_some(("năm ".len(), false)));
        let Some((len, qualified)) = lead else {
            continue;
        };
        if s - len < pos {
            continue;
        }
        let mut m = YearMatch {
            start: s - len,
            end: s + 4,
            qualified,
            first: s..s + 4,
            second: None,
        };
        let mut j = s + 4;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        if b.get(j) == Some(&b'-') {
            j += 1;
            if b.get(j) == Some(&b' ') {
                j += 1;
            }
            if b.get(j..j + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            {
                m.second = Some(j..j + 4);
                m.end = j + 4;
            }
        }
        pos = m.end;
        out.push(m);
    }
    out
}

/// The year a year-less day or month most likely means: the one closest to
/// the reference date.
fn infer_year(reference: Option<CalendarDate>, month: u32, day: u32) -> Option<i32> {
    let r = reference?;
    let ord = |y: i32, m: u32, d: u32| y as i64 * 372 + m as i64 * 31 + d as i64;
    let here = ord(r.year(), r.month(), r.day());
    (r.year() - 1..=r.year() + 1)
        .filter(|&y| day == 0 || CalendarDate::new(y, month, day).is_some())
        .min_by_key(|&y| (ord(y, month, day.max(1)) - here).abs())
}

fn iso(y: i32, m: u32, d: u32) -> String {
    if !(0..=9999).contains(&y) || m > 99 || d > 99 {
        return format!("{y:04}-{m:02}-{d:02}");
    }
    // `format!` costs several times this on the hot path.
    let y = y as u32;
    let digit = |n: u32| char::from(b'0' + n as u8);
    let mut s = String::with_capacity(10);
    for n in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
        s.push(digit(n));
    }
    s.push('-');
    s.push(digit(m / 10));
    s.push(digit(m % 10));
    s.push('-');
    s.push(digit(d / 10));
    s.push(digit(d % 10));
    s
}

/// A date candidate with its interval.
fn cand(start: usize, end: usize, rule: &'static str, gran: &str) -> Candidate {
    Candidate::new(start, end, Label::Date, rule).attr("granularity", gran)
}

fn with_interval(c: Candidate, from: (i32, u32, u32), to: (i32, u32, u32)) -> Candidate {
    c.attr("from", iso(from.0, from.1, from.2))
        .attr("to", iso(to.0, to.1, to.2))
}

fn day_cand(start: usize, end: usize, rule: &'static str, d: CalendarDate) -> Candidate {
    let v = iso(d.year(), d.month(), d.day());
    cand(start, end, rule, "day")
        .attr("from", v.clone())
        .attr("to", v.clone())
        .attr("value", v)
}

fn month_cand(start: usize, end: usize, rule: &'static str, y: Option<i32>, m: u32) -> Candidate {
    let c = cand(start, end, rule, "month");
    match y {
        Some(y) => with_interval(c, (y, m, 1), (y, m, days_in_month(y, m))),
        None => c,
    }
}

fn years_cand(start: usize, end: usize, rule: &'static str, y1: u32, y2: u32) -> Candidate {
    let gran = if y1 == y2 { "year" } else { "range" };
    with_interval(
        cand(start, end, rule, gran),
        (y1 as i32, 1, 1),
        (y2 as i32, 12, 31),
    )
}

/// Parses a quarter numeral (`I`..`IV`, `1`..`4`).
fn quarter_number(s: &str) -> Option<u32> {
    match s {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// A second year written short (`2020-25`) expanded against the first.
fn second_year(y1: u32, y2s: &str) -> Option<u32> {
    let y2: u32 = y2s.parse().ok()?;
    let y2 = if y2s.len() == 2 {
        y1 / 100 * 100 + y2
    } else {
        y2
    };
    (y2 > y1 && y2 - y1 <= 50 && plausible_year(y2)).then_some(y2)
}

impl DateRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        let re = |p: &str| Regex::new(p).expect("date pattern compiles");
        Ok(DateRules {
            full_range: re(
                r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}) ?- ?([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})",
            ),
            day_range: re(
                r"(?:(ngày|từ) )?([0-9]{1,2})(?: ?- ?| và )([0-9]{1,2})([/.-])([0-9]{1,2})(?:([/.-]| năm )([0-9]{4}))?",
            ),
            day_only: re(
                r"từ (ngày ([0-9]{1,2})) (?:đến|tới) (?:ngày )?([0-9]{1,2})[/.-]([0-9]{1,2})(?:[/.-]([0-9]{4}))?",
            ),
            formal: re(r"(?:(ngày) )?([0-9]{1,2}) tháng ([0-9]{1,2})(?:,? (?:năm )?([0-9]{4}))?"),
            month: re(r"tháng ([0-9]{1,2})(?:(?: ?[/.-] ?| năm )([0-9]{4}))?"),
            bare_month_year: re(r"(?:từ|đến|tới) ([0-9]{1,2})[/.-]([0-9]{4})"),
            quarter: re(r"quý (iv|iii|ii|i|[1-4])(?: ?[/-] ?([0-9]{4})| năm ([0-9]{4}))?"),
            period: re(r"([0-9]{1,2}) tháng (?:(đầu|cuối) năm(?: ([0-9]{4}))?|năm ([0-9]{4}))"),
            stage: re(r"giai đoạn( mới)? ([0-9]{4}) ?- ?([0-9]{2,4})"),
        })
    }

    pub(crate) fn run(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        let lower = doc.lower();
        if !lower.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        let refd = doc.reference_date;
        let ok = |s: usize, e: usize| clean_left(lower, s) && clean_right(lower, e);
        // Each pattern runs only on windows around a piece of text all its
        // matches contain (a digit run and what must stand next to it),
        // tested on bytes first: most digits are no date.
        let runs = digit_runs(lower);
        let b = lower.as_bytes();
        let is_sep = |i: usize| matches!(b.get(i), Some(b'/' | b'.' | b'-'));
        let digits_at = |i: usize, n: usize| {
            b.get(i..i + n)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        };
        let after = |s: usize, words: &[&str]| words.iter().any(|w| lower[..s].ends_with(w));
        let seps = sep_runs(lower, &runs);
        let fours = || runs.iter().copied().filter(|&(s, e)| e - s >= 4);
        // Bounds below: bytes of the longest match before and after its
        // trigger (`ngày` is 5 bytes, `từ` 4, `đến` 6, `tháng` 6, ...), plus
        // slack. For a `d/m` trigger the anchor is the separator.
        let win = |before: usize, after: usize, f: &dyn Fn(usize, usize) -> bool| {
            windows(
                lower,
                before,
                after,
                seps.iter().filter(|&&(s, e)| f(s, e)).map(|&(_, e)| (e, e)),
            )
        };
        // `d/m` then one or two digits, `[/.-]` and four digits; also the
        // start of a full range `d/m/yyyy - d/m/yyyy` (21 bytes after).
        let dmy_win = win(12, 26, &|_, e| {
            let n = b[e + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            n <= 2 && is_sep(e + 1 + n) && digits_at(e + 2 + n, 4)
        });
        // The second day of `15 - 19/7`, `3 và 9/4` (`ngày 12 và 14` is 15
        // bytes; `/12 năm 2024` 13).
        let day_range_win = win(20, 18, &|s, e| {
            let h = &lower[..s];
            let h = h.strip_suffix(" và ").or_else(|| {
                let h = h.strip_suffix(' ').unwrap_or(h);
                h.strip_suffix('-')
                    .map(|h| h.strip_suffix(' ').unwrap_or(h))
            });
            e - s <= 2 && h.is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()))
        });
        // `từ ngày 12 đến ngày 14` (29) `/06/2024` (8).
        let day_only_win = win(34, 12, &|s, e| {
            e - s <= 2 && after(s, &["đến ", "tới ", "đến ngày ", "tới ngày "])
        });
        // `đến 12` (9) `/2024` (5).
        let month_year_win = win(12, 8, &|s, e| {
            e - s <= 2 && after(s, &["từ ", "đến ", "tới "]) && digits_at(e + 1, 4)
        });
        // `năm tài chính ` (17) before the first year, ` - 2025` after it.
        // `giai đoạn mới ` (19), ` - 2025`.
        let stage_win = windows(
            lower,
            24,
            12,
            fours().filter(|&(s, _)| after(s, &["đoạn ", "mới "])),
        );
        // The day before ` tháng` or the month after `tháng `: `ngày 12
        // tháng ` (16) before a month, ` tháng cuối năm 2024` (24) after a
        // number.
        let thang = windows(
            lower,
            28,
            32,
            runs.iter().copied().filter(|&(s, e)| {
                lower[..s].ends_with("tháng ") || lower[e..].starts_with(" tháng")
            }),
        );
        // `quý II` may have no digit at all.
        let whole = [(0, lower.len())];

        // Full dates: d/m/yyyy, d-m-yyyy, d.m.yyyy, with or without `ngày`.
        for m in dmy_matches(lower, &seps) {
            let (d, mo, y) = (
                digits(lower, &m.day),
                digits(lower, &m.month),
                digits(lower, &m.year),
            );
            if !ok(m.start, m.end) {
                continue;
            }
            let (s1, s2) = (b[m.day.end], b[m.month.end]);
            if s1 != s2 && !(s1 == b'/' || s2 == b'/') {
                continue;
            }
            if let Some(date) = CalendarDate::new(y as i32, mo, d) {
                out.push(day_cand(m.start, m.end, "date/dmy", date));
            }
        }
        // `03/02/1930 - 03/02/2024`: one range, no value.
        for c in caps_in(&self.full_range, lower, &dmy_win) {
            let m = c.get(0).unwrap();
            let a = CalendarDate::new(
                num(&c, 3).unwrap_or(0) as i32,
                num(&c, 2).unwrap_or(0),
                num(&c, 1).unwrap_or(0),
            );
            let b = CalendarDate::new(
                num(&c, 6).unwrap_or(0) as i32,
                num(&c, 5).unwrap_or(0),
                num(&c, 4).unwrap_or(0),
            );
            if let (Some(a), Some(b)) = (a, b) {
                if a < b && ok(m.start(), m.end()) {
                    out.push(
                        cand(m.start(), m.end(), "date/day-range", "range")
                            .attr("from", a.to_string())
                            .attr("to", b.to_string()),
                    );
                }
            }
        }
        // Day ranges in one month: `15-19/7/2024`, `ngày 3 - 9.4.2024`.
        for c in caps_in(&self.day_range, lower, &day_range_win) {
            let m = c.get(0).unwrap();
            let lead = c.get(1).map(|g| g.as_str());
            let (d1, d2, mo) = (
                num(&c, 2).unwrap_or(0),
                num(&c, 3).unwrap_or(0),
                num(&c, 5).unwrap_or(0),
            );
            let y = num(&c, 7);
            if y.is_none() && lead.is_none() {
                continue;
            }
            let start = if lead == Some("từ") {
                c.get(2).unwrap().start()
            } else {
                m.start()
            };
            if !ok(start, m.end()) || d1 == 0 || d1 >= d2 || !(1..=12).contains(&mo) {
                continue;
            }
            let year = y.map(|y| y as i32).or_else(|| infer_year(refd, mo, d2));
            let mut cd = cand(start, m.end(), "date/day-range", "range");
            if let Some(y) = year {
                if d2 <= days_in_month(y, mo) {
                    cd = with_interval(cd, (y, mo, d1), (y, mo, d2));
                } else {
                    continue;
                }
            }
            out.push(cd);
        }
        // Year-less days: `Chiều 11/11`, `ngày 14-6`, `Chiều 21.4`, `18/6 âm lịch`.
        for m in dm_matches(lower, &seps) {
            let (d, mo) = (digits(lower, &m.day), digits(lower, &m.month));
            let lunar = m.lunar;
            let core_end = m.month.end;
            if !clean_left(lower, m.start) || !clean_right(lower, core_end) {
                continue;
            }
            if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(2020, mo) {
                continue;
            }
            // `từ 3/5 lên 4/5 tiêu chí`: a ratio of counted things.
            if !m.ngay && RATIO_NOUNS.contains(&word_after(lower, core_end)) {
                continue;
            }
            let has_lead = m.ngay
                || lunar
                || DAY_LEADS.contains(&word_before(lower, m.start))
                || after_weekday(lower, m.start)
                || after_today(lower, m.start);
            if !has_lead {
                continue;
            }
            if lunar {
                out.push(cand(m.start, m.end, "date/lunar", "day").attr("calendar", "lunar"));
                continue;
            }
            // `25/6 năm 2025`: the year written apart.
            if let Some(y) = m
                .year
                .as_ref()
                .map(|y| digits(lower, y))
                .filter(|_| clean_right(lower, m.end))
            {
                if let Some(date) = CalendarDate::new(y as i32, mo, d) {
                    out.push(day_cand(m.start, m.end, "date/dm", date));
                }
                continue;
            }
            let mut cd = cand(m.start, core_end, "date/dm", "day");
            if let Some(y) = infer_year(refd, mo, d) {
                if let Some(date) = CalendarDate::new(y, mo, d) {
                    cd = day_cand(m.start, core_end, "date/dm", date);
                }
            }
            out.push(cd);
        }
        // `từ ngày 12 đến ngày 14-6`: the first day borrows the month.
        for c in caps_in(&self.day_only, lower, &day_only_win) {
            let g = c.get(1).unwrap();
            let (d1, d2, mo) = (
                num(&c, 2).unwrap_or(0),
                num(&c, 3).unwrap_or(0),
                num(&c, 4).unwrap_or(0),
            );
            if d1 == 0 || d1 >= d2 || !(1..=12).contains(&mo) {
                continue;
            }
            let y = num(&c, 5)
                .map(|y| y as i32)
                .or_else(|| infer_year(refd, mo, d2));
            let mut cd = cand(g.start(), g.end(), "date/day-only", "day");
            if let Some(date) = y.and_then(|y| CalendarDate::new(y, mo, d1)) {
                cd = day_cand(g.start(), g.end(), "date/day-only", date);
            }
            out.push(cd);
        }
        // `ngày 14 tháng 6 năm 2024`.
        for c in caps_in(&self.formal, lower, &thang) {
            let m = c.get(0).unwrap();
            let (d, mo) = (num(&c, 2).unwrap_or(0), num(&c, 3).unwrap_or(0));
            let y = num(&c, 4);
            if (c.get(1).is_none() && y.is_none()) || !ok(m.start(), m.end()) {
                continue;
            }
            let year = y.map(|y| y as i32).or_else(|| infer_year(refd, mo, d));
            match year.and_then(|y| CalendarDate::new(y, mo, d)) {
                Some(date) => out.push(day_cand(m.start(), m.end(), "date/formal", date)),
                None if y.is_none() && (1..=12).contains(&mo) && (1..=31).contains(&d) => {
                    out.push(cand(m.start(), m.end(), "date/formal", "day"))
                }
                None => {}
            }
        }
        // Months: `tháng 7`, `tháng 8-2020`, `tháng 5/2025`, `tháng 3.2019`.
        for c in caps_in(&self.month, lower, &thang) {
            let m = c.get(0).unwrap();
            let mo = num(&c, 1).unwrap_or(0);
            let y = num(&c, 2);
            if !(1..=12).contains(&mo) || !ok(m.start(), m.end()) {
                continue;
            }
            // `3 tháng 7 ngày` is a duration, `9 tháng năm 2020` a period.
            let before = word_before(lower, m.start());
            if before.bytes().all(|b| b.is_ascii_digit()) && !before.is_empty() {
                continue;
            }
            if y.is_some_and(|y| !plausible_year(y)) {
                continue;
            }
            // A year-less month is still placed in the closest year.
            let year = y.map(|y| y as i32).or_else(|| infer_year(refd, mo, 0));
            out.push(month_cand(m.start(), m.end(), "date/month", year, mo));
        }
        // `từ tháng 6-2016 đến 6-2018`: the month word is left out of the second.
        for c in caps_in(&self.bare_month_year, lower, &month_year_win) {
            let (mg, yg) = (c.get(1).unwrap(), c.get(2).unwrap());
            let (mo, y) = (num(&c, 1).unwrap_or(0), num(&c, 2).unwrap_or(0));
            let ok_left = boundary_before(lower, c.get(0).unwrap().start());
            if ok_left
                && (1..=12).contains(&mo)
                && plausible_year(y)
                && clean_right(lower, yg.end())
            {
                out.push(month_cand(
                    mg.start(),
                    yg.end(),
                    "date/month",
                    Some(y as i32),
                    mo,
                ));
            }
        }
        // Quarters: `quý II/2020`, `quý III`.
        for c in caps_in(&self.quarter, lower, &whole) {
            let m = c.get(0).unwrap();
            let Some(q) = quarter_number(&c[1]) else {
                continue;
            };
            if !ok(m.start(), m.end()) {
                continue;
            }
            let y = num(&c, 2)
                .or_else(|| num(&c, 3))
                .or_else(|| infer_year(refd, q * 3 - 1, 0).map(|y| y as u32));
            let mut cd = cand(m.start(), m.end(), "date/quarter", "quarter").attr("quarter", q);
            if let Some(y) = y.filter(|&y| plausible_year(y)) {
                let y = y as i32;
                cd = with_interval(cd, (y, q * 3 - 2, 1), (y, q * 3, days_in_month(y, q * 3)));
            }
            out.push(cd);
        }
        // Reporting periods: `9 tháng năm 2020`, `6 tháng đầu năm (2020)`.
        for c in caps_in(&self.period, lower, &thang) {
            let m = c.get(0).unwrap();
            let n = num(&c, 1).unwrap_or(0);
            if !(1..=12).contains(&n) || !ok(m.start(), m.end()) {
                continue;
            }
            let part = c.get(2).map(|g| g.as_str());
            let y = num(&c, 3)
                .or_else(|| num(&c, 4))
                .or_else(|| refd.map(|r| r.year() as u32));
            let gran = if n == 6 && part.is_some() {
                "half"
            } else {
                "period"
            };
            let mut cd = cand(m.start(), m.end(), "date/period", gran);
            if let Some(y) = y.filter(|&y| plausible_year(y)) {
                let y = y as i32;
                let (a, b) = if part == Some("cuối") {
                    (13 - n, 12)
                } else {
                    (1, n)
                };
                cd = with_interval(cd, (y, a, 1), (y, b, days_in_month(y, b)));
            }
            out.push(cd);
        }
        // Years: `năm 2021`, `năm học 2023-2024`; `10 năm 2021 - 2030` keeps
        // only the years (the `năm` belongs to the duration).
        for m in year_matches(lower, &runs) {
            let y1 = digits(lower, &m.first);
            if !(1000..=2999).contains(&y1) || !ok(m.start, m.end) {
                continue;
            }
            let y2 = m.second.clone().and_then(|g| second_year(y1, &lower[g]));
            if m.second.is_some() && y2.is_none() {
                // `năm 2020-2021` with a bad second year: keep the first only.
                if clean_right(lower, m.first.end) {
                    out.push(years_cand(m.start, m.first.end, "date/year", y1, y1));
                }
                continue;
            }
            let before = word_before(lower, m.start);
            // `Đợt 1 năm 2026`, `lần 2 năm 2025`: the number labels a round,
            // it does not count years.
            let counted = !before.is_empty()
                && before.bytes().all(|b| b.is_ascii_digit())
                && !ROUND_WORDS.contains(&word_before(
                    lower,
                    lower[..m.start].trim_end_matches(' ').len() - before.len(),
                ));
            let start = if counted && !m.qualified {
                m.first.start
            } else {
                m.start
            };
            if counted && y2.is_none() {
                continue;
            }
            out.push(years_cand(start, m.end, "date/year", y1, y2.unwrap_or(y1)));
        }
        // `giai đoạn 2015-2020`; `giai đoạn mới 2020-2025` marks the years only.
        for c in caps_in(&self.stage, lower, &stage_win) {
            let m = c.get(0).unwrap();
            let y1 = num(&c, 2).unwrap_or(0);
            let Some(y2) = second_year(y1, &c[3]) else {
                continue;
            };
            let start = if c.get(1).is_some() {
                c.get(2).unwrap().start()
            } else {
                m.start()
            };
            if plausible_year(y1) && ok(m.start(), m.end()) {
                out.push(years_cand(start, m.end(), "date/stage", y1, y2));
            }
        }
        // Bare year ranges: `(2016 - 2020)`, `10 năm 2021 - 2030`.
        for (m, second) in year_range_matches(lower, &runs) {
            let y1 = digits(lower, &(m.start..m.start + 4));
            let Some(y2) = second_year(y1, &lower[second]) else {
                continue;
            };
            if plausible_year(y1) && ok(m.start, m.end) {
                out.push(years_cand(m.start, m.end, "date/year-range", y1, y2));
            }
        }
        // Bare years (`đến 2019`, a heading `2030`): weak, and not counts.
        // What `[0-9]{4}` finds: each run's digits four by four.
        for m in fours().flat_map(|(s, e)| {
            (s..e - 3).step_by(4).map(|k| Span {
                start: k,
                s: &lower[k..k + 4],
            })
        }) {
            let y: u32 = m.as_str().parse().unwrap_or(0);
            if !(1945..=2100).contains(&y) || !ok(m.start(), m.end()) {
                continue;
            }
            let (b, a) = (word_before(lower, m.start()), word_after(lower, m.end()));
            if COUNT_BEFORE.contains(&b) || COUNT_AFTER.contains(&a) {
                continue;
            }
            out.push(
                years_cand(m.start(), m.end(), "date/bare-year", y, y).with_priority(PRIORITY_WEAK),
            );
        }
        // ISO dates, and the scraped ` date 2021-03` header.
        for (m, day) in iso_matches(lower, &seps) {
            let (y, mo) = (
                digits(lower, &(m.start..m.start + 4)),
                digits(lower, &(m.start + 5..m.start + 7)),
            );
            if !plausible_year(y) || !(1..=12).contains(&mo) || !ok(m.start, m.end) {
                continue;
            }
            match day.map(|d| digits(lower, &d)) {
                Some(d) => {
                    if let Some(date) = CalendarDate::new(y as i32, mo, d) {
                        out.push(day_cand(m.start, m.end, "date/iso", date));
                    }
                }
                None if word_before(lower, m.start) == "date" => {
                    out.push(month_cand(m.start, m.end, "date/iso", Some(y as i32), mo));
                }
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::assert_same_as_regex;

    #[test]
    fn year_inference_picks_the_closest() {
        let r = CalendarDate::new(2025, 1, 5);
        assert_eq!(infer_year(r, 12, 28), Some(2024));
        assert_eq!(infer_year(r, 1, 13), Some(2025));
        let r = CalendarDate::new(2020, 11, 12);
        assert_eq!(infer_year(r, 11, 11), Some(2020));
        assert_eq!(infer_year(None, 11, 11), None);
    }

    #[test]
    fn dm_matches_the_pattern() {
        let texts = [
            "ngày 11/11, chiều 1/2/3 và 123/4 âm lịch, ngày 5-6 năm 2020, 1.234.567 ngày 12.3 năm 20",
            "x ngày 7/8 năm 20211, 12/1 âm lịch 9/9/9/9 ngày 1/2ngày 3/4 ngày  5/6 45.67/8 ngày 123/4",
        ];
        let read = |c: &regex::Captures| Dm {
            start: c.get(0).unwrap().start(),
            end: c.get(0).unwrap().end(),
            ngay: c.get(1).is_some(),
            day: c.get(2).unwrap().range(),
            month: c.get(4).unwrap().range(),
            lunar: c.get(5).is_some(),
            year: c.get(6).map(|g| g.range()),
        };
        assert_same_as_regex(DM, &texts, read, |t| {
            dm_matches(t, &sep_runs(t, &digit_runs(t)))
        });
    }

    #[test]
    fn dmy_matches_the_pattern() {
        let texts = [
            "ngày 11/11/2020, 1/2/2020/3/2021 123/4/20201 ngày 5.6.2020 và 12-3-999 1.234.5678",
            "x ngày 7/8/2021/9/10/2022, ngày  1/2/2023 ngày 12/345/2020 9/9/9/9999 ngày 1/2/2020",
        ];
        let read = |c: &regex::Captures| Dmy {
            start: c.get(0).unwrap().start(),
            end: c.get(0).unwrap().end(),
            day: c.get(2).unwrap().range(),
            month: c.get(4).unwrap().range(),
            year: c.get(6).unwrap().range(),
        };
        assert_same_as_regex(DMY, &texts, read, |t| {
            dmy_matches(t, &sep_runs(t, &digit_runs(t)))
        });
    }

    #[test]
    fn year_ranges_and_iso_match_the_patterns() {
        let texts = [
            "2016 - 2020, 12020-20251-2030 2020 -2021 2020- 2021 2020  - 2021 2020 -  2021 20201",
            "2021-03-04-05 2021-03 12021-0345-06 2021-3 2021-03-4 x2021-12-31 2020-2021-2022-2023",
        ];
        let bounds = |c: &regex::Captures| {
            let m = c.get(0).unwrap();
            Bounds {
                start: m.start(),
                end: m.end(),
            }
        };
        assert_same_as_regex(
            r"([0-9]{4}) ?- ?([0-9]{4})",
            &texts,
            |c| (bounds(c), c.get(2).unwrap().range()),
            |t| year_range_matches(t, &digit_runs(t)),
        );
        assert_same_as_regex(
            r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?",
            &texts,
            |c| (bounds(c), c.get(3).map(|g| g.range())),
            |t| iso_matches(t, &sep_runs(t, &digit_runs(t))),
        );
    }

    #[test]
    fn years_match_the_pattern() {
        let texts = [
            "năm 2020, năm học 2023-2024, năm tài chính 2020 - 2021, năm năm 2019 năm học năm 2018",
            "xnăm 20201-2022 năm 2020 -x năm tài khóa 2021 -2022 năm  2020 10 năm 2021 - 2030-2040",
        ];
        let read = |c: &regex::Captures| YearMatch {
            start: c.get(0).unwrap().start(),
            end: c.get(0).unwrap().end(),
            qualified: c.get(1).is_some(),
            first: c.get(2).unwrap().range(),
            second: c.get(3).map(|g| g.range()),
        };
        assert_same_as_regex(
            r"năm(?: (học|tài chính|tài khóa))? ([0-9]{4})(?: ?- ?([0-9]{4}))?",
            &texts,
            read,
            |t| year_matches(t, &digit_runs(t)),
        );
    }

    #[test]
    fn digit_runs_are_the_runs() {
        let texts = [
            "",
            "1",
            "abc",
            "a1b22c333 4444x",
            "ngày 12/11/2020, 1.234.567 và 89",
            "đ9ư98 ٣ 12345678901234567890x",
        ];
        for t in texts {
            let b = t.as_bytes();
            let mut want = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_digit() {
                    let s = i;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    want.push((s, i));
                } else {
                    i += 1;
                }
            }
            assert_eq!(digit_runs(t), want, "{t}");
        }
    }

    #[test]
    fn words_around() {
        let t = "chiều 11/11, từ 2019";
        assert_eq!(word_before(t, t.find("11").unwrap()), "chiều");
        assert_eq!(word_after(t, 0), "chiều");
        assert!(clean_left("số 56/2015", "số ".len()));
        assert!(!clean_right("56/2015/nđ", "56/2015".len()));
    }
}

//! Recognizer family `event`: specific congresses (`Đại hội XIII`, `Đại hội
//! đại biểu Đảng bộ tỉnh lần thứ XVI`, `ĐH XI Đảng bộ tỉnh`), plenums
//! (`Hội nghị Trung ương 4`, `Hội nghị lần thứ 11 Ban Chấp hành Trung
//! ương`) and sessions (`Kỳ họp thứ 10`, `họp kỳ thứ 42`).
//!
//! Not events (ANNOTATION.md rule 5, DECISIONS.md): a bare `Đại hội`/`ĐH`,
//! generic `đại hội đảng các cấp`, ordinary meetings (`Hội nghị giao ban`,
//! `hội nghị Ban Thường vụ Tỉnh ủy lần 2`), festivals, `phiên họp`.
//!
//! Each keyword is found with a literal regex; the phrase after it is then
//! read word by word (bounded), which keeps the grammar readable and linear.
//! Attributes: `type` (`congress`, `plenum`, `session`), `ordinal` (Roman,
//! Arabic or a word, as a number) and `body` (the body words as written).

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::label::Label;
use crate::rules::term::{numeral, ordinal_word};
use crate::segment::{boundary_after, boundary_before, is_word_char};
use regex::Regex;

/// Lower-case words that may stand inside a congress's or committee's name
/// before `lần thứ` (`Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI`, `Đại hội
/// Thi đua yêu nước lần thứ X`).
#[rustfmt::skip]
const NAME_WORDS: &[&str] = &[
    "đại", "biểu", "toàn", "quốc", "tỉnh", "huyện", "xã", "phường", "thị", "trấn", "thành",
    "phố", "quận", "bộ", "đảng", "khối", "cơ", "quan", "và", "doanh", "nghiệp", "thi", "đua",
    "yêu", "nước", "phụ", "nữ", "hội", "dân", "tộc", "thiểu", "số", "cựu", "chiến", "binh",
    "nông", "thanh", "niên", "công", "đoàn", "liên", "hiệp", "trung", "ương", "chấp", "hành",
    "cộng", "sản", "hồ", "chí", "minh", "mặt", "trận", "tổ", "việt", "nam", "khu", "quân", "sự",
    "an", "ủy", "các", "lực", "lượng", "vũ", "trang", "nhân", "anh", "hùng", "đội", "biên",
    "phòng", "cảnh", "sát", "trực", "thuộc", "lao", "động", "học", "sinh", "viên",
    // second syllables of bodies whose Party committees hold congresses since
    // 2025 (`Đảng bộ Chính phủ`, `Tòa án`, `Viện kiểm sát`, `Kiểm tra`)
    "phủ", "tòa", "án", "viện", "kiểm", "tra",
];

/// Administrative-unit words after `Đảng bộ`.
const UNITS: &[&str] = &["tỉnh", "huyện", "xã", "phường", "quận", "thị", "thành"];

/// One word of the phrase after a keyword: byte range in the text.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

/// Up to `max` words after `pos`, separated by single spaces; stops at any
/// punctuation (a comma ends the phrase: `Hội nghị lần thứ 8, Ban ...`).
fn words_after(text: &str, pos: usize, max: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = pos;
    let b = text.as_bytes();
    while out.len() < max && i < b.len() && b[i] == b' ' {
        let start = i + 1;
        let end = text[start..]
            .char_indices()
            .find(|&(_, c)| !(is_word_char(c) || c == '\''))
            .map_or(text.len(), |(k, _)| start + k);
        if end == start {
            break;
        }
        out.push(Tok { start, end });
        i = end;
    }
    out
}

fn is_cap(text: &str, t: Tok) -> bool {
    text[t.start..t.end].starts_with(char::is_uppercase)
}

/// An ordinal token: numeral (`XVI`, `11`) or word (`tư`).
fn ord_of(text: &str, lower: &str, t: Tok) -> Option<u32> {
    numeral(&text[t.start..t.end])
        .filter(|&n| n <= 60)
        .or_else(|| ordinal_word(&lower[t.start..t.end]))
}

/// `lần thứ N` at `toks[i..]`: the ordinal and the index of its token.
fn lan_thu(text: &str, lower: &str, toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let w = |k: usize| toks.get(k).map(|t| &lower[t.start..t.end]);
    if w(i) == Some("lần") && w(i + 1) == Some("thứ") {
        let t = *toks.get(i + 2)?;
        return ord_of(text, lower, t).map(|n| (n, i + 2));
    }
    None
}

/// After `Đảng bộ` at `toks[i]`: the index of the last word of a specific
/// unit (`tỉnh`, `xã Tân Thạch`, `Khối`, `Quân khu 7`), or `None` for a
/// generic one (`các cấp`). `bare_unit` accepts `tỉnh` with no name.
fn party_unit(text: &str, lower: &str, toks: &[Tok], i: usize, bare_unit: bool) -> Option<usize> {
    let w = |k: usize| toks.get(k).map(|t| &lower[t.start..t.end]);
    if w(i) != Some("đảng") || w(i + 1) != Some("bộ") {
        return None;
    }
    let mut k = i + 2;
    let mut last = None;
    if let Some(u) = w(k) {
        if UNITS.contains(&u) && !is_cap(text, toks[k]) {
            // `thị xã`, `thị trấn`, `thành phố` take two words.
            if matches!(u, "thị" | "thành") {
                k += 1;
            }
            if bare_unit {
                last = Some(k);
            }
            k += 1;
        }
    }
    // Capitalized words, numbers and name words (`Quân khu 7`, `Công an
    // tỉnh`); the name ends on a capitalized word, a number or a unit word.
    let mut n = 0;
    let mut named = last.is_some();
    while let Some(t) = toks.get(k) {
        let s = &text[t.start..t.end];
        let lw = &lower[t.start..t.end];
        let cap = s.starts_with(char::is_uppercase) || s.bytes().all(|b| b.is_ascii_digit());
        let next = toks.get(k + 1).map(|t| &lower[t.start..t.end]);
        if (lw == "đại" && next == Some("hội")) || (lw == "hội" && next == Some("nghị")) {
            break;
        }
        if n >= 6 || lw == "lần" || !(cap || (n > 0 && NAME_WORDS.contains(&lw))) || lw == "các"
        {
            break;
        }
        if cap || (n > 0 && UNITS.contains(&lw)) {
            last = Some(k);
            named = true;
        }
        k += 1;
        n += 1;
    }
    last.filter(|_| named)
}

#[derive(Debug)]
pub(crate) struct EventRules {
    congress: Regex,
    plenum: Regex,
    session: Regex,
}

impl EventRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        let re = |p: &str| Regex::new(p).expect("event pattern compiles");
        Ok(EventRules {
            congress: re(r"Đại hội|ĐẠI HỘI|ĐHĐB|ĐH"),
            plenum: re(r"Hội nghị|HỘI NGHỊ"),
            session: re(r"(?:[Kk]ỳ họp|KỲ HỌP|họp kỳ) "),
        })
    }

    pub(crate) fn run(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        let (text, lower) = (doc.text(), doc.lower());
        for m in self.congress.find_iter(text) {
            if at_word(text, m.start(), m.end()) {
                if let Some(c) = congress(text, lower, m.start(), m.end()) {
                    out.push(c);
                }
            }
        }
        for m in self.plenum.find_iter(text) {
            if at_word(text, m.start(), m.end()) {
                if let Some(c) = plenum(text, lower, m.start(), m.end()) {
                    out.push(c);
                }
            }
        }
        for m in self.session.find_iter(text) {
            if boundary_before(text, m.start()) {
                if let Some(c) = session(text, lower, m.start(), m.end() - 1) {
                    out.push(c);
                }
            }
        }
    }
}

fn at_word(text: &str, s: usize, e: usize) -> bool {
    boundary_before(text, s) && boundary_after(text, e)
}

fn event(start: usize, end: usize, rule: &'static str, kind: &str) -> Candidate {
    Candidate::new(start, end, Label::Event, rule).attr("type", kind)
}

fn body_attr(c: Candidate, text: &str, a: usize, b: usize) -> Candidate {
    let body = text[a.min(b)..b].trim();
    // `đại biểu` says who attends, not whose congress it is.
    let body = body
        .strip_prefix("đại biểu ")
        .or_else(|| body.strip_prefix("Đại biểu "))
        .unwrap_or(body);
    if body.is_empty() {
        c
    } else {
        c.attr("body", body)
    }
}

/// `Đại hội ...` at `[s, e)`.
fn congress(text: &str, lower: &str, s: usize, e: usize) -> Option<Candidate> {
    let toks = words_after(text, e, 16);
    let first = *toks.first()?;
    // `Đại hội XIII`, `ĐH XI Đảng bộ tỉnh`, `Đại hội 14`.
    if let Some(n) = numeral(&text[first.start..first.end]).filter(|&n| n <= 60) {
        let mut end = first.end;
        if let Some(k) = party_unit(text, lower, &toks, 1, true) {
            end = toks[k].end;
        }
        let c = event(s, end, "event/congress", "congress").attr("ordinal", n);
        return Some(body_attr(c, text, first.end, end));
    }
    // `Đại hội [name words] lần thứ N`.
    for i in 0..toks.len() {
        if let Some((n, k)) = lan_thu(text, lower, &toks, i) {
            let c = event(s, toks[k].end, "event/congress", "congress").attr("ordinal", n);
            let body_end = if i > 0 { toks[i - 1].end } else { e };
            return Some(body_attr(c, text, e, body_end));
        }
        let w = &lower[toks[i].start..toks[i].end];
        let next = toks.get(i + 1).map(|t| &lower[t.start..t.end]);
        // A second keyword starts another event (`Đại hội A và Đại hội B`).
        if (w == "đại" && next == Some("hội")) || w == "đh" {
            break;
        }
        if !(is_cap(text, toks[i])
            || NAME_WORDS.contains(&w)
            || w.bytes().all(|b| b.is_ascii_digit()))
        {
            break;
        }
    }
    // A specific unit's congress with no ordinal: `Đại hội đại biểu Đảng bộ
    // xã Tân Thạch`, `Đại hội Đảng bộ Khối`.
    let w = |k: usize| toks.get(k).map(|t| &lower[t.start..t.end]);
    let delegates = w(0) == Some("đại") && w(1) == Some("biểu");
    let at = if delegates { 2 } else { 0 };
    let k = party_unit(text, lower, &toks, at, delegates)?;
    let c = event(s, toks[k].end, "event/congress", "congress");
    Some(body_attr(c, text, e, toks[k].end))
}

/// `Hội nghị ...` at `[s, e)`: plenums only.
fn plenum(text: &str, lower: &str, s: usize, e: usize) -> Option<Candidate> {
    let toks = words_after(text, e, 16);
    let w = |k: usize| toks.get(k).map(|t| &lower[t.start..t.end]);
    // `Hội nghị TW4`, `Hội nghị TW 4`.
    if let Some(t) = toks
        .first()
        .filter(|_| w(0).is_some_and(|x| x.starts_with("tw")))
    {
        let tail = &text[t.start + 2..t.end];
        let (num_tok, end) = if tail.is_empty() {
            let t2 = toks.get(1)?;
            (&text[t2.start..t2.end], t2.end)
        } else {
            (tail, t.end)
        };
        let n = numeral(num_tok).filter(|&n| n <= 30)?;
        let c = event(s, end, "event/plenum", "plenum").attr("ordinal", n);
        return Some(c.attr("body", "Ban Chấp hành Trung ương"));
    }
    // `Hội nghị Trung ương 4`, `Hội nghị Trung ương lần thứ chín`.
    if w(0) == Some("trung") && w(1) == Some("ương") {
        if let Some(t) = toks.get(2) {
            if let Some(n) = numeral(&text[t.start..t.end]).filter(|&n| n <= 30) {
                let c = event(s, t.end, "event/plenum", "plenum").attr("ordinal", n);
                return Some(c.attr("body", "Ban Chấp hành Trung ương"));
            }
        }
        if let Some((n, k)) = lan_thu(text, lower, &toks, 2) {
            let c = event(s, toks[k].end, "event/plenum", "plenum").attr("ordinal", n);
            return Some(c.attr("body", "Ban Chấp hành Trung ương"));
        }
        return None;
    }
    // `Hội nghị lần thứ 11 [Ban Chấp hành Trung ương Đảng]`.
    if let Some((n, k)) = lan_thu(text, lower, &toks, 0) {
        let mut end = toks[k].end;
        let mut body = None;
        if w(k + 1) == Some("ban") && w(k + 2) == Some("chấp") && w(k + 3) == Some("hành") {
            // The committee's name: capitalized and name words, ending on a
            // capitalized or unit word (`Trung ương Đảng`, `Đảng bộ huyện`);
            // `khóa XII` after it is its own TERM.
            let mut j = k + 4;
            let mut last = None;
            while let Some(t) = toks.get(j) {
                let lw = w(j).unwrap_or("");
                let cap = is_cap(text, *t);
                if (!cap && !NAME_WORDS.contains(&lw)) || lw == "khóa" || j > k + 10 {
                    break;
                }
                if cap || UNITS.contains(&lw) || lw == "ương" {
                    last = Some(j);
                }
                j += 1;
            }
            if let Some(l) = last {
                end = toks[l].end;
                body = Some((toks[k + 1].start, end));
            }
        }
        let c = event(s, end, "event/plenum", "plenum").attr("ordinal", n);
        return Some(match body {
            Some((a, b)) => body_attr(c, text, a, b),
            None => c,
        });
    }
    // `Hội nghị Ban Chấp hành Đảng bộ tỉnh`, `... Hội LHPN Việt Nam lần thứ 11`,
    // `Hội nghị Tỉnh ủy lần thứ 20`.
    let committee = w(0) == Some("ban") && w(1) == Some("chấp") && w(2) == Some("hành");
    let party_cttee = matches!(w(0), Some("tỉnh" | "thành" | "huyện")) && is_cap(text, toks[0]);
    if !committee && !party_cttee {
        return None;
    }
    let mut last = None;
    for i in 0..toks.len() {
        if let Some((n, k)) = lan_thu(text, lower, &toks, i) {
            let c = event(s, toks[k].end, "event/plenum", "plenum").attr("ordinal", n);
            let body_end = if i > 0 { toks[i - 1].end } else { e };
            return Some(body_attr(c, text, toks[0].start, body_end));
        }
        let word = &lower[toks[i].start..toks[i].end];
        if !(is_cap(text, toks[i]) || NAME_WORDS.contains(&word)) || word == "các" {
            break;
        }
        // Only a capitalized word or a unit word ends a committee's name.
        if is_cap(text, toks[i]) || UNITS.contains(&word) || word == "ương" {
            last = Some(i);
        }
    }
    if !committee {
        return None;
    }
    let k = last.filter(|&k| k >= 3)?;
    let c = event(s, toks[k].end, "event/plenum", "plenum");
    Some(body_attr(c, text, toks[0].start, toks[k].end))
}

/// The assembly a session belongs to when it follows (`Kỳ họp thứ 7, Quốc
/// hội khóa XV`, `Kỳ họp thứ 21, HĐND tỉnh`): outside the span, used to keep
/// sessions of different bodies apart.
fn session_body<'t>(text: &'t str, lower: &str, end: usize) -> Option<&'t str> {
    let rest = &lower[end..];
    let skip = if rest.starts_with(", ") { 1 } else { 0 };
    let toks = words_after(text, end + skip, 4);
    let w = |k: usize| toks.get(k).map(|t| &lower[t.start..t.end]);
    let n = match (w(0), w(1), w(2)) {
        (Some("quốc"), Some("hội"), _) => 2,
        (Some("hđnd"), Some(u), _) if UNITS.contains(&u) => 2,
        (Some("hội"), Some("đồng"), Some("nhân")) => 4,
        (Some("hđnd"), _, _) => 1,
        _ => return None,
    };
    let n = n.min(toks.len());
    Some(&text[toks[0].start..toks[n - 1].end])
}

/// `Kỳ họp thứ 10`, `kỳ họp bất thường lần thứ 9`, `họp kỳ thứ 42` at `[s, e)`.
fn session(text: &str, lower: &str, s: usize, e: usize) -> Option<Candidate> {
    let toks = words_after(text, e, 5);
    let w = |k: usize| toks.get(k).map(|t| &lower[t.start..t.end]);
    let kw = &lower[s..e];
    // `họp kỳ thứ 42`: the span starts at `kỳ`.
    let start = if kw.starts_with("họp") {
        s + "họp ".len()
    } else {
        s
    };
    if w(0) == Some("thứ") {
        let t = *toks.get(1)?;
        let n = ord_of(text, lower, t)?;
        let c = event(start, t.end, "event/session", "session").attr("ordinal", n);
        return Some(match session_body(text, lower, t.end) {
            Some(b) => c.attr("body", b),
            None => c,
        });
    }
    if kw.starts_with("họp") {
        return None;
    }
    if w(0) == Some("bất") && w(1) == Some("thường") {
        if let Some((n, k)) = lan_thu(text, lower, &toks, 2) {
            let c = event(start, toks[k].end, "event/session", "session").attr("ordinal", n);
            return Some(c.attr("extraordinary", true));
        }
    }
    None
}

//! Recognizer family `docref`: references to Party and State documents.
//!
//! Anchors are the kind words (`Nghị quyết`, `Chỉ thị`, `Luật`, ... and the
//! abbreviations `NQ`, `NĐ` before a number), found with one Aho-Corasick
//! pass; from each, a bounded forward parse tries, in order: a number or
//! identifier list (`Nghị quyết số 18, 19`, `Chỉ thị số 35-CT/TW`), a plenum
//! (`Nghị quyết Trung ương 4 khóa XII`), a congress (`Nghị quyết Đại hội
//! đại biểu Đảng bộ tỉnh lần thứ XIV`), a committee and year (`Nghị quyết
//! Tỉnh ủy năm 2020`), a proper name (`Luật Đất đai`), a description
//! (`Đề án sắp xếp đơn vị hành chính cấp xã`), and last a lone capitalised
//! kind word that refers back to a document of the article. Identifiers
//! written without a kind word are found by a second, regex-anchored pass.
//!
//! The candidate's attributes carry what the text says (kind, number,
//! identifier, date, issuer, term, plenum, subject); the linker in
//! `resolve::documents` turns short forms into identifiers.

pub(crate) mod ident;

use crate::candidate::{Candidate, PRIORITY_WEAK};
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::gazetteer::{parse_tsv, Hit, PhraseSet};
use crate::label::Label;
use crate::segment::{boundary_after, boundary_before, is_word_char, sentence_initial};
use ident::{Codes, Family, Parsed};
use regex::Regex;
use serde_json::{json, Value};
use std::sync::LazyLock;

const KINDS_TSV: &str = include_str!("../../../data/doc_kinds.tsv");
const ISSUERS_TSV: &str = include_str!("../../../data/doc_issuers.tsv");

/// One document kind (a row of `data/doc_kinds.tsv`).
#[derive(Debug, Clone)]
pub(crate) struct Kind {
    pub name: String,
    pub party: Option<String>,
    pub state: Option<String>,
    number: bool,
    plenum: bool,
    proper_name: bool,
    desc: bool,
    alone: bool,
}

/// The kind words, codes and issuers, parsed once per process.
#[derive(Debug)]
pub(crate) struct Tables {
    pub kinds: Vec<Kind>,
    /// Kind words and abbreviations → (kind index, is an abbreviation).
    words: PhraseSet<(usize, bool)>,
    /// The longest key of `words`, in bytes.
    max_key: usize,
    /// Whether every key begins and ends with a word character (what
    /// `Scan::first_hit` relies on; checked by the tests).
    keys_word_edged: bool,
    pub codes: Codes,
    bare: Regex,
}

impl Tables {
    /// The phrase sets `run` searches, for the shared gazetteer pass.
    pub(crate) fn phrase_parts(&self) -> Vec<crate::gazetteer::Part<'_>> {
        vec![self.words.part()]
    }

    fn build() -> Result<Self> {
        let mut kinds = Vec::new();
        let mut keys: Vec<(String, (usize, bool))> = Vec::new();
        let mut codes = Codes::default();
        let rows = parse_tsv(
            "data/doc_kinds.tsv",
            KINDS_TSV,
            &["kind", "forms", "abbrev", "party", "state", "uses"],
            1,
        )?;
        for r in rows {
            let i = kinds.len();
            let uses = r.get(5);
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            kinds.push(Kind {
                name: r.get(0).to_string(),
                party: opt(r.get(3)),
                state: opt(r.get(4)),
                number: uses.contains("number"),
                plenum: uses.contains("plenum"),
                proper_name: uses.contains("name"),
                desc: uses.contains("desc"),
                alone: uses.contains("alone"),
            });
            keys.push((r.get(0).to_string(), (i, false)));
            for f in r.get(1).split('|').filter(|s| !s.is_empty()) {
                keys.push((f.to_string(), (i, false)));
            }
            for a in r.get(2).split('|').filter(|s| !s.is_empty()) {
                keys.push((a.to_string(), (i, true)));
            }
            codes.add_type(r.get(3));
            codes.add_type(r.get(4));
        }
        // Sub-types seen in identifiers but never written as kind words.
        for c in ["QĐNS", "CVNS", "QĐi", "QyĐ", "BS", "HĐ", "GM"] {
            codes.add_type(c);
        }
        let rows = parse_tsv(
            "data/doc_issuers.tsv",
            ISSUERS_TSV,
            &["code", "body", "family"],
            3,
        )?;
        for r in rows {
            let fam = if r.get(2) == "party" {
                Family::Party
            } else {
                Family::State
            };
            codes.add_issuer(r.get(0), fam);
        }
        codes.add_issuer("TƯ", Family::Party);
        let bare =
            Regex::new(r"[0-9]{1,5} ?[-/] ?(?:[0-9]{4}/)?[A-Za-zĐđ]").expect("bare id regex");
        let normalized: Vec<String> = keys
            .iter()
            .map(|(k, _)| crate::normalize::key(k))
            .filter(|k| !k.is_empty())
            .collect();
        let max_key = normalized.iter().map(String::len).max().unwrap_or(0);
        let keys_word_edged = normalized.iter().all(|k| {
            k.chars().next().is_some_and(is_word_char) && k.chars().last().is_some_and(is_word_char)
        });
        Ok(Tables {
            kinds,
            words: PhraseSet::new(keys),
            max_key,
            keys_word_edged,
            codes,
            bare,
        })
    }

    /// The kind named `name` (as in `data/doc_kinds.tsv`).
    pub(crate) fn kind(&self, name: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.name == name)
    }
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    Tables::build().expect("embedded document tables are valid (checked by tests)")
});

/// The embedded document tables.
pub(crate) fn tables() -> &'static Tables {
    &TABLES
}

#[derive(Debug)]
pub(crate) struct DocRules {
    t: &'static Tables,
}

impl DocRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(DocRules { t: tables() })
    }

    pub(crate) fn run(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        let hits = self.t.words.find_all(doc.lower());
        let sc = Scan {
            t: doc.text(),
            l: doc.lower(),
            tab: self.t,
            hits: &hits,
        };
        let mut found: Vec<Candidate> = Vec::new();
        let mut lone: Vec<(usize, usize, usize)> = Vec::new();
        // `find_longest`: the first (longest) hit at each start.
        let mut prev = None;
        for h in &hits {
            if prev == Some(h.start) {
                continue;
            }
            prev = Some(h.start);
            let (k, abbrev) = *self.t.words.value(h.value);
            sc.kind_at(h.start, h.end, k, abbrev, &mut found, &mut lone);
        }
        sc.bare_ids(&mut found);
        // A lone kind word refers back only when the article names a
        // document of that kind.
        let mut named: Vec<&str> = found
            .iter()
            .filter_map(|c| c.attrs.get("kind").and_then(Value::as_str))
            .collect();
        named.sort_unstable();
        named.dedup();
        let named: Vec<String> = named.into_iter().map(str::to_string).collect();
        for (s, e, k) in lone {
            let kind = &self.t.kinds[k].name;
            if named.iter().any(|n| n == kind) {
                // Its own `của ...` and `về ...` tell the resolver which
                // document it can (not) be.
                let c = Candidate::new(s, e, Label::Doc, "docref/back-reference")
                    .attr("kind", kind.as_str())
                    .attr("form", "back-reference");
                found.push(sc.with_after(c, e, false));
            }
        }
        sc.merge_programmes(&mut found);
        out.extend(found);
    }
}

/// Unit words after a bare number that make it a count, not a document
/// number (`Kế hoạch 5 năm`, `Nghị quyết 36, 25 chỉ tiêu`).
const COUNT_WORDS: &[&str] = &[
    "năm",
    "tháng",
    "ngày",
    "tuần",
    "giờ",
    "chỉ tiêu",
    "nhóm",
    "nội dung",
    "điểm",
    "lần",
    "người",
    "đồng",
    "tỷ",
    "tỉ",
    "triệu",
    "nghìn",
    "ngàn",
    "cán bộ",
    "đảng viên",
    "điều",
    "khoản",
    "văn bản",
    "nhiệm vụ",
    "giải pháp",
    "mục tiêu",
    "mục",
    "chương",
    "đơn vị",
    "xã",
    "huyện",
    "tỉnh",
    "ca",
    "hộ",
    "km",
    "ha",
    "đại biểu",
    "trường",
    "cơ quan",
    "cơ sở",
    "tổ chức",
    "chi bộ",
    "lượt",
    "vụ",
    "đối tượng",
    "chính sách",
    "phần",
    "bước",
    "loại",
    "nước",
    "đv",
    "cb",
    "tcđ",
    "đoàn",
    "học sinh",
    "thành viên",
    "công trình",
    "dự án",
    "tập thể",
    "cá nhân",
];

/// Words before a kind word that make it plural or generic.
const GENERIC_BEFORE: &[&str] = &["các", "những", "nhiều", "mấy", "hai", "ba", "bốn", "mọi"];

/// Body words whose name may contain a kind word (`Sở Kế hoạch và Đầu tư`).
const BODY_BEFORE: &[&str] = &[
    "sở", "bộ", "phòng", "ban", "vụ", "cục", "viện", "trung", "tâm", "tổng",
];

/// Words that end a name or description.
const NAME_STOP: &[&str] = &[
    "của", "tại", "cho", "thành", "theo", "để", "với", "trong", "được", "đã", "sẽ", "đến", "từ",
    "là", "có", "này", "đó", "nhằm", "khi", "mà", "thì", "nên", "do", "bị", "vào", "ra", "số",
    "giữa", "trình", "ngày", "nay", "cùng", "như", "gồm", "đang", "vừa", "còn", "cũng", "hoặc",
    "hay", "qua", "sau", "nhưng", "bằng", "về", "không", "chưa", "phải", "cần", "thuộc", "tới",
    "trên", "dưới", "kèm", "và",
];

struct Scan<'a> {
    t: &'a str,
    l: &'a str,
    tab: &'a Tables,
    /// Every kind word of the whole text (`PhraseSet::find_all`).
    hits: &'a [Hit],
}

/// What the sentence says right after a document reference.
#[derive(Debug, Default)]
struct After {
    date: Option<String>,
    issuer: Option<String>,
    plenum: Option<u32>,
    term: Option<String>,
    subject: Option<String>,
}

// Roman numerals and ordinal words are read as terms and events read them.
use crate::rules::term::{ordinal_word, roman as from_roman, to_roman as roman};

/// An ordinal written as digits, a Roman numeral or a word (`lần thứ năm`).
fn ordinal(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse::<u32>() {
        return (1..100).contains(&n).then_some(n);
    }
    if let Some(n) = from_roman(w) {
        return Some(n);
    }
    ordinal_word(&w.to_lowercase())
}

/// A term written `XII` or `12`, as a Roman numeral.
fn term_of(w: &str) -> Option<String> {
    if let Ok(n) = w.parse::<u32>() {
        return (1..40).contains(&n).then(|| roman(n));
    }
    from_roman(w).map(|_| w.to_string())
}

/// The offset of the first of the ASCII bytes `set` in `s`, else its length
/// (`s.find([chars])` without decoding characters: ASCII bytes only ever
/// stand for themselves in UTF-8).
fn find_ascii(s: &str, set: &[u8]) -> usize {
    s.bytes().position(|b| set.contains(&b)).unwrap_or(s.len())
}

fn iso(d: u32, m: u32, y: u32) -> Option<String> {
    crate::date::CalendarDate::new(y as i32, m, d).map(|c| c.to_string())
}

impl<'a> Scan<'a> {
    /// `p` capped at the text's end and moved back to a char boundary: the
    /// end of a bounded look-ahead window.
    fn cap_at(&self, p: usize) -> usize {
        let mut p = p.min(self.l.len());
        while !self.l.is_char_boundary(p) {
            p -= 1;
        }
        p
    }

    fn ch(&self, p: usize) -> Option<char> {
        self.t.get(p..).and_then(|s| s.chars().next())
    }

    /// The word starting at `p` (no spaces skipped).
    fn word_at(&self, p: usize) -> Option<(usize, usize)> {
        let s = self.t.get(p..)?;
        let n: usize = s
            .chars()
            .take_while(|&c| is_word_char(c))
            .map(char::len_utf8)
            .sum();
        (n > 0).then_some((p, p + n))
    }

    /// The word after one space at `p`.
    fn next_word(&self, p: usize) -> Option<(usize, usize)> {
        if self.ch(p) != Some(' ') {
            return None;
        }
        self.word_at(p + 1)
    }

    fn lw(&self, w: (usize, usize)) -> &'a str {
        &self.l[w.0..w.1]
    }

    fn tw(&self, w: (usize, usize)) -> &'a str {
        &self.t[w.0..w.1]
    }

    /// The word before `p` (one space between), lower-cased.
    fn prev_word(&self, p: usize) -> Option<&'a str> {
        let before = self.l.get(..p)?.strip_suffix(' ')?;
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map(|(i, _)| i)?;
        Some(&before[start..])
    }

    /// Whether lower-cased text at `p` starts with `s` ending on a word boundary.
    fn at(&self, p: usize, s: &str) -> bool {
        self.l.get(p..).is_some_and(|r| r.starts_with(s))
            && self
                .l
                .get(p + s.len()..)
                .is_some_and(|r| r.chars().next().is_none_or(|c| !is_word_char(c)))
    }

    /// The start of the word ending at `p`.
    fn prev_word_start(&self, p: usize) -> usize {
        let n: usize = self.t[..p]
            .chars()
            .rev()
            .take_while(|&c| is_word_char(c))
            .map(char::len_utf8)
            .sum();
        p - n
    }

    /// Whether the word before `p` (one space between) is capitalised.
    fn prev_is_cap(&self, p: usize) -> bool {
        let Some(w) = self.prev_word(p) else {
            return false;
        };
        self.is_cap(p - 1 - w.len())
    }

    fn is_cap(&self, p: usize) -> bool {
        self.ch(p).is_some_and(char::is_uppercase)
    }

    /// The first hit, by start, of `words.find_longest(&self.l[a..b])` that
    /// `keep` accepts, with offsets into the text. Read off the whole text's
    /// hits: inside the window they are the same matches with the same word
    /// boundaries, once the longest at each start is taken among those that
    /// end in the window. Keys begin and end with word characters, so a
    /// window edge only matters inside a word (a boundary for the window, not
    /// for the text): there a key may begin at `a` (the window is searched
    /// anew) or end at `b` (its last `max_key` bytes are).
    fn first_hit(&self, a: usize, b: usize, keep: impl Fn(&Hit) -> bool) -> Option<Hit> {
        let l = self.l;
        let local = |x: usize, y: usize| {
            self.tab
                .words
                .find_longest(&l[x..y])
                .into_iter()
                .map(move |h| Hit {
                    start: h.start + x,
                    end: h.end + x,
                    value: h.value,
                })
        };
        let mid_word = |p: usize| !boundary_before(l, p) && !boundary_after(l, p);
        if mid_word(a) || !self.tab.keys_word_edged {
            return local(a, b).find(|h| keep(h));
        }
        // Keys ending at `b`: the longest at their starts in the window.
        let mut tail: Vec<Hit> = Vec::new();
        if b > a && mid_word(b) {
            let mut t0 = b.saturating_sub(self.tab.max_key).max(a);
            while !l.is_char_boundary(t0) {
                t0 -= 1;
            }
            let start_ok = t0 == a || boundary_before(l, t0);
            tail.extend(local(t0, b).filter(|h| h.end == b && (h.start > t0 || start_ok)));
        }
        let from = self.hits.partition_point(|h| h.start < a);
        let mut prev = None;
        let mut whole = None;
        for h in &self.hits[from..] {
            if h.start >= b {
                break;
            }
            if h.end > b || prev == Some(h.start) {
                continue;
            }
            prev = Some(h.start);
            if !tail.iter().any(|t| t.start == h.start) && keep(h) {
                whole = Some(*h);
                break;
            }
        }
        let tail = tail.into_iter().find(|h| keep(h));
        match (whole, tail) {
            (Some(w), Some(t)) => Some(if t.start < w.start { t } else { w }),
            (w, t) => w.or(t),
        }
    }

    /// Whether a kind word starts at `p` (capitalised): it begins another document.
    fn kind_starts(&self, p: usize) -> bool {
        self.is_cap(p)
            && self
                .first_hit(p, self.cap_at(p + 40), |_| true)
                .is_some_and(|h| h.start == p && !self.tab.words.value(h.value).1)
    }

    /// Whether a proper-name kind (`Điều lệ`, `Luật`) starts at `p`.
    fn names_start(&self, p: usize) -> bool {
        self.first_hit(p, self.cap_at(p + 40), |_| true)
            .is_some_and(|h| {
                h.start == p && self.tab.kinds[self.tab.words.value(h.value).0].proper_name
            })
    }

    fn kind_at(
        &self,
        s: usize,
        e: usize,
        k: usize,
        abbrev: bool,
        found: &mut Vec<Candidate>,
        lone: &mut Vec<(usize, usize, usize)>,
    ) {
        let t = self.t;
        let kind = &self.tab.kinds[k];
        let surf = &t[s..e];
        if abbrev && surf.chars().any(char::is_lowercase) {
            return;
        }
        let cap = self.is_cap(s);
        // Only asked late (Unicode tables: not for every kind word).
        let all_caps = || {
            surf.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !surf.chars().any(char::is_lowercase)
        };
        let prev = self.prev_word(s);
        // `2 Nghị quyết`: a count. `Điều 34 Nghị định số ...` is not.
        if let Some(p) = prev {
            if p.bytes().all(|b| b.is_ascii_digit()) {
                let pp = self.prev_word(s - p.len() - 1);
                if !matches!(pp, Some("điều" | "khoản" | "điểm" | "chương" | "mục")) {
                    return;
                }
            }
        }
        // `kỷ luật 54 ĐV`: lower-case `luật` is never a law's name.
        if !cap && kind.party.is_none() && kind.state.is_none() {
            return;
        }
        // `Phòng Tài chính - Kế hoạch`, `Sở Kế hoạch và Đầu tư`: part of a body's name.
        if t[..s].ends_with(" - ") && t[..s - 3].ends_with(|c: char| c.is_alphabetic()) {
            return;
        }
        if prev.is_some_and(|p| BODY_BEFORE.contains(&p)) && cap && self.prev_is_cap(s) {
            return;
        }
        let generic = prev.is_some_and(|p| GENERIC_BEFORE.contains(&p));
        if kind.number {
            if let Some(c) = self.numbered(s, e, k) {
                found.push(c);
                return;
            }
        }
        if kind.plenum {
            if let Some(c) = self.plenum(s, e, k) {
                found.push(c);
                return;
            }
        }
        if abbrev || generic {
            return;
        }
        if kind.name == "Nghị quyết" {
            if let Some(c) = self.congress(s, e, k, cap) {
                found.push(c);
                return;
            }
            // `Nghị quyết ĐH`, `Nghị quyết đại hội Đảng các cấp`: generic.
            if let Some(w) = self.next_word(e) {
                if matches!(self.lw(w), "đh" | "đại") {
                    return;
                }
            }
            if cap {
                if let Some(c) = self.by_committee(s, e, k) {
                    found.push(c);
                    return;
                }
            }
        }
        if !cap || all_caps() {
            return;
        }
        if kind.proper_name {
            if let Some(c) = self.proper_name(s, e, k) {
                found.push(c);
                return;
            }
        }
        if kind.desc {
            if let Some(c) = self.description(s, e, k) {
                // At a sentence start a capital proves nothing, but a
                // description dated by its year still names one document
                // (`Kế hoạch chuyển đổi số năm 2024.`).
                let tail = &self.l[s..c.end];
                let dated = tail.len() > 9
                    && tail.as_bytes()[tail.len() - 4..]
                        .iter()
                        .all(u8::is_ascii_digit)
                    && tail[..tail.len() - 4].ends_with(" năm ");
                if !sentence_initial(t, s) || dated {
                    found.push(c);
                    return;
                }
            }
        }
        // `Kết luận hội nghị, đồng chí ...`: the verb, not a document.
        let verb_use = self.next_word(e).is_some_and(|w| {
            matches!(
                self.lw(w),
                "hội" | "buổi" | "phiên" | "cuộc" | "tại" | "chung"
            )
        });
        if kind.alone && !verb_use {
            lone.push((s, e, k));
        }
    }

    /// `số`, `số:`, `Số` (or `số` glued to the digits) before a number.
    fn skip_so(&self, p: usize) -> usize {
        let mut q = p;
        if self.ch(q) == Some(' ') {
            q += 1;
        }
        if self.l[q..].starts_with("số") {
            let mut r = q + "số".len();
            if self.ch(r) == Some(':') {
                r += 1;
            }
            if self.ch(r) == Some(' ') {
                r += 1;
            }
            if self.ch(r).is_some_and(|c| c.is_ascii_digit()) {
                return r;
            }
            return p;
        }
        q
    }

    /// A parsed number or identifier at `p`, refused when it is a count.
    fn item(&self, p: usize) -> Option<(usize, Parsed)> {
        // `số31-QĐ/TW`: `số` typed without its space.
        let glued = self.l[..p].ends_with("số");
        if !self.ch(p).is_some_and(|c| c.is_ascii_digit()) || !(boundary_before(self.t, p) || glued)
        {
            return None;
        }
        let (end, parsed) = ident::parse(&self.tab.codes, self.t, p)?;
        if matches!(parsed, Parsed::Number(_)) {
            if self.ch(end) == Some('%') {
                return None;
            }
            if let Some(w) = self.next_word(end) {
                // `18 ngày 25/10/2017` is a date after the number, not a count.
                let dated = matches!(self.lw(w), "ngày" | "năm" | "tháng")
                    && self
                        .next_word(w.1)
                        .is_some_and(|x| self.t[x.0..].starts_with(|c: char| c.is_ascii_digit()));
                let two = self.next_word(w.1).map(|x| &self.l[w.0..x.1]).unwrap_or("");
                let count = COUNT_WORDS.contains(&self.lw(w)) || COUNT_WORDS.contains(&two);
                if count && !dated {
                    return None;
                }
            }
        }
        Some((end, parsed))
    }

    fn numbered(&self, s: usize, e: usize, k: usize) -> Option<Candidate> {
        let q = self.skip_so(e);
        if q == e && self.ch(e) != Some(' ') {
            // `TW4`-style glue is for plenums; `NĐ30` is not written.
            return None;
        }
        let (mut end, first) = self.item(q)?;
        // `quyết định 3 vấn đề`: a lower-case kind word and a bare number,
        // with no `số`, is a verb and a count.
        let with_so = self.l[e..q].contains("số");
        if matches!(first, Parsed::Number(_)) && !with_so && !self.is_cap(s) {
            return None;
        }
        let is_id = matches!(first, Parsed::Id(_));
        let mut items = vec![first];
        // Lists: `18, 19`, `18-NQ/TW và 19-NQ/TW`, `05 và 06`, `, số 20`.
        loop {
            let rest = &self.l[end..];
            let sep = [", và ", " và ", ", "]
                .iter()
                .find(|p| rest.starts_with(**p))
                .map(|p| p.len());
            let Some(n) = sep else { break };
            let mut p = end + n;
            if self.l[p..].starts_with("số ") {
                p += "số ".len();
            }
            match self.item(p) {
                Some((e2, it)) if matches!(it, Parsed::Id(_)) == is_id => {
                    items.push(it);
                    end = e2;
                }
                _ => break,
            }
        }
        let kind = &self.tab.kinds[k];
        let mut c = Candidate::new(s, end, Label::Doc, "docref/number")
            .attr("kind", kind.name.as_str())
            .attr("form", if is_id { "identifier" } else { "number" });
        let mut arr = Vec::new();
        let mut ids = Vec::new();
        for it in &items {
            match it {
                Parsed::Id(i) => {
                    // `TT 212/2015/BTC`: the type code left out of a State
                    // symbol is the kind's.
                    let mut i = i.clone();
                    if let (Family::State, None, Some(y), Some(st)) =
                        (i.family, &i.type_code, i.year, kind.state.as_deref())
                    {
                        let known = i.issuers.len() == 1
                            && self
                                .tab
                                .codes
                                .issuer(&i.issuers[0])
                                .is_some_and(|x| x.1 == Family::State)
                            && !i.issuers[0].starts_with("QH")
                            && !i.issuers[0].starts_with("UBTVQH");
                        if known {
                            i.id = format!("{}/{y}/{st}-{}", i.number, i.issuers[0]);
                            i.type_code = Some(st.to_string());
                        }
                    }
                    let i = &i;
                    ids.push(Value::from(i.id.clone()));
                    let mut o = json!({"number": i.number, "id": i.id, "family": i.family.as_str(),
                        "issuer_code": i.issuers.join("-")});
                    if let Some(t) = &i.type_code {
                        o["type_code"] = t.as_str().into();
                    }
                    if let Some(y) = i.year {
                        o["year"] = y.into();
                    }
                    arr.push(o);
                }
                // `Nghị định số 46/2026`: the Government issues every Nghị định.
                Parsed::NumYear(n, y) if kind.name == "Nghị định" => {
                    let id = format!("{n}/{y}/NĐ-CP");
                    ids.push(Value::from(id.clone()));
                    arr.push(json!({"number": n, "year": y, "id": id, "family": "state",
                        "type_code": "NĐ", "issuer_code": "CP"}));
                }
                Parsed::NumYear(n, y) => arr.push(json!({"number": n, "year": y})),
                Parsed::Number(n) => arr.push(json!({"number": n})),
            }
        }
        if items.len() == 1 {
            let o = &arr[0];
            if let Some(id) = o.get("id") {
                c = c.attr("id", id.clone());
            }
            for key in ["number", "year", "type_code", "issuer_code", "family"] {
                if let Some(v) = o.get(key) {
                    c = c.attr(key, v.clone());
                }
            }
        } else if ids.len() == items.len() {
            c = c.attr("ids", Value::Array(ids));
        }
        c = c.attr("items", Value::Array(arr));
        // `Luật Lao động số 45/2019/QH14` is parsed from its name; here the
        // sentence tail: date, issuer, plenum, subject.
        Some(self.with_after(c, end, items.len() == 1))
    }

    fn with_after(&self, mut c: Candidate, end: usize, single: bool) -> Candidate {
        let a = self.after(end);
        if single {
            if let Some(d) = a.date {
                c = c.attr("date", d);
            }
        }
        if let Some(i) = a.issuer {
            c = c.attr("issuer", i);
        }
        if let Some(p) = a.plenum {
            c = c.attr("plenum", p);
        }
        if let Some(t) = a.term {
            c = c.attr("term", t);
        }
        if let Some(s) = a.subject {
            c = c.attr("subject", s);
        }
        c
    }

    /// A date `D/M/YYYY`, `D-M-YYYY`, `D.M.YYYY` or `D tháng M năm YYYY` at `p`.
    fn date_at(&self, p: usize) -> Option<(String, usize)> {
        let t = self.t;
        let num = |p: usize, max: usize| -> Option<(u32, usize)> {
            let n = t.get(p..)?.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 || n > max {
                return None;
            }
            Some((t[p..p + n].parse().ok()?, p + n))
        };
        let (d, p1) = num(p, 2)?;
        let sep = self.ch(p1)?;
        if matches!(sep, '/' | '-' | '.') {
            let (m, p2) = num(p1 + 1, 2)?;
            if self.ch(p2) != Some(sep) {
                return None;
            }
            let (y, p3) = num(p2 + 1, 4)?;
            return Some((iso(d, m, y)?, p3));
        }
        if self.l[p1..].starts_with(" tháng ") {
            let (m, p2) = num(p1 + " tháng ".len(), 2)?;
            if !self.l[p2..].starts_with(" năm ") {
                return None;
            }
            let (y, p3) = num(p2 + " năm ".len(), 4)?;
            return Some((iso(d, m, y)?, p3));
        }
        None
    }

    /// Date, issuer, plenum, term and subject written in the sentence right
    /// after a reference (bounded window).
    fn after(&self, end: usize) -> After {
        let mut a = After::default();
        let mut p = end;
        if self.l[p..].starts_with(',') {
            p += 1;
        }
        // `ngày 14/6/2024`, `được ban hành ngày ...`, `Bộ Nội vụ ban hành ngày ...`
        let win_end = self.cap_at(p + 60);
        let win = &self.l[p..win_end];
        let cut = find_ascii(win, b".;\n,()\"");
        if let Some(i) = win[..cut].find("ngày ") {
            let pre = win[..i].trim();
            let ok = pre.is_empty() || pre.ends_with("ban hành");
            if ok && boundary_before(self.l, p + i) {
                if let Some((d, de)) = self.date_at(p + i + "ngày ".len()) {
                    a.date = Some(d);
                    p = de;
                    if self.l[p..].starts_with(',') {
                        p += 1;
                    }
                }
            }
        }
        // `của Bộ Chính trị`, `của Ban Chấp hành Trung ương khóa XII`
        if self.l[p..].starts_with(" của ") {
            let mut q = p + " của".len();
            let start = q + 1;
            let mut last = None;
            let mut n = 0;
            let mut prev_cap = false;
            while let Some(w) = self.next_word(q) {
                let lw = self.lw(w);
                // A body's name: capitalised words and the place and level
                // words bodies carry (`của HĐND tỉnh`, `của Ủy ban nhân dân huyện`).
                // Syllables after a capitalised one continue its name
                // (`Trung ương`, `Ban Tổ chức`).
                let name_word = self.is_cap(w.0)
                    || (prev_cap && !NAME_STOP.contains(&lw) && lw != "khóa")
                    || matches!(
                        lw,
                        "tỉnh" | "huyện" | "xã" | "thành" | "phố" | "quận" | "phường" | "thị"
                    );
                prev_cap = self.is_cap(w.0);
                if n >= 8 || !name_word {
                    break;
                }
                last = Some(w.1);
                q = w.1;
                n += 1;
            }
            if let Some(l) = last {
                a.issuer = Some(self.t[start..l].to_string());
                p = l;
            }
        }
        // The rest of the clause: plenum, term, subject.
        let wend = self.cap_at(p + 160);
        let w = &self.l[p..wend];
        let mut clause = &w[..find_ascii(w, b".;\n")];
        // Another reference coordinated after this one has its own context.
        if let Some(i) = clause.find(" và ") {
            clause = &clause[..i];
        }
        // So has a document named inside this one's clause (`Kế hoạch số
        // 215-KH/TU về thực hiện Nghị quyết số 18-NQ/TW ... khóa XII`); the
        // subject may still name one (`... về Chiến lược bảo vệ Tổ quốc`).
        let whole = clause;
        if let Some(h) = self.first_hit(p, p + clause.len(), |h| {
            !self.tab.words.value(h.value).1 && self.is_cap(h.start)
        }) {
            clause = &clause[..h.start - p];
        }
        // Every pattern contains one of the two gates: most clauses skip the loop.
        let plenum_gate = clause.contains("trung ương ") || clause.contains("hội nghị lần thứ ");
        for pat in [
            "hội nghị trung ương lần thứ ",
            "hội nghị lần thứ ",
            "hội nghị trung ương ",
            "trung ương ",
        ] {
            if !plenum_gate {
                break;
            }
            if let Some(i) = clause.find(pat) {
                let q = p + i + pat.len();
                if let Some(wd) = self.word_at(q) {
                    if let Some(n) = ordinal(self.tw(wd)) {
                        a.plenum = Some(n);
                        break;
                    }
                }
            }
        }
        if let Some(i) = clause.find("khóa ") {
            if let Some(wd) = self.word_at(p + i + "khóa ".len()) {
                a.term = term_of(self.tw(wd));
            }
        }
        let implements = ["thực hiện", "triển khai", "quán triệt"]
            .iter()
            .any(|v| whole.get(" về ".len()..).is_some_and(|r| r.starts_with(v)));
        if let Some(rest) = whole.strip_prefix(" về ").filter(|_| !implements) {
            // `... khóa XIII về Chiến lược bảo vệ Tổ quốc`: the subject, unquoted.
            let n = find_ascii(rest, b",(\":");
            let q0 = p + " về ".len();
            let sub = self.t[q0..q0 + n].trim_end();
            let sub = sub
                .trim_end_matches(" thực hiện")
                .trim_end_matches(" triển khai")
                .trim_end_matches("thực hiện");
            if !sub.trim().is_empty() {
                a.subject = Some(sub.trim().to_string());
            }
        }
        let qs = clause.trim_start_matches([' ', ',']);
        if qs.starts_with("\"về ") || qs.starts_with("\"về") {
            let q0 = p + (clause.len() - qs.len()) + 1;
            if let Some(j) = self.l[q0..self.cap_at(q0 + 400)].find('"') {
                a.subject = Some(self.t[q0..q0 + j].to_string());
            }
        }
        a
    }

    /// `Nghị quyết Trung ương 4 khóa XII`, `NQ TW4 khóa 11`, `Nghị quyết Hội
    /// nghị lần thứ 11, Ban Chấp hành Trung ương Đảng khóa XIII`.
    fn plenum(&self, s: usize, e: usize, k: usize) -> Option<Candidate> {
        if self.ch(e) != Some(' ') {
            return None;
        }
        let p = e + 1;
        let l = self.l;
        let mut q = None;
        let mut bch_needed = false;
        for pat in [
            "hội nghị trung ương lần thứ ",
            "hội nghị trung ương ",
            "hội nghị lần thứ ",
            "trung ương lần thứ ",
            "trung ương ",
            "t.ư ",
            "t.w ",
            "tư ",
            "tw ",
            "t.ư",
            "tw",
        ] {
            if l[p..].starts_with(pat) {
                q = Some(p + pat.len());
                bch_needed = pat == "hội nghị lần thứ ";
                break;
            }
        }
        let q = q?;
        let w = self.word_at(q)?;
        let n = ordinal(self.tw(w))?;
        let mut end = w.1;
        if bch_needed {
            // `Hội nghị lần thứ 11[,] Ban Chấp hành Trung ương Đảng`
            let mut r = end;
            if l[r..].starts_with(',') {
                r += 1;
            }
            let mut found = false;
            for pat in [
                " ban chấp hành trung ương đảng",
                " ban chấp hành trung ương",
                " bch trung ương đảng",
                " bch trung ương",
            ] {
                if self.at(r, pat) {
                    end = r + pat.len();
                    found = true;
                    break;
                }
            }
            if !found {
                return None;
            }
        }
        // Terms: ` khóa XII`, `, khóa XI, XII`.
        let mut terms = Vec::new();
        let mut r = end;
        if l[r..].starts_with(',') {
            r += 1;
        }
        if l[r..].starts_with(" khóa ") {
            let mut x = r + " khóa ".len();
            while let Some(wd) = self.word_at(x) {
                let Some(tm) = term_of(self.tw(wd)) else {
                    break;
                };
                terms.push(tm);
                end = wd.1;
                if l[end..].starts_with(", ")
                    && self
                        .word_at(end + 2)
                        .and_then(|w| term_of(self.tw(w)))
                        .is_some()
                {
                    x = end + 2;
                } else if l[end..].starts_with(" và ")
                    && self
                        .word_at(end + 5)
                        .and_then(|w| term_of(self.tw(w)))
                        .is_some()
                {
                    x = end + " và ".len();
                } else {
                    break;
                }
            }
        } else if l[r..].starts_with(" (khóa ") {
            // A bracketed term stays outside the span but tells the term.
            if let Some(wd) = self.word_at(r + " (khóa ".len()) {
                if let Some(tm) = term_of(self.tw(wd)) {
                    terms.push(tm);
                }
            }
        }
        let kind = &self.tab.kinds[k];
        let mut c = Candidate::new(s, end, Label::Doc, "docref/plenum")
            .attr("kind", kind.name.as_str())
            .attr("form", "plenum")
            .attr("plenum", n);
        match terms.len() {
            0 => {}
            1 => c = c.attr("term", terms[0].clone()),
            _ => c = c.attr("terms", terms.clone()),
        }
        Some(self.with_after(c, end, true))
    }

    /// `Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV`, `Nghị quyết
    /// ĐH XI Đảng bộ tỉnh`, `Nghị quyết Đại hội XIII`; not the generic
    /// `Nghị quyết ĐH Đảng`, `nghị quyết đại hội Đảng các cấp`.
    fn congress(&self, s: usize, e: usize, k: usize, cap: bool) -> Option<Candidate> {
        let w0 = self.next_word(e)?;
        let first = self.tw(w0);
        let mut end;
        let short = first == "ĐH";
        if first == "Đại" {
            let w1 = self.next_word(w0.1)?;
            if self.lw(w1) != "hội" {
                return None;
            }
            end = w1.1;
        } else if short {
            end = w0.1;
        } else {
            return None;
        }
        let mut ordinal_seen = false;
        let mut words = 0;
        let mut only_dang = true;
        let mut prev_l = "";
        let mut prev_cap = false;
        while let Some(w) = self.next_word(end) {
            let lw = self.lw(w);
            let tw = self.tw(w);
            if words >= 14 {
                break;
            }
            let next = self.next_word(w.1);
            let nl = next.map(|n| self.lw(n));
            if lw == "các" && nl == Some("cấp") {
                return None;
            }
            if lw == "lần" && nl == Some("thứ") {
                let n = next?;
                let o = self.next_word(n.1)?;
                ordinal(self.tw(o))?;
                end = o.1;
                ordinal_seen = true;
                only_dang = false;
                words += 3;
                continue;
            }
            // `Nghị quyết Đại hội 14 của Đảng`: an Arabic ordinal right
            // after `Đại hội`, not a number of something (`14/2`, `14 năm`).
            let arabic = words == 0
                && !ordinal_seen
                && (1..=2).contains(&tw.len())
                && tw.bytes().all(|b| b.is_ascii_digit())
                && !matches!(self.t.as_bytes().get(w.1), Some(b'/' | b'.' | b'%' | b'-'))
                && !nl.is_some_and(|x| COUNT_WORDS.contains(&x));
            if from_roman(tw).is_some() || arabic {
                end = w.1;
                ordinal_seen = true;
                only_dang = false;
                words += 1;
                continue;
            }
            let two = |a: &str, b: &str| lw == a && nl == Some(b);
            if two("đại", "biểu") || two("toàn", "quốc") || two("thành", "phố") || two("thị", "xã")
            {
                end = next?.1;
                only_dang = false;
                words += 2;
                continue;
            }
            if matches!(lw, "tỉnh" | "huyện" | "quận" | "xã" | "phường" | "khối") {
                end = w.1;
                only_dang = false;
                words += 1;
                continue;
            }
            // `Đảng bộ`, `Phụ nữ`: a lower-case syllable of a capitalised name.
            if lw == "bộ" && prev_l == "đảng"
                || (prev_cap
                    && nl.is_some_and(|x| matches!(x, "toàn" | "lần" | "tỉnh" | "khối"))
                    && !NAME_STOP.contains(&lw))
            {
                end = w.1;
                words += 1;
                prev_l = lw;
                prev_cap = false;
                continue;
            }
            prev_l = lw;
            prev_cap = self.is_cap(w.0) && from_roman(tw).is_none();
            if self.is_cap(w.0) && !self.kind_starts(w.0) && lw != "hội" {
                if lw != "đảng" {
                    only_dang = false;
                }
                end = w.1;
                words += 1;
                continue;
            }
            break;
        }
        if self.l[end..].starts_with(" các cấp") {
            return None;
        }
        if short && only_dang {
            return None;
        }
        if !cap && !ordinal_seen {
            return None;
        }
        if !ordinal_seen && only_dang && end != w0.1 && !short && words > 0 {
            // `Nghị quyết Đại hội Đảng` without an ordinal: congresses at all levels.
            return None;
        }
        // With no ordinal and no comma, the term is the congress's identity.
        if !ordinal_seen && self.l[end..].starts_with(" nhiệm kỳ ") {
            let p = end + " nhiệm kỳ ".len();
            let t = self.t;
            let y1 = t[p..].bytes().take_while(u8::is_ascii_digit).count();
            if y1 == 4 {
                let mut q = p + 4;
                let rest = &t[q..];
                let skip = rest.len() - rest.trim_start_matches([' ', '-']).len();
                q += skip;
                if skip > 0 && t[q..].bytes().take_while(u8::is_ascii_digit).count() == 4 {
                    end = q + 4;
                }
            }
        }
        let kind = &self.tab.kinds[k];
        Some(
            Candidate::new(s, end, Label::Doc, "docref/congress")
                .attr("kind", kind.name.as_str())
                .attr("form", "congress"),
        )
    }

    /// `Nghị quyết Tỉnh ủy năm 2020`, `Nghị quyết Tỉnh ủy`, `Nghị quyết năm 2020`.
    fn by_committee(&self, s: usize, e: usize, k: usize) -> Option<Candidate> {
        let mut end = e;
        let w = self.next_word(e)?;
        let mut body = false;
        if self.is_cap(w.0) {
            let w2 = self.next_word(w.1)?;
            let a = self.lw(w);
            if matches!(a, "tỉnh" | "thành" | "huyện" | "thị" | "quận" | "đảng")
                && self.lw(w2) == "ủy"
            {
                end = w2.1;
                body = true;
            } else {
                return None;
            }
        }
        let mut year = None;
        if self.l[end..].starts_with(" năm ") {
            let p = end + " năm ".len();
            if let Some(yw) = self.word_at(p) {
                let y = self.tw(yw);
                if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                    end = yw.1;
                    year = y.parse::<u32>().ok();
                }
            }
        }
        if !body && year.is_none() {
            return None;
        }
        let kind = &self.tab.kinds[k];
        let mut c = Candidate::new(s, end, Label::Doc, "docref/committee")
            .attr("kind", kind.name.as_str())
            .attr("form", "named");
        if let Some(y) = year {
            c = c.attr("year", y);
        }
        Some(c)
    }

    /// Words of a name or description from `p`, ending before a stop word or
    /// punctuation; `và` continues only into more of the same name.
    fn name_words(
        &self,
        mut end: usize,
        max: usize,
        need_cap_first: bool,
        allow_ve: bool,
    ) -> Option<usize> {
        let start = end;
        let mut n = 0;
        let mut prev = "";
        loop {
            // `kinh tế - xã hội`, `quốc phòng - an ninh`: a dash between two
            // lower-case words joins one compound of the name.
            let w = match self.next_word(end) {
                Some(w) => w,
                None if n > 0
                    && self.l[end..].starts_with(" - ")
                    && self.word_at(end + 3).is_some_and(|x| !self.is_cap(x.0))
                    && !self.is_cap(self.prev_word_start(end)) =>
                {
                    let x = self.word_at(end + 3).expect("checked");
                    if NAME_STOP.contains(&self.lw(x)) {
                        break;
                    }
                    end = x.1;
                    n += 1;
                    continue;
                }
                // `Luật Phòng, chống tham nhũng`, `Luật Cán bộ, công chức`,
                // `Luật Thực hành tiết kiệm, chống lãng phí`: fixed pairs
                // written with a comma inside a name.
                None if n > 0
                    && self.l[end..].starts_with(", ")
                    && self.word_at(end + 2).is_some_and(|x| {
                        let pair = (prev, self.lw(x));
                        matches!(
                            pair,
                            ("phòng", "chống") | ("kiệm", "chống") | ("bộ", "công")
                        ) && !self.is_cap(x.0)
                    }) =>
                {
                    end = self.word_at(end + 2).expect("checked").1;
                    prev = "";
                    n += 1;
                    continue;
                }
                None => break,
            };
            let lw = self.lw(w);
            if n == 0 && need_cap_first && !self.is_cap(w.0) {
                return None;
            }
            if n >= max {
                break;
            }
            if lw == "năm" {
                // `Hiến pháp năm 2013`, `Kế hoạch chuyển đổi số năm 2024`
                if let Some(y) = self.next_word(w.1) {
                    let ys = self.tw(y);
                    if ys.len() == 4 && ys.bytes().all(|b| b.is_ascii_digit()) {
                        end = y.1;
                    }
                }
                break;
            }
            let tw = self.tw(w);
            if tw.len() == 4 && tw.bytes().all(|b| b.is_ascii_digit()) {
                if n > 0 {
                    end = w.1;
                }
                break;
            }
            if lw == "và" {
                let Some(nx) = self.next_word(w.1) else { break };
                let nl = self.lw(nx);
                if self.kind_starts(nx.0)
                    || NAME_STOP.contains(&nl)
                    || matches!(nl, "các" | "những" | "một" | "nhiều" | "dự")
                {
                    break;
                }
                end = w.1;
                n += 1;
                continue;
            }
            // `... và thi hành Điều lệ Đảng`: a document named inside a
            // description after the verb that governs it.
            if n > 0 && self.kind_starts(w.0) && !(prev == "hành" && self.names_start(w.0)) {
                break;
            }
            prev = lw;
            let nl = self.next_word(w.1).map(|x| self.lw(x));
            if (lw == "đề" && matches!(nl, Some("ra" | "nghị" | "xuất")))
                || (lw == "đối" && nl == Some("với"))
                || (lw == "sửa" && nl == Some("đổi"))
            {
                break;
            }
            // `người có công` is a name's phrase, not the verb `có`.
            // `chuyển đổi số`, `số hóa`: `số` not before a number is a word of the name.
            let phrase = (lw == "có" && nl == Some("công"))
                || (lw == "số" && nl.is_some_and(|x| !x.starts_with(|c: char| c.is_ascii_digit())))
                || (lw == "thành" && matches!(nl, Some("lập" | "phố" | "viên" | "tựu")));
            let stop = NAME_STOP.contains(&lw) && !(lw == "về" && allow_ve && n > 0) && !phrase;
            if stop || tw.bytes().all(|b| b.is_ascii_digit()) {
                break;
            }
            end = w.1;
            n += 1;
        }
        (end > start).then_some(end)
    }

    /// `sửa đổi`, `(sửa đổi)`, `sửa đổi, bổ sung` after a law's name.
    fn amending(&self, end: usize) -> usize {
        for pat in [
            " (sửa đổi, bổ sung)",
            " sửa đổi, bổ sung",
            " (sửa đổi)",
            " sửa đổi",
        ] {
            if self.l[end..].starts_with(pat) {
                return end + pat.len();
            }
        }
        end
    }

    /// `Luật Đất đai 2024`, `Hiến pháp năm 2013`, `Điều lệ Đảng`.
    fn proper_name(&self, s: usize, e: usize, k: usize) -> Option<Candidate> {
        let kind = &self.tab.kinds[k];
        let bare_ok = kind.alone; // `Hiến pháp` alone names the one constitution
        let end = match self.name_words(e, 10, true, false) {
            Some(x) => x,
            None if bare_ok => {
                // `Hiến pháp`, `Hiến pháp năm 2013`, `Hiến pháp 1992`
                let mut y = e;
                let mut q = e;
                if self.l[q..].starts_with(" năm ") {
                    q += " năm".len();
                }
                if let Some(w) = self.next_word(q) {
                    let ys = self.tw(w);
                    if ys.len() == 4 && ys.bytes().all(|b| b.is_ascii_digit()) {
                        y = w.1;
                    }
                }
                y
            }
            None => return None,
        };
        if kind.name == "Luật" && self.l[e..end].trim_start().starts_with("sư") {
            return None;
        }
        let mut end = self.amending(end);
        let mut c = Candidate::new(s, end, Label::Doc, "docref/name")
            .attr("kind", kind.name.as_str())
            .attr("form", "named");
        // `Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số
        // 87/2015/QH13`: a long name runs on to its number when one follows
        // in the same clause.
        let win = &self.l[end..self.cap_at(end + 90)];
        let clause = &win[..find_ascii(win, b".;,\n(")];
        if let Some(i) = clause.find(" số ") {
            if i > 0
                && self
                    .item(end + i + " số ".len())
                    .is_some_and(|x| matches!(x.1, Parsed::Id(_)))
            {
                end += i;
            }
        }
        // `Luật Lao động số 45/2019/QH14`, `... Số: 24/VBHN-VPQH`
        let so = [" số: ", " số "]
            .into_iter()
            .find(|p| self.l[end..].starts_with(p));
        if let Some(so) = so {
            if let Some((e2, Parsed::Id(i))) = self.item(end + so.len()) {
                end = e2;
                c.end = end;
                c = identified(c, &i);
            }
        }
        Some(self.with_after(c, end, true))
    }

    /// `Đề án sắp xếp đơn vị hành chính cấp xã`, `Tờ trình về ...`.
    fn description(&self, s: usize, e: usize, k: usize) -> Option<Candidate> {
        let w = self.next_word(e)?;
        let lw = self.lw(w);
        let mut start_at = e;
        if lw == "về" {
            start_at = w.1;
        } else if self.is_cap(w.0) || (NAME_STOP.contains(&lw) && lw != "thành") {
            return None;
        }
        // A report is named by its type (`Báo cáo chính trị`, `Báo cáo tổng
        // kết ...`); `Báo cáo kết quả thẩm tra` describes what one says.
        if self.tab.kinds[k].name == "Báo cáo"
            && !matches!(
                lw,
                "chính" | "tổng" | "sơ" | "kiểm" | "giám" | "thẩm" | "về"
            )
        {
            return None;
        }
        let mut end = self.name_words(start_at, 16, false, true)?;
        // `Kế hoạch thực hiện Kết luận ...`: a trailing verb names nothing.
        for tail in [" thực hiện", " triển khai", " về", " thi hành"] {
            if self.l[start_at..end].ends_with(tail) {
                end -= tail.len();
            }
        }
        if end <= start_at {
            return None;
        }
        let kind = &self.tab.kinds[k];
        let mut c = Candidate::new(s, end, Label::Doc, "docref/description")
            .attr("kind", kind.name.as_str())
            .attr("form", "named");
        // `Quy chế phối hợp số 05-QC/BTCTU-BDVTU`: the identifier after the name.
        if self.l[end..].starts_with(" số ") {
            if let Some((e2, Parsed::Id(i))) = self.item(end + " số ".len()) {
                c.end = e2;
                c = identified(c, &i);
                return Some(self.with_after(c, e2, true));
            }
        }
        Some(c)
    }

    /// Identifiers written without a kind word (`Số: 66-QĐ/TW`).
    fn bare_ids(&self, found: &mut Vec<Candidate>) {
        let mut covered_to = 0;
        let mut spans: Vec<(usize, usize)> = found.iter().map(|c| (c.start, c.end)).collect();
        spans.sort_unstable();
        let mut si = 0;
        for m in self.tab.bare.find_iter(self.t) {
            let p = m.start();
            if p < covered_to || !boundary_before(self.t, p) {
                continue;
            }
            while si < spans.len() && spans[si].1 <= p {
                si += 1;
            }
            if si < spans.len() && spans[si].0 <= p {
                continue;
            }
            let Some((end, Parsed::Id(i))) = ident::parse(&self.tab.codes, self.t, p) else {
                continue;
            };
            covered_to = end;
            let known = match i.family {
                Family::Party => {
                    i.type_code
                        .as_deref()
                        .and_then(|c| self.tab.codes.type_code(c))
                        .is_some()
                        && self.tab.codes.issuer(&i.issuers[0]).is_some()
                }
                // `Số: 1893/QĐ-ĐDN`: an unknown issuer is fine after `số`.
                Family::State => {
                    i.type_code.is_some()
                        && (i.issuers.iter().all(|x| self.tab.codes.issuer(x).is_some())
                            || self.l[..p].trim_end_matches([' ', ':']).ends_with("số"))
                }
            };
            if !known {
                continue;
            }
            let kind = self
                .tab
                .kinds
                .iter()
                .find(|k| {
                    let code = if i.family == Family::Party {
                        &k.party
                    } else {
                        &k.state
                    };
                    code.as_deref() == i.type_code.as_deref()
                })
                .map(|k| k.name.clone());
            let mut c = Candidate::new(p, end, Label::Doc, "docref/bare-id")
                .with_priority(PRIORITY_WEAK)
                .attr("id", i.id.clone())
                .attr("number", i.number.clone())
                .attr("form", "identifier")
                .attr("family", i.family.as_str())
                .attr("issuer_code", i.issuers.join("-"))
                .attr(
                    "items",
                    json!([{"number": i.number, "id": i.id, "family": i.family.as_str()}]),
                );
            if let Some(k) = kind {
                c = c.attr("kind", k);
            }
            if let Some(t) = &i.type_code {
                c = c.attr("type_code", t.as_str());
            }
            found.push(self.with_after(c, end, true));
        }
    }

    /// `Chương trình hành động thực hiện Nghị quyết Đại hội ...` is one
    /// document: the programme swallows the resolution it implements.
    fn merge_programmes(&self, found: &mut Vec<Candidate>) {
        const HEAD: &str = "Chương trình hành động thực hiện ";
        let mut add = Vec::new();
        for d in found.iter() {
            let Some(start) = d.start.checked_sub(HEAD.len()) else {
                continue;
            };
            if !self.t.is_char_boundary(start)
                || &self.t[start..d.start] != HEAD
                || !boundary_before(self.t, start)
            {
                continue;
            }
            add.push(
                Candidate::new(start, d.end, Label::Doc, "docref/programme")
                    .attr("kind", "Chương trình hành động")
                    .attr("form", "named")
                    .attr("implements", self.t[d.start..d.end].to_string()),
            );
        }
        found.extend(add);
    }
}

/// A named document followed by its identifier (`Luật ... số 45/2019/QH14`,
/// `Quy chế ... số 05-QC/BTCTU-BDVTU`): the identifier's attributes.
fn identified(c: Candidate, i: &ident::Ident) -> Candidate {
    c.attr("id", i.id.clone())
        .attr("number", i.number.clone())
        .attr("form", "identifier")
        .attr(
            "items",
            json!([{"number": i.number, "id": i.id, "family": i.family.as_str(),
            "issuer_code": i.issuers.join("-"), "type_code": i.type_code}]),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse() {
        let t = Tables::build().unwrap();
        assert!(t.kinds.len() > 20);
        assert_eq!(t.codes.type_code("qdi"), Some("QĐi"));
        assert_eq!(t.codes.type_code("DA"), Some("DA"));
        assert_eq!(t.codes.type_code("ĐA"), Some("ĐA"));
        assert!(t.keys_word_edged && t.max_key > 0);
    }

    /// `first_hit` agrees with a search of the window itself, for windows
    /// cut anywhere in the fixtures (inside words included).
    #[test]
    fn first_hit_equals_a_window_search() {
        let tab = tables();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut n = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let norm = crate::normalize::normalize(&text);
            let (t, l) = (norm.text.as_ref(), norm.lower.as_str());
            let hits = tab.words.find_all(l);
            let sc = Scan {
                t,
                l,
                tab,
                hits: &hits,
            };
            let bounds: Vec<usize> = (0..=l.len()).filter(|&i| l.is_char_boundary(i)).collect();
            for (k, &a) in bounds.iter().enumerate().step_by(3) {
                for &b in bounds[k..].iter().step_by(11).take(20) {
                    for odd in [false, true] {
                        let keep = |h: &Hit| !odd || h.value % 2 == 1;
                        let want = tab
                            .words
                            .find_longest(&l[a..b])
                            .into_iter()
                            .map(|h| (h.start + a, h.end + a, h.value))
                            .find(|&(s, e, v)| {
                                keep(&Hit {
                                    start: s,
                                    end: e,
                                    value: v,
                                })
                            });
                        let got = sc.first_hit(a, b, keep).map(|h| (h.start, h.end, h.value));
                        assert_eq!(got, want, "{a}..{b} {:?}", &l[a..b]);
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 1000);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(from_roman("XIII"), Some(13));
        assert_eq!(from_roman("XIV"), Some(14));
        assert_eq!(from_roman("IIII"), None);
        assert_eq!(term_of("11").as_deref(), Some("XI"));
        assert_eq!(ordinal("năm"), Some(5));
    }
}

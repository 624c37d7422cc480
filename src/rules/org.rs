//! Recognizer family `org`: Party, State, Front and mass organizations at
//! every level, composed from body heads (`data/bodies.tsv`) with a level word,
//! a place, a field name or a nested body (`Ban Thường vụ Đảng ủy Khối ...`),
//! typed with `level` and the `canonical` expanded name; outlet tags.

use super::names::{self, generic_before, is_all_caps, prev_word, word_at, Scan};
use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::label::Label;

#[derive(Debug)]
pub(crate) struct OrgRules {}

impl OrgRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(OrgRules {})
    }

    /// Bodies over the word scan `Rules::run` shares between the name families.
    pub(crate) fn run(&self, sc: &Scan, doc: &Doc, out: &mut Vec<Candidate>) {
        find_orgs(sc, out);
        field_lists(sc, out);
        outlet_tags(doc, out);
        inline_abbreviations(doc.text(), out);
    }
}

pub(crate) fn find_orgs(sc: &Scan, out: &mut Vec<Candidate>) {
    let (t, lower) = (sc.text, sc.lower);
    for &start in sc.bodies.starts() {
        let Some(w) = word_at(t, start) else { continue };
        // Only capitalized mentions (`Huyện ủy`); lower case is mostly generic.
        if !t[start..].starts_with(char::is_uppercase) {
            continue;
        }
        // A named head inside a capitalized run is a name's syllable
        // (`Nguyễn Trường Giang`), not a body.
        let hits = sc.bodies.at(start);
        let named_only = hits
            .iter()
            .all(|&(_, i)| sc.lex.bodies.value(i).kind == names::BodyKind::Named);
        // Looked at only for named heads.
        let in_name = || {
            prev_word(t, start).is_some_and(|p| {
                names::is_cap(t, &p)
                    && !is_all_caps(t, &p)
                    && (sc.lex.surname(&lower[p.clone()]).is_some()
                        || prev_word(t, p.start).is_some_and(|q| names::is_cap(t, &q)))
            })
        };
        // In an all-caps headline a named body's end cannot be told (`BỘ NỘI
        // VỤ CÔNG BỐ QUYẾT ĐỊNH`): no ORG rather than a run-on one.
        if named_only && (in_name() || is_all_caps(t, &w)) {
            continue;
        }
        let head_end = hits[0].0;
        let head_l = &lower[start..head_end];
        // `cơ quan` is a classifier outside a body's name (`Cơ quan Công an
        // tỉnh` → `Công an tỉnh`); it is a body only inside a longer one.
        // `Đoàn đại biểu tỉnh X` is an ad-hoc delegation, not a body.
        if head_l == "cơ quan" || head_l == "đoàn đại biểu" {
            continue;
        }
        let Some(m) = sc.body_at(start, 0) else {
            continue;
        };
        let mut complete = m.complete || in_body_list(sc, start, m.end);
        // `Trung ương` is a body (`của Trung ương`, `làm việc với Trung ương`)
        // except as a level (`cơ quan Trung ương`, `từ Trung ương đến cơ sở`).
        if head_l == "trung ương" && m.end == w.end + " ương".len() {
            let prev = prev_word(lower, start).map(|p| &lower[p]);
            // `Trung ương 4` is a plenum's number, not the body.
            let numbered = lower[m.end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
            let level_use = numbered
                || matches!(
                    prev,
                    Some("từ" | "quan" | "cấp" | "các" | "ở" | "tại" | "vị" | "nghị" | "cầu")
                )
                || [" đến", " tới", " và địa phương", " xuống"]
                    .iter()
                    .any(|x| lower[m.end..].starts_with(x));
            complete = !level_use;
        }
        // A place that opens with a head word (`Trường Sa`, `Hội An`, `Đài Loan`).
        if !complete || generic_before(lower, start) || sc.lex.is_province(&lower[start..m.end]) {
            continue;
        }
        // A bare head before a plural or a relative (`Đảng ủy các Sở`, `Đảng
        // ủy trực thuộc Tỉnh ủy`) is generic, and so is the tail of a plural
        // list (`các Huyện, Thị, Thành ủy`).
        let bare = m.end == head_end;
        let after = &lower[m.end..];
        if bare && (after.starts_with(" các ") || after.starts_with(" trực thuộc")) {
            continue;
        }
        if bare && plural_list_before(lower, start) {
            continue;
        }
        let mut c = Candidate::new(start, m.end, Label::Org, "org/body")
            .attr("canonical", sc.canonical(start, m.end));
        if let Some(l) = m.level {
            c = c.attr("level", l);
        }
        out.push(c);
    }
}

/// `các Huyện, Thị, Thành ủy`: up to 4 capitalized-list items back to `các`.
fn plural_list_before(lower: &str, start: usize) -> bool {
    let mut pos = start;
    for _ in 0..4 {
        let Some(head) = lower[..pos].strip_suffix(", ") else {
            return false;
        };
        let word_start = head.rfind(' ').map_or(0, |i| i + 1);
        let word = &head[word_start..];
        if word.is_empty() || word.contains(',') {
            return false;
        }
        if head[..word_start].ends_with("các ") {
            return true;
        }
        pos = word_start;
    }
    false
}

/// A bare `HĐND`, `UBND` next to another body in a list (`Tỉnh ủy, HĐND,
/// UBND, Ủy ban MTTQ ...`) is the one body of that place (elliptical).
fn in_body_list(sc: &Scan, start: usize, end: usize) -> bool {
    let (t, lower) = (sc.text, sc.lower);
    // `tham gia Ban Chấp hành, Ban Thường vụ, giữ chức ...`, `tập thể Ban
    // Thường vụ, Ban Chấp hành Đảng bộ tỉnh`: the standing committee of the
    // executive committee next to it.
    if &lower[start..end] == "ban thường vụ" {
        let after = lower[end..]
            .strip_prefix(", ")
            .is_some_and(|r| r.starts_with("ban chấp hành"));
        let before = lower[..start].ends_with("ban chấp hành, ");
        return after || before;
    }
    if !matches!(&lower[start..end], "hđnd" | "ubnd") {
        return false;
    }
    let after = [", ", " và "]
        .iter()
        .any(|sep| t[end..].starts_with(sep) && !sc.bodies.at(end + sep.len()).is_empty());
    let before = [", ", " và "].iter().any(|sep| {
        start >= sep.len() && t[..start].ends_with(sep) && body_ends_at(sc, start - sep.len())
    });
    after || before
}

fn body_ends_at(sc: &Scan, end: usize) -> bool {
    // Bounded look-back: a body head of at most 6 words ending at `end`.
    let t = sc.text;
    let mut s = end;
    for _ in 0..6 {
        let head = t[..s].rfind([' ', '\n']).map_or(0, |i| i + 1);
        if sc.bodies.at(head).iter().any(|&(e, _)| e == end) {
            return true;
        }
        if head == 0 || t.as_bytes()[head - 1] != b' ' {
            return false;
        }
        s = head - 1;
    }
    false
}

/// Inline abbreviation definitions (`Ngân hàng Thế giới (WB)`): the
/// abbreviation is an ORG there and wherever it recurs as a word.
fn inline_abbreviations(t: &str, out: &mut Vec<Candidate>) {
    let mut defs: Vec<(String, String)> = Vec::new();
    for c in out.iter().filter(|c| c.label == Label::Org) {
        let rest = &t[c.end..];
        let Some(inner) = rest.strip_prefix(" (") else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let abbr = &inner[..close];
        let n = abbr.chars().count();
        if (2..=8).contains(&n)
            && !abbr.contains(' ')
            && is_all_caps(abbr, &(0..abbr.len()))
            && defs.len() < 32
            && !defs.iter().any(|(a, _)| a == abbr)
        {
            defs.push((abbr.to_string(), t[c.start..c.end].to_string()));
        }
    }
    for (abbr, full) in defs {
        // `t.match_indices(abbr)` (leftmost, non-overlapping), found from
        // the abbreviation's first character (a capital: few places to try)
        // instead of a two-way search of the whole text per definition.
        let Some(first) = abbr.chars().next() else {
            continue;
        };
        let mut from = 0;
        for (i, _) in t.match_indices(first) {
            if i < from || !t[i..].starts_with(abbr.as_str()) {
                continue;
            }
            from = i + abbr.len();
            if crate::segment::at_word_boundaries(t, i, i + abbr.len()) {
                out.push(
                    Candidate::new(i, i + abbr.len(), Label::Org, "org/abbreviation")
                        .attr("canonical", full.clone()),
                );
            }
        }
    }
}

/// Departments named only by their field after a plural head and a colon
/// (`Đảng ủy các Sở: KH-ĐT, Tài chính, Xây dựng`, `các sở, ngành: Nội vụ,
/// Tài nguyên và Môi trường`): each item is one body (elliptical coordination).
fn field_lists(sc: &Scan, out: &mut Vec<Candidate>) {
    let (t, lower) = (sc.text, sc.lower);
    // `": "` found from its `:` (a memchr) rather than by a two-way search.
    let colons = t
        .match_indices(':')
        .filter(|&(i, _)| t.as_bytes().get(i + 1) == Some(&b' '));
    for (colon, _) in colons {
        // The head: `các` and `sở`/`bộ`/`ngành`/`ban` within the 6 words before.
        let mut pos = colon;
        let (mut plural, mut dept) = (false, false);
        for _ in 0..6 {
            let Some(w) = prev_word_any(t, pos) else {
                break;
            };
            match &lower[w.clone()] {
                "các" => plural = true,
                "sở" | "bộ" | "ngành" | "ban" => dept = true,
                _ => {}
            }
            pos = w.start;
        }
        if !(plural && dept) {
            continue;
        }
        let mut at = colon + 2;
        for _ in 0..16 {
            let Some(end) = sc.field_name_with(at, false, false) else {
                break;
            };
            // A list of provinces is places, not departments.
            if end <= at || sc.lex.is_province(&lower[at..end]) {
                break;
            }
            out.push(
                Candidate::new(at, end, Label::Org, "org/field-list")
                    .attr("canonical", sc.lex.expand(&t[at..end])),
            );
            let rest = &t[end..];
            at = if let Some(r) = [", ", " và ", "; "].iter().find(|s| rest.starts_with(**s)) {
                end + r.len()
            } else {
                break;
            };
        }
    }
}

/// The word before `pos`, skipping one separator (`, ` or ` `).
fn prev_word_any(t: &str, pos: usize) -> Option<std::ops::Range<usize>> {
    let head = t[..pos].trim_end_matches([' ', ',']);
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::segment::is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some(start..head.len())
}

/// Outlet tags opening a line (`BDK - `, `(ĐTTCO) -`, `(binhdinh.gov.vn) -`).
fn outlet_tags(doc: &Doc, out: &mut Vec<Candidate>) {
    let t = doc.text();
    for line in &doc.seg.lines {
        let s = &t[line.clone()];
        // Only a dash within the first 40 bytes counts: look no further.
        let head = &s.as_bytes()[..s.len().min(43)];
        let Some(dash) = head.windows(3).position(|w| w == b" - ") else {
            continue;
        };
        if dash == 0 || dash > 40 {
            continue;
        }
        let tag = &s[..dash];
        let (a, b) = if tag.starts_with('(') && tag.ends_with(')') {
            (1, dash - 1)
        } else {
            (0, dash)
        };
        let inner = &tag[a..b];
        let is_domain = inner.contains('.') && !inner.contains(' ') && inner.len() > 3;
        let is_abbr = !inner.contains(' ')
            && (2..=8).contains(&inner.chars().count())
            && is_all_caps(inner, &(0..inner.len()));
        if (is_domain || is_abbr) && a <= b {
            out.push(Candidate::new(
                line.start + a,
                line.start + b,
                Label::Org,
                "org/outlet-tag",
            ));
        }
    }
}

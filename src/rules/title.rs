//! Recognizer family `title`: a role (`Phó Chủ tịch`), an optional qualifier
//! (`Thường trực`, `Dự khuyết`) and an optional body (`UBND tỉnh`), composed
//! at run time from `data/titles.tsv` and `data/bodies.tsv`; standalone titles
//! (`Tổng Bí thư`, `Tỉnh ủy viên`) and ranks (`Thiếu tướng`).

use super::names::{is_cap, next_word, prev_word, BodyMatch, RoleKind, Scan};
use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::label::Label;
use std::ops::Range;

#[derive(Debug)]
pub(crate) struct TitleRules {}

/// Lower-case body heads a title may take (`Xóm trưởng xóm Thanh Tân`,
/// `Trưởng đoàn ĐBQH`); other bodies inside a title are capitalized.
const LOWER_BODY_HEADS: &[&str] = &["xóm", "thôn", "đoàn", "tổ"];

/// Counts and determiners that may open a sentence before a lower-case post.
const COUNT_WORDS: &[&str] = &[
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "các", "những", "nhiều",
    "mấy",
];

impl TitleRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(TitleRules {})
    }

    /// Titles over the word scan `Rules::run` shares between the name families.
    // Out of line so that profiles show the family on its own.
    #[inline(never)]
    pub(crate) fn run(&self, sc: &Scan, _doc: &Doc, out: &mut Vec<Candidate>) {
        find_titles(sc, out);
    }
}

pub(crate) fn find_titles(sc: &Scan, out: &mut Vec<Candidate>) {
    let (t, lower) = (sc.text, sc.lower);
    for &start in sc.roles.starts() {
        // Only the longest reading is kept: plan every reading, build one.
        let mut best: Option<Plan> = None;
        for &(rend, idx) in sc.roles.at(start) {
            let kind = *sc.lex.roles.value(idx);
            if kind == RoleKind::Qualifier {
                continue;
            }
            if let Some(c) = plan(sc, start, rend, kind) {
                if best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        }
        let Some(c) = best else { continue };
        // Generic levels (`Chủ tịch UBND các cấp`, `Bí thư cấp ủy`) and the
        // generic `bầu cử đại biểu Quốc hội` are not titles.
        if let Some(n) = next_word(t, c.end) {
            // `các` + a kind of unit is generic; `Ban Quản lý dự án các khu
            // công nghiệp` is one body's name.
            let plural_units = &lower[n.clone()] == "các"
                && next_word(t, n.end).is_none_or(|m| !matches!(&lower[m], "khu" | "công"));
            if plural_units || &lower[n] == "cấp" {
                continue;
            }
        }
        // `bầu cử đại biểu ...` is generic; `Đại hội đại biểu ...` is a
        // congress; `Ban Bí thư` is a body, not the role `Bí thư`.
        if prev_word(lower, start).is_some_and(|p| matches!(&lower[p], "cử" | "hội" | "ban")) {
            continue;
        }
        // `Bộ Tư lệnh ...`, `Bộ Chỉ huy ...`: a command, not the commander.
        if prev_word(t, start).is_some_and(|p| &t[p] == "Bộ") {
            continue;
        }
        // A bare role after `các` is plural (`các ĐBQH`), unlike a post of a
        // named body held by several people (`các Ủy viên Ban Thường vụ Tỉnh ủy`).
        if c.body.is_none()
            && c.place.is_none()
            && prev_word(lower, start).is_some_and(|p| &lower[p] == "các")
        {
            continue;
        }
        out.push(build(sc, &c));
    }
}

/// One reading of a title at `start`: where its parts are, nothing built yet.
struct Plan {
    start: usize,
    /// End of the role phrase.
    rend: usize,
    kind: RoleKind,
    /// End of the title.
    end: usize,
    /// Where the part after the role (and qualifier) may start looking.
    pos: usize,
    qualifier: Option<Range<usize>>,
    /// The body's start and match.
    body: Option<(usize, BodyMatch)>,
    /// End of a province named alone (`Bí thư Quảng Ninh`).
    place: Option<usize>,
}

/// The title read with the role `start..rend` of `kind`, if it is one.
fn plan(sc: &Scan, start: usize, rend: usize, kind: RoleKind) -> Option<Plan> {
    let t = sc.text;
    let mut pos = rend;
    let mut qualifier = None;
    if let Some(w) = next_word(t, pos) {
        if let Some(&(qend, q)) = sc.roles.at(w.start).first() {
            if *sc.lex.roles.value(q) == RoleKind::Qualifier && qend > w.start {
                qualifier = Some(w.start..qend);
                pos = qend;
            }
        }
    }
    // The word after the role and qualifier, looked at by every reading below.
    let next = next_word(t, pos);
    let mut end = None;
    let mut body = None;
    if matches!(kind, RoleKind::Role | RoleKind::Rank) {
        end = Some(pos);
    }
    if kind != RoleKind::Rank {
        if let Some(w) = next.clone() {
            // A capitalized role may take a lower-case committee (`Bí thư chi
            // bộ`, `Bí thư đảng ủy xã`): one specific body written in lower case.
            let role_upper = t[start..].starts_with(char::is_uppercase);
            let head_ok = is_cap(t, &w)
                || LOWER_BODY_HEADS.contains(&&sc.lower[w.clone()])
                || (role_upper
                    && [
                        "chi bộ",
                        "đảng ủy",
                        "đảng bộ",
                        "huyện ủy",
                        "tỉnh ủy",
                        "thành ủy",
                    ]
                    .iter()
                    .any(|h| sc.lower[w.start..].starts_with(h)));
            if head_ok {
                if let Some(m) = sc.body_at(w.start, 1) {
                    if end.is_none_or(|e| m.end > e) {
                        end = Some(m.end);
                        body = Some((w.start, m));
                    }
                }
            }
            // `Bộ trưởng Quốc phòng`, `Thứ trưởng Nội vụ`: the ministry named
            // by its field alone, `Bộ` left out.
            if kind == RoleKind::Elided || (minister(sc, start, rend) && is_cap(t, &w)) {
                if let Some(m) = sc.elided_body(w.start) {
                    if end.is_none_or(|e| m.end > e) {
                        end = Some(m.end);
                        body = Some((w.start, m));
                    }
                }
            }
        }
    }
    // `Trợ lý Thủ tướng`, `Thư ký Chủ tịch nước`: an assistant's post names
    // the post assisted.
    if matches!(&sc.lower[start..rend], "trợ lý" | "thư ký") && body.is_none() {
        if let Some(w) = next.clone() {
            let bare = sc
                .roles
                .at(w.start)
                .iter()
                .find(|&&(_, i)| matches!(*sc.lex.roles.value(i), RoleKind::Role));
            if let Some(&(e, _)) = bare.filter(|_| is_cap(t, &w)) {
                end = Some(e);
            }
        }
    }
    // `Bí thư Quảng Ninh`, `Chủ tịch Hà Nội`: the province's post named by
    // the province alone (headlines, short references).
    let mut place = None;
    if body.is_none() && matches!(without_pho(&sc.lower[start..rend]), "bí thư" | "chủ tịch")
    {
        if let Some(w) = next.filter(|w| is_cap(t, w)) {
            let mut e = w.end;
            for _ in 0..4 {
                if sc.lex.is_province(&sc.lower[w.start..e]) {
                    place = Some(e);
                }
                match next_word(t, e) {
                    Some(n) if is_cap(t, &n) || &t[e..n.start] == " - " => e = n.end,
                    _ => break,
                }
            }
        }
        if let Some(e) = place {
            end = Some(e);
        }
    }
    let end = end?;
    let first_upper = t[start..].chars().next().is_some_and(char::is_uppercase);
    if !first_upper && body.is_none() {
        return None;
    }
    // A lower-case role right after a capitalized word is the tail of another
    // word (`Thủ trưởng`, `Phó trưởng`), not a title of its own.
    // A sentence-initial count or determiner is not such a word (`Sáu ủy viên
    // Bộ Chính trị`, `Các ủy viên Ban Bí thư`).
    if !first_upper
        && prev_word(t, start)
            .is_some_and(|p| is_cap(t, &p) && !COUNT_WORDS.contains(&&sc.lower[p]))
    {
        return None;
    }
    // A delegate (`đại biểu`) is a title only of an elected body.
    if sc.lower[start..rend].ends_with("đại biểu") {
        let b = body.map_or("", |(bs, m)| &sc.lower[bs..m.end]);
        let elected = b.starts_with("quốc hội")
            || b.starts_with("hđnd")
            || b.starts_with("hội đồng nhân dân");
        if !elected && (body.is_some() || !first_upper) {
            return None;
        }
    }
    Some(Plan {
        start,
        rend,
        kind,
        end,
        pos,
        qualifier,
        body,
        place,
    })
}

/// The candidate of a planned title, with its attributes.
fn build(sc: &Scan, p: &Plan) -> Candidate {
    let t = sc.text;
    let Plan {
        start,
        rend,
        kind,
        end,
        pos,
        ref qualifier,
        body,
        place,
    } = *p;
    let mut c = Candidate::new(start, end, Label::Title, "title/compose")
        .attr("role", t[start..rend].to_string());
    if kind == RoleKind::Rank {
        c = c.attr("rank", true);
    }
    if let Some(q) = qualifier {
        c = c.attr("qualifier", t[q.clone()].to_string());
    }
    // Standalone national posts are central; committee members by their committee.
    if body.is_none() {
        let r = without_pho(&sc.lower[start..rend]);
        let level = match r {
            "tổng bí thư"
            | "thủ tướng"
            | "chủ tịch nước"
            | "thường trực ban bí thư"
            | "bộ trưởng"
            | "thứ trưởng"
            | "đbqh"
            | "đại biểu quốc hội" => Some("central"),
            "tỉnh ủy viên" | "thành ủy viên" => Some("province"),
            "huyện ủy viên" | "quận ủy viên" | "thị ủy viên" => Some("district"),
            _ => None,
        };
        if let Some(l) = level {
            c = c.attr("level", l);
        }
    }
    if let Some(e) = place {
        let p = &t[next_word(t, pos).map_or(e, |w| w.start)..e];
        c = c.attr("body", p.to_string()).attr("level", "province");
    }
    if let Some((bs, m)) = body {
        let mut name = sc.canonical(bs, m.end);
        // `Trưởng ban Tuyên giáo Tỉnh ủy`: the body is `Ban Tuyên giáo Tỉnh ủy`.
        if (kind == RoleKind::Elided || minister(sc, start, rend)) && sc.bodies.at(bs).is_empty() {
            let role_l = &sc.lower[start..rend];
            let head = if role_l.ends_with("phòng") {
                "Phòng "
            } else if minister(sc, start, rend) {
                "Bộ "
            } else {
                "Ban "
            };
            name.insert_str(0, head);
        }
        c = c.attr("body", name);
        if let Some(l) = m.level {
            c = c.attr("level", l);
        }
    }
    c
}

/// `Bộ trưởng` / `Thứ trưởng` (with `Phó`): may name the ministry by its field.
fn minister(sc: &Scan, start: usize, rend: usize) -> bool {
    matches!(
        without_pho(&sc.lower[start..rend]),
        "bộ trưởng" | "thứ trưởng"
    )
}

/// `s.trim_start_matches("phó ")`, by prefix tests (a `&str` pattern sets
/// up a two-way searcher on every call).
fn without_pho(s: &str) -> &str {
    let mut r = s;
    while let Some(rest) = r.strip_prefix("phó ") {
        r = rest;
    }
    r
}

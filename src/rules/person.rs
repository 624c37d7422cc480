//! Recognizer family `person`: a capitalized run of 1–5 words is a name only
//! with evidence: a family name (`data/surnames.tsv`), an honorific before it
//! (`đồng chí`, `ông`, `bà`, academic titles), a TITLE right before it, a
//! dash or comma and a TITLE right after it, or a credit/byline position.
//! The family runs last: titles, bodies and places found earlier stop a run.

use super::names::{self, is_all_caps, is_cap, Lexicon};
use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::label::Label;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug)]
pub(crate) struct PersonRules {
    lex: Arc<Lexicon>,
}

/// Honorifics and academic titles before a name (lower-cased), never inside it.
const HONORIFICS: &[&str] = &[
    "đồng chí",
    "đ/c",
    "ông",
    "bà",
    "anh",
    "chị",
    "cụ",
    "bác",
    "tiến sĩ",
    "tiến sỹ",
    "thạc sĩ",
    "giáo sư",
    "phó giáo sư",
    "gs",
    "ts",
    "pgs",
    "ths",
    "pgs.ts",
    "gs.ts",
    "ts.",
    "cử tri",
    "nhà báo",
    "nhà thơ",
    "nhà văn",
    "thượng tọa",
    "hòa thượng",
    "đồng chí:",
];

/// Place words before a capitalized name (lower-cased).
const PLACE_WORDS: &[&str] = &[
    "đường",
    "phố",
    "quốc lộ",
    "cầu",
    "tp.",
    "tp",
    "thành phố",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
    "thị xã",
    "thị trấn",
    "thôn",
    "xóm",
    "bản",
    "ấp",
    "làng",
    "sông",
    "núi",
];

/// Academic titles: before a name only when capitalized (`Tiến sĩ Hiệu`).
const ACADEMIC: &[&str] = &["tiến sĩ", "tiến sỹ", "thạc sĩ", "giáo sư", "phó giáo sư"];

/// One-word fields of a degree (`Tiến sĩ Luật`).
const FIELD_WORDS: &[&str] = &["luật", "y", "dược", "toán", "sử"];
/// Second syllables of a degree's field (`Triết học`, `Kinh tế`, `Quan hệ`).
const FIELD_TAILS: &[&str] = &[
    "học", "tế", "trị", "lý", "sử", "thuật", "nghiệp", "dục", "hệ", "văn", "chính", "ngữ",
];

/// Capitalized honorifics that open a run (`Ông Nguyễn Văn An`).
const LEAD_HONORIFICS: &[&str] = &[
    "ông", "bà", "anh", "chị", "cụ", "bác", "gs", "ts", "pgs", "ths",
];

/// Credit lead-ins: the name after them is a person (when it is not initials).
const CREDITS: &[&str] = &[
    "ảnh:",
    "tác giả:",
    "bài, ảnh:",
    "bài và ảnh:",
    "bài:",
    "ảnh minh họa:",
];

/// Per-byte facts of the text: covered by an earlier candidate; a TITLE
/// ends / starts here (one spare byte: `end + 1` is looked up).
struct Flags {
    covered: Vec<bool>,
    edges: Vec<u8>,
}
const TITLE_END: u8 = 1;
const TITLE_START: u8 = 2;

impl Flags {
    #[inline]
    fn covered(&self, pos: usize) -> bool {
        self.covered.get(pos).copied().unwrap_or(false)
    }
    #[inline]
    fn has(&self, pos: usize, edge: u8) -> bool {
        self.edges.get(pos).is_some_and(|f| f & edge != 0)
    }
}

impl PersonRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(PersonRules {
            lex: names::lexicon()?,
        })
    }

    /// Names over the word scan `Rules::run` shares between the name families;
    /// where a body or role starts (`Trung ương`, `Hội`), a name stops.
    // Out of line so that profiles show the family on its own.
    #[inline(never)]
    pub(crate) fn run(&self, sc: &names::Scan, doc: &Doc, out: &mut Vec<Candidate>) {
        let t = doc.text();
        let lower = doc.lower();
        // Bytes covered by earlier candidates stop a run; TITLE edges are
        // evidence.
        let mut covered = vec![false; t.len() + 1];
        let mut edges = vec![0u8; t.len() + 2];
        for c in out.iter() {
            covered[c.start..c.end].fill(true);
            if c.label == Label::Title {
                edges[c.end] |= TITLE_END;
                edges[c.start] |= TITLE_START;
            }
        }
        let flags = Flags { covered, edges };
        for r in &doc.scan.authors {
            if r.start < r.end && r.end <= t.len() {
                out.push(Candidate::new(r.start, r.end, Label::Per, "person/byline"));
            }
        }
        let authors = &doc.scan.authors;
        // Whether the word at `pos` opens a body other than a named one.
        let opens_body = |pos: usize| {
            sc.bodies
                .at(pos)
                .iter()
                .any(|&(_, b)| self.lex.bodies.value(b).kind != names::BodyKind::Named)
        };
        let mut found = Vec::new();
        let mut run: Vec<Range<usize>> = Vec::with_capacity(6);
        // Runs open only on capitalized words: jump from one to the next. A
        // run continues over single spaces only, so it never crosses a line.
        debug_assert!(names::cap_starts_agree(t));
        let mut at = 0;
        while let Some(s) = names::next_cap_start(t, at) {
            // A word opening a body or role (`Đoàn Kiểm tra`) opens no name.
            // (No word starts inside this one: the scan may go on from `s + 1`.)
            if flags.covered(s) || opens_body(s) {
                at = s + 1;
                continue;
            }
            let Some(w) = names::word_at(t, s) else {
                break;
            };
            run.clear();
            run.push(w);
            while run.len() < 6 {
                let Some(nw) = names::next_word(t, run[run.len() - 1].end) else {
                    break;
                };
                if is_cap(t, &nw)
                    && !flags.covered(nw.start)
                    && !opens_body(nw.start)
                    && !sc.roles.has(nw.start)
                {
                    run.push(nw);
                } else {
                    break;
                }
            }
            // The word that ended the run is looked at again as a start.
            at = run[run.len() - 1].end;
            if let Some(span) = self.judge(t, lower, &run, &flags) {
                if !authors
                    .iter()
                    .any(|a| a.start < span.end && span.start < a.end)
                {
                    found.push(span);
                }
            }
        }
        for s in found {
            out.push(Candidate::new(s.start, s.end, Label::Per, "person/name"));
        }
    }

    /// The name inside a capitalized run, if the context gives evidence for one.
    fn judge(
        &self,
        t: &str,
        lower: &str,
        run: &[Range<usize>],
        flags: &Flags,
    ) -> Option<Range<usize>> {
        let mut run = run;
        let mut honorific = false;
        // `Ông Nguyễn Văn An`: a capitalized honorific opens the run.
        // `... tỉnh Quảng Ninh Nguyễn Xuân Ký`, `Bà Rịa`: a place opening the
        // run is not part of a name.
        for k in (1..=run.len().min(4)).rev() {
            if self.lex.is_province(&lower[run[0].start..run[k - 1].end]) {
                run = &run[k..];
                break;
            }
        }
        if run.is_empty() {
            return None;
        }
        let mut lead = 0;
        let first = run[0].start;
        loop {
            if run.len() > 1 && LEAD_HONORIFICS.contains(&&lower[run[0].clone()]) {
                run = &run[1..];
            } else if run.len() > 2 && &lower[run[0].start..run[1].end] == "đồng chí" {
                // `ĐỒNG CHÍ TRẦN VĂN BÌNH` in an all-caps line.
                run = &run[2..];
            } else {
                break;
            }
            lead = run[0].start - first;
            honorific = true;
        }
        if run.len() > 5 || run.is_empty() {
            return None;
        }
        let start = run[0].start;
        let end = run[run.len() - 1].end;
        // The text before the run, trailing spaces off. The phrases looked
        // for there hold no `\n`, so they end the line exactly when they end
        // `before` (no need to cut the line out).
        let before = lower[..start].trim_end_matches(' ');
        honorific = honorific
            || HONORIFICS.iter().any(|h| {
                if !ends_with(before, h) {
                    return false;
                }
                let head = &before[..before.len() - h.len()];
                // A lower-case degree (`tiến sĩ Luật`) is not a title before a name.
                let degree =
                    ACADEMIC.contains(h) && t[head.len()..].starts_with(char::is_lowercase);
                !degree
                    && head
                        .chars()
                        .next_back()
                        .is_none_or(|c| !crate::segment::is_word_char(c))
            });
        let after_title = start
            .checked_sub(1)
            .is_some_and(|p| flags.has(p, TITLE_END) && matches!(t.as_bytes()[p], b' ' | b'\n'));
        let rest = &t[end..];
        let before_title = [" - ", ", ", " – ", " (", ": "]
            .iter()
            .any(|sep| rest.starts_with(sep) && flags.has(end + sep.len(), TITLE_START))
            || (rest.starts_with(" - nguyên ") || rest.starts_with(", nguyên "))
            || flags.has(end + 1, TITLE_START) && rest.starts_with(" tân ");
        let credit = CREDITS.iter().any(|c| ends_with(before, c));
        let all_caps = run.iter().all(|w| is_all_caps(t, w));
        let name_l = &lower[start..end];
        let surname = self.lex.surname(&lower[run[0].clone()]);
        let by_surname = match surname {
            Some(true) => (2..=5).contains(&run.len()),
            Some(false) => (3..=5).contains(&run.len()),
            None => false,
        };
        if credit {
            // Initials (`MT`, `N.H`) and `CTV` are not names.
            return (run.len() >= 2 && !(all_caps && run.iter().all(|w| w.len() <= 3)))
                .then_some(start..end);
        }
        // An all-caps run is a name only after an honorific: in an all-caps
        // headline the name's end cannot be told (`TỔNG BÍ THƯ TÔ LÂM THĂM`).
        if all_caps && !honorific {
            return None;
        }
        // `Bà Rịa`, `Thái Lan`: a known place is a name only with strong evidence.
        let place = self.lex.is_province(name_l)
            || (run.len() >= 2
                && self
                    .lex
                    .is_province(&lower[run[0].start - lead..run[1].end]));
        // `Chủ tịch Hồ Chí Minh` is the one place-named person after a title.
        if place && !(after_title && name_l == "hồ chí minh") {
            return None;
        }
        // A name right after a place word is a place (`đường Hồ Chí Minh`).
        let after_place = lower[..run[0].start].strip_suffix(' ').is_some_and(|b| {
            PLACE_WORDS.iter().any(|w| {
                ends_with(b, w)
                    && b[..b.len() - w.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !crate::segment::is_word_char(c))
            })
        });
        if after_place && !(honorific || after_title || before_title) {
            return None;
        }
        // `Tiến sĩ Triết học`, `Thạc sĩ Quan hệ quốc tế`, `Tiến sĩ Luật`: a
        // degree's field, not a short name.
        if run.len() == 1 && ACADEMIC.iter().any(|h| ends_with(before, h)) {
            let w = &lower[start..end];
            let next = lower[end..]
                .strip_prefix(' ')
                .map(|r| r.split([' ', ',', '.', ';', ')']).next().unwrap_or(""));
            if FIELD_WORDS.contains(&w) || next.is_some_and(|n| FIELD_TAILS.contains(&n)) {
                return None;
            }
        }
        if honorific || after_title || before_title || by_surname {
            // A single word is a name only after an honorific (`ông Sơn`).
            if run.len() == 1 && (!honorific || all_caps) {
                return None;
            }
            return Some(start..end);
        }
        None
    }
}

/// `s.ends_with(suffix)`, compared from the last byte: against the word
/// lists above nearly every test fails there, without a `memcmp` call.
#[inline]
fn ends_with(s: &str, suffix: &str) -> bool {
    let (s, x) = (s.as_bytes(), suffix.as_bytes());
    s.len() >= x.len() && s.last() == x.last() && s[s.len() - x.len()..] == *x
}

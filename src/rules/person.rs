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
use crate::segment::words;
use std::collections::HashSet;
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

impl PersonRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(PersonRules {
            lex: names::lexicon()?,
        })
    }

    /// Names over the word scan `Rules::run` shares between the name families;
    /// where a body or role starts (`Trung ương`, `Hội`), a name stops.
    pub(crate) fn run(&self, sc: &names::Scan, doc: &Doc, out: &mut Vec<Candidate>) {
        let t = doc.text();
        let lower = doc.lower();
        // Bytes covered by earlier candidates stop a run; TITLE edges are evidence.
        let mut covered = vec![false; t.len() + 1];
        let mut title_ends = HashSet::new();
        let mut title_starts = HashSet::new();
        for c in out.iter() {
            for b in &mut covered[c.start..c.end] {
                *b = true;
            }
            if c.label == Label::Title {
                title_ends.insert(c.end);
                title_starts.insert(c.start);
            }
        }
        for r in &doc.scan.authors {
            if r.start < r.end && r.end <= t.len() {
                out.push(Candidate::new(r.start, r.end, Label::Per, "person/byline"));
            }
        }
        let authors: Vec<Range<usize>> = doc.scan.authors.clone();
        let mut found = Vec::new();
        for line in &doc.seg.lines {
            let ws: Vec<Range<usize>> = words(t, line.clone()).collect();
            let mut i = 0;
            while i < ws.len() {
                // A word opening a body or role (`Đoàn Kiểm tra`) opens no name.
                let opens_body = sc
                    .bodies
                    .at(ws[i].start)
                    .iter()
                    .any(|&(_, b)| self.lex.bodies.value(b).kind != names::BodyKind::Named);
                if !is_cap(t, &ws[i]) || covered[ws[i].start] || opens_body {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < ws.len()
                    && j - i < 6
                    && &t[ws[j - 1].end..ws[j].start] == " "
                    && is_cap(t, &ws[j])
                    && !covered[ws[j].start]
                    && sc
                        .bodies
                        .at(ws[j].start)
                        .iter()
                        .all(|&(_, b)| self.lex.bodies.value(b).kind == names::BodyKind::Named)
                    && sc.roles.at(ws[j].start).is_empty()
                {
                    j += 1;
                }
                if let Some(span) = self.judge(t, lower, &ws[i..j], &title_ends, &title_starts) {
                    if !authors
                        .iter()
                        .any(|a| a.start < span.end && span.start < a.end)
                    {
                        found.push(span);
                    }
                }
                i = j;
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
        title_ends: &HashSet<usize>,
        title_starts: &HashSet<usize>,
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
        let before = lower[..start].trim_end_matches(' ');
        let before_line = before.rsplit('\n').next().unwrap_or("");
        honorific = honorific
            || HONORIFICS.iter().any(|h| {
                let Some(head) = before_line.strip_suffix(h) else {
                    return false;
                };
                // A lower-case degree (`tiến sĩ Luật`) is not a title before a name.
                let degree = ACADEMIC.contains(h)
                    && t[head.len() + (before.len() - before_line.len())..]
                        .starts_with(char::is_lowercase);
                !degree
                    && head
                        .chars()
                        .next_back()
                        .is_none_or(|c| !crate::segment::is_word_char(c))
            });
        let after_title = start
            .checked_sub(1)
            .is_some_and(|p| title_ends.contains(&p) && matches!(t.as_bytes()[p], b' ' | b'\n'));
        let rest = &t[end..];
        let before_title = [" - ", ", ", " – ", " (", ": "]
            .iter()
            .any(|sep| rest.starts_with(sep) && title_starts.contains(&(end + sep.len())))
            || (rest.starts_with(" - nguyên ") || rest.starts_with(", nguyên "))
            || title_starts.contains(&(end + 1)) && rest.starts_with(" tân ");
        let credit = CREDITS.iter().any(|c| before_line.ends_with(c));
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
        let after_place = PLACE_WORDS.iter().any(|w| {
            lower[..run[0].start]
                .strip_suffix(' ')
                .and_then(|b| b.strip_suffix(w))
                .is_some_and(|b| {
                    b.chars()
                        .next_back()
                        .is_none_or(|c| !crate::segment::is_word_char(c))
                })
        });
        if after_place && !(honorific || after_title || before_title) {
            return None;
        }
        // `Tiến sĩ Triết học`, `Thạc sĩ Quan hệ quốc tế`, `Tiến sĩ Luật`: a
        // degree's field, not a short name.
        if run.len() == 1 && ACADEMIC.iter().any(|h| before_line.ends_with(h)) {
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

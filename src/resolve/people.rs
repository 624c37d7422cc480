//! People: titles tied to names (`of`), mentions of one person merged.
//!
//! One pass over the entities sorted by start: a run of TITLEs chained by
//! `, ` / ` - ` / ` kiêm ` is tied to the PER right after it (`TITLE NAME`,
//! `đồng chí T1, T2 NAME`, across a line break) or else to the PER right
//! before it (`NAME - T1, T2`, `NAME, T`, `NAME tân T`). Coreference goes into
//! the records only, never into `of`: names keyed by their lower-cased letters
//! (`A Pớt` = `APớt`), short names (`ông Sơn`) to the one full name ending so,
//! and a bare title to the one person holding it.

use super::fold;
use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::label::Label;
use crate::span::Span;
use serde::Serialize;
use std::collections::HashMap;

/// One person mentioned in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// The fullest form of the name in the text.
    pub name: String,
    /// Every title tied to the person, deduplicated, in order of first mention.
    pub titles: Vec<HeldTitle>,
    /// Byte spans of every mention of the name.
    pub mentions: Vec<Span>,
}

/// A title held by a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldTitle {
    /// The title as written.
    pub text: String,
    /// The role (`Phó Chủ tịch`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `Thường trực` / `Dự khuyết`, when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The body, abbreviations expanded (`Ủy ban nhân dân tỉnh`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `central` / `province` / `district` / `commune`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Byte spans of the title mentions tied to the person.
    pub mentions: Vec<Span>,
}

/// Between two chained titles of one person.
const CHAIN: &[&str] = &[
    ", ",
    " - ",
    " kiêm ",
    ", kiêm ",
    " - kiêm ",
    ", nguyên ",
    " nguyên ",
    " - nguyên ",
    "; ",
];
/// Between a name and the first title after it.
const NAME_TITLE: &[&str] = &[
    " - ",
    ", ",
    " (",
    " tân ",
    ", tân ",
    " - tân ",
    ", nguyên ",
    " - nguyên ",
    " nguyên ",
    " kiêm ",
    ": ",
    // `Ông NAME Trưởng ban ... phát biểu` (captions): apposition without a comma.
    " ",
];
/// Between the last title of a chain and the name after it.
const TITLE_NAME: &[&str] = &[" ", "\n", " cố ", " nguyên "];
/// A word before a title that makes it a predicate or a shared/plural post:
/// `giữ chức Y`, `là Y`, `các Ủy viên ...`, `trên cương vị Y`.
const NO_TIE_BEFORE: &[&str] = &[
    "chức", "vụ", "danh", "là", "làm", "các", "vị", "vào", "nhiệm", "những", "cử", "lại",
];

fn gap<'a>(t: &'a str, a: &Candidate, b: &Candidate) -> &'a str {
    if b.start >= a.end {
        &t[a.end..b.start]
    } else {
        ""
    }
}

fn name_key(s: &str) -> String {
    fold::alnum_key(s)
}

fn word_before(lower: &str, start: usize) -> &str {
    let s = lower[..start].trim_end_matches(' ');
    let i = s.rfind([' ', '\n', '(']).map_or(0, |i| i + 1);
    &s[i..]
}

/// Sets `of` on tied TITLEs, then builds one record per person.
pub(crate) fn link(doc: &Doc, ents: &mut [Candidate]) -> Vec<Person> {
    let t = doc.text();
    let lower = doc.lower();
    let mut ties: Vec<(usize, usize)> = Vec::new(); // (title index, per index)
    let n = ents.len();
    let mut i = 0;
    while i < n {
        if ents[i].label != Label::Title {
            i += 1;
            continue;
        }
        // The chain of titles i..=j.
        let mut j = i;
        while let Some(nx) = next_in_chain(t, ents, j) {
            // After `; ` a new item may start: `A, T1; T2 B` gives T2 to B.
            if gap(t, &ents[nx - 1], &ents[nx]) == "; " && opens_item(t, ents, nx) {
                break;
            }
            j = nx;
        }
        let mut holder = None;
        // Forward ties never cross a `;` (items of a list) and never start
        // after a plural or predicate word.
        let before = word_before(lower, ents[i].start);
        let forward_ok = (i..j).all(|k| gap(t, &ents[k], &ents[k + 1]) != "; ")
            // `là TITLE NAME` (`hai ủy viên là Bộ trưởng Bộ Y tế NAME`) is an
            // apposition to the name; `là TITLE` alone is a predicate.
            && (!NO_TIE_BEFORE.contains(&before)
                || (before == "là" && j + 1 < n && ents[j + 1].label == Label::Per))
            && !lower[..ents[i].start].trim_end().ends_with("các đồng chí")
            // `Trợ lý Thủ tướng NAME`: the name is the one assisted.
            && !attr_str(&ents[j], "role").is_some_and(|r| {
                fold::lower_starts_with(r, "trợ lý") || fold::lower_starts_with(r, "thư ký")
            });
        // TITLE NAME: the last title right before a name.
        if forward_ok
            && j + 1 < n
            && ents[j + 1].label == Label::Per
            && TITLE_NAME.contains(&gap(t, &ents[j], &ents[j + 1]))
        {
            // One title before several names (`Phó Chủ tịch UBND tỉnh A và B`)
            // is shared: it ties nobody.
            let shared = j + 2 < n
                && ents[j + 2].label == Label::Per
                && matches!(gap(t, &ents[j + 1], &ents[j + 2]), " và " | ", ");
            if !shared {
                holder = Some(j + 1);
            }
        }
        // NAME - TITLE, NAME, TITLE: the first title right after a name.
        if holder.is_none() && i > 0 && ents[i - 1].label == Label::Per {
            let g = gap(t, &ents[i - 1], &ents[i]);
            // A shared title before a list (`các Ủy viên ...: A, B`) ties nothing.
            let shared = t[ents[j].end..].starts_with(':');
            if NAME_TITLE.contains(&g) && !shared {
                holder = Some(i - 1);
            }
        }
        // `T1, T2 - NAME`: a chain closed by a dash and the name.
        if holder.is_none()
            && forward_ok
            && j + 1 < n
            && ents[j + 1].label == Label::Per
            && gap(t, &ents[j], &ents[j + 1]) == " - "
        {
            holder = Some(j + 1);
        }
        if let Some(h) = holder {
            // In a `TITLE NAME` chain, titles before the first one that is
            // itself predicate-like stay untied; the whole chain shares the holder.
            for k in (i..=j).filter(|&k| ents[k].label == Label::Title) {
                ties.push((k, h));
            }
        }
        i = j + 1;
    }
    for &(k, h) in &ties {
        let name = t[ents[h].start..ents[h].end].to_string();
        ents[k].attrs.insert("of", name);
    }
    records(doc, ents)
}

/// The next title chained to the title at `j`: right after it (`T1, T2`), or
/// after the term of the first (`Ủy viên Trung ương Đảng khóa 13, Bí thư ...`).
fn next_in_chain(t: &str, ents: &[Candidate], j: usize) -> Option<usize> {
    let n = ents.len();
    let mut k = j + 1;
    if k + 1 < n
        && ents[k].label == Label::Term
        && gap(t, &ents[j], &ents[k]) == " "
        && ents[k + 1].label == Label::Title
    {
        k += 1;
    }
    (k < n && ents[k].label == Label::Title && CHAIN.contains(&gap(t, &ents[k - 1], &ents[k])))
        .then_some(k)
}

/// Whether the titles from `k` (chained without `;`) end right before a name.
fn opens_item(t: &str, ents: &[Candidate], k: usize) -> bool {
    let mut e = k;
    while let Some(nx) = next_in_chain(t, ents, e) {
        if gap(t, &ents[nx - 1], &ents[nx]) == "; " {
            break;
        }
        e = nx;
    }
    e + 1 < ents.len()
        && ents[e + 1].label == Label::Per
        && TITLE_NAME.contains(&gap(t, &ents[e], &ents[e + 1]))
}

fn attr_str<'c>(c: &'c Candidate, k: &str) -> Option<&'c str> {
    c.attrs.get(k).and_then(|v| v.as_str())
}

fn records(doc: &Doc, ents: &[Candidate]) -> Vec<Person> {
    let t = doc.text();
    let mut people: Vec<Person> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut short: Vec<(usize, String)> = Vec::new();
    // Full names (2+ words) first, so short names can find them.
    for (idx, c) in ents.iter().enumerate() {
        if c.label != Label::Per {
            continue;
        }
        let text = &t[c.start..c.end];
        if !text.contains(' ') && text.chars().count() < 6 {
            short.push((idx, name_key(text)));
            continue;
        }
        add_mention(doc, &mut people, &mut by_key, name_key(text), c);
    }
    // A short name joins the one person whose name ends with it.
    let mut last: HashMap<String, Option<usize>> = HashMap::new();
    for (p, person) in people.iter().enumerate() {
        let l = person
            .name
            .rsplit(' ')
            .next()
            .map(name_key)
            .unwrap_or_default();
        last.entry(l)
            .and_modify(|e| {
                if *e != Some(p) {
                    *e = None
                }
            })
            .or_insert(Some(p));
    }
    for (idx, key) in short {
        let c = &ents[idx];
        match last.get(&key) {
            Some(Some(p)) => people[*p].mentions.push(doc.orig_span(c.start, c.end)),
            _ => add_mention(doc, &mut people, &mut by_key, key, c),
        }
    }
    // Titles tied by `of`.
    let mut holders: HashMap<String, Vec<usize>> = HashMap::new();
    // The lower-cased text of each person's titles, as in `titles`.
    let mut title_keys: Vec<Vec<String>> = vec![Vec::new(); people.len()];
    for c in ents.iter().filter(|c| c.label == Label::Title) {
        let Some(of) = attr_str(c, "of") else {
            continue;
        };
        let key = name_key(of);
        let p = match by_key.get(&key) {
            Some(&p) => p,
            None => match last.get(&key) {
                Some(Some(p)) => *p,
                _ => continue,
            },
        };
        let text = &t[c.start..c.end];
        let tkey = fold::lower(text);
        add_title(doc, &mut people[p], &mut title_keys[p], c, text, &tkey);
        let hs = holders.entry(tkey).or_default();
        if !hs.contains(&p) {
            hs.push(p);
        }
    }
    // A bare title refers to the one person holding it in the article.
    for c in ents.iter().filter(|c| c.label == Label::Title) {
        // Plural mentions (`Các Phó Chủ tịch UBND tỉnh: ...`) refer to nobody.
        if c.attrs.contains_key("of")
            || matches!(word_before(doc.lower(), c.start), "các" | "những")
        {
            continue;
        }
        let text = &t[c.start..c.end];
        let tkey = fold::lower(text);
        if let Some([p]) = holders.get(&tkey).map(Vec::as_slice) {
            add_title(doc, &mut people[*p], &mut title_keys[*p], c, text, &tkey);
        }
    }
    for p in &mut people {
        p.mentions.sort();
        for h in &mut p.titles {
            h.mentions.sort();
        }
    }
    people
}

fn add_mention(
    doc: &Doc,
    people: &mut Vec<Person>,
    by_key: &mut HashMap<String, usize>,
    key: String,
    c: &Candidate,
) {
    let text = &doc.text()[c.start..c.end];
    let span = doc.orig_span(c.start, c.end);
    match by_key.get(&key) {
        Some(&p) => {
            // The fullest written form names the record (`A Pớt` over `APớt`).
            if text.chars().count() > people[p].name.chars().count() {
                people[p].name = text.to_string();
            }
            people[p].mentions.push(span);
        }
        None => {
            by_key.insert(key, people.len());
            people.push(Person {
                name: text.to_string(),
                titles: Vec::new(),
                mentions: vec![span],
            });
        }
    }
}

/// Ties the title `c` (`text`, lower-cased `key`) to `p`; `keys` are the
/// lower-cased texts of `p.titles`, kept alongside so none is lower-cased twice.
fn add_title(
    doc: &Doc,
    p: &mut Person,
    keys: &mut Vec<String>,
    c: &Candidate,
    text: &str,
    key: &str,
) {
    let span = doc.orig_span(c.start, c.end);
    if let Some(i) = keys.iter().position(|k| k == key) {
        let h = &mut p.titles[i];
        if !h.mentions.contains(&span) {
            h.mentions.push(span);
        }
        return;
    }
    let owned = |k| attr_str(c, k).map(str::to_string);
    keys.push(key.to_string());
    p.titles.push(HeldTitle {
        text: text.to_string(),
        role: owned("role"),
        qualifier: owned("qualifier"),
        body: owned("body"),
        level: owned("level"),
        mentions: vec![span],
    });
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Label};

    fn people(text: &str) -> Vec<super::Person> {
        Extractor::builder()
            .labels([Label::Per, Label::Title, Label::Org])
            .build()
            .unwrap()
            .extract(text)
            .people
    }

    #[test]
    fn one_record_per_person_with_every_title() {
        let p = people(
            "Đồng chí A Pớt - Bí thư Huyện ủy, Chủ tịch HĐND huyện phát biểu. \
             Bí thư Huyện ủy A Pớt nhấn mạnh. Đồng chí APớt cảm ơn. Bí thư Huyện ủy kết luận.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].name, "A Pớt");
        assert_eq!(p[0].mentions.len(), 3);
        let titles: Vec<_> = p[0].titles.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(titles, ["Bí thư Huyện ủy", "Chủ tịch HĐND huyện"]);
        // Tied twice, plus the bare title that only he holds.
        assert_eq!(p[0].titles[0].mentions.len(), 3);
        assert_eq!(
            p[0].titles[1].body.as_deref(),
            Some("Hội đồng nhân dân huyện")
        );
    }

    #[test]
    fn bare_title_held_by_two_people_stays_unresolved() {
        let p = people(
            "Phó Chủ tịch UBND tỉnh Lê Văn Hùng và Phó Chủ tịch UBND tỉnh Trần Thị Lan dự. \
             Phó Chủ tịch UBND tỉnh phát biểu.",
        );
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|x| x.titles[0].mentions.len() == 1), "{p:?}");
    }

    #[test]
    fn short_name_joins_the_full_name() {
        let p = people("Ông Nguyễn Xuân Sơn, Chủ tịch HĐND tỉnh cho biết. Ông Sơn nói thêm.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].mentions.len(), 2);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for s in [
            "",
            "(",
            "Ông",
            "Bí thư",
            " - ",
            "Ảnh:",
            "Các đồng chí:",
            "ĐBQH (",
            "Sở ",
            "Ủy ban Kiểm tra (",
            "Ban Thường vụ Tỉnh ủy (ABC",
            "Tổng Bí thư\n",
            "A\u{300}",
            "BÍ THƯ TỈNH ỦY NGUYỄN VĂN A",
            "Bí thư Tỉnh ủy, , - ; Nguyễn",
        ] {
            let _ = people(s);
        }
    }
}

#[cfg(test)]
mod robustness {
    use crate::Extractor;

    /// Every window of the fixtures (cut at arbitrary characters, so names,
    /// titles and brackets are cut anywhere) extracts without panicking.
    #[test]
    fn windows_of_fixtures_do_not_panic() {
        let ex = Extractor::new();
        for src in [
            include_str!("../../fixtures/people_hoi_nghi.txt"),
            include_str!("../../fixtures/people_dan_toc.txt"),
            include_str!("../../fixtures/people_traps.txt"),
        ] {
            let idx: Vec<usize> = src.char_indices().map(|(i, _)| i).collect();
            for (k, &a) in idx.iter().enumerate().step_by(7) {
                for &b in idx[k..].iter().step_by(53).take(12) {
                    let _ = ex.extract(&src[a..b]);
                }
            }
        }
    }
}

#[cfg(test)]
mod seeds {
    use crate::Extractor;
    use std::collections::BTreeSet;

    /// Strips `[[LABEL|text|attrs]]` markup; returns the text and the
    /// (holder key, title lower-case) pairs of every TITLE with `of`.
    fn parse(ann: &str) -> (String, BTreeSet<(String, String)>) {
        let body: String = ann
            .lines()
            .filter(|l| !l.starts_with("#meta "))
            .collect::<Vec<_>>()
            .join("\n");
        let (mut text, mut pairs) = (String::new(), BTreeSet::new());
        let mut rest = body.as_str();
        while let Some(i) = rest.find("[[") {
            text.push_str(&rest[..i]);
            let Some(j) = rest[i..].find("]]") else { break };
            let inner = &rest[i + 2..i + j];
            let mut parts = inner.splitn(3, '|');
            let (label, surface) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            text.push_str(surface);
            if label == "TITLE" {
                for kv in parts.next().unwrap_or("").split(';') {
                    if let Some(of) = kv.strip_prefix("of=") {
                        pairs.insert((super::name_key(of), surface.to_lowercase()));
                    }
                }
            }
            rest = &rest[i + j + 2..];
        }
        text.push_str(rest);
        (text, pairs)
    }

    /// Each seed's gold person–title pairs are found in the `people` records
    /// (every title tied to a person lands in that person's record). Runs when
    /// the shared gold is checked out next to the crate.
    #[test]
    fn seed_people_records_hold_the_gold_pairs() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/gold/dev");
        let ex = Extractor::new();
        for n in 0..5 {
            let Ok(ann) = std::fs::read_to_string(format!("{dir}/seed_{n:03}.ann")) else {
                continue;
            };
            let (text, gold) = parse(&ann);
            let out = ex.extract(&text);
            let mut got = BTreeSet::new();
            for p in &out.people {
                for t in &p.titles {
                    got.insert((super::name_key(&p.name), t.text.to_lowercase()));
                }
            }
            let missing: Vec<_> = gold.difference(&got).collect();
            assert!(missing.is_empty(), "seed_{n:03}: missing {missing:?}");
        }
    }
}

//! Documents: mentions of one document merged, short forms resolved.
//!
//! Each `DOC` entity is resolved in this order: a full identifier stands for
//! itself; a short form (`Chỉ thị 05 của Bộ Chính trị`, `Nghị quyết số 02
//! của Tỉnh ủy`, `Nghị định 46`) takes the identifier of a full form of the
//! same kind and number in the article, else one built from its issuer
//! (`của Tỉnh ủy` → `/TU`), else a central document of the catalog; a plenum
//! reference takes the resolutions of that plenum (written in the article,
//! else from the catalog); a lone back-reference (`Thông tư này`) takes the
//! nearest document of its kind. Numbers recur every term, so a catalog
//! choice is made by explicit date, then term or plenum, then issuer, then
//! the article's date; when nothing decides, the record lists the
//! candidates and says it is ambiguous.

use super::fold::lower;
use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::extractor::Config;
use crate::gazetteer::parse_tsv;
use crate::label::Label;
use crate::rules::docref::tables;
use crate::span::Span;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

const CENTRAL_TSV: &str = include_str!("../../data/central_docs.tsv");

/// The header of a document catalog TSV (see `data/README.md`).
pub const CATALOG_HEADER: [&str; 8] = [
    "id",
    "kind",
    "date",
    "term",
    "plenum",
    "issuer",
    "title",
    "confidence",
];

/// Central Committee terms and when they ran (`CENTRAL_DOCS.json`,
/// `term_periods`): a year-month interval per term.
const TERMS: [(&str, &str, &str); 6] = [
    ("IX", "2001-04", "2006-04"),
    ("X", "2006-04", "2011-01"),
    ("XI", "2011-01", "2016-01"),
    ("XII", "2016-01", "2021-02"),
    ("XIII", "2021-02", "2026-01"),
    ("XIV", "2026-01", "9999-12"),
];

/// The Central Committee term running at ISO date `d` (`2020-11-12` → `XII`).
pub(crate) fn term_at(d: &str) -> Option<&'static str> {
    let ym = d.get(..7)?;
    TERMS
        .iter()
        .find(|(_, s, e)| ym >= *s && ym < *e)
        .map(|(t, _, _)| *t)
}

/// One known document of a catalog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogEntry {
    /// Canonical identifier (not unique across terms).
    pub id: String,
    /// Kind (`Nghị quyết`).
    pub kind: String,
    /// ISO date of issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Central Committee term (`XII`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// Plenum number within the term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plenum: Option<u32>,
    /// Issuing body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Short title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Which catalog it came from (`central` or the user file's name).
    pub source: String,
}

/// One document referred to in the text: every mention of it merged, short
/// forms resolved to the identifier, catalog facts attached.
///
/// ```
/// use viet_ner::{CalendarDate, Extractor};
///
/// let ex = Extractor::builder()
///     .reference_date(CalendarDate::new(2020, 11, 12).unwrap())
///     .build()
///     .unwrap();
/// let text = "Sơ kết Chỉ thị số 05-CT/TW của Bộ Chính trị. \
///             Tiếp tục thực hiện Chỉ thị 05 và Nghị quyết Trung ương 4 khóa XII.";
/// let out = ex.extract(text);
/// let ct = &out.documents[0];
/// assert_eq!(ct.id.as_deref(), Some("05-CT/TW"));
/// assert_eq!(ct.mentions.len(), 2); // the full and the short form
/// assert_eq!(ct.date.as_deref(), Some("2016-05-15")); // from the catalog
/// let nq = &out.documents[1];
/// assert_eq!(nq.id.as_deref(), Some("04-NQ/TW")); // the plenum's resolution
/// assert_eq!(nq.plenum, Some(4));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Canonical identifier (`18-NQ/TW`, `30/2020/NĐ-CP`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Kind (`Nghị quyết`, `Chỉ thị`, ...).
    pub kind: String,
    /// `party` or `state`, when the identifier tells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Number as printed, zero-padded to two digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Year segment of a State identifier, or the year of a named document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// Document-type code (`NQ`, `CT`, `NĐ`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_code: Option<String>,
    /// Issuer code (`TW`, `TU`, `CP`, `BTCTU-BDVTU`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_code: Option<String>,
    /// Issuing body, as the text or the catalog names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// ISO date of issue, written or from the catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Central Committee term (`XII`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// Plenum number within the term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plenum: Option<u32>,
    /// The quoted subject written after it, or the catalog's short title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The catalog entry it was resolved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog: Option<CatalogEntry>,
    /// True when several catalog entries fit and nothing decides.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    /// The entries that fit, when ambiguous.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<CatalogEntry>,
    /// Byte spans of every mention.
    pub mentions: Vec<Span>,
}

/// The catalog of known documents (embedded plus user entries).
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    entries: Vec<CatalogEntry>,
    by_id: HashMap<String, Vec<usize>>,
}

/// Parses a catalog TSV; a bad line is an error naming the file and line.
pub(crate) fn parse_catalog(name: &str, text: &str, source: &str) -> Result<Vec<CatalogEntry>> {
    let rows = parse_tsv(name, text, &CATALOG_HEADER, 2)?;
    let mut out = Vec::with_capacity(rows.len());
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    for r in rows {
        let date = opt(r.get(2));
        if let Some(d) = &date {
            if d.parse::<crate::date::CalendarDate>().is_err() || d.len() != 10 {
                return Err(Error::data(
                    name,
                    r.line,
                    format!("date {d:?} is not YYYY-MM-DD"),
                ));
            }
        }
        let plenum =
            match r.get(4) {
                "" => None,
                p => Some(p.parse::<u32>().map_err(|_| {
                    Error::data(name, r.line, format!("plenum {p:?} is not a number"))
                })?),
            };
        let term = opt(r.get(3));
        if let Some(t) = &term {
            if !t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
                return Err(Error::data(
                    name,
                    r.line,
                    format!("term {t:?} is not a Roman numeral (XIII)"),
                ));
            }
        }
        out.push(CatalogEntry {
            id: crate::normalize::clean(r.get(0)),
            kind: crate::normalize::clean(r.get(1)),
            term: term.or_else(|| date.as_deref().and_then(term_at).map(str::to_string)),
            date,
            plenum,
            issuer: opt(r.get(5)),
            title: opt(r.get(6)),
            source: source.to_string(),
        });
    }
    Ok(out)
}

impl Catalog {
    pub(crate) fn new(cfg: &Config) -> Result<Self> {
        let mut entries = parse_catalog("data/central_docs.tsv", CENTRAL_TSV, "central")?;
        for (name, text) in &cfg.user_catalogs {
            entries.extend(parse_catalog(name, text, name)?);
        }
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_id.entry(e.id.clone()).or_default().push(i);
        }
        Ok(Catalog { entries, by_id })
    }

    fn with_id(&self, id: &str) -> Vec<&CatalogEntry> {
        self.by_id
            .get(id)
            .map(|v| v.iter().map(|&i| &self.entries[i]).collect())
            .unwrap_or_default()
    }

    fn plenum(&self, kind: &str, plenum: u32, term: &str) -> Vec<&CatalogEntry> {
        let mut v: Vec<&CatalogEntry> = self
            .entries
            .iter()
            .filter(|e| {
                e.kind == kind && e.plenum == Some(plenum) && e.term.as_deref() == Some(term)
            })
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id).then(a.date.cmp(&b.date)));
        v
    }
}

/// A catalog choice for one identifier: the entry, or the candidates when
/// nothing decides (`None` when the catalog was not consulted). Borrowed:
/// only the entries a record keeps are cloned.
type Pick<'c> = Option<(Option<&'c CatalogEntry>, Vec<&'c CatalogEntry>)>;

/// What the text tells about a reference, for choosing a catalog entry.
#[derive(Debug, Default, Clone)]
struct Hints {
    date: Option<String>,
    terms: Vec<String>,
    plenum: Option<u32>,
    issuer: Option<String>,
    reference: Option<String>,
}

/// Picks the entry the hints fit: explicit date, then term or plenum, then
/// issuer, then the latest issued before the article. Returns the choice
/// or, when several still fit, `None` and the candidates.
fn choose<'c>(
    cands: Vec<&'c CatalogEntry>,
    h: &Hints,
) -> (Option<&'c CatalogEntry>, Vec<&'c CatalogEntry>) {
    if cands.len() <= 1 {
        return (cands.first().copied(), Vec::new());
    }
    let narrow = |v: Vec<&'c CatalogEntry>, f: &dyn Fn(&CatalogEntry) -> bool| {
        let w: Vec<&'c CatalogEntry> = v.iter().copied().filter(|e| f(e)).collect();
        if w.is_empty() {
            v
        } else {
            w
        }
    };
    let mut v = cands;
    if let Some(d) = &h.date {
        v = narrow(v, &|e| e.date.as_deref() == Some(d.as_str()));
    }
    if !h.terms.is_empty() {
        v = narrow(v, &|e| e.term.as_ref().is_some_and(|t| h.terms.contains(t)));
    }
    if let Some(p) = h.plenum {
        v = narrow(v, &|e| e.plenum == Some(p));
    }
    if let Some(i) = &h.issuer {
        let i = lower(i);
        v = narrow(v, &|e| {
            e.issuer
                .as_ref()
                .is_some_and(|x| lower(x).split(", ").any(|b| i.contains(b)))
        });
    }
    if v.len() > 1 {
        if let Some(r) = &h.reference {
            let before: Vec<&CatalogEntry> = v
                .iter()
                .copied()
                .filter(|e| e.date.as_deref().is_some_and(|d| d <= r.as_str()))
                .collect();
            if let Some(latest) = before.iter().max_by(|a, b| a.date.cmp(&b.date)) {
                return (Some(latest), Vec::new());
            }
        }
    }
    if v.len() == 1 {
        (Some(v[0]), Vec::new())
    } else {
        (None, v)
    }
}

/// The issuer code a `của ...` phrase implies.
fn issuer_code(body: &str) -> Option<&'static str> {
    let b = lower(body);
    let has = |s: &str| b.contains(s);
    Some(if has("thủ tướng") {
        "TTg"
    } else if has("chính phủ") {
        "CP"
    } else if has("thường vụ quốc hội") {
        "UBTVQH"
    } else if has("quốc hội") {
        "QH"
    } else if has("hđnd") || has("hội đồng nhân dân") {
        "HĐND"
    } else if has("ubnd") || has("ủy ban nhân dân") {
        "UBND"
    } else if has("tỉnh ủy") || has("thành ủy") {
        "TU"
    } else if has("huyện ủy") {
        "HU"
    } else if has("thị ủy") {
        "ThU"
    } else if has("quận ủy") {
        "QU"
    } else if has("đảng ủy khối") {
        "ĐUK"
    } else if has("đảng ủy") {
        "ĐU"
    } else if has("quân ủy trung ương") {
        "QUTW"
    } else if has("bộ chính trị") || has("ban bí thư") || has("trung ương") {
        "TW"
    } else {
        return None;
    })
}

/// Whether a back-reference can stand for the mention `t` (identifiers
/// `ids`): an issuer (`Kết luận của Quân ủy Trung ương`) or a subject
/// (`Kết luận ... về hội nhập quốc tế`) of its own must not contradict them.
fn back_fits(c: &Candidate, t: &Candidate, ids: &[String]) -> bool {
    if let Some(code) = s_attr(c, "issuer").and_then(issuer_code) {
        let theirs = s_attr(t, "issuer").and_then(issuer_code).or_else(|| {
            ids.first()
                .and_then(|id| id.rsplit(['/', '-']).next())
                .filter(|x| !x.is_empty())
        });
        // `/TU` also stands for a city committee; codes compare exactly.
        if theirs.is_some_and(|x| x != code) {
            return false;
        }
    }
    match (s_attr(c, "subject"), s_attr(t, "subject")) {
        (Some(a), Some(b)) => lower(a) == lower(b),
        _ => true,
    }
}

/// One identifier known in the article, with where it was written.
#[derive(Debug, Clone)]
struct Known<'c> {
    id: String,
    // Borrowed from the candidates' attrs, read before step 4 writes them.
    number: &'c str,
    type_code: Option<String>,
    issuer_code: &'c str,
    year: Option<u64>,
    kind: &'c str,
    pos: usize,
    plenum: Option<u32>,
    term: Option<String>,
}

/// What the bare-number lookup of `link` reads of a known identifier: type
/// code, issuer code, kind, year.
type FitKey<'a> = (Option<&'a str>, &'a str, &'a str, Option<u64>);

fn s_attr<'c>(c: &'c Candidate, k: &str) -> Option<&'c str> {
    c.attrs.get(k).and_then(Value::as_str)
}

/// Builds the document records and sets `id`/`ids` on the `DOC` entities.
pub(crate) fn link(doc: &Doc, ents: &mut [Candidate], r: &super::Resources) -> Vec<Document> {
    let cat = &r.catalog;
    let tab = tables();
    let reference = doc.reference_date.map(|d| d.to_string());
    let art_term = reference.as_deref().and_then(term_at).map(str::to_string);
    let docs: Vec<usize> = (0..ents.len())
        .filter(|&i| ents[i].label == Label::Doc)
        .collect();

    // 1. Identifiers written in full.
    let mut known: Vec<Known> = Vec::new();
    for &i in &docs {
        let c = &ents[i];
        let kind = s_attr(c, "kind").unwrap_or("");
        let Some(Value::Array(items)) = c.attrs.get("items") else {
            continue;
        };
        let single = items.len() == 1;
        for it in items {
            let Some(id) = it.get("id").and_then(Value::as_str) else {
                continue;
            };
            let plenum = if single {
                c.attrs
                    .get("plenum")
                    .and_then(Value::as_u64)
                    .map(|p| p as u32)
            } else {
                None
            };
            let term = if single {
                s_attr(c, "term").map(str::to_string)
            } else {
                None
            };
            known.push(Known {
                id: id.to_string(),
                number: it.get("number").and_then(Value::as_str).unwrap_or(""),
                type_code: it
                    .get("type_code")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                issuer_code: it.get("issuer_code").and_then(Value::as_str).unwrap_or(""),
                year: it.get("year").and_then(Value::as_u64),
                kind,
                pos: c.start,
                plenum,
                term,
            });
        }
    }
    // `1517-QĐ/TW` and `1517-QĐNS/TW` in one article are one decision: the
    // more specific code wins.
    // Grouped by number, so linking stays linear in the number of mentions.
    let mut by_number: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in known.iter().enumerate() {
        by_number.entry(k.number).or_default().push(i);
    }
    let mut rename: HashMap<String, String> = HashMap::new();
    for group in by_number.values() {
        // Mentions of one identifier repeat. The test reads only the id,
        // type and issuer codes, so the pairs are taken over the distinct
        // ones, each at its last mention (where the last qualifying pair of
        // all mentions comes from): repeating an identifier costs nothing.
        let sig = |x: usize| {
            let k = &known[x];
            (k.id.as_str(), k.type_code.as_deref(), k.issuer_code)
        };
        let mut last: HashMap<(&str, Option<&str>, &str), usize> = HashMap::new();
        for (n, &x) in group.iter().enumerate() {
            last.insert(sig(x), n);
        }
        let distinct: Vec<usize> = group
            .iter()
            .enumerate()
            .filter(|&(n, &x)| last[&sig(x)] == n)
            .map(|(_, &x)| x)
            .collect();
        for &x in &distinct {
            for &y in &distinct {
                let (a, b) = (&known[x], &known[y]);
                if let (Some(ta), Some(tb)) = (&a.type_code, &b.type_code) {
                    if a.issuer_code == b.issuer_code
                        && tb.len() > ta.len()
                        && tb.starts_with(ta.as_str())
                        && a.id != b.id
                    {
                        rename.insert(a.id.clone(), b.id.clone());
                    }
                }
            }
        }
    }
    for k in &mut known {
        if let Some(n) = rename.get(&k.id) {
            k.id = n.clone();
            k.type_code = known_type(n);
        }
    }

    // The identifiers of each number, split by what `fits` below reads
    // (type and issuer codes, kind, year), each list in text order.
    debug_assert!(known.windows(2).all(|w| w[0].pos <= w[1].pos));
    let mut by_sig: HashMap<&str, Vec<Vec<usize>>> = HashMap::new();
    for (number, group) in &by_number {
        let mut slot: HashMap<FitKey, usize> = HashMap::new();
        let mut lists: Vec<Vec<usize>> = Vec::new();
        for &x in group {
            let k = &known[x];
            let key = (k.type_code.as_deref(), k.issuer_code, k.kind, k.year);
            let n = *slot.entry(key).or_insert_with(|| {
                lists.push(Vec::new());
                lists.len() - 1
            });
            lists[n].push(x);
        }
        by_sig.insert(number, lists);
    }

    // The identifiers of each kind and plenum, for plenum-form mentions
    // (an index, so each mention does not scan every identifier).
    let mut by_plenum: HashMap<(&str, u32), Vec<usize>> = HashMap::new();
    for (i, k) in known.iter().enumerate() {
        if let Some(p) = k.plenum {
            by_plenum.entry((k.kind, p)).or_default().push(i);
        }
    }
    let mut plenum_ids: HashMap<(&str, u32, String), Vec<String>> = HashMap::new();

    // 2. Resolve each mention to zero or more identifiers (+ catalog entries).
    let mut resolved: Vec<(usize, Vec<String>, Vec<Pick>)> = Vec::new();
    for &i in &docs {
        let c = &ents[i];
        // Borrowed: `ents` is only read in this pass.
        let kind_name = s_attr(c, "kind").unwrap_or("");
        let kind = tab.kind(kind_name);
        let form = s_attr(c, "form").unwrap_or("");
        let issuer_txt = s_attr(c, "issuer").map(str::to_string);
        let hint_code = issuer_txt.as_deref().and_then(issuer_code);
        let mut terms: Vec<String> = Vec::new();
        if let Some(t) = s_attr(c, "term") {
            terms.push(t.to_string());
        }
        if let Some(Value::Array(ts)) = c.attrs.get("terms") {
            terms.extend(ts.iter().filter_map(Value::as_str).map(str::to_string));
        }
        let hints = Hints {
            date: s_attr(c, "date").map(str::to_string),
            terms: terms.clone(),
            plenum: c
                .attrs
                .get("plenum")
                .and_then(Value::as_u64)
                .map(|p| p as u32),
            issuer: issuer_txt.clone(),
            reference: reference.clone(),
        };
        let mut ids: Vec<String> = Vec::new();
        let mut picks = Vec::new();
        match form {
            "identifier" | "number" => {
                let Some(Value::Array(items)) = c.attrs.get("items") else {
                    continue;
                };
                for it in items {
                    let num = it
                        .get("number")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let year = it.get("year").and_then(Value::as_u64);
                    if let Some(id) = it.get("id").and_then(Value::as_str) {
                        let id = rename.get(id).cloned().unwrap_or_else(|| id.to_string());
                        let pick = (it.get("family").and_then(Value::as_str) == Some("party"))
                            .then(|| choose(cat.with_id(&id), &hints));
                        picks.push(pick);
                        ids.push(id);
                        continue;
                    }
                    let codes: Vec<&str> = kind
                        .map(|k| {
                            [k.party.as_deref(), k.state.as_deref()]
                                .into_iter()
                                .flatten()
                                .collect()
                        })
                        .unwrap_or_default();
                    // a) a full form of the same number in the article
                    let fits = |k: &&Known| {
                        k.number == num
                            && k.type_code.as_deref().is_some_and(|t| {
                                codes.contains(&t) || codes.iter().any(|c| t.starts_with(c))
                            })
                            && (k.kind == kind_name || k.kind.is_empty())
                            && year.is_none_or(|y| k.year == Some(y))
                            && hint_code.is_none_or(|h| {
                                k.issuer_code == h || (h == "TW" && k.issuer_code == "TW")
                            })
                    };
                    // The nearest fitting one before, else after: per kind
                    // of identifier of this number (`fits` reads nothing
                    // else), by binary search on positions.
                    let mut before: Option<usize> = None;
                    let mut after: Option<usize> = None;
                    for g in by_sig.get(num.as_str()).map_or(&[][..], Vec::as_slice) {
                        if !fits(&&known[g[0]]) {
                            continue;
                        }
                        let j = g.partition_point(|&x| known[x].pos < c.start);
                        if j > 0 {
                            before = before.max(Some(g[j - 1]));
                        }
                        let j = g.partition_point(|&x| known[x].pos <= c.start);
                        if let Some(&x) = g.get(j) {
                            after = Some(after.map_or(x, |a| a.min(x)));
                        }
                    }
                    if let Some(k) = before.or(after).map(|x| &known[x]) {
                        let pick = choose(cat.with_id(&k.id), &hints);
                        picks.push(Some(pick));
                        ids.push(k.id.clone());
                        continue;
                    }
                    let Some(kd) = kind else { continue };
                    // b) `Nghị định số 46/2026`: the Government issues every Nghị định.
                    if let (Some(y), Some(st)) = (year, kd.state.as_deref()) {
                        // `Nghị quyết 11/2017 của HĐND tỉnh` → `11/2017/NQ-HĐND`
                        let issuer = if kd.name == "Nghị định" {
                            Some("CP")
                        } else {
                            hint_code.filter(|h| matches!(*h, "CP" | "TTg" | "HĐND" | "UBND"))
                        };
                        if let Some(h) = issuer {
                            ids.push(format!("{num}/{y}/{st}-{h}"));
                            picks.push(None);
                        }
                        continue;
                    }
                    match hint_code {
                        // c) `Nghị quyết số 3 của Chính phủ`
                        Some(h @ ("CP" | "TTg")) => {
                            // Legal normative documents always carry their year
                            // (`46/2024/NĐ-CP`), and a Government `Đề án` is
                            // approved by a decision of another number: no
                            // identifier can be built for them from `số 46`.
                            let yearless = !matches!(
                                kd.name.as_str(),
                                "Nghị định"
                                    | "Thông tư"
                                    | "Thông tư liên tịch"
                                    | "Luật"
                                    | "Pháp lệnh"
                                    | "Đề án"
                            );
                            if let Some(st) = kd.state.as_deref().filter(|_| yearless) {
                                ids.push(format!("{num}/{st}-{h}"));
                                picks.push(None);
                            }
                        }
                        // d) `Chỉ thị 16 của Ban Thường vụ Tỉnh ủy`, `Chỉ thị 05 của Bộ Chính trị`
                        Some(h @ ("TW" | "TU" | "HU" | "ThU" | "QU" | "ĐU" | "ĐUK" | "QUTW")) => {
                            if let Some(pc) = kd.party.as_deref() {
                                let id = format!("{num}-{pc}/{h}");
                                let pick = choose(cat.with_id(&id), &hints);
                                picks.push(Some(pick));
                                ids.push(id);
                            }
                        }
                        Some(_) => {}
                        // e) no issuer written: a central document of the catalog
                        None => {
                            if let Some(pc) = kd.party.as_deref() {
                                let id = format!("{num}-{pc}/TW");
                                let cands: Vec<&CatalogEntry> = cat
                                    .with_id(&id)
                                    .into_iter()
                                    .filter(|e| e.kind == kd.name)
                                    .collect();
                                if !cands.is_empty() {
                                    let pick = choose(cands, &hints);
                                    picks.push(Some(pick));
                                    ids.push(id);
                                }
                            }
                        }
                    }
                }
            }
            "plenum" => {
                let Some(p) = hints.plenum else { continue };
                let ts = if terms.is_empty() {
                    art_term.clone().into_iter().collect()
                } else {
                    terms.clone()
                };
                for t in ts {
                    // The article's identifiers of this plenum: looked up in
                    // the index, once per kind, plenum and term.
                    let memo_key = (kind_name, p, t.clone());
                    let mut got: Vec<String> = match plenum_ids.get(&memo_key) {
                        Some(g) => g.clone(),
                        None => {
                            let bucket = by_plenum
                                .get(&(kind_name, p))
                                .map_or(&[][..], Vec::as_slice);
                            let mut g: Vec<String> = bucket
                                .iter()
                                .map(|&x| &known[x])
                                .filter(|k| k.term.as_deref().is_none_or(|x| x == t))
                                .filter(|k| {
                                    k.term.as_deref() == Some(t.as_str())
                                        || art_term.as_deref() == Some(t.as_str())
                                })
                                .map(|k| k.id.clone())
                                .collect();
                            g.sort_by_key(|x| (x.len(), x.clone()));
                            g.dedup();
                            plenum_ids.insert(memo_key, g.clone());
                            g
                        }
                    };
                    if got.is_empty() {
                        let mut es = cat.plenum(kind_name, p, &t);
                        // `Nghị quyết Trung ương 8 khóa XIII về Chiến lược bảo vệ Tổ quốc`
                        if let Some(sub) = s_attr(c, "subject") {
                            let key: Vec<String> =
                                lower(sub).split(' ').take(3).map(str::to_string).collect();
                            let fit: Vec<&CatalogEntry> = es
                                .iter()
                                .copied()
                                .filter(|e| {
                                    let t = lower(e.title.as_deref().unwrap_or(""));
                                    key.len() == 3 && t.starts_with(&key.join(" "))
                                })
                                .collect();
                            if fit.len() == 1 {
                                es = fit;
                            }
                        }
                        for e in es {
                            if !got.contains(&e.id) {
                                got.push(e.id.clone());
                                picks.push(Some((Some(e), Vec::new())));
                            }
                        }
                    } else {
                        for g in &got {
                            let h = Hints {
                                terms: vec![t.clone()],
                                plenum: Some(p),
                                ..hints.clone()
                            };
                            let pick = choose(cat.with_id(g), &h);
                            picks.push(Some(pick));
                        }
                    }
                    ids.extend(got);
                }
            }
            _ => {}
        }
        resolved.push((i, ids, picks));
    }

    // 3. Record keys: the identifier (and the catalog date, since numbers
    // recur every term), else kind and number, else kind and text.
    let mut keys: Vec<Vec<String>> = Vec::with_capacity(resolved.len());
    for (i, ids, picks) in &resolved {
        let c = &ents[*i];
        let kind = s_attr(c, "kind").unwrap_or("");
        let k: Vec<String> = if ids.is_empty() {
            vec![match s_attr(c, "number") {
                Some(n) => format!("n:{kind}:{n}"),
                None => format!("t:{kind}:{}", &doc.lower()[c.start..c.end]),
            }]
        } else {
            ids.iter()
                .enumerate()
                .map(|(j, x)| {
                    let date = picks
                        .get(j)
                        .and_then(|p| p.as_ref())
                        .and_then(|(e, _)| e.as_ref())
                        .and_then(|e| e.date.clone())
                        .unwrap_or_default();
                    format!("i:{x}@{date}")
                })
                .collect()
        };
        keys.push(k);
    }
    // Back-references are the nearest earlier mention of their kind (else
    // the nearest later one that has an identifier).
    let is_back: Vec<bool> = resolved
        .iter()
        .map(|(i, _, _)| s_attr(&ents[*i], "form") == Some("back-reference"))
        .collect();
    // Borrowed: `ents` is written only in step 4, after the last use.
    let kinds: Vec<&str> = resolved
        .iter()
        .map(|(i, _, _)| s_attr(&ents[*i], "kind").unwrap_or(""))
        .collect();
    let form_of = |x: usize| is_back[x];
    let kind_of = |x: usize| kinds[x];
    // The next later mention of each kind that has an identifier, by a
    // backward pass; the last earlier one, by the forward pass below.
    let mut next_with_id: Vec<Option<usize>> = vec![None; resolved.len()];
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for x in (0..resolved.len()).rev() {
        next_with_id[x] = seen.get(kind_of(x)).copied();
        if !form_of(x) && !resolved[x].1.is_empty() {
            seen.insert(kind_of(x), x);
        }
    }
    let mut last: HashMap<&str, usize> = HashMap::new();
    // Kinds whose lone mention introduced the article's own document
    // (`Theo Kết luận này` before any numbered one).
    let mut own: HashMap<&str, bool> = HashMap::new();
    // Lone mentions linked forward to a later numbered one, by kind.
    let mut fwd: HashMap<&str, Vec<usize>> = HashMap::new();
    for r in 0..resolved.len() {
        let kind = kind_of(r);
        if !form_of(r) {
            last.insert(kind, r);
            continue;
        }
        let c = &ents[resolved[r].0];
        // Unresolved lone mentions are one record only with the same issuer.
        if let Some(i) = s_attr(c, "issuer") {
            keys[r] = vec![format!("{}:{}", keys[r][0], lower(i))];
        }
        // A draft (`dự thảo Kết luận`) is not yet the issued document.
        if doc.lower()[..c.start].ends_with("dự thảo ") {
            continue;
        }
        let this = doc.lower()[c.end..].starts_with(" này");
        // A headline `Chính phủ ban hành Nghị định về ...` may name the
        // document the body numbers later; `này` cannot point forward.
        let forward_ok = !this;
        let earlier = last.get(kind).copied();
        if earlier.is_none() && this && s_attr(c, "issuer").is_none() {
            own.insert(kind, true);
            // A headline before it that was linked forward meant it too.
            for f in fwd.remove(kind).unwrap_or_default() {
                resolved[f].1.clear();
                resolved[f].2.clear();
                keys[f] = keys[r].clone();
            }
        }
        // Later `Kết luận này` in such an article still means its own.
        if this && own.get(kind).copied().unwrap_or(false) {
            continue;
        }
        let target = earlier.or(next_with_id[r].filter(|_| forward_ok));
        if let Some(x) = target {
            let t = &ents[resolved[x].0];
            if !back_fits(c, t, &resolved[x].1) {
                continue;
            }
            if resolved[x].1.len() <= 1 {
                if earlier.is_none() {
                    fwd.entry(kind).or_default().push(r);
                }
                resolved[r].1 = resolved[x].1.clone();
                resolved[r].2 = vec![None; resolved[x].1.len()];
                keys[r] = keys[x].clone();
            }
        }
    }

    // 4. Records: one per key, every mention kept.
    let mut records: Vec<Document> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for ((i, ids, picks), keys) in resolved.into_iter().zip(keys) {
        let span = doc.orig_span(ents[i].start, ents[i].end);
        let c = &mut ents[i];
        c.attrs.remove("items");
        c.attrs.remove("ids");
        c.attrs.remove("id");
        match ids.len() {
            0 => {}
            1 => {
                c.attrs.insert("id", ids[0].clone());
            }
            _ => {
                c.attrs.insert("ids", Value::from(ids.clone()));
            }
        }
        for (j, key) in keys.iter().enumerate() {
            let pick = picks.get(j).cloned().flatten();
            let id = ids.get(j).cloned();
            let slot = match index.get(key) {
                Some(&s) => s,
                None => {
                    let single = ids.len() <= 1;
                    let mut d = Document {
                        id: id.clone(),
                        kind: s_attr(c, "kind").unwrap_or("").to_string(),
                        family: None,
                        number: None,
                        year: None,
                        type_code: None,
                        issuer_code: None,
                        issuer: if single {
                            s_attr(c, "issuer").map(str::to_string)
                        } else {
                            None
                        },
                        date: None,
                        term: None,
                        plenum: None,
                        subject: if single {
                            s_attr(c, "subject").map(str::to_string)
                        } else {
                            None
                        },
                        catalog: None,
                        ambiguous: false,
                        candidates: Vec::new(),
                        mentions: Vec::new(),
                    };
                    if let Some(id) = &id {
                        fill_from_id(&mut d, id);
                    } else {
                        d.number = s_attr(c, "number").map(str::to_string);
                        d.year = c
                            .attrs
                            .get("year")
                            .and_then(Value::as_u64)
                            .map(|y| y as u32);
                    }
                    records.push(d);
                    index.insert(key.clone(), records.len() - 1);
                    records.len() - 1
                }
            };
            let d = &mut records[slot];
            d.mentions.push(span);
            if ids.len() <= 1 {
                if d.date.is_none() {
                    d.date = s_attr(c, "date").map(str::to_string);
                }
                if d.issuer.is_none() {
                    d.issuer = s_attr(c, "issuer").map(str::to_string);
                }
                if d.term.is_none() {
                    d.term = s_attr(c, "term").map(str::to_string);
                }
                if d.plenum.is_none() {
                    d.plenum = c
                        .attrs
                        .get("plenum")
                        .and_then(Value::as_u64)
                        .map(|p| p as u32);
                }
                if d.subject.is_none() {
                    d.subject = s_attr(c, "subject").map(str::to_string);
                }
            }
            if let Some((entry, cands)) = pick {
                if let Some(e) = entry {
                    if d.catalog.is_none() {
                        d.date = d.date.take().or_else(|| e.date.clone());
                        d.term = d.term.take().or_else(|| e.term.clone());
                        d.plenum = d.plenum.or(e.plenum);
                        d.issuer = d.issuer.take().or_else(|| e.issuer.clone());
                        d.subject = d.subject.take().or_else(|| e.title.clone());
                        d.ambiguous = false;
                        d.candidates.clear();
                        d.catalog = Some(e.clone());
                    }
                } else if d.catalog.is_none() && !cands.is_empty() {
                    d.ambiguous = true;
                    d.candidates = cands.into_iter().cloned().collect();
                }
            }
        }
    }
    records
}

/// The type code of a canonical identifier.
fn known_type(id: &str) -> Option<String> {
    if let Some((_, rest)) = id.split_once('-') {
        if let Some((t, _)) = rest.split_once('/') {
            return Some(t.to_string());
        }
    }
    None
}

/// Number, year, type and issuer codes and family read off a canonical id.
fn fill_from_id(d: &mut Document, id: &str) {
    let num_end = id.find(|c: char| !c.is_ascii_digit()).unwrap_or(id.len());
    d.number = Some(id[..num_end].to_string());
    let rest = &id[num_end..];
    if let Some(r) = rest.strip_prefix('-') {
        // Party: N-TYPE/ISSUER
        d.family = Some("party".into());
        if let Some((t, iss)) = r.split_once('/') {
            d.type_code = Some(t.to_string());
            d.issuer_code = Some(iss.to_string());
        }
    } else if let Some(r) = rest.strip_prefix('/') {
        d.family = Some("state".into());
        let mut parts: Vec<&str> = r.split('/').collect();
        if parts.len() == 2 {
            d.year = parts[0].parse().ok();
            parts.remove(0);
        }
        let sym = parts[0];
        match sym.split_once('-') {
            Some((t, iss)) if tables().codes.type_code(t).is_some() => {
                d.type_code = Some(t.to_string());
                d.issuer_code = Some(iss.to_string());
            }
            _ => d.issuer_code = Some(sym.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn central() -> Vec<CatalogEntry> {
        parse_catalog("data/central_docs.tsv", CENTRAL_TSV, "central").unwrap()
    }

    #[test]
    fn embedded_catalog_parses() {
        let c = central();
        assert!(c.len() > 50);
        assert!(c.iter().any(|e| e.id == "04-NQ/TW" && e.plenum == Some(4)));
    }

    #[test]
    fn user_catalog_errors_name_the_line() {
        let bad = "id\tkind\tdate\tterm\tplenum\tissuer\ttitle\tconfidence\n01-NQ/TU\tNghị quyết\t2020-13-01\n";
        let e = parse_catalog("tinh.tsv", bad, "tinh.tsv").unwrap_err();
        assert!(e.to_string().starts_with("tinh.tsv:2:"), "{e}");
        let bad = "id\tkind\tdate\tterm\tplenum\tissuer\ttitle\tconfidence\n01-NQ/TU\tNghị quyết\t\t\tbốn\n";
        assert!(parse_catalog("t.tsv", bad, "t")
            .unwrap_err()
            .to_string()
            .starts_with("t.tsv:2:"));
    }

    fn pick(id: &str, h: Hints) -> (Option<String>, usize) {
        let c = central();
        let v: Vec<&CatalogEntry> = c.iter().filter(|e| e.id == id).collect();
        assert!(v.len() >= 2, "{id} collides in the catalog");
        let (a, b) = choose(v, &h);
        (a.and_then(|e| e.date.clone()), b.len())
    }

    #[test]
    fn collisions_are_decided_by_date_term_then_article_date() {
        let h = |date: Option<&str>, term: Option<&str>, reference: Option<&str>| Hints {
            date: date.map(str::to_string),
            terms: term.map(|t| vec![t.to_string()]).unwrap_or_default(),
            reference: reference.map(str::to_string),
            ..Hints::default()
        };
        // 35-CT/TW: 2019 and 2024
        assert_eq!(
            pick("35-CT/TW", h(None, None, Some("2020-06-25")))
                .0
                .as_deref(),
            Some("2019-05-30")
        );
        assert_eq!(
            pick("35-CT/TW", h(None, None, Some("2024-09-26")))
                .0
                .as_deref(),
            Some("2024-06-14")
        );
        assert_eq!(
            pick("35-CT/TW", h(Some("2024-06-14"), None, Some("2020-01-01")))
                .0
                .as_deref(),
            Some("2024-06-14")
        );
        assert_eq!(pick("35-CT/TW", h(None, None, None)), (None, 2));
        // 18-NQ/TW and 19-NQ/TW: 2017 and 2022
        assert_eq!(
            pick("18-NQ/TW", h(Some("2017-10-25"), None, Some("2025-03-31")))
                .0
                .as_deref(),
            Some("2017-10-25")
        );
        assert_eq!(
            pick("18-NQ/TW", h(None, Some("XII"), Some("2025-03-31")))
                .0
                .as_deref(),
            Some("2017-10-25")
        );
        assert_eq!(
            pick("18-NQ/TW", h(None, None, Some("2025-03-31")))
                .0
                .as_deref(),
            Some("2022-06-16")
        );
        assert_eq!(
            pick("19-NQ/TW", h(None, Some("XIII"), None)).0.as_deref(),
            Some("2022-06-16")
        );
        // 15-NQ/TW: 2007 and 2012; 26-NQ/TW: 2008 and 2018; 12-NQ/TW: 2012 and 2022
        assert_eq!(
            pick("15-NQ/TW", h(None, Some("X"), None)).0.as_deref(),
            Some("2007-07-30")
        );
        assert_eq!(
            pick("15-NQ/TW", h(None, None, Some("2014-01-01")))
                .0
                .as_deref(),
            Some("2012-06-01")
        );
        assert_eq!(
            pick("26-NQ/TW", h(None, None, Some("2010-01-01")))
                .0
                .as_deref(),
            Some("2008-08-05")
        );
        assert_eq!(
            pick("26-NQ/TW", h(None, Some("XII"), None)).0.as_deref(),
            Some("2018-05-19")
        );
        assert_eq!(
            pick("12-NQ/TW", h(None, Some("XI"), None)).0.as_deref(),
            Some("2012-01-16")
        );
        assert_eq!(
            pick("12-NQ/TW", h(None, None, Some("2023-01-01")))
                .0
                .as_deref(),
            Some("2022-03-16")
        );
    }

    #[test]
    fn terms_by_date() {
        assert_eq!(term_at("2020-11-12"), Some("XII"));
        assert_eq!(term_at("2021-03-01"), Some("XIII"));
        assert_eq!(term_at("2026-02-03"), Some("XIV"));
    }
}

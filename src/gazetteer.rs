//! Gazetteer plumbing shared by the recognizers: TSV parsing with line-exact
//! errors, and phrase sets matched with Aho-Corasick over the lower-cased
//! normalized text, keeping only matches on word boundaries.
//!
//! Data files are plain TSV: `#` lines are comments (the first ones state the
//! provenance and licence), the first other line is the header, blank lines
//! are skipped. Embedded files are parsed once, lazily; user files are parsed
//! when the [`Extractor`](crate::Extractor) is built, and one bad line refuses
//! the whole file.

use crate::candidate::{Candidate, PRIORITY_USER};
use crate::entity::Attrs;
use crate::error::{Error, Result};
use crate::label::Label;
use crate::normalize;
use crate::phrase_dfa::PhraseDfa;
use crate::segment::at_word_boundaries;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// One data row: its 1-based line number and its fields (trimmed).
#[derive(Debug, Clone)]
pub(crate) struct Row<'a> {
    pub line: usize,
    pub fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Field `i`, or `""` when the row is shorter.
    pub(crate) fn get(&self, i: usize) -> &'a str {
        self.fields.get(i).copied().unwrap_or("")
    }
}

/// Parses a TSV text whose header must start with `header`. Every row needs
/// at least `required` non-empty leading fields and at most `header.len()`
/// fields.
pub(crate) fn parse_tsv<'a>(
    name: &str,
    text: &'a str,
    header: &[&str],
    required: usize,
) -> Result<Vec<Row<'a>>> {
    let mut rows = Vec::new();
    let mut seen_header = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = l.split('\t').map(str::trim).collect();
        if !seen_header {
            let got: Vec<&str> = fields.iter().take(header.len()).copied().collect();
            if got != header {
                return Err(Error::data(
                    name,
                    line,
                    format!(
                        "expected the header line {:?} (tab-separated), found {:?}",
                        header.join("\t"),
                        l
                    ),
                ));
            }
            seen_header = true;
            continue;
        }
        if fields.len() > header.len() {
            return Err(Error::data(
                name,
                line,
                format!(
                    "{} fields, at most {} allowed ({})",
                    fields.len(),
                    header.len(),
                    header.join(", ")
                ),
            ));
        }
        for (k, h) in header.iter().enumerate().take(required) {
            if fields.get(k).is_none_or(|f| f.is_empty()) {
                return Err(Error::data(name, line, format!("the field {h:?} is empty")));
            }
        }
        rows.push(Row { line, fields });
    }
    if !seen_header {
        return Err(Error::data(
            name,
            1,
            format!("no header line; expected {:?}", header.join("\t")),
        ));
    }
    Ok(rows)
}

/// A match of a phrase set: normalized byte range and the value's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub value: usize,
}

/// A set of phrases, each with a value, matched case-insensitively on word
/// boundaries. Keys are normalized exactly as article text is.
#[derive(Debug, Clone)]
pub(crate) struct PhraseSet<T> {
    /// Built on the first search that the shared pass ([`Combined`]) has
    /// not answered: most sets are only ever searched through it.
    ac: OnceLock<Option<AhoCorasick>>,
    /// The normalized keys, one per value (for [`Combined`]).
    keys: Vec<String>,
    values: Vec<T>,
    /// Unique per built set (clones share it: same automaton, same hits);
    /// the key of [`MEMO`].
    id: u64,
}

/// Sets of at most this many keys are searched with a DFA, larger ones with
/// a contiguous NFA. Measured on the dev corpus (callgrind): a DFA halves the
/// search (the title, body and level sets, 15 to 140 keys: -35% of all
/// phrase searching) for a build cost paid once per process; for the ~800
/// place names it would add ~40 M instructions (~10 ms) to every fresh
/// engine for a smaller gain.
const DFA_MAX_KEYS: usize = 500;

/// The hits each set found in the document being recognized on this
/// thread. Several families search the same document with the same sets
/// (title, org and person each build a `names::Scan` over the bodies, roles
/// and levels): the second and third searches are free. Only the text of
/// the current [`memo_scope`] is memoized, recognized by address and length
/// (it is alive and unchanged for the whole scope, so nothing else can have
/// both); the memo is emptied when the scope ends, so it never keeps memory
/// between documents. `find_all` is a pure function of the set and the
/// text: the memo cannot change a result.
#[derive(Default)]
struct Memo {
    text: Option<(usize, usize)>,
    hits: Vec<(u64, Vec<Hit>)>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
}

static NEXT_SET_ID: AtomicU64 = AtomicU64::new(0);

/// Memoizes phrase searches over `text` (the document's lower-cased text)
/// until the returned guard is dropped (also on unwinding).
pub(crate) fn memo_scope(text: &str) -> MemoScope<'_> {
    let _ = MEMO.try_with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.text = Some((text.as_ptr() as usize, text.len()));
            m.hits = Vec::new();
        }
    });
    MemoScope(std::marker::PhantomData)
}

/// See [`memo_scope`]; borrows the text so it outlives the scope.
pub(crate) struct MemoScope<'a>(std::marker::PhantomData<&'a str>);

impl Drop for MemoScope<'_> {
    fn drop(&mut self) {
        let _ = MEMO.try_with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                m.text = None;
                m.hits = Vec::new();
            }
        });
    }
}

impl<T> PhraseSet<T> {
    /// Builds the set. Empty keys are skipped; duplicate keys keep every value.
    pub(crate) fn new<K: AsRef<str>>(entries: impl IntoIterator<Item = (K, T)>) -> Self {
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for (k, v) in entries {
            let key = normalize::key(k.as_ref());
            if key.is_empty() {
                continue;
            }
            keys.push(key);
            values.push(v);
        }
        let ac = OnceLock::new();
        let id = NEXT_SET_ID.fetch_add(1, Ordering::Relaxed);
        PhraseSet {
            ac,
            keys,
            values,
            id,
        }
    }

    /// The set's identity and keys, to search it as part of a [`Combined`].
    pub(crate) fn part(&self) -> Part<'_> {
        Part {
            id: self.id,
            keys: &self.keys,
        }
    }

    /// The value of a hit.
    pub(crate) fn value(&self, i: usize) -> &T {
        &self.values[i]
    }

    /// Number of phrases.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// Every match in `lower` (the lower-cased normalized text) that starts
    /// and ends on word boundaries, overlapping ones included, by start.
    pub(crate) fn find_all(&self, lower: &str) -> Vec<Hit> {
        if self.keys.is_empty() {
            return Vec::new();
        }
        let key = (lower.as_ptr() as usize, lower.len());
        let memoized = MEMO.try_with(|m| {
            let mut m = m.try_borrow_mut().ok()?;
            if m.text != Some(key) {
                return None;
            }
            if let Some((_, h)) = m.hits.iter().find(|(id, _)| *id == self.id) {
                return Some(h.clone());
            }
            let hits = self.search(lower);
            m.hits.push((self.id, hits.clone()));
            Some(hits)
        });
        // Not the scope's text (or the thread is being torn down).
        memoized
            .ok()
            .flatten()
            .unwrap_or_else(|| self.search(lower))
    }

    /// The set's own automaton (built on first use).
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.ac
            .get_or_init(|| {
                (!self.keys.is_empty()).then(|| {
                    AhoCorasick::builder()
                        .match_kind(MatchKind::Standard)
                        .kind(Some(if self.keys.len() <= DFA_MAX_KEYS {
                            AhoCorasickKind::DFA
                        } else {
                            AhoCorasickKind::ContiguousNFA
                        }))
                        .build(&self.keys)
                        .expect("phrase keys build an automaton")
                })
            })
            .as_ref()
    }

    fn search(&self, lower: &str) -> Vec<Hit> {
        let Some(ac) = self.automaton() else {
            return Vec::new();
        };
        let mut hits: Vec<Hit> = ac
            .find_overlapping_iter(lower)
            .filter(|m| at_word_boundaries(lower, m.start(), m.end()))
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                value: m.pattern().as_usize(),
            })
            .collect();
        sort_hits(&mut hits);
        hits
    }

    /// Like [`find_all`](Self::find_all), keeping only the longest hit at
    /// each start (the first value on ties).
    pub(crate) fn find_longest(&self, lower: &str) -> Vec<Hit> {
        let mut hits = self.find_all(lower);
        hits.dedup_by_key(|h| h.start);
        hits
    }
}

/// The order of [`PhraseSet::find_all`]: by start, longest first, then value.
fn sort_hits(hits: &mut [Hit]) {
    hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.value));
}

/// A phrase set as seen by [`Combined`]: its memo identity and its keys.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part<'a> {
    id: u64,
    keys: &'a [String],
}

/// Several phrase sets searched in ONE pass: every family's lexicon shares a
/// single automaton walk over the document instead of one walk per set
/// (issue 5: the gazetteer pass sets the budget). [`Combined::prime`] fills
/// the memo of the current [`memo_scope`], so each set's
/// [`PhraseSet::find_all`] then returns exactly what its own search would.
#[derive(Debug, Clone)]
pub(crate) struct Combined {
    dfa: Option<PhraseDfa>,
    /// For each distinct key (pattern), its range in `targets`.
    spans: Vec<(u32, u32)>,
    /// `(part index, value index in that set)`: a key may serve several sets,
    /// and several values of one set.
    targets: Vec<(u32, u32)>,
    /// The memo identity of each part.
    ids: Vec<u64>,
}

impl Combined {
    pub(crate) fn new(parts: &[Part<'_>]) -> Self {
        let mut index: std::collections::HashMap<&str, Vec<(u32, u32)>> = Default::default();
        let mut order: Vec<&str> = Vec::new();
        for (p, part) in parts.iter().enumerate() {
            for (v, k) in part.keys.iter().enumerate() {
                let e = index.entry(k.as_str()).or_insert_with(|| {
                    order.push(k.as_str());
                    Vec::new()
                });
                e.push((p as u32, v as u32));
            }
        }
        let mut spans = Vec::with_capacity(order.len());
        let mut targets = Vec::new();
        for k in &order {
            let t = &index[k];
            spans.push((targets.len() as u32, (targets.len() + t.len()) as u32));
            targets.extend_from_slice(t);
        }
        let dfa = (!order.is_empty()).then(|| PhraseDfa::new(&order));
        Combined {
            dfa,
            spans,
            targets,
            ids: parts.iter().map(|p| p.id).collect(),
        }
    }

    /// Number of distinct keys.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Searches `lower` once for every part and memoizes each part's hits,
    /// when `lower` is the text of the current [`memo_scope`]. Returns the
    /// number of hits (for the benches).
    pub(crate) fn prime(&self, lower: &str) -> usize {
        let Some(dfa) = &self.dfa else {
            return 0;
        };
        let mut per: Vec<Vec<Hit>> = vec![Vec::new(); self.ids.len()];
        dfa.for_each_match(lower.as_bytes(), |key, start, end| {
            if !at_word_boundaries(lower, start, end) {
                return;
            }
            let (a, b) = self.spans[key as usize];
            for &(p, v) in &self.targets[a as usize..b as usize] {
                per[p as usize].push(Hit {
                    start,
                    end,
                    value: v as usize,
                });
            }
        });
        let found = per.iter().map(Vec::len).sum();
        let key = (lower.as_ptr() as usize, lower.len());
        let _ = MEMO.try_with(|m| {
            let Ok(mut m) = m.try_borrow_mut() else {
                return;
            };
            if m.text != Some(key) {
                return;
            }
            for (id, mut hits) in self.ids.iter().zip(per) {
                if m.hits.iter().any(|(x, _)| x == id) {
                    continue;
                }
                sort_hits(&mut hits);
                m.hits.push((*id, hits));
            }
        });
        found
    }
}

/// An entry a user adds at run time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UserEntry {
    pub label: Label,
    pub text: String,
    pub attrs: Attrs,
    /// Whether the written form starts with a capital: then a match must too.
    pub capitalized: bool,
}

/// The header of a user gazetteer file.
pub const USER_HEADER: [&str; 4] = ["label", "text", "canonical", "attrs"];

/// Parses a user gazetteer (`label<TAB>text[<TAB>canonical[<TAB>k=v;k=v]]`).
pub(crate) fn parse_user(name: &str, text: &str) -> Result<Vec<UserEntry>> {
    let rows = parse_tsv(name, text, &USER_HEADER, 2)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let label: Label = r
            .get(0)
            .parse()
            .map_err(|e: crate::label::UnknownLabel| Error::data(name, r.line, e.to_string()))?;
        let text = normalize::clean(r.get(1));
        let mut attrs = Attrs::new();
        if !r.get(2).is_empty() {
            attrs.insert("canonical", r.get(2));
        }
        for pair in r.get(3).split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').ok_or_else(|| {
                Error::data(name, r.line, format!("attribute {pair:?} is not key=value"))
            })?;
            let k = k.trim();
            if k.is_empty() {
                return Err(Error::data(
                    name,
                    r.line,
                    format!("attribute {pair:?} has no key"),
                ));
            }
            attrs.insert(k.to_string(), v.trim());
        }
        let capitalized = text.chars().next().is_some_and(char::is_uppercase);
        out.push(UserEntry {
            label,
            text,
            attrs,
            capitalized,
        });
    }
    Ok(out)
}

/// The run-time entries, matched as one set.
#[derive(Debug, Clone)]
pub(crate) struct UserGazetteer {
    set: PhraseSet<UserEntry>,
}

impl UserGazetteer {
    pub(crate) fn new(entries: Vec<UserEntry>) -> Self {
        let set = PhraseSet::new(entries.into_iter().map(|e| (e.text.clone(), e)));
        UserGazetteer { set }
    }

    pub(crate) fn run(&self, text: &str, lower: &str, out: &mut Vec<Candidate>) {
        if self.set.len() == 0 {
            return;
        }
        for h in self.set.find_all(lower) {
            let e = self.set.value(h.value);
            if e.capitalized && !text[h.start..].starts_with(char::is_uppercase) {
                continue;
            }
            let mut c = Candidate::new(h.start, h.end, e.label, "user/gazetteer")
                .with_priority(PRIORITY_USER);
            c.attrs = e.attrs.clone();
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_errors_name_the_line() {
        let text = "# source: test\nlabel\ttext\tcanonical\tattrs\nPER\tNguyễn Văn A\n\nORG\t\n";
        let err = parse_user("my.tsv", text).unwrap_err().to_string();
        assert_eq!(err, "my.tsv:5: the field \"text\" is empty");
        let err = parse_user("x.tsv", "label\ttext\nPER\tA")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("x.tsv:1: expected the header line"),
            "{err}"
        );
        let err = parse_user("y.tsv", "label\ttext\tcanonical\tattrs\nPERSON\tA\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("y.tsv:2: unknown label"), "{err}");
        let err = parse_user("z.tsv", "label\ttext\tcanonical\tattrs\nPER\tA\t\tbad\n")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "z.tsv:2: attribute \"bad\" is not key=value");
    }

    #[test]
    fn phrases_match_on_word_boundaries_any_case() {
        let set = PhraseSet::new([("Tỉnh ủy", 1), ("Ban Thường vụ Tỉnh ủy", 2)]);
        let n = normalize::normalize("BAN THƯỜNG VỤ TỈNH ỦY và Tỉnh ủy viên, Tỉnh ủyx");
        let hits = set.find_all(&n.lower);
        let got: Vec<_> = hits.iter().map(|h| &n.text[h.start..h.end]).collect();
        assert_eq!(got, ["BAN THƯỜNG VỤ TỈNH ỦY", "TỈNH ỦY", "Tỉnh ủy"]);
        assert_eq!(set.find_longest(&n.lower).len(), 3);
    }
}

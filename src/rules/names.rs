//! Shared lexicon and grammar for TITLE, ORG and PER: word scanning on the
//! normalized text, body names composed from heads + level + place + nested
//! bodies, role phrases, surnames. Built once per extractor; every per-document
//! structure is indexed by start offset so lookups are O(1) per position.

use crate::doc::Doc;
use crate::error::Result;
use crate::gazetteer::{parse_tsv, PhraseSet};
use crate::segment::is_word_char;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

const TITLES_TSV: &str = include_str!("../../data/titles.tsv");
const BODIES_TSV: &str = include_str!("../../data/bodies.tsv");
const SURNAMES_TSV: &str = include_str!("../../data/surnames.tsv");
const ABBREV_TSV: &str = include_str!("../../data/abbreviations.tsv");
const PROVINCES_TSV: &str = include_str!("../../data/provinces.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Unit,
    Parent,
    Named,
    Fixed,
}

#[derive(Debug, Clone)]
pub(crate) struct BodyInfo {
    pub canonical: String,
    pub kind: BodyKind,
    pub bare: bool,
    pub level: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RoleKind {
    Role,
    NeedsBody,
    Elided,
    Rank,
    Qualifier,
}

/// A body name found at some position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyMatch {
    pub end: usize,
    pub level: Option<&'static str>,
    /// An ORG on its own (something after the head, or a head that needs nothing).
    pub complete: bool,
}

/// Lower-case words that may continue a body's field name after another
/// lower-case word (`Khoa học xã hội`, `Chính trị quốc gia`).
const INNER: &[&str] = &[
    "xã", "hội", "nhân", "dân", "nhà", "nước", "quốc", "gia", "tối", "cao", "biên", "phòng",
    "thông", "tin", "khu", "vực", "vốn", "điều", "tra", "vận", "tải", "công", "binh",
];

/// Lower-case tails of department names written in sentence case, after
/// their capitalized first term (`Cục Cảnh sát giao thông`, `Vụ Tổ chức cán
/// bộ`, `Cục An ninh chính trị nội bộ`, `Tổng cục Khí tượng thủy văn`):
/// verbs follow these words too (`Sở Tài chính tổ chức ...`), so only the
/// listed pairs continue a name.
const FIELD_TAILS: &[(&str, &[&str])] = &[
    (
        "cảnh sát",
        &[
            "giao thông",
            "cơ động",
            "điều tra",
            "hình sự",
            "kinh tế",
            "môi trường",
            "biển",
            "phòng cháy, chữa cháy và cứu nạn, cứu hộ",
            "phòng cháy và chữa cháy",
            "quản lý hành chính về trật tự xã hội",
        ],
    ),
    (
        "an ninh",
        &[
            "chính trị nội bộ",
            "điều tra",
            "mạng",
            "kinh tế",
            "đối ngoại",
            "nội địa",
        ],
    ),
    ("tổ chức", &["cán bộ", "biên chế"]),
    ("khí tượng", &["thủy văn quốc gia", "thủy văn"]),
    ("cựu chiến", &["binh"]),
    ("công tác", &["đại biểu"]),
    (
        "quản lý",
        &["các khu kinh tế", "các khu công nghiệp", "dự án"],
    ),
    ("pháp", &["chế"]),
    ("kế hoạch", &["tài chính", "đầu tư"]),
];

/// The end of a listed lower-case tail right after `end`, if any.
fn field_continuation(lower: &str, end: usize) -> Option<usize> {
    let head = &lower[..end];
    let rest = lower[end..].strip_prefix(' ')?;
    for (key, tails) in FIELD_TAILS {
        if !head.ends_with(key) {
            continue;
        }
        for tail in *tails {
            if rest.starts_with(tail)
                && rest[tail.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !crate::segment::is_word_char(c))
            {
                return Some(end + 1 + tail.len());
            }
        }
    }
    None
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    pub bodies: PhraseSet<BodyInfo>,
    pub roles: PhraseSet<RoleKind>,
    pub levels: PhraseSet<&'static str>,
    surnames: HashMap<String, bool, BuildHasherDefault<FxHasher>>,
    provinces: HashSet<String, BuildHasherDefault<FxHasher>>,
    /// The longest province key (bytes): longer strings are no province.
    province_max: usize,
    abbrevs: Vec<(String, String)>,
    /// The first bytes of `abbrevs`.
    abbrev_first: [bool; 256],
}

/// A fast hasher (FxHash's mixing, 8 bytes a step) for the lexicon's word
/// sets, looked up many times per document: SipHash cost more than the
/// lookups' other work. The sets are fixed data, so no flooding concern.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let r = chunks.remainder();
        if !r.is_empty() {
            let mut w = [0u8; 8];
            w[..r.len()].copy_from_slice(r);
            self.add(u64::from_le_bytes(w) ^ (r.len() as u64) << 59);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The defaults are parsed once per process.
pub(crate) fn lexicon() -> Result<Arc<Lexicon>> {
    static LEX: OnceLock<std::result::Result<Arc<Lexicon>, String>> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::new().map(Arc::new).map_err(|e| e.to_string()))
        .clone()
        .map_err(|e| crate::error::Error::data("data", 0, e))
}

fn level_name(s: &str) -> Option<&'static str> {
    match s {
        "central" => Some("central"),
        "province" => Some("province"),
        "district" => Some("district"),
        "commune" => Some("commune"),
        _ => None,
    }
}

impl Lexicon {
    fn new() -> Result<Self> {
        let rows = parse_tsv("titles.tsv", TITLES_TSV, &["phrase", "kind"], 2)?;
        let mut roles = Vec::new();
        for r in &rows {
            let kind = match r.get(1) {
                "role" => RoleKind::Role,
                "needs_body" => RoleKind::NeedsBody,
                "elided" => RoleKind::Elided,
                "rank" => RoleKind::Rank,
                "qualifier" => RoleKind::Qualifier,
                k => {
                    return Err(crate::error::Error::data(
                        "titles.tsv",
                        r.line,
                        format!("unknown kind {k:?}"),
                    ))
                }
            };
            roles.push((r.get(0).to_string(), kind));
            if matches!(
                kind,
                RoleKind::Role | RoleKind::NeedsBody | RoleKind::Elided
            ) {
                roles.push((format!("Phó {}", r.get(0)), kind));
            }
        }
        let rows = parse_tsv(
            "bodies.tsv",
            BODIES_TSV,
            &["phrase", "kind", "bare", "level", "canonical"],
            4,
        )?;
        let mut bodies = Vec::new();
        for r in &rows {
            let kind = match r.get(1) {
                "unit" => BodyKind::Unit,
                "parent" => BodyKind::Parent,
                "named" => BodyKind::Named,
                "fixed" => BodyKind::Fixed,
                k => {
                    return Err(crate::error::Error::data(
                        "bodies.tsv",
                        r.line,
                        format!("unknown kind {k:?}"),
                    ))
                }
            };
            bodies.push((
                r.get(0).to_string(),
                BodyInfo {
                    canonical: r.get(4).to_string(),
                    kind,
                    bare: r.get(2) == "yes",
                    level: level_name(r.get(3)),
                },
            ));
        }
        let levels: Vec<(&str, &'static str)> = vec![
            ("tỉnh", "province"),
            ("thành phố", "province"),
            ("TP.", "province"),
            ("TP", "province"),
            ("huyện", "district"),
            ("quận", "district"),
            ("thị xã", "district"),
            ("xã", "commune"),
            ("phường", "commune"),
            ("thị trấn", "commune"),
            ("đặc khu", "commune"),
            ("Trung ương", "central"),
            ("TW", "central"),
            ("TƯ", "central"),
            ("T.Ư", "central"),
        ];
        let mut surnames = HashMap::default();
        for r in parse_tsv("surnames.tsv", SURNAMES_TSV, &["name", "strong"], 2)? {
            surnames
                .entry(crate::normalize::key(r.get(0)))
                .or_insert(r.get(1) == "yes");
        }
        let mut provinces = HashSet::default();
        for r in parse_tsv("provinces.tsv", PROVINCES_TSV, &["name"], 1)? {
            provinces.insert(crate::normalize::key(r.get(0)));
        }
        let abbrevs = parse_tsv(
            "abbreviations.tsv",
            ABBREV_TSV,
            &["abbreviation", "expansion"],
            2,
        )?
        .iter()
        .map(|r| (r.get(0).to_string(), r.get(1).to_string()))
        .collect::<Vec<(String, String)>>();
        let mut abbrev_first = [false; 256];
        for (a, _) in &abbrevs {
            if let Some(&b) = a.as_bytes().first() {
                abbrev_first[b as usize] = true;
            }
        }
        Ok(Lexicon {
            bodies: PhraseSet::new(bodies),
            roles: PhraseSet::new(roles),
            levels: PhraseSet::new(levels),
            surnames,
            province_max: provinces.iter().map(String::len).max().unwrap_or(0),
            provinces,
            abbrevs,
            abbrev_first,
        })
    }

    /// `Some(strong)` when the (lower-cased) word is a family name.
    pub(crate) fn surname(&self, lower_word: &str) -> Option<bool> {
        self.surnames.get(lower_word).copied()
    }

    pub(crate) fn is_province(&self, lower: &str) -> bool {
        lower.len() <= self.province_max && self.provinces.contains(lower)
    }

    /// Expands the standard abbreviations word by word (`HĐND tỉnh` →
    /// `Hội đồng nhân dân tỉnh`).
    pub(crate) fn expand(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 16);
        self.expand_into(&mut out, s);
        out
    }

    /// [`expand`](Self::expand), appended to `out`.
    pub(crate) fn expand_into(&self, out: &mut String, s: &str) {
        // `s.split(' ')` by hand: the words are short, a memchr per word
        // cost more than the bytes it skips.
        let mut rest = s;
        loop {
            let (w, next) = match rest.bytes().position(|b| b == b' ') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            // Only a word opening with an abbreviation's first byte can be one.
            let full = match w.as_bytes().first() {
                Some(&b) if self.abbrev_first[b as usize] => {
                    self.abbrevs.iter().find(|(a, _)| a == w).map(|(_, e)| e)
                }
                _ => None,
            };
            out.push_str(full.map_or(w, String::as_str));
            match next {
                Some(n) => {
                    out.push(' ');
                    rest = n;
                }
                None => break,
            }
        }
    }
}

/// Hits of one phrase set, indexed by start offset (longest first).
///
/// Lookups happen at nearly every word of a document, mostly where nothing
/// starts: a bitmap of hit starts answers those with one load, and a rank
/// (set bits before each 64-bit block) turns a set bit into the index of its
/// group of hits, so a lookup is O(1) without hashing (at most 64 starts
/// share a block). Memory is ~1.5 bits per text byte plus the hits.
#[derive(Debug, Default)]
pub(crate) struct HitIndex {
    /// `(end, value)` of every hit, by start, longest first (`find_all` order).
    hits: Vec<(usize, usize)>,
    /// The distinct starts, ascending.
    starts: Vec<usize>,
    /// `hits[group[k]..group[k + 1]]` start at `starts[k]`.
    group: Vec<u32>,
    /// Bit `p % 64` of `bits[p / 64]`: some hit starts at byte `p`.
    bits: Vec<u64>,
    /// Set bits in `bits[..i]`.
    rank: Vec<u32>,
}

impl HitIndex {
    fn build<T>(set: &PhraseSet<T>, lower: &str) -> Self {
        let found = set.find_all(lower);
        let mut hits = Vec::with_capacity(found.len());
        let mut starts: Vec<usize> = Vec::with_capacity(found.len());
        let mut group = Vec::with_capacity(found.len() + 1);
        let mut bits = vec![0u64; lower.len() / 64 + 1];
        for h in &found {
            if starts.last() != Some(&h.start) {
                starts.push(h.start);
                group.push(hits.len() as u32);
                bits[h.start / 64] |= 1 << (h.start % 64);
            }
            hits.push((h.end, h.value));
        }
        group.push(hits.len() as u32);
        let mut rank = Vec::with_capacity(bits.len());
        let mut n = 0u32;
        for b in &bits {
            rank.push(n);
            n += b.count_ones();
        }
        HitIndex {
            hits,
            starts,
            group,
            bits,
            rank,
        }
    }
    #[inline]
    pub(crate) fn at(&self, pos: usize) -> &[(usize, usize)] {
        let (i, b) = (pos / 64, pos % 64);
        match self.bits.get(i) {
            Some(&w) if w >> b & 1 == 1 => {
                // The block's starts begin at `rank[i]`; `pos` is one of
                // them, a step or two on (cheaper than a software popcount).
                let mut k = self.rank[i] as usize;
                while self.starts[k] < pos {
                    k += 1;
                }
                &self.hits[self.group[k] as usize..self.group[k + 1] as usize]
            }
            _ => &[],
        }
    }
    /// Whether some hit starts at `pos`.
    #[inline]
    pub(crate) fn has(&self, pos: usize) -> bool {
        self.bits
            .get(pos / 64)
            .is_some_and(|w| w >> (pos % 64) & 1 == 1)
    }
    /// The starts of hits, ascending.
    pub(crate) fn starts(&self) -> &[usize] {
        &self.starts
    }
}

/// Per-document scan shared by the title and org families.
#[derive(Debug)]
pub(crate) struct Scan<'d> {
    pub lex: &'d Lexicon,
    pub text: &'d str,
    pub lower: &'d str,
    pub bodies: HitIndex,
    pub roles: HitIndex,
    pub levels: HitIndex,
}

/// The character at byte `i` of `b` (valid UTF-8, `i` on a boundary) and
/// its length: a hand decode, cheaper than slicing `str`s per character.
#[inline(always)]
fn char_at(b: &[u8], i: usize) -> (char, usize) {
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0 as char, 1);
    }
    let (n, init) = if b0 < 0xE0 {
        (2, b0 & 0x1F)
    } else if b0 < 0xF0 {
        (3, b0 & 0x0F)
    } else {
        (4, b0 & 0x07)
    };
    let mut cp = u32::from(init);
    for &c in &b[i + 1..i + n] {
        cp = cp << 6 | u32::from(c & 0x3F);
    }
    (char::from_u32(cp).unwrap_or('\u{FFFD}'), n)
}

/// ASCII word characters (letters and digits), by byte.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Whether the character at byte `i` is a word character (`is_word_char`),
/// and its length. The common bytes of Vietnamese text are classified from
/// the lead byte alone (ASCII by table; the Latin and combining-mark blocks
/// `is_word_char` takes whole), the rest decoded.
#[inline(always)]
fn word_char_at(b: &[u8], i: usize) -> (bool, usize) {
    let b0 = b[i];
    match b0 {
        0..=0x7F => (ASCII_WORD[b0 as usize], 1),
        // U+00C0..U+00FF: letters but × (C3 97) and ÷ (C3 B7).
        0xC3 => (!matches!(b[i + 1], 0x97 | 0xB7), 2),
        // U+0100..U+023F (Latin Extended-A/B), U+0300..U+033F (combining marks).
        0xC4..=0xC8 | 0xCC => (true, 2),
        // U+1E00..U+1EFF: Latin Extended Additional (precomposed vowels).
        0xE1 if matches!(b[i + 1], 0xB8..=0xBB) => (true, 3),
        _ => {
            let (c, n) = char_at(b, i);
            (is_word_char(c), n)
        }
    }
}

/// How [`next_cap_start`] treats a byte: skipped (no capital starts with it),
/// an ASCII capital, or a lead byte to look at further.
const SKIP: u8 = 0;
const ASCII_UPPER: u8 = 1;
const LEAD_C3: u8 = 2;
const LEAD_C4: u8 = 3;
const LEAD_E1: u8 = 4;
const LEAD_OTHER: u8 = 5;
const CAP_CLASS: [u8; 256] = {
    let mut t = [SKIP; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b'A'..=b'Z' => ASCII_UPPER,
            // ASCII but capitals, continuation bytes, and U+0300..U+033F
            // (combining marks, never capitals).
            0..=0xBF | 0xCC => SKIP,
            0xC3 => LEAD_C3,
            0xC4 => LEAD_C4,
            0xE1 => LEAD_E1,
            _ => LEAD_OTHER,
        };
        i += 1;
    }
    t
};

/// The start of the first word at or after `from` that opens with a capital
/// (`is_cap`), found byte-wise instead of walking every word: eight bytes
/// a step, only ASCII capitals and lead bytes looked at, and only capitals
/// checked for a word start (no word character just before).
pub(crate) fn next_cap_start(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let is_start = |k: usize| capital_at(b, k) && !word_char_before(b, k);
    let mut i = from;
    while i + 8 <= b.len() {
        let mut m = cap_candidates(b, i);
        while m != 0 {
            let k = i + (m.trailing_zeros() / 8) as usize;
            if is_start(k) {
                return Some(k);
            }
            m &= m - 1;
        }
        i += 8;
    }
    (i..b.len()).find(|&k| CAP_CLASS[b[k] as usize] != SKIP && is_start(k))
}

/// Bit 7 of byte `k` set for each of the eight bytes at `i` that may start a
/// capital: an ASCII capital or a UTF-8 lead byte (`0xC0..`). SWAR: the
/// ASCII letters and continuation bytes between are most of the text.
#[inline(always)]
fn cap_candidates(b: &[u8], i: usize) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&b[i..i + 8]);
    let w = u64::from_le_bytes(bytes);
    // Bits 7 and 6 set: a lead byte.
    let lead = w & (w << 1) & HIGH;
    // `A`..=`Z` among the ASCII bytes: the low 7 bits + 0x3F reach 0x80
    // from `A` on, + 0x25 from `[` on (no carry between bytes).
    let low = w & !HIGH;
    let upper = (low + ONES * 0x3F) & !(low + ONES * 0x25) & !w & HIGH;
    lead | upper
}

/// Whether the character starting at byte `i` is a capital
/// (`char::is_uppercase`), read from its bytes where that is easy.
#[inline(always)]
fn capital_at(b: &[u8], i: usize) -> bool {
    match CAP_CLASS[b[i] as usize] {
        SKIP => false,
        ASCII_UPPER => true,
        // U+00C0..U+00DE but × (C3 97).
        LEAD_C3 => matches!(b[i + 1], 0x80..=0x9E) && b[i + 1] != 0x97,
        // U+0100..U+0137 (`Đ`/`đ`, `Ă`/`ă`, `Ĩ`/`ĩ`): capitals at even code points.
        LEAD_C4 if b[i + 1] <= 0xB7 => b[i + 1] % 2 == 0,
        // U+014A..U+0177 (`Ũ`/`ũ`): capitals at even code points.
        LEAD_OTHER if b[i] == 0xC5 && matches!(b[i + 1], 0x8A..=0xB7) => b[i + 1] % 2 == 0,
        // `ơ` (C6 A1), `ư` (C6 B0).
        LEAD_OTHER if b[i] == 0xC6 && matches!(b[i + 1], 0xA1 | 0xB0) => false,
        // U+1EA0..U+1EFF (E1 BA A0..E1 BB BF, the toned Vietnamese vowels):
        // capitals at even code points, so at even last bytes.
        LEAD_E1 if b[i + 1] == 0xBB || (b[i + 1] == 0xBA && b[i + 2] >= 0xA0) => b[i + 2] % 2 == 0,
        _ => char_at(b, i).0.is_uppercase(),
    }
}

/// Whether [`next_cap_start`] finds exactly the starts of the words of
/// `segment::words` that [`is_cap`]: debug builds check every document.
pub(crate) fn cap_starts_agree(text: &str) -> bool {
    let mut at = 0;
    crate::segment::words(text, 0..text.len())
        .filter(|w| is_cap(text, w))
        .all(|w| {
            let found = next_cap_start(text, at);
            at = w.start + 1;
            found == Some(w.start)
        })
        && next_cap_start(text, at).is_none()
}

/// Whether the character before byte `i` is a word character.
#[inline]
fn word_char_before(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let mut c = i - 1;
    while c > 0 && b[c] & 0xC0 == 0x80 {
        c -= 1;
    }
    word_char_at(b, c).0
}

/// The word (run of word characters) starting at `pos`, if one does.
pub(crate) fn word_at(text: &str, pos: usize) -> Option<Range<usize>> {
    if !text.is_char_boundary(pos) {
        return None;
    }
    let b = text.as_bytes();
    let mut end = pos;
    while end < b.len() {
        let (w, n) = word_char_at(b, end);
        if !w {
            break;
        }
        end += n;
    }
    (end > pos).then_some(pos..end)
}

/// The word after one space following `end`.
pub(crate) fn next_word(text: &str, end: usize) -> Option<Range<usize>> {
    if text.as_bytes().get(end) == Some(&b' ') {
        word_at(text, end + 1)
    } else {
        None
    }
}

/// The word that ends right before `start` (one space in between).
pub(crate) fn prev_word(text: &str, start: usize) -> Option<Range<usize>> {
    if start == 0 || text.as_bytes().get(start - 1) != Some(&b' ') {
        return None;
    }
    let b = &text.as_bytes()[..start - 1];
    let mut s = b.len();
    while word_char_before(b, s) {
        // Back over the character ending at `s` (and its continuation bytes).
        s -= 1;
        while b[s] & 0xC0 == 0x80 {
            s -= 1;
        }
    }
    (s < b.len()).then_some(s..b.len())
}

/// Whether the word starts with a capital.
#[inline]
pub(crate) fn is_cap(text: &str, w: &Range<usize>) -> bool {
    // Byte-wise: `w` is a word of `text`, so it starts on a char boundary.
    let b = text.as_bytes();
    match b.get(w.start) {
        _ if w.end <= w.start => false,
        Some(&c) if c < 0x80 => c.is_ascii_uppercase(),
        Some(_) => char_at(b, w.start).0.is_uppercase(),
        None => false,
    }
}

pub(crate) fn is_digit_word(text: &str, w: &Range<usize>) -> bool {
    text[w.clone()].chars().all(|c| c.is_ascii_digit())
}

/// Whether every letter of the word is upper case (an abbreviation or ALL-CAPS).
pub(crate) fn is_all_caps(text: &str, w: &Range<usize>) -> bool {
    // One pass, out at the first small letter (most words are Title Case).
    let mut letter = false;
    for c in text[w.clone()].chars() {
        if c.is_ascii() {
            if c.is_ascii_lowercase() {
                return false;
            }
            letter |= c.is_ascii_alphabetic();
        } else {
            if c.is_lowercase() {
                return false;
            }
            letter = letter || c.is_alphabetic();
        }
    }
    letter
}

impl<'d> Scan<'d> {
    pub(crate) fn new(lex: &'d Lexicon, doc: &'d Doc) -> Self {
        let lower = doc.lower();
        Scan {
            lex,
            text: doc.text(),
            lower,
            bodies: HitIndex::build(&lex.bodies, lower),
            roles: HitIndex::build(&lex.roles, lower),
            levels: HitIndex::build(&lex.levels, lower),
        }
    }

    /// The canonical name of the body written at `start..end`: the head's
    /// canonical form (`Trung ương Đảng` → `Ban Chấp hành Trung ương Đảng`),
    /// the rest with abbreviations expanded.
    pub(crate) fn canonical(&self, start: usize, end: usize) -> String {
        let head = self.bodies.at(start).iter().find(|&&(e, _)| e <= end);
        match head {
            Some(&(e, i)) => {
                let head = &self.lex.bodies.value(i).canonical;
                let mut out = String::with_capacity(head.len() + end - e + 16);
                out.push_str(head);
                self.lex.expand_into(&mut out, &self.text[e..end]);
                out
            }
            None => self.lex.expand(&self.text[start..end]),
        }
    }

    fn starts_role_or_body(&self, pos: usize) -> bool {
        self.roles.has(pos) || self.bodies.has(pos)
    }

    /// A level word at `pos`, written in its usual case (`tỉnh`, `Trung ương`, `TW`).
    pub(crate) fn level_at(&self, pos: usize) -> Option<(usize, &'static str)> {
        let &(end, v) = self.levels.at(pos).first()?;
        let first = self.text[pos..].chars().next()?;
        let key = &self.lower[pos..end];
        if key == "xã" && self.lower[end..].starts_with(" hội") {
            return None;
        }
        let ok = if key.starts_with("trung") || key.starts_with("t") && end - pos <= 4 {
            // `Trung ương`, `TW`, `TP.`: capitalized forms.
            first.is_uppercase() || key == "thị xã" || key == "thị trấn" || key == "tỉnh"
        } else {
            first.is_lowercase()
        };
        ok.then(|| (end, *self.lex.levels.value(v)))
    }

    /// Whether a run of capitalized words starting at `w` looks like a
    /// person's name rather than a place (`Nguyễn Văn An`).
    pub(crate) fn looks_like_person(&self, w: &Range<usize>) -> bool {
        let first = &self.lower[w.clone()];
        if self.lex.surname(first) != Some(true) {
            return false;
        }
        next_word(self.text, w.end).is_some_and(|n| is_cap(self.text, &n))
    }

    /// A place name (capitalized run, 1–4 words) at `pos`; after `tỉnh` or
    /// `thành phố` a strong-surname run is only a place when it is a province.
    pub(crate) fn place_run(&self, pos: usize) -> Option<usize> {
        let w = word_at(self.text, pos)?;
        if !is_cap(self.text, &w) {
            return None;
        }
        // A level word in any case (`Tỉnh` in a Title Case headline) is no place.
        if self.starts_role_or_body(pos) || !self.levels.at(pos).is_empty() {
            return None;
        }
        let mut end = w.end;
        let mut n = 1;
        while n < 4 {
            let Some(nw) = next_word(self.text, end) else {
                break;
            };
            if !is_cap(self.text, &nw) || self.starts_role_or_body(nw.start) {
                break;
            }
            if self.looks_like_person(&nw) && !self.lex.is_province(&self.lower[pos..nw.end]) {
                break;
            }
            end = nw.end;
            n += 1;
        }
        // `Bà Rịa - Vũng Tàu`: a hyphenated province.
        if self.text[end..].starts_with(" - ") {
            if let Some(e) = word_at(self.text, end + 3).and_then(|x| next_word(self.text, x.end)) {
                if self.lex.is_province(&self.lower[pos..e.end]) {
                    return Some(e.end);
                }
            }
        }
        // The longest known province prefix wins (`Nghệ An` in `Nghệ An Thái
        // Thanh Quý`); a run opening with a family name is otherwise a person.
        let mut e = end;
        loop {
            let run = &self.lower[pos..e];
            if self.lex.is_province(run) || (run == "hồ chí minh") {
                return Some(e);
            }
            match self.lower[pos..e].rfind(' ') {
                Some(i) => e = pos + i,
                None => break,
            }
        }
        let first = &self.lower[w.clone()];
        if self.lex.surname(first).is_some() && (n >= 3 || first.chars().count() == 1) {
            // `A Pớt`, `Y Moan`: one-letter particles open ethnic-minority names.
            return None;
        }
        if self.looks_like_person(&w) {
            let mut e = end;
            loop {
                if self.lex.is_province(&self.lower[pos..e]) {
                    return Some(e);
                }
                match self.lower[pos..e].rfind(' ') {
                    Some(i) => e = pos + i,
                    None => return None,
                }
            }
        }
        // A letter-with-apostrophe place (`Ia H'Drai`) is left to the place family.
        Some(end)
    }

    /// The field name of a named body (`Tài chính`, `Kế hoạch và Đầu tư`,
    /// `Hàn lâm Khoa học xã hội Việt Nam`), starting at `pos`.
    pub(crate) fn field_name(&self, pos: usize, digits: bool) -> Option<usize> {
        self.field_name_with(pos, digits, true)
    }

    /// `commas`: whether `, X và Y` may continue the name (not inside a list
    /// of field names, where the comma separates items).
    pub(crate) fn field_name_with(&self, pos: usize, digits: bool, commas: bool) -> Option<usize> {
        let t = self.text;
        let w = word_at(t, pos)?;
        if is_digit_word(t, &w) {
            return digits.then_some(w.end);
        }
        if !is_cap(t, &w)
            || self.level_at(pos).is_some()
            || !self.roles.at(pos).is_empty()
            || self.looks_like_person(&w)
        {
            return None;
        }
        let mut end = w.end;
        // State: previous word capitalized and first of its term (may take one
        // lower-case syllable), or already a proper-name run.
        // An abbreviation (`KHXH`) ends its term; a one-letter word (`Y tế`) does not.
        let mut prev_cap_first = !is_all_caps(t, &w) || w.len() == 1;
        let mut prev_lower = false;
        let mut words = 1;
        while words < 12 {
            let b = t.as_bytes();
            // `KH-ĐT`, `TN-MT`: hyphen inside a word.
            if b.get(end) == Some(&b'-') {
                if let Some(nw) = word_at(t, end + 1) {
                    end = nw.end;
                    prev_cap_first = false;
                    prev_lower = false;
                    words += 1;
                    continue;
                }
            }
            let Some(nw) = next_word(t, end) else {
                // ` - ` between two capitalized terms, `, X và Y`, `(ABBR)`.
                if t[end..].starts_with(" - ") {
                    if let Some(nw) = word_at(t, end + 3) {
                        if is_cap(t, &nw)
                            && !self.starts_role_or_body(nw.start)
                            && !self.looks_like_person(&nw)
                        {
                            end = nw.end;
                            prev_cap_first = true;
                            prev_lower = false;
                            words += 1;
                            continue;
                        }
                    }
                }
                if commas && t[end..].starts_with(", ") && self.comma_list_with_va(end + 2) {
                    if let Some(nw) = word_at(t, end + 2) {
                        end = nw.end;
                        prev_cap_first = true;
                        prev_lower = false;
                        words += 1;
                        continue;
                    }
                }
                if t[end..].starts_with(" (") {
                    if let Some(close) = t[end + 2..].find(')').filter(|&i| i > 0 && i <= 12) {
                        let inner = end + 2..end + 2 + close;
                        if is_all_caps(t, &inner)
                            && !t[inner.clone()].contains(' ')
                            && next_word(t, inner.end + 1).is_some_and(|n| is_cap(t, &n))
                        {
                            end = inner.end + 1;
                            continue;
                        }
                    }
                }
                break;
            };
            let lw = &self.lower[nw.clone()];
            if self.level_at(nw.start).is_some()
                || (is_cap(t, &nw) && self.starts_role_or_body(nw.start))
            {
                break;
            }
            if is_cap(t, &nw) || is_digit_word(t, &nw) {
                if self.looks_like_person(&nw) {
                    break;
                }
                // A capital after a lower-case syllable starts a new term
                // (`Khoa học`); after another capital it is a proper name.
                prev_cap_first =
                    prev_lower && !is_digit_word(t, &nw) && (!is_all_caps(t, &nw) || nw.len() == 1);
                prev_lower = false;
                end = nw.end;
            } else if lw == "và" || lw == "&" {
                match next_word(t, nw.end) {
                    Some(n2) if is_cap(t, &n2) && !self.starts_role_or_body(n2.start) => {
                        end = n2.end;
                        prev_cap_first = true;
                        prev_lower = false;
                        words += 1;
                    }
                    _ => break,
                }
            } else if prev_cap_first || (prev_lower && INNER.contains(&lw)) {
                end = nw.end;
                prev_cap_first = false;
                prev_lower = true;
            } else if let Some(e) = field_continuation(self.lower, end) {
                end = e;
                prev_cap_first = false;
                prev_lower = true;
            } else {
                break;
            }
            words += 1;
        }
        Some(end)
    }

    /// `, Thể thao và Du lịch`: a comma inside a field name is only taken when
    /// the list closes with `và` + a capitalized word within a few words.
    fn comma_list_with_va(&self, pos: usize) -> bool {
        let t = self.text;
        let Some(w) = word_at(t, pos) else {
            return false;
        };
        if !is_cap(t, &w) || self.starts_role_or_body(pos) {
            return false;
        }
        let mut end = w.end;
        for _ in 0..3 {
            let Some(nw) = next_word(t, end) else {
                return false;
            };
            if &self.lower[nw.clone()] == "và" {
                return next_word(t, nw.end).is_some_and(|n| is_cap(t, &n));
            }
            end = nw.end;
        }
        false
    }

    /// The longest body name starting at `pos`.
    pub(crate) fn body_at(&self, pos: usize, depth: u8) -> Option<BodyMatch> {
        if depth > 5 {
            return None;
        }
        let mut best: Option<BodyMatch> = None;
        let hits = self.bodies.at(pos);
        let only_named = hits
            .iter()
            .all(|&(_, i)| self.lex.bodies.value(i).kind == BodyKind::Named);
        for &(hend, idx) in hits {
            let info = self.lex.bodies.value(idx);
            if info.kind == BodyKind::Named && !only_named {
                continue;
            }
            let mut m = BodyMatch {
                end: hend,
                level: info.level,
                complete: info.bare,
            };
            match info.kind {
                BodyKind::Named => match next_word(self.text, hend).and_then(|w| {
                    // Numbered units: `Quân khu 5`, `Sư đoàn 307`, `Bộ Tư lệnh
                    // Vùng Cảnh sát biển 2`.
                    let h = &self.lower[pos..hend];
                    let digits = h.starts_with("quân")
                        || h.ends_with("sư đoàn")
                        || h.ends_with("vùng")
                        || h.ends_with("cảnh sát biển");
                    self.field_name(w.start, digits)
                }) {
                    Some(e) => {
                        m.end = e;
                        m.complete = true;
                    }
                    None => continue,
                },
                BodyKind::Fixed => {
                    // `Ban Bí thư Trung ương Đảng`: only a nested `Trung ương ...`.
                    if let Some(w) = next_word(self.text, hend) {
                        if self.lower[w.start..].starts_with("trung ương") {
                            if let Some(n) = self.body_at(w.start, depth + 1) {
                                m.end = n.end;
                            }
                        }
                    }
                    keep_best(&mut best, m);
                    continue;
                }
                _ => {}
            }
            self.tail(&mut m, info.kind, depth);
            keep_best(&mut best, m);
        }
        best
    }

    /// A body whose head word is part of the role before it (`Trưởng ban
    /// Tuyên giáo Tỉnh ủy`): a field name, then what may follow a body.
    pub(crate) fn elided_body(&self, pos: usize) -> Option<BodyMatch> {
        let end = self.field_name(pos, false)?;
        let mut m = BodyMatch {
            end,
            level: None,
            complete: true,
        };
        self.tail(&mut m, BodyKind::Named, 1);
        Some(m)
    }

    /// What may follow a body's head: a nested body, a level word and place,
    /// or a place name directly (`Thành ủy Vinh`).
    fn tail(&self, m: &mut BodyMatch, kind: BodyKind, depth: u8) {
        // `Ủy ban Kiểm tra (UBKT) Trung ương`: an abbreviation in brackets
        // inside the name is kept when the name goes on after it.
        let t = self.text;
        let mut at = m.end;
        if let Some(rest) = t[at..].strip_prefix(" (") {
            if let Some(close) = rest.find(')').filter(|&i| (2..=10).contains(&i)) {
                let inner = at + 2..at + 2 + close;
                if is_all_caps(t, &inner) && !t[inner.clone()].contains(' ') {
                    if let Some(w) = next_word(t, inner.end + 1) {
                        let goes_on = self.body_at(w.start, depth + 1).is_some()
                            || self.level_at(w.start).is_some()
                            || (kind == BodyKind::Unit && self.place_run(w.start).is_some());
                        if goes_on {
                            at = inner.end + 1;
                        }
                    }
                }
            }
        }
        let Some(w) = next_word(self.text, at) else {
            return;
        };
        if let Some(n) = self.body_at(w.start, depth + 1) {
            m.end = n.end;
            m.level = n.level.or(m.level);
            m.complete = true;
            return;
        }
        if let Some((lend, level)) = self.level_at(w.start) {
            m.end = lend;
            m.level = Some(level);
            m.complete = true;
            if let Some(p) = next_word(self.text, lend).and_then(|p| self.place_run(p.start)) {
                m.end = p;
            }
            return;
        }
        if kind == BodyKind::Unit {
            if let Some(p) = self.place_run(w.start) {
                m.end = p;
                m.complete = true;
            }
        }
    }
}

fn keep_best(best: &mut Option<BodyMatch>, m: BodyMatch) {
    if best.is_none_or(|b| m.end > b.end || (m.end == b.end && m.complete && !b.complete)) {
        *best = Some(m);
    }
}

/// Words before `start` that make a body or title mention generic or plural.
pub(crate) fn generic_before(lower: &str, start: usize) -> bool {
    let Some(w) = prev_word(lower, start) else {
        return false;
    };
    matches!(
        &lower[w],
        "các" | "những" | "cấp" | "mỗi" | "từng" | "nhiều" | "hai" | "ba" | "phi"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_starts_are_the_capitalized_words() {
        let mut t: String = "Ông Nguyễn văn Ánh, ĐBQH; McDonald x-Ray «Ơn» đẠi 1A ẞ ǅ Ǆ Ⅷ ".into();
        t.extend(
            (0x80..0x2000u32)
                .chain(0x1E00..0x1F00)
                .chain(0x2100..0x2200)
                .filter_map(char::from_u32)
                .flat_map(|c| [' ', c, 'a']),
        );
        assert!(cap_starts_agree(&t));
        let n = crate::segment::words(&t, 0..t.len())
            .filter(|w| is_cap(&t, w))
            .count();
        assert!(n > 900, "{n}");
    }

    #[test]
    fn all_caps_words() {
        let t = "ĐBQH Hà TP.HCM 123 ǅ Ⅷ ⅷ ß KH-ĐT ĐẮK";
        let got: Vec<bool> = crate::segment::words(t, 0..t.len())
            .map(|w| is_all_caps(t, &w))
            .collect();
        let want: Vec<bool> = crate::segment::words(t, 0..t.len())
            .map(|w| {
                let s = &t[w];
                s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
            })
            .collect();
        assert_eq!(got, want);
        let words = ["ĐBQH", "Hà", "123", "ǅ", "Ⅷ", "ⅷ", "ß", "KH-ĐT", "", "1a"];
        for s in words {
            let r = 0..s.len();
            let want = s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase);
            assert_eq!(is_all_caps(s, &r), want, "{s:?}");
        }
    }

    #[test]
    fn prev_word_reads_back() {
        let t = "Đắk Lắk, ông Ánh";
        let at = |w: &str| t.find(w).unwrap();
        assert_eq!(prev_word(t, at("Ánh")).map(|r| &t[r]), Some("ông"));
        assert_eq!(prev_word(t, at("Lắk")).map(|r| &t[r]), Some("Đắk"));
        assert_eq!(prev_word(t, at("ông")), None);
        assert_eq!(prev_word(t, 0), None);
    }

    #[test]
    fn is_cap_reads_the_first_character() {
        let t = "Đà nẵng ábc Abc 1a";
        let ws: Vec<_> = crate::segment::words(t, 0..t.len()).collect();
        let caps: Vec<bool> = ws.iter().map(|w| is_cap(t, w)).collect();
        assert_eq!(caps, [true, false, false, true, false]);
    }
}

//! Stage 1: normalize the caller's text into the form the recognizers match,
//! keeping a map back to original offsets.
//!
//! Lossless-for-matching rewrites, each one character (or one run) at a time:
//! - NFD and other decomposed input is composed to NFC;
//! - every horizontal white space (NBSP, tab, U+2000–U+200A, ...) becomes one
//!   ASCII space and runs of them collapse to one; `\r\n`, `\r`, U+2028/2029
//!   become `\n`; zero-width characters and soft hyphens are dropped;
//! - curly and typographic quotes become `"` and `'`;
//! - en/em dashes, minus signs and hyphen variants become `-`;
//! - `Ð`/`ð` (Icelandic eth, a frequent typo) become `Đ`/`đ`;
//! - old tone placement becomes the new one in open syllables
//!   (`hoà` → `hòa`, `khoẻ` → `khỏe`, `thuỷ` → `thủy`, not `quý`).
//!
//! [`Normalized::lower`] is the same text lower-cased character by character
//! with byte lengths kept, so the gazetteer matches ALL-CAPS text at the very
//! same offsets. When nothing needs rewriting the text is borrowed.

mod offset_map;

pub(crate) use offset_map::OffsetMap;
use offset_map::OffsetMapBuilder;
use std::borrow::Cow;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The normalized text, its lower-cased twin and the way back to the original.
#[derive(Debug)]
pub(crate) struct Normalized<'a> {
    /// The normalized text, in its original letter case.
    pub text: Cow<'a, str>,
    /// `text` lower-cased; same length, same char boundaries.
    pub lower: String,
    pub map: OffsetMap,
}

impl Normalized<'_> {
    /// Maps a normalized span to the original text.
    pub(crate) fn to_orig(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map.start(start);
        let e = self.map.end(end).max(s);
        (s, e)
    }
}

/// Normalizes `input` (see the module docs).
pub(crate) fn normalize(input: &str) -> Normalized<'_> {
    normalize_in(input, &mut Buffers::default())
}

/// Buffers [`normalize_in`] writes into instead of allocating: what
/// [`Normalized::recycle`] gives back after a document.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    pub text: String,
    pub lower: String,
}

/// [`normalize`], taking its strings from `bufs` (left empty).
pub(crate) fn normalize_in<'a>(input: &'a str, bufs: &mut Buffers) -> Normalized<'a> {
    let (text, map) = rewrite_chunks(input, std::mem::take(&mut bufs.text));
    let lower = lowercase(&text, std::mem::take(&mut bufs.lower));
    Normalized { text, lower, map }
}

impl Normalized<'_> {
    /// Gives the strings back to `bufs` for the next document, unless they
    /// grew past `max` bytes (one huge input should not pin its memory).
    pub(crate) fn recycle(self, bufs: &mut Buffers, max: usize) {
        if let Cow::Owned(t) = self.text {
            if t.capacity() <= max {
                bufs.text = t;
            }
        }
        if self.lower.capacity() <= max {
            bufs.lower = self.lower;
        }
    }
}

/// Most of an article needs no rewrite: a few lines carry a NO-BREAK SPACE
/// or a curly quote. One cheap scan ([`clean_run`]) finds where a rewrite
/// may start; the general machinery runs from there only to the next point
/// where the text can be cut without changing any rewrite ([`next_cut`]),
/// and the clean text in between is copied in bulk.
fn rewrite_chunks(input: &str, mut out: String) -> (Cow<'_, str>, OffsetMap) {
    // The stretches to rewrite: from where a rewrite may start to the next
    // cut after what stopped the clean scan.
    let mut dirty: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < input.len() {
        let (restart, stop) = clean_run(&input[at..]);
        if restart == input.len() - at {
            break;
        }
        let end = next_cut(input, at + stop);
        dirty.push((at + restart, end));
        at = end;
    }
    if dirty.is_empty() {
        return (Cow::Borrowed(input), OffsetMap::identity());
    }
    // Composed or not is decided once for the whole text, as a single
    // rewrite would (checked without the characters `rewrite` drops: what
    // is left must be NFC). Clean text is made of starters that compose
    // with nothing, so checking the stretches alone gives the same answer.
    let nfc = dirty.iter().all(|&(a, b)| {
        let kept = input[a..b]
            .chars()
            .filter(|&c| !matches!(classify(c), Class::Drop));
        is_nfc_quick(kept) == IsNormalized::Yes
    });
    out.clear();
    out.reserve(input.len());
    let mut map = OffsetMap::builder();
    let mut clean_from = 0;
    for &(pos, end) in &dirty {
        // The clean text before, copied as it is: one map point covers it.
        if pos > clean_from {
            let n = out.len();
            out.push_str(&input[clean_from..pos]);
            map.push(n, out.len(), clean_from, pos);
        }
        if nfc {
            let chunk = &input[pos..end];
            rewrite_into(
                chunk
                    .char_indices()
                    .map(|(i, c)| (pos + i, pos + i + c.len_utf8(), c)),
                &mut out,
                &mut map,
            );
        } else {
            // Lazy and cheap to clone: `rewrite` clones it to look ahead (a
            // cloned `vec::IntoIter` would copy everything left: quadratic).
            rewrite_into(compose(input, pos, end), &mut out, &mut map);
        }
        clean_from = end;
    }
    if input.len() > clean_from {
        let n = out.len();
        out.push_str(&input[clean_from..]);
        map.push(n, out.len(), clean_from, input.len());
    }
    // Unchanged text (a kept character stopped the clean scan) stays
    // borrowed, as long as no offset moved (composition can move offsets
    // without changing a byte).
    if map.is_identity() && out == input {
        return (Cow::Borrowed(input), OffsetMap::identity());
    }
    let n = out.len();
    (Cow::Owned(out), map.finish(n, input.len()))
}

/// The first offset after `after` where the text can be cut: rewriting the
/// two sides apart gives what rewriting them together does. That is the
/// start of an ASCII letter or digit right after an ASCII space or line
/// break: no white space run, `\r\n` pair, syllable (tone placement looks
/// at most to the end of one) or composing sequence spans it, and the `qu`
/// rule sees no `q` before it either way.
fn next_cut(input: &str, after: usize) -> usize {
    let b = input.as_bytes();
    let mut i = after + 1;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() && matches!(b[i - 1], b' ' | b'\n') {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// `(restart, stop)`: the byte offset from which `input` may need
/// rewriting (`input.len()` when nothing does), and that of what stopped
/// the scan (`input.len()` if nothing did). Everything before `restart` is ASCII without tabs, `\r`, backticks
/// or double spaces, and characters that are NFC starters `classify` keeps
/// (precomposed Vietnamese letters, most punctuation), with no old-style tone
/// placement. `restart` is always 0 or that of a space or line break, so
/// `rewrite` starting there sees no syllable, segment or white space run
/// cut in two.
fn clean_run(input: &str) -> (usize, usize) {
    let b = input.as_bytes();
    // Where to restart for a stop at `i`: the last space or line break
    // before it. Stops are rare, so it is looked for only then.
    let restart = |i: usize| {
        b[..i]
            .iter()
            .rposition(|&c| c == b' ' || c == b'\n')
            .unwrap_or(0)
    };
    // The previous character, and the one before, as far as tone
    // placement cares: an ASCII `o`/`u` and an ASCII `q` before it.
    let ascii_before = |i: usize, k: usize| i.checked_sub(k).map_or(0, |j| b[j]);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            match x {
                // A double space: the run is rewritten from its first space.
                b' ' if b.get(i + 1) == Some(&b' ') => return (i, i),
                b'\t' | 0x0B | 0x0C | b'\r' | b'`' => return (restart(i), i),
                _ => {}
            }
            i += 1;
            continue;
        }
        let after_ou = matches!(ascii_before(i, 1), b'o' | b'O' | b'u' | b'U');
        // Vietnamese letters by their bytes (the common case): clean, and
        // they matter to tone placement only after `o`/`u`.
        if !after_ou {
            if let Some(n) = clean_letter_len(&b[i..]) {
                i += n;
                continue;
            }
        }
        let Some(c) = input[i..].chars().next() else {
            return (restart(i), i);
        };
        if !clean_char(c) {
            return (restart(i), i);
        }
        let prev = ascii_before(i, 1) as char;
        if after_ou && retone(prev, c).is_some() {
            // `rewrite` moves the tone only in an open syllable, never after
            // `qu`. A letter after the vowel closes the syllable; anything
            // else is left to `rewrite`.
            let q = matches!(prev, 'u' | 'U') && matches!(ascii_before(i, 2), b'q' | b'Q');
            let closed = input[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|d| d.is_ascii_alphabetic() || (d > '\u{7F}' && clean_letter(d)));
            if !(q || closed) {
                return (restart(i), i);
            }
        }
        i += c.len_utf8();
    }
    (b.len(), b.len())
}

/// The byte length of the [`clean_letter`] that `b` starts with, read off
/// its UTF-8 bytes (`clean_letter_len_agrees` checks it).
#[inline]
fn clean_letter_len(b: &[u8]) -> Option<usize> {
    match *b {
        // U+00C0..U+00FF but Ð × ð ÷.
        [0xC3, y, ..] if !matches!(y, 0x90 | 0x97 | 0xB0 | 0xB7) => Some(2),
        // U+0100..U+017F.
        [0xC4 | 0xC5, _, ..] => Some(2),
        // Ơ ơ Ư ư.
        [0xC6, 0xA0 | 0xA1 | 0xAF | 0xB0, ..] => Some(2),
        // U+1EA0..U+1EF9.
        [0xE1, 0xBA, z, ..] if z >= 0xA0 => Some(3),
        [0xE1, 0xBB, z, ..] if z <= 0xB9 => Some(3),
        _ => None,
    }
}

/// Letters of the Vietnamese alphabet and Latin-1/Extended-A letters:
/// precomposed NFC starters that `classify` keeps (not `Ð`, `ð`, `×`, `÷`).
fn clean_letter(c: char) -> bool {
    match c {
        '\u{C0}'..='\u{FF}' => !matches!(c, '\u{D0}' | '\u{D7}' | '\u{F0}' | '\u{F7}'),
        '\u{100}'..='\u{17F}' => true,
        'Ơ' | 'ơ' | 'Ư' | 'ư' => true,
        '\u{1EA0}'..='\u{1EF9}' => true,
        _ => false,
    }
}

/// A non-ASCII character `rewrite` leaves as it is, whatever comes before
/// or after it except a combining mark (which is not clean itself).
fn clean_char(c: char) -> bool {
    clean_letter(c)
        || (matches!(classify(c), Class::Keep)
            && canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
            && !c.is_alphabetic())
}

/// Normalizes a gazetteer key or any short string the way article text is,
/// lower-cased: the form automata are built from.
pub(crate) fn key(s: &str) -> String {
    let n = normalize(s.trim());
    n.lower
}

/// Normalizes a short string, keeping its case (trimmed).
pub(crate) fn clean(s: &str) -> String {
    normalize(s.trim()).text.into_owned()
}

/// NFC per segment (a starter and the combining marks after it), each output
/// character tagged with the original bytes it came from. Lazy, so NFD input
/// costs no per-character table; cheap to clone (`rewrite` looks ahead).
#[derive(Clone)]
struct Compose<'a> {
    input: &'a str,
    /// Where `chars` starts in `input`.
    base: usize,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    /// The rest of a segment that composed to several characters (rare:
    /// marks that compose with nothing).
    pending: std::collections::VecDeque<(usize, usize, char)>,
}

fn compose(input: &str, from: usize, to: usize) -> Compose<'_> {
    Compose {
        input,
        base: from,
        chars: input[from..to].char_indices().peekable(),
        pending: Default::default(),
    }
}

impl Iterator for Compose<'_> {
    type Item = (usize, usize, char);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(x) = self.pending.pop_front() {
            return Some(x);
        }
        let (start, c) = self.chars.next()?;
        let start = self.base + start;
        let mut end = start + c.len_utf8();
        let mut dropped = false;
        while let Some(&(i, d)) = self.chars.peek() {
            // Below U+0300 every character but the soft hyphen (dropped) is a
            // plain starter: skip the table lookups.
            if (d as u32) < 0x300 && d != '\u{ad}' {
                break;
            }
            if canonical_combining_class(d) == 0 && !composes_backwards(d) {
                // A character normalization drops (zero-width space, soft
                // hyphen) between marks joins the segment unseen, so the
                // marks compose as they will once it is gone: normalizing
                // stays idempotent.
                let mut look = self.chars.clone();
                look.next();
                let mark_next = look
                    .peek()
                    .is_some_and(|&(_, m)| canonical_combining_class(m) != 0);
                if !(matches!(classify(d), Class::Drop) && mark_next) {
                    break;
                }
                dropped = true;
            }
            end = self.base + i + d.len_utf8();
            self.chars.next();
        }
        if end == start + c.len_utf8() {
            return Some((start, end, c));
        }
        // All but the last composed char claim no original bytes, so offsets
        // stay monotonic and on boundaries whatever the composition gives.
        let seg = &self.input[start..end];
        let mut composed = seg
            .chars()
            .filter(|&d| !(dropped && matches!(classify(d), Class::Drop)))
            .nfc();
        let first = composed.next().unwrap_or(c);
        let Some(second) = composed.next() else {
            return Some((start, end, first));
        };
        self.pending.push_back((start, start, second));
        self.pending.extend(composed.map(|ch| (start, start, ch)));
        if let Some(last) = self.pending.back_mut() {
            last.1 = end;
        }
        Some((start, start, first))
    }
}

/// A starter that may compose with the character before it (NFC quick check
/// "Maybe": Hangul medial vowels and final consonants, a few Indic vowel
/// signs), so NFD Korean and the like compose as `nfc()` would.
fn composes_backwards(c: char) -> bool {
    c as u32 >= 0x300 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Maybe
}

enum Class {
    Keep,
    Space,
    Newline,
    Drop,
    Replace(char),
}

fn classify(c: char) -> Class {
    match c {
        ' ' => Class::Space,
        '\n' => Class::Newline,
        '\t'
        | '\u{0B}'
        | '\u{0C}'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Class::Space,
        '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => Class::Drop,
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' => Class::Replace('"'),
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => Class::Replace('\''),
        '–' | '—' | '―' | '‒' | '−' | '‐' | '‑' | '⁃' | '﹣' | '－' => {
            Class::Replace('-')
        }
        'Ð' | 'Ɖ' => Class::Replace('Đ'),
        'ð' => Class::Replace('đ'),
        _ => Class::Keep,
    }
}

/// The old-style open syllable `o`+toned `a`/`e`, `u`+toned `y`: returns the
/// pair with the tone moved to the first vowel.
fn retone(first: char, second: char) -> Option<(char, char)> {
    const A: [char; 5] = ['à', 'á', 'ả', 'ã', 'ạ'];
    const E: [char; 5] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ'];
    const Y: [char; 5] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'];
    const O: [char; 5] = ['ò', 'ó', 'ỏ', 'õ', 'ọ'];
    const U: [char; 5] = ['ù', 'ú', 'ủ', 'ũ', 'ụ'];
    let upper2 = second.is_uppercase();
    let s = lower1(second);
    let (tone, bare, table) = match first.to_ascii_lowercase() {
        'o' => {
            if let Some(t) = A.iter().position(|&x| x == s) {
                (t, 'a', &O)
            } else if let Some(t) = E.iter().position(|&x| x == s) {
                (t, 'e', &O)
            } else {
                return None;
            }
        }
        'u' => (Y.iter().position(|&x| x == s)?, 'y', &U),
        _ => return None,
    };
    let f = if first.is_uppercase() {
        upper1(table[tone])
    } else {
        table[tone]
    };
    let b = if upper2 {
        bare.to_ascii_uppercase()
    } else {
        bare
    };
    Some((f, b))
}

fn lower1(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
        _ => c,
    }
}

fn upper1(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
        _ => c,
    }
}

/// Applies the character rewrites to `chars` (original offsets), appending
/// to `out` and recording the way back in `map`.
// `emit!` records the last char on every path, including ones that end the loop.
#[allow(unused_assignments)]
fn rewrite_into<I>(chars: I, out: &mut String, map: &mut OffsetMapBuilder)
where
    I: Iterator<Item = (usize, usize, char)> + Clone,
{
    let mut it = chars.peekable();
    let mut prev: Option<char> = None; // last emitted char

    // Emits `c` for original bytes [o, oe).
    macro_rules! emit {
        ($c:expr, $o:expr, $oe:expr) => {{
            let c: char = $c;
            let n = out.len();
            out.push(c);
            map.push(n, n + c.len_utf8(), $o, $oe);
            prev = Some(c);
        }};
    }

    while let Some((o, oe, c)) = it.next() {
        match classify(c) {
            Class::Keep => {
                // Characters normalization drops are looked past (`ho\u{feff}à`
                // is `hoà` once they are gone: normalizing stays idempotent).
                let mut ahead = None;
                let mut skip = 0;
                if matches!(c, 'o' | 'O' | 'u' | 'U') {
                    let mut look = it.clone();
                    while look
                        .peek()
                        .is_some_and(|&(_, _, d)| matches!(classify(d), Class::Drop))
                    {
                        look.next();
                        skip += 1;
                    }
                    ahead = look.peek().copied().map(|x| (x, look));
                }
                if let Some(((o2, oe2, c2), look)) = ahead {
                    let q_before = matches!(prev, Some('q' | 'Q'));
                    if let Some((a, b)) = retone(c, c2) {
                        let open = {
                            // Look one further: the syllable must end here.
                            let mut look = look;
                            look.next();
                            while look
                                .peek()
                                .is_some_and(|&(_, _, d)| matches!(classify(d), Class::Drop))
                            {
                                look.next();
                            }
                            // A combining mark left over after NFC continues it
                            // too (`uỷ\u{301}`: moving the tone would let the
                            // mark compose onto `y` on the next pass).
                            !look.peek().is_some_and(|&(_, _, d)| {
                                d.is_alphabetic() || canonical_combining_class(d) != 0
                            })
                        };
                        let q_rule = matches!(c, 'u' | 'U') && q_before;
                        if open && !q_rule {
                            // `a` takes the first original char, `b` the second.
                            emit!(a, o, oe);
                            for _ in 0..skip {
                                it.next();
                            }
                            emit!(b, o2, oe2);
                            it.next();
                            continue;
                        }
                    }
                }
                emit!(c, o, oe);
            }
            Class::Replace(r) => emit!(r, o, oe),
            Class::Drop => {}
            Class::Newline => {
                if c == '\r' && it.peek().is_some_and(|&(_, _, d)| d == '\n') {
                    // Keep the '\n' of "\r\n"; drop the '\r'.
                    continue;
                }
                emit!('\n', o, oe);
            }
            Class::Space => {
                // Collapse a run of horizontal white space into one ' '.
                // Zero-width characters inside the run go with it, or
                // `a \u{200b} b` would keep two spaces.
                let mut end = oe;
                while let Some(&(_, e2, d)) = it.peek() {
                    if matches!(classify(d), Class::Space | Class::Drop) {
                        end = e2;
                        it.next();
                    } else {
                        break;
                    }
                }
                emit!(' ', o, end);
            }
        }
    }
}

/// Lower-cases character by character, keeping every byte length.
///
/// ASCII in bulk, then the capitals of Vietnamese text (Latin-1, the
/// Vietnamese block) read off their bytes, and anything else through
/// [`lower1`]. Agrees with `lower_fast` on every
/// character (`lowercase_agrees`).
fn lowercase(s: &str, mut out: String) -> String {
    out.clear();
    out.push_str(s);
    out.make_ascii_lowercase();
    // Then each non-ASCII capital is replaced by its small letter of the
    // same length, in place (no copy of the rest, no UTF-8 revalidation).
    let b = s.as_bytes();
    let mut buf = [0u8; 4];
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            i += 1;
            continue;
        }
        let (n, l) = match x {
            // U+00C0..U+00DE but U+00D7: lower case is 0x20 further.
            0xC3 => {
                let y = b[i + 1];
                if (0x80..=0x9E).contains(&y) && y != 0x97 {
                    (2, char::from_u32(0xC0 + u32::from(y - 0x80) + 0x20))
                } else {
                    (2, None)
                }
            }
            // U+0100..U+0137 (C4 80 .. C4 B7) but U+0130: even capital,
            // odd small (Ă ă, Đ đ, Ĩ ĩ).
            0xC4 if b[i + 1] <= 0xB7 && b[i + 1] != 0xB0 => {
                let c = 0x100 + u32::from(b[i + 1] - 0x80);
                (2, (c % 2 == 0).then(|| char::from_u32(c + 1)).flatten())
            }
            // Ơ ơ, Ư ư.
            0xC6 if matches!(b[i + 1], 0xA0 | 0xA1 | 0xAF | 0xB0) => {
                let l = match b[i + 1] {
                    0xA0 => Some('ơ'),
                    0xAF => Some('ư'),
                    _ => None,
                };
                (2, l)
            }
            // U+1EA0..U+1EFF (E1 BA A0 .. E1 BB BF): even capital, odd small.
            0xE1 if b[i + 1] == 0xBB || (b[i + 1] == 0xBA && b[i + 2] >= 0xA0) => {
                let c = 0x1000 + (u32::from(b[i + 1] & 0x3F) << 6) + u32::from(b[i + 2] & 0x3F);
                (3, (c % 2 == 0).then(|| char::from_u32(c + 1)).flatten())
            }
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                let l = lower1(c);
                (c.len_utf8(), (l != c).then_some(l))
            }
        };
        if let Some(l) = l {
            out.replace_range(i..i + n, l.encode_utf8(&mut buf));
        }
        i += n;
    }
    out
}

/// [`lower1`] with the Vietnamese letters looked up without the Unicode
/// tables (`lower_fast_agrees` checks it against `lower1`): the reference
/// `lowercase` is tested against.
#[cfg(test)]
fn lower_fast(c: char) -> char {
    match c {
        // Latin-1 capitals (not ×): lower case is 0x20 further.
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        // Latin Extended Additional from Ạ: even capital, odd small.
        '\u{1EA0}'..='\u{1EFF}' if c as u32 % 2 == 0 => char::from_u32(c as u32 + 1).unwrap_or(c),
        '\u{1EA0}'..='\u{1EFF}' => c,
        _ => lower1(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_prefix(input: &str) -> usize {
        clean_run(input).0
    }

    fn norm(s: &str) -> String {
        normalize(s).text.into_owned()
    }

    #[test]
    fn borrowed_when_nothing_changes() {
        let n = normalize("Nghị quyết số 18-NQ/TW");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.lower, "nghị quyết số 18-nq/tw");
    }

    #[test]
    fn spaces_quotes_dashes_eth() {
        assert_eq!(norm("Chỉ thị\u{a0}\u{a0}số 05"), "Chỉ thị số 05");
        assert_eq!(
            norm("“Về chuẩn bị” – Ia H’Drai"),
            "\"Về chuẩn bị\" - Ia H'Drai"
        );
        assert_eq!(norm("NÐ-CP"), "NĐ-CP");
        assert_eq!(norm("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(norm("a\u{200b}b"), "ab");
    }

    #[test]
    fn nfd_is_composed() {
        let nfd: String = "Nghị quyết Trung ương".nfd().collect();
        assert_ne!(nfd, "Nghị quyết Trung ương");
        assert_eq!(norm(&nfd), "Nghị quyết Trung ương");
    }

    #[test]
    fn tone_placement() {
        assert_eq!(norm("Thái Hoà"), "Thái Hòa");
        assert_eq!(norm("HOÀ"), "HÒA");
        assert_eq!(norm("Uỷ ban"), "Ủy ban");
        assert_eq!(norm("khoẻ"), "khỏe");
        assert_eq!(norm("toàn"), "toàn"); // closed syllable: unchanged
        assert_eq!(norm("quý"), "quý"); // qu- is a consonant
        assert_eq!(norm("Huỳnh"), "Huỳnh");
        // Found by `tests/properties.rs`: a dropped character in between.
        let t = "HO\u{feff}À BÌNH, ho\u{200b}à\u{200b} ho\u{feff}à\u{ad}n";
        assert_eq!(norm(t), "HÒA BÌNH, hòa hoàn");
        assert_eq!(norm(&norm(t)), norm(t));
    }

    #[test]
    fn offsets_map_back() {
        let orig = "Chỉ\u{a0}\u{a0}thị – “số” Uỷ";
        let n = normalize(orig);
        assert_eq!(&*n.text, "Chỉ thị - \"số\" Ủy");
        let t = &*n.text;
        for word in ["Chỉ", "thị", "số", "Ủy"] {
            let s = t.find(word).unwrap();
            let (a, b) = n.to_orig(s, s + word.len());
            let back = &orig[a..b];
            assert_eq!(normalize(back).text, word, "{word} -> {back:?}");
        }
    }

    #[test]
    fn clean_letter_len_agrees() {
        let mut buf = [0u8; 4];
        for c in ('\u{80}'..='\u{FFFF}').chain('\u{10000}'..='\u{10100}') {
            let b = c.encode_utf8(&mut buf).as_bytes();
            let want = clean_letter(c).then_some(c.len_utf8());
            assert_eq!(clean_letter_len(b), want, "{c:?}");
        }
    }

    #[test]
    fn lowercase_agrees() {
        let all: String = (0..=0x3000u32)
            .chain(0x1_0400..0x1_0500)
            .filter_map(char::from_u32)
            .collect();
        let want: String = all.chars().map(lower_fast).collect();
        assert_eq!(lowercase(&all, String::new()), want);
    }

    #[test]
    fn lower_fast_agrees() {
        for c in (0..=0x3000u32).filter_map(char::from_u32) {
            assert_eq!(lower_fast(c), lower1(c), "{c:?}");
        }
    }

    #[test]
    fn clean_prefix_stops_where_rewrite_may_start() {
        assert_eq!(
            clean_prefix("Nghị quyết số 18-NQ/TW"),
            "Nghị quyết số 18-NQ/TW".len()
        );
        assert_eq!(clean_prefix("quả quý toàn hoàn"), "quả quý toàn hoàn".len());
        assert_eq!(clean_prefix("ông Hoà"), "ông".len());
        assert_eq!(clean_prefix("a b  c"), 3);
        assert_eq!(clean_prefix("a\nb\r\nc"), 1);
        assert_eq!(clean_prefix("Bộ “x”"), "Bộ".len());
        assert_eq!(clean_prefix("xy\u{301}"), 0);
        assert_eq!(clean_prefix("a Ð"), 1);
    }

    /// The result with clean runs skipped and copied (`rewrite_chunks`)
    /// equals one rewrite of the whole text from the start.
    #[test]
    fn clean_prefix_changes_nothing() {
        fn reference(t: &str) -> (Cow<'_, str>, OffsetMap) {
            let kept = t.chars().filter(|&c| !matches!(classify(c), Class::Drop));
            let mut out = String::new();
            let mut map = OffsetMap::builder();
            if is_nfc_quick(kept) == IsNormalized::Yes {
                let chars = t.char_indices().map(|(i, c)| (i, i + c.len_utf8(), c));
                rewrite_into(chars, &mut out, &mut map);
            } else {
                rewrite_into(compose(t, 0, t.len()), &mut out, &mut map);
            }
            if out == t && map.is_identity() {
                return (Cow::Borrowed(t), OffsetMap::identity());
            }
            let n = out.len();
            (Cow::Owned(out), map.finish(n, t.len()))
        }
        let texts = [
            "Thái Hoà, quý Uỷ ban toàn hoà. Chỉ\u{a0}\u{a0}thị “số” – Ð",
            "qu Uỷ  ban\r\nhoà\u{301} hoà1 khoẻ. QUÝ HOÀ.",
            "Tỉnh ủy\u{200b} x \u{200b} y ko\u{300}a",
            "Nghị quyết… • số 18 hoa\u{300} Hoà\nx",
            // Clean and dirty runs alternating, cut at word starts.
            "Ông A  nói\u{a0}x. Bà B “hoà” y\nz\r\n\nqu Uỷ a\u{200b} b \u{a0} c\td",
            "Ủy ban a\u{301}b Hoà bình 1\u{a0}2 quý Hoà\n Hoà \u{a0}Hoà",
            "Nghi\u{323} đi\u{323}nh 30/2020/NĐ-CP\u{200b}\u{323}\u{300} ",
        ];
        for whole in texts {
            for (cut, _) in whole.char_indices() {
                let t = &whole[cut..];
                let (text, map) = reference(t);
                let n = normalize(t);
                assert_eq!(n.text, text, "{t:?}");
                for k in (0..=n.text.len()).filter(|&k| n.text.is_char_boundary(k)) {
                    assert_eq!(n.map.start(k), map.start(k), "{t:?} {k}");
                    assert_eq!(n.map.end(k), map.end(k), "{t:?} {k}");
                }
            }
        }
    }

    #[test]
    fn lower_keeps_lengths() {
        let n = normalize("ĐẠI HỘI XIII İ");
        assert_eq!(n.lower.len(), n.text.len());
        assert!(n.lower.starts_with("đại hội xiii"));
    }
}

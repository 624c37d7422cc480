//! Stage 2: segment the normalized text into lines and sentences, and decide
//! word boundaries, so that no match starts or ends inside a word.

use std::ops::Range;

/// Whether `c` belongs to a word (letters, digits, combining marks).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    // Fast paths for the scripts of the genre: `is_alphanumeric` walks a
    // Unicode table for every non-ASCII character (~8% of recognition time).
    // `fast_word_char_agrees` checks them against the general rule.
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
        // Latin-1 letters (not × ÷), Latin Extended-A/B: all letters.
        '\u{C0}'..='\u{24F}' => c != '\u{D7}' && c != '\u{F7}',
        // Combining diacritical marks (decomposed tones).
        '\u{300}'..='\u{36F}' => true,
        // Latin Extended Additional: the precomposed Vietnamese vowels.
        '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Whether a match `[start, end)` of `text` starts and ends on word boundaries.
#[inline]
pub(crate) fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    boundary_before(text, start) && boundary_after(text, end)
}

/// Whether no word character touches `start` from the left.
#[inline]
pub(crate) fn boundary_before(text: &str, start: usize) -> bool {
    // An ASCII byte before is a whole character: no decoding.
    match start.checked_sub(1).map(|i| text.as_bytes()[i]) {
        None => true,
        Some(b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c)),
    }
}

/// Whether no word character touches `end` from the right.
#[inline]
pub(crate) fn boundary_after(text: &str, end: usize) -> bool {
    match text.as_bytes().get(end) {
        None if end == text.len() => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        _ => text[end..].chars().next().is_none_or(|c| !is_word_char(c)),
    }
}

/// The words of `text[range]`: maximal runs of word characters, as byte ranges.
pub(crate) fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = range.start;
    let s = &text[range];
    let mut it = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = it.peek() {
            if is_word_char(c) {
                break;
            }
            it.next();
        }
        let (start, _) = *it.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = it.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            it.next();
        }
        Some(base + start..base + end)
    })
}

/// Lines and sentences of a document, as byte ranges of the normalized text.
#[derive(Debug, Default)]
pub(crate) struct Segments {
    /// Each line without its `\n`; empty lines included, in order.
    pub lines: Vec<Range<usize>>,
}

impl Segments {
    pub(crate) fn new(text: &str) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        // `find` on a byte looks for it a word at a time (memchr).
        while let Some(k) = text[start..].find('\n') {
            lines.push(start..start + k);
            start += k + 1;
        }
        lines.push(start..text.len());
        Segments { lines }
    }

    /// Indices of the non-blank lines, in order.
    pub(crate) fn content_lines<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        (0..self.lines.len()).filter(move |&i| !text[self.lines[i].clone()].trim().is_empty())
    }
}

/// Whether the sentence around `pos` starts at `pos`: only spaces, quotes or
/// bullets stand between it and the start of its line or a sentence end.
pub(crate) fn sentence_initial(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            ' ' | '"' | '\'' | '(' | '-' | '*' | '+' => continue,
            '\n' | '.' | '!' | '?' | ':' | ';' | '…' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_word_char_agrees() {
        for c in (0..=0x2000u32).filter_map(char::from_u32) {
            let general = c.is_alphanumeric() || ('\u{300}'..='\u{36F}').contains(&c);
            assert_eq!(is_word_char(c), general, "{c:?}");
        }
    }

    #[test]
    fn boundaries() {
        let t = "Nghị quyết số 18";
        assert!(at_word_boundaries(t, 0, "Nghị".len()));
        assert!(!at_word_boundaries(t, 0, "Ngh".len()));
        assert!(at_word_boundaries(t, t.len() - 2, t.len()));
    }

    #[test]
    fn word_ranges() {
        let t = "Ban Thường vụ, Tỉnh ủy";
        let w: Vec<&str> = words(t, 0..t.len()).map(|r| &t[r]).collect();
        assert_eq!(w, ["Ban", "Thường", "vụ", "Tỉnh", "ủy"]);
    }

    #[test]
    fn lines() {
        let s = Segments::new("a\n\nbc\n");
        assert_eq!(s.lines, vec![0..1, 2..2, 3..5, 6..6]);
    }

    #[test]
    fn sentence_start() {
        let t = "Ông A. Hội nghị";
        assert!(sentence_initial(t, 0));
        assert!(sentence_initial(t, t.find("Hội").unwrap()));
        assert!(!sentence_initial(t, t.find("A").unwrap()));
    }
}

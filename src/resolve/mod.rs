//! Stage 5: link. Accepted entities are tied together into records: titles to
//! the people who hold them (`of`), mentions of one person, one document or
//! one event merged, short document forms resolved to full identifiers.

mod documents;
mod events;
mod people;

pub use documents::{CatalogEntry, Document};
pub use events::Event;
pub use people::{HeldTitle, Person};

use crate::candidate::Candidate;
use crate::doc::Doc;

/// The linked records of one text.
#[derive(Debug, Default)]
pub(crate) struct Linked {
    pub people: Vec<Person>,
    pub documents: Vec<Document>,
    pub events: Vec<Event>,
}

/// Links the accepted candidates (sorted by start); may add attributes to them.
pub(crate) fn link(doc: &Doc, ents: &mut [Candidate], resources: &Resources) -> Linked {
    Linked {
        people: people::link(doc, ents),
        documents: documents::link(doc, ents, resources),
        events: events::link(doc, ents),
    }
}

/// Data the linkers need, built once per extractor (the document catalog).
#[derive(Debug, Default)]
pub(crate) struct Resources {
    pub catalog: documents::Catalog,
}

impl Resources {
    pub(crate) fn new(cfg: &crate::extractor::Config) -> crate::error::Result<Self> {
        Ok(Resources {
            catalog: documents::Catalog::new(cfg)?,
        })
    }
}

/// Case folding for the linkers' keys, without the Unicode table searches
/// of `char::to_lowercase`/`is_alphanumeric` (a third of linking): the
/// letters of Vietnamese (Latin-1, the regular pairs of Latin Extended-A,
/// `Ơ` `Ư`, Latin Extended Additional) are folded by their code points (the
/// tests check every one against the standard functions); anything else
/// takes the standard path.
mod fold {
    /// The lower case of `c` (one character, as `char::to_lowercase`) when
    /// `c` is a letter of the fast path, else `None` (ASCII included).
    fn fast(c: char) -> Option<char> {
        let u = c as u32;
        let l = match u {
            // À..Þ (not ×) → à..þ; ß..ÿ (not ÷) are lower case.
            0xC0..=0xDE if u != 0xD7 => u + 0x20,
            0xDF..=0xFF if u != 0xF7 => u,
            // Ā ā .. Į į, Ŋ ŋ .. ŷ and Ạ ạ .. Ỹ ỹ: upper case even, lower odd.
            0x100..=0x12F | 0x14A..=0x177 | 0x1EA0..=0x1EF9 => u | 1,
            0x1A0 | 0x1A1 => 0x1A1, // Ơ ơ
            0x1AF | 0x1B0 => 0x1B0, // Ư ư
            _ => return None,
        };
        char::from_u32(l)
    }

    /// `s.to_lowercase()`.
    pub(crate) fn lower(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if let Some(l) = fast(c) {
                out.push(l);
            } else {
                // Not a letter of the fast path (`Σ` reads its context).
                return s.to_lowercase();
            }
        }
        out
    }

    /// The alphanumeric characters of `s`, lower-cased
    /// (`s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)`).
    pub(crate) fn alnum_key(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    out.push(c.to_ascii_lowercase());
                }
            } else if let Some(l) = fast(c) {
                out.push(l);
            } else if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            }
        }
        out
    }

    /// `s.to_lowercase().starts_with(prefix)` for a prefix without sigma.
    pub(crate) fn lower_starts_with(s: &str, prefix: &str) -> bool {
        let mut l = s.chars().flat_map(char::to_lowercase);
        prefix.chars().all(|p| l.next() == Some(p))
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn agrees_with_the_standard_functions() {
            for s in [
                "",
                "Nguyễn Thị Ánh Hồng",
                "BÍ THƯ TỈNH ỦY",
                "A Pớt",
                "ΌΣΟΣ Σ",
                "İstanbul ǅ Ǉ ß",
                "Đ-đ 12 ngày ⅫⅣ ①",
                "Trợ Lý Thủ Tướng",
                "Ａｂｃ",
            ] {
                assert_eq!(super::lower(s), s.to_lowercase(), "{s}");
                let k: String = s
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect();
                assert_eq!(super::alnum_key(s), k, "{s}");
            }
            for u in 0..0x2000u32 {
                let Some(c) = char::from_u32(u) else { continue };
                if let Some(l) = super::fast(c) {
                    assert!(c.is_alphanumeric(), "{u:x}");
                    assert_eq!(c.to_lowercase().collect::<Vec<_>>(), [l], "{u:x}");
                }
                let s = format!("x{c}y {c}");
                assert_eq!(super::lower(&s), s.to_lowercase(), "{u:x}");
            }
            assert!(super::lower_starts_with("TRỢ LÝ Thủ tướng", "trợ lý"));
            assert!(!super::lower_starts_with("Trợ", "trợ lý"));
        }
    }
}

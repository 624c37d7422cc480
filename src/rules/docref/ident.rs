//! The identifier parser: `18-NQ/TW`, `30/2020/NĐ-CP`, `1517/BNN-HTQT`, ...
//! as typed in the wild (spaces around separators, `TƯ`, `D` for `Đ`,
//! mixed-case codes, a line break inside), to a canonical identifier.
//!
//! Party identifiers are `N-TYPE/ISSUER[-ISSUER]`; State ones are
//! `N[/YYYY]/TYPE-ISSUER[-UNIT]`, `N/YYYY/QH15` or, for công văn,
//! `N/ISSUER-UNIT`. News text mixes the two shapes (`20/NQ-TW`,
//! `03-NQ/CP`), so the issuer decides the family.

use std::collections::HashMap;

/// Which system numbered the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Party,
    State,
}

impl Family {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Family::Party => "party",
            Family::State => "state",
        }
    }
}

/// A parsed identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ident {
    pub family: Family,
    /// The number, zero-padded to two digits as documents print it.
    pub number: String,
    pub year: Option<u16>,
    pub type_code: Option<String>,
    /// Issuer codes; several for joint documents.
    pub issuers: Vec<String>,
    /// The canonical identifier.
    pub id: String,
}

/// What follows a kind word: a full identifier, `46/2026` or a bare number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Parsed {
    Id(Ident),
    NumYear(String, u16),
    Number(String),
}

/// Canonical spellings of type and issuer codes, keyed by a folded form
/// (upper case, `Đ`→`D`, `Ư`→`W`), so `QDi`, `qđi`, `QĐI` all give `QĐi`.
#[derive(Debug, Default)]
pub(crate) struct Codes {
    types: HashMap<String, String>,
    /// Exact spellings first: `ĐA` (Đề án) and `DA` (Dự án) fold alike.
    types_exact: HashMap<String, String>,
    issuers: HashMap<String, (String, Family)>,
}

/// Folds a code for lookup.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '.')
        .map(|c| match c {
            'Đ' | 'đ' | 'Ð' => 'D',
            'Ư' | 'ư' => 'W',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

impl Codes {
    pub(crate) fn add_type(&mut self, code: &str) {
        if code.is_empty() {
            return;
        }
        self.types_exact.insert(code.to_string(), code.to_string());
        self.types
            .entry(fold(code))
            .or_insert_with(|| code.to_string());
    }

    pub(crate) fn add_issuer(&mut self, code: &str, fam: Family) {
        self.issuers
            .entry(fold(code))
            .or_insert_with(|| (code.to_string(), fam));
    }

    pub(crate) fn type_code(&self, s: &str) -> Option<&str> {
        self.types_exact
            .get(s)
            .or_else(|| self.types.get(&fold(s)))
            .map(String::as_str)
    }

    pub(crate) fn issuer(&self, s: &str) -> Option<(&str, Family)> {
        self.issuers.get(&fold(s)).map(|(c, f)| (c.as_str(), *f))
    }

    /// The family an issuer code implies: known codes by table, `QH15` and
    /// `UBTVQH15` by shape, the rest unknown.
    fn issuer_family(&self, s: &str) -> Option<Family> {
        if let Some((_, f)) = self.issuer(s) {
            return Some(f);
        }
        let f = fold(s);
        let t = f.trim_end_matches(|c: char| c.is_ascii_digit());
        if t != f && (t == "QH" || t == "UBTVQH") {
            return Some(Family::State);
        }
        None
    }

    fn canon_issuer(&self, s: &str) -> String {
        match self.issuer(s) {
            Some((c, _)) => c.to_string(),
            None => canon_unknown(s),
        }
    }

    fn canon_type(&self, s: &str) -> String {
        match self.type_code(s) {
            Some(c) => c.to_string(),
            None => canon_unknown(s),
        }
    }
}

/// An unknown code keeps its spelling; an all-lower-case one is upper-cased.
fn canon_unknown(s: &str) -> String {
    if s.chars().any(char::is_uppercase) {
        s.to_string()
    } else {
        s.to_uppercase()
    }
}

fn pad(n: &str) -> String {
    let t = n.trim_start_matches('0');
    let t = if t.is_empty() { "0" } else { t };
    if t.len() < 2 {
        format!("0{t}")
    } else {
        t.to_string()
    }
}

fn is_code_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Skips spaces, and at most one line break, inside an identifier.
fn skip_ws(t: &str, mut p: usize) -> usize {
    let mut newlines = 0;
    while let Some(c) = t[p..].chars().next() {
        match c {
            ' ' => p += 1,
            '\n' if newlines == 0 => {
                newlines += 1;
                p += 1
            }
            _ => break,
        }
    }
    p
}

fn digits(t: &str, p: usize) -> usize {
    t[p..].bytes().take_while(u8::is_ascii_digit).count()
}

/// A code token at `p`: letters and digits starting with a letter; `T.Ư`
/// and `T.W` read as one token.
fn token(t: &str, p: usize) -> Option<usize> {
    let mut it = t[p..].char_indices();
    let (_, first) = it.next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut end = p + first.len_utf8();
    for (i, c) in it {
        if is_code_char(c) {
            end = p + i + c.len_utf8();
        } else {
            break;
        }
    }
    // `T.Ư`, `T.W`: the dotted spelling of TW.
    if &t[p..end] == "T" {
        for tail in [".Ư", ".W"] {
            if t[end..].starts_with(tail) {
                return Some(end + tail.len());
            }
        }
    }
    Some(end)
}

/// Tokens joined by `-` (no spaces inside a symbol group).
fn tokens(t: &str, mut p: usize) -> (Vec<(usize, usize)>, usize) {
    let mut out = Vec::new();
    while let Some(e) = token(t, p) {
        out.push((p, e));
        p = e;
        if t[p..].starts_with('-') && token(t, p + 1).is_some() {
            p += 1;
        } else {
            break;
        }
    }
    (out, p)
}

fn boundary(t: &str, p: usize) -> bool {
    t[p..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

fn year_ok(y: u32) -> bool {
    (1945..=2040).contains(&y)
}

/// Parses what starts at `p` (a digit). Returns the end and the parse; a
/// number that starts a longer non-identifier token (`18,5`, `1.000`) is
/// `None`.
pub(crate) fn parse(codes: &Codes, t: &str, p: usize) -> Option<(usize, Parsed)> {
    let nd = digits(t, p);
    if nd == 0 || nd > 5 {
        return None;
    }
    let n_end = p + nd;
    let num = pad(&t[p..n_end]);
    // A decimal or thousands separator: a quantity, not a document number.
    let b = t.as_bytes();
    if n_end + 1 < t.len() && matches!(b[n_end], b'.' | b',') && b[n_end + 1].is_ascii_digit() {
        return None;
    }
    if !boundary(t, n_end) && !t[n_end..].starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let q = skip_ws(t, n_end);
    let sep = t[q..].chars().next();
    if sep == Some('-') || sep == Some('/') {
        let r = if sep == Some('-') {
            party_shape(codes, t, q + 1, &num)
        } else {
            state_shape(codes, t, q + 1, &num)
        };
        if r.is_some() {
            return r;
        }
        // `14/6/2024`, `18-19`: a date or a range, not a document number.
        if t[skip_ws(t, q + 1)..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    if !boundary(t, n_end) {
        return None;
    }
    Some((n_end, Parsed::Number(num)))
}

/// `-TYPE/ISSUER[-ISSUER]` after the number.
fn party_shape(codes: &Codes, t: &str, p: usize, num: &str) -> Option<(usize, Parsed)> {
    let p = skip_ws(t, p);
    let te = token(t, p)?;
    let ty = &t[p..te];
    let q = skip_ws(t, te);
    if !t[q..].starts_with('/') {
        return None;
    }
    let r = skip_ws(t, q + 1);
    let (toks, end) = tokens(t, r);
    if toks.is_empty() || !boundary(t, end) {
        return None;
    }
    let issuers: Vec<String> = toks
        .iter()
        .map(|&(s, e)| codes.canon_issuer(&t[s..e]))
        .collect();
    let first_fam = toks
        .first()
        .and_then(|&(s, e)| codes.issuer_family(&t[s..e]));
    let ty = codes.canon_type(ty);
    if first_fam == Some(Family::State) {
        // `03-NQ/CP`: a Government resolution typed in the Party shape.
        let id = format!("{num}/{ty}-{}", issuers.join("-"));
        return Some((
            end,
            Parsed::Id(ident(Family::State, num, None, Some(ty), issuers, id)),
        ));
    }
    let id = format!("{num}-{ty}/{}", issuers.join("-"));
    Some((
        end,
        Parsed::Id(ident(Family::Party, num, None, Some(ty), issuers, id)),
    ))
}

fn ident(
    family: Family,
    num: &str,
    year: Option<u16>,
    type_code: Option<String>,
    issuers: Vec<String>,
    id: String,
) -> Ident {
    Ident {
        family,
        number: num.to_string(),
        year,
        type_code,
        issuers,
        id,
    }
}

/// `/[YYYY/]SYMBOL` after the number, or `/YYYY` alone.
fn state_shape(codes: &Codes, t: &str, p: usize, num: &str) -> Option<(usize, Parsed)> {
    let p = skip_ws(t, p);
    let mut year = None;
    let mut sym_at = p;
    let nd = digits(t, p);
    if nd == 4 {
        let y: u32 = t[p..p + 4].parse().ok()?;
        let q = skip_ws(t, p + 4);
        if t[q..].starts_with('/') && year_ok(y) {
            year = Some(y as u16);
            sym_at = skip_ws(t, q + 1);
        } else if boundary(t, p + 4)
            && year_ok(y)
            && !t[p + 4..].starts_with(['/', '-'])
            && !(t[p + 4..].starts_with('.') && digits(t, p + 5) > 0)
        {
            return Some((p + 4, Parsed::NumYear(num.to_string(), y as u16)));
        } else {
            return None;
        }
    } else if nd > 0 {
        return None;
    }
    let (toks, end) = tokens(t, sym_at);
    if toks.is_empty() || !boundary(t, end) {
        return None;
    }
    let words: Vec<&str> = toks.iter().map(|&(s, e)| &t[s..e]).collect();
    let last = *words.last().unwrap();
    let last_fam = codes.issuer_family(last);
    // `20/NQ-TW`, `1517/QĐNS-TW`: a Party identifier in the State shape.
    if words.len() == 2 && last_fam == Some(Family::Party) && codes.type_code(words[0]).is_some() {
        let ty = codes.canon_type(words[0]);
        let iss = codes.canon_issuer(last);
        let id = format!("{num}-{ty}/{iss}");
        return Some((
            end,
            Parsed::Id(ident(Family::Party, num, year, Some(ty), vec![iss], id)),
        ));
    }
    if words.len() == 1 {
        let w = words[0];
        let f = fold(w);
        // `1638/QĐNSTƯ`: type and `TW` run together.
        if let Some(stem) = f.strip_suffix("TW") {
            if !stem.is_empty() && codes.types.contains_key(stem) {
                let ty = codes.types[stem].clone();
                let id = format!("{num}-{ty}/TW");
                return Some((
                    end,
                    Parsed::Id(ident(
                        Family::Party,
                        num,
                        year,
                        Some(ty),
                        vec!["TW".into()],
                        id,
                    )),
                ));
            }
        }
        // `64/2025/QH15`, `541/PC03`: the symbol is the issuer.
        let iss = codes.canon_issuer(w);
        let id = match year {
            Some(y) => format!("{num}/{y}/{iss}"),
            None => format!("{num}/{iss}"),
        };
        return Some((
            end,
            Parsed::Id(ident(Family::State, num, year, None, vec![iss], id)),
        ));
    }
    // `TYPE-ISSUER[-UNIT]`, or for công văn `ISSUER-UNIT` with no type.
    let (ty, rest) = match codes.type_code(words[0]) {
        Some(c) if codes.issuer(words[0]).is_none() => (Some(c.to_string()), &words[1..]),
        _ => (None, &words[..]),
    };
    let issuers: Vec<String> = rest.iter().map(|w| codes.canon_issuer(w)).collect();
    let mut sym = String::new();
    if let Some(t) = &ty {
        sym.push_str(t);
        sym.push('-');
    }
    sym.push_str(&issuers.join("-"));
    let id = match year {
        Some(y) => format!("{num}/{y}/{sym}"),
        None => format!("{num}/{sym}"),
    };
    Some((
        end,
        Parsed::Id(ident(Family::State, num, year, ty, issuers, id)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> &'static Codes {
        &super::super::tables().codes
    }

    fn id(s: &str) -> String {
        match parse(codes(), s, 0) {
            Some((_, Parsed::Id(i))) => i.id,
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn party_identifiers() {
        assert_eq!(id("18-NQ/TW"), "18-NQ/TW");
        assert_eq!(id("100-KH/TU của"), "100-KH/TU");
        assert_eq!(id("8011-CV/BTCTW"), "8011-CV/BTCTW");
        assert_eq!(id("05-QC/BTCTU-BDVTU"), "05-QC/BTCTU-BDVTU");
        assert_eq!(id("07-QĐi/TW"), "07-QĐi/TW");
        assert_eq!(id("07-QDi/TW"), "07-QĐi/TW");
        assert_eq!(id("52-Ctr/TU"), "52-CTr/TU");
        assert_eq!(id("12-TTr/TU"), "12-TTr/TU");
        assert_eq!(id("3-NQ/ThU"), "03-NQ/ThU");
        assert_eq!(id("15-NQ/THU"), "15-NQ/ThU");
        assert_eq!(id("2618-NQ/DU"), "2618-NQ/ĐU");
        assert_eq!(id("03-CT/TƯ"), "03-CT/TW");
        assert_eq!(id("03-CT/T.Ư"), "03-CT/TW");
        assert_eq!(id("18 - NQ/TW"), "18-NQ/TW");
        assert_eq!(id("68- NQ/TW"), "68-NQ/TW");
        assert_eq!(id("10-NQ / TW"), "10-NQ/TW");
        assert_eq!(id("126-\nKL/TW"), "126-KL/TW");
        assert_eq!(id("05-ct/tw"), "05-CT/TW");
        assert_eq!(id("06-QĐNS/TW"), "06-QĐNS/TW");
        assert_eq!(id("20/NQ-TW"), "20-NQ/TW");
        assert_eq!(id("1517/QĐNS-TW"), "1517-QĐNS/TW");
        assert_eq!(id("1638/QĐNSTƯ"), "1638-QĐNS/TW");
        assert_eq!(id("2192-CV/BCSĐCP"), "2192-CV/BCSĐCP");
    }

    #[test]
    fn state_identifiers() {
        assert_eq!(id("30/2020/NĐ-CP"), "30/2020/NĐ-CP");
        assert_eq!(id("30/2020/ND-CP"), "30/2020/NĐ-CP");
        assert_eq!(id("01/2011/TT-BNV"), "01/2011/TT-BNV");
        assert_eq!(id("1234/QĐ-UBND"), "1234/QĐ-UBND");
        assert_eq!(id("571/QĐ-TTg"), "571/QĐ-TTg");
        assert_eq!(id("64/2025/QH15"), "64/2025/QH15");
        assert_eq!(id("76/2025/UBTVQH15"), "76/2025/UBTVQH15");
        assert_eq!(id("03/VBHN-VPQH"), "03/VBHN-VPQH");
        assert_eq!(id("36/2019/NQ-HĐND"), "36/2019/NQ-HĐND");
        assert_eq!(id("1517/BNN-HTQT"), "1517/BNN-HTQT");
        assert_eq!(id("55/2005/TTLT-BNV-VPCP"), "55/2005/TTLT-BNV-VPCP");
        assert_eq!(id("03-NQ/CP"), "03/NQ-CP");
        assert_eq!(id("541/PC03"), "541/PC03");
        assert_eq!(id("69/CĐ-TTg"), "69/CĐ-TTg");
        assert_eq!(id("1826/TTr-KHXH"), "1826/TTr-KHXH");
    }

    #[test]
    fn numbers_and_non_identifiers() {
        let c = codes();
        assert_eq!(
            parse(c, "46/2026 ", 0),
            Some((7, Parsed::NumYear("46".into(), 2026)))
        );
        assert_eq!(parse(c, "5 của", 0), Some((1, Parsed::Number("05".into()))));
        assert_eq!(parse(c, "18,5%", 0), None);
        assert_eq!(parse(c, "1.000 người", 0), None);
        assert_eq!(parse(c, "14/6/2024", 0), None);
    }
}

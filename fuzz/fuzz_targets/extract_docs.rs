//! Document-reference-shaped input: each input byte picks a fragment of the
//! way Party and State documents are cited (kinds, `số`, numbers, issuer
//! codes, years, lists, dates), so the fuzzer spends its time inside the
//! identifier grammar rather than on random bytes. There is no public entry
//! to the identifier parser, so this goes through `extract`, where the
//! `docref` rules and the document linker parse every candidate.
#![no_main]

mod check;

use libfuzzer_sys::fuzz_target;

const PIECES: &[&str] = &[
    "Nghị quyết",
    "Nghị định",
    "Chỉ thị",
    "Quyết định",
    "Kết luận",
    "Quy định",
    "Kế hoạch",
    "Thông tư",
    "Hướng dẫn",
    "Thông báo",
    "Luật",
    "Công văn",
    "Nghị quyết Trung ương",
    "NQ",
    "số",
    "số ",
    " ",
    " ",
    ", ",
    " và ",
    ";",
    "\u{a0}",
    "-NQ/TW",
    "-CT/TW",
    "-KL/TW",
    "-QĐ/TW",
    "/NĐ-CP",
    "/QĐ-TTg",
    "/QĐ-UBND",
    "/TT-BTC",
    "/NQ-HĐND",
    "-KH/TU",
    "/QH15",
    "/2020/",
    "/2024/",
    "/",
    "-",
    "–",
    "—",
    "Ð",
    "ngày ",
    "tháng ",
    "năm ",
    "/10/",
    "của Bộ Chính trị",
    "của Chính phủ",
    "Ban Chấp hành Trung ương",
    "khóa XII",
    "khoá XIII",
    "Hội nghị Trung ương 6",
    "(",
    ")",
    "\"",
    "“",
    "”",
    "\n",
    "các ",
    "những ",
    "sửa đổi",
    "bổ sung",
    "I",
    "V",
    "X",
    "a",
    "b",
    "\u{301}",
    "đ",
];

fuzz_target!(|data: &[u8]| {
    let mut text = String::with_capacity(data.len() * 6);
    for &b in data {
        // High bit set: a number (0..=127), as citations are mostly digits.
        if b & 0x80 != 0 {
            text.push_str(&(b & 0x7f).to_string());
        } else {
            text.push_str(PIECES[b as usize % PIECES.len()]);
        }
    }
    for ex in check::EXTRACTORS.iter() {
        let out = ex.extract(&text);
        check::check(&text, &out);
    }
});

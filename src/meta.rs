//! Stage 2b: article metadata — title, dateline, bylines, page boilerplate.

use crate::date::CalendarDate;
use crate::segment::Segments;
use crate::span::Span;
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// What the library found about the article itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    /// Publication date-time from the dateline, ISO (`2020-11-12T05:48`,
    /// `2021-03`), when the article has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The first non-blank line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Authors from bylines, as written.
    pub authors: Vec<String>,
    /// Page furniture a crawler left (`Chuyên mục khác`, `BÌNH LUẬN`, ...),
    /// as byte spans of the input, so a user can drop them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub boilerplate: Vec<Span>,
}

/// Metadata found in the normalized text, before mapping to the original.
#[derive(Debug, Clone, Default)]
pub(crate) struct MetaScan {
    pub title: Option<Range<usize>>,
    pub published: Option<String>,
    pub published_date: Option<CalendarDate>,
    /// Where the dateline sits (its date is still a `DATE` entity).
    pub dateline: Option<Range<usize>>,
    pub authors: Vec<Range<usize>>,
    pub boilerplate: Vec<Range<usize>>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\D{0,20}?(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[-,]?\s*(\d{1,2}):(\d{2}))?").unwrap()
});

/// Finds the title (first non-blank line) and a dateline in the first lines.
pub(crate) fn scan(text: &str, seg: &Segments) -> MetaScan {
    let mut m = MetaScan::default();
    let mut lines = seg.content_lines(text);
    if let Some(first) = lines.next() {
        let r = seg.lines[first].clone();
        let t = &text[r.clone()];
        let lead = t.len() - t.trim_start().len();
        let trail = t.len() - t.trim_end().len();
        m.title = Some(r.start + lead..r.end - trail);
    }
    for i in seg.content_lines(text).take(4) {
        let r = seg.lines[i].clone();
        let line = &text[r.clone()];
        if line.len() > 60 {
            continue;
        }
        if let Some(c) = DATELINE.captures(line) {
            let num = |k: usize| c.get(k).map(|g| g.as_str().parse::<u32>().unwrap_or(0));
            let (d, mo, y) = (num(1).unwrap(), num(2).unwrap(), num(3).unwrap());
            if let Some(date) = CalendarDate::new(y as i32, mo, d) {
                let mut s = date.to_string();
                if let (Some(h), Some(mi)) = (num(4), num(5)) {
                    if h < 24 && mi < 60 {
                        s.push_str(&format!("T{h:02}:{mi:02}"));
                    }
                }
                m.published = Some(s);
                m.published_date = Some(date);
                m.dateline = Some(r);
                break;
            }
        }
    }
    m
}

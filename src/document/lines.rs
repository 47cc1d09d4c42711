//! Line index: maps byte offsets to 1-based line and column numbers.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`. Columns count Unicode scalar values from the start
//! of the line; a byte-order mark at the very start of the file is not counted.
//!
//! Lines longer than [`STRIDE`] bytes also get a mark every `STRIDE` bytes with the column
//! there, so that finding a column in a long line costs at most `STRIDE` bytes of counting,
//! however many findings the line has.

/// Bytes between two column marks of a long line.
const STRIDE: usize = 4096;

/// Start offsets of every line in a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters from its line's start to it) inside long lines, by offset.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + k;
            i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(i);
        }
        let mut marks = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(bytes.len());
            if end - start <= STRIDE {
                continue;
            }
            let (mut at, mut col) = (start, 0);
            let mut next = start + STRIDE;
            while next < end {
                // Snap forward to a character boundary.
                while next < end && !text.is_char_boundary(next) {
                    next += 1;
                }
                if next >= end {
                    break;
                }
                col += text[at..next].chars().count();
                marks.push((next, col));
                at = next;
                next += STRIDE;
            }
        }
        Self { starts, marks }
    }

    /// Number of lines (an empty text has one empty line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of 0-based line `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// 1-based line and column (in Unicode scalar values) of `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line];
        // The nearest column mark of this line at or before `offset`.
        let k = self.marks.partition_point(|&(at, _)| at <= offset);
        let (from, base) = match k.checked_sub(1).map(|k| self.marks[k]) {
            Some((at, col)) if at > start => (at, col),
            _ => (start, 0),
        };
        let mut col = base + text[from..offset].chars().count();
        if start == 0 && offset > 0 && text.starts_with('\u{feff}') {
            col -= 1; // the byte-order mark is not a column
        }
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_line_endings() {
        let text = "a\nb\r\nc\rd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 2), (2, 1));
        assert_eq!(idx.line_col(text, 5), (3, 1));
        assert_eq!(idx.line_col(text, 7), (4, 1));
        assert_eq!(idx.line_span(text, 1), (2, 3));
    }

    #[test]
    fn long_lines_count_columns_from_marks() {
        let line = "é".repeat(STRIDE) + "ab";
        let text = format!("\u{feff}x\n{line}\n{line}");
        let idx = LineIndex::new(&text);
        assert!(!idx.marks.is_empty());
        for (i, _) in text.char_indices() {
            let line = idx.line_of(i);
            let start = idx.starts[line];
            let mut col = text[start..i].chars().count();
            if start == 0 && i > 0 {
                col -= 1;
            }
            assert_eq!(idx.line_col(&text, i), (line + 1, col + 1), "offset {i}");
        }
    }

    #[test]
    fn columns_count_scalars_and_skip_bom() {
        let text = "\u{feff}é x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), (1, 1));
        assert_eq!(idx.line_col(text, 6), (1, 3));
    }
}

//! One traceback entry's source display (`StackSummary.format_frame_summary` of 3.13):
//! the source lines of the instruction's span (dedented), and under them the position
//! markers — `^` for the span, or `~` with `^` on the anchor of a binary operator, a
//! subscript or a call (found by parsing the span's text with taipan-parser).
//!
//! Columns from `co_positions` are UTF-8 byte offsets; everything here works in
//! characters (`Vec<char>` lines) after converting them, and in display columns (wide
//! East Asian characters count two) when placing markers.

use taipan_parser::ast::{Expr, Mod, Stmt};
use taipan_parser::parser::{parse, Mode};

/// Where the secondary markers go: `(line, col)` of the left end (inclusive) and the
/// right start (exclusive), lines relative to the segment.
#[derive(Clone, Copy, Debug)]
struct Anchors {
    left_line: usize,
    left_col: usize,
    right_line: usize,
    right_col: usize,
}

/// Characters in the first `offset` UTF-8 bytes of `line` (invalid cuts count as one).
fn byte_to_char(line: &str, offset: usize) -> usize {
    let b = line.as_bytes();
    let cut = &b[..offset.min(b.len())];
    String::from_utf8_lossy(cut).chars().count()
}

fn is_wide(c: char) -> bool {
    let c = c as u32;
    matches!(c,
        0x1100..=0x115F | 0x231A..=0x231B | 0x2329..=0x232A | 0x23E9..=0x23EC | 0x23F0 | 0x23F3
        | 0x25FD..=0x25FE | 0x2614..=0x2615 | 0x2648..=0x2653 | 0x267F | 0x2693 | 0x26A1
        | 0x26AA..=0x26AB | 0x26BD..=0x26BE | 0x26C4..=0x26C5 | 0x26CE | 0x26D4 | 0x26EA
        | 0x26F2..=0x26F3 | 0x26F5 | 0x26FA | 0x26FD | 0x2705 | 0x270A..=0x270B | 0x2728 | 0x274C
        | 0x274E | 0x2753..=0x2755 | 0x2757 | 0x2795..=0x2797 | 0x27B0 | 0x27BF | 0x2B1B..=0x2B1C
        | 0x2B50 | 0x2B55 | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x16FE0..=0x18CFF | 0x1B000..=0x1B2FF
        | 0x1F004 | 0x1F0CF | 0x1F18E | 0x1F191..=0x1F19A | 0x1F200..=0x1F251 | 0x1F300..=0x1F64F
        | 0x1F680..=0x1F6FF | 0x1F7E0..=0x1F7EB | 0x1F90C..=0x1F9FF | 0x1FA70..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// `_display_width`: columns taken by the first `offset` characters of `line`.
fn display_width(line: &[char], offset: usize) -> usize {
    if line.iter().all(|c| c.is_ascii()) {
        return offset;
    }
    line.iter().take(offset).map(|&c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// `textwrap.dedent` on lines without their newlines: the common leading whitespace of
/// the non-blank lines is removed; blank lines become empty.
pub fn dedent(lines: &[String]) -> Vec<String> {
    let mut margin: Option<String> = None;
    for l in lines {
        if l.trim().is_empty() {
            continue;
        }
        let indent: String = l.chars().take_while(|&c| c == ' ' || c == '\t').collect();
        margin = Some(match margin {
            None => indent,
            Some(m) => m.chars().zip(indent.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect(),
        });
    }
    let m = margin.unwrap_or_default();
    lines
        .iter()
        .map(|l| if l.trim().is_empty() { String::new() } else { l.strip_prefix(m.as_str()).unwrap_or(l).to_string() })
        .collect()
}

fn parse_module(src: &str) -> Option<Vec<Stmt>> {
    match parse(src, Mode::Exec, "<unknown>", false) {
        Ok(Mod::Module(m)) => Some(m.body),
        _ => None,
    }
}

/// `_extract_caret_anchors_from_line_segment`.
fn extract_anchors(segment: &str) -> Option<Anchors> {
    let body = parse_module(&format!("(\n{segment}\n)"))?;
    if body.len() != 1 {
        return None;
    }
    let Stmt::Expr(stmt) = &body[0] else { return None };
    let lines: Vec<Vec<char>> = segment.lines().map(|l| l.chars().collect()).collect();
    let seg_lines: Vec<&str> = segment.lines().collect();
    let normalize = |line: usize, off: u32| -> Option<usize> { Some(byte_to_char(seg_lines.get(line)?, off as usize)) };
    let next_valid = |mut line: usize, mut col: usize| -> Option<(usize, usize)> {
        while line < lines.len() && col >= lines[line].len() {
            col = 0;
            line += 1;
        }
        (line < lines.len() && col < lines[line].len()).then_some((line, col))
    };
    let increment_until = |mut line: usize, mut col: usize, stop: &dyn Fn(char) -> bool| -> Option<(usize, usize)> {
        loop {
            let ch = *lines.get(line)?.get(col)?;
            if ch == '\\' || ch == '#' {
                (line, col) = next_valid(line + 1, 0)?;
            } else if !stop(ch) {
                (line, col) = next_valid(line, col + 1)?;
            } else {
                return Some((line, col));
            }
        }
    };
    let end_of = |e: &Expr, force_valid: bool| -> Option<(usize, usize)> {
        let r = e.range();
        let line = (r.end_lineno as usize).checked_sub(2)?;
        let col = normalize(line, r.end_col_offset)?;
        if force_valid {
            next_valid(line, col)
        } else {
            Some((line, col))
        }
    };
    match &*stmt.value {
        Expr::BinOp(b) => {
            let (l, c) = end_of(&b.left, true)?;
            let (l, c) = increment_until(l, c, &|x| !x.is_whitespace() && x != ')')?;
            let mut right_col = c + 1;
            let rr = b.right.range();
            if right_col < lines[l].len() {
                let before_right = (rr.lineno as usize).checked_sub(2)? > l || right_col < normalize(rr.lineno as usize - 2, rr.col_offset)?;
                let ch = lines[l][right_col];
                if before_right && !ch.is_whitespace() && ch != '\\' && ch != '#' {
                    right_col += 1;
                }
            }
            Some(Anchors { left_line: l, left_col: c, right_line: l, right_col })
        }
        Expr::Subscript(s) => {
            let (l, c) = end_of(&s.value, true)?;
            let (ll, lc) = increment_until(l, c, &|x| x == '[')?;
            let (rl, rc) = end_of(&stmt.value, false)?;
            Some(Anchors { left_line: ll, left_col: lc, right_line: rl, right_col: rc })
        }
        Expr::Call(call) => {
            let (l, c) = end_of(&call.func, true)?;
            let (ll, lc) = increment_until(l, c, &|x| x == '(')?;
            let (rl, rc) = end_of(&stmt.value, false)?;
            Some(Anchors { left_line: ll, left_col: lc, right_line: rl, right_col: rc })
        }
        _ => None,
    }
}

/// `_should_show_carets`: not when the markers would just underline a whole line.
fn should_show_carets(start: usize, end: usize, all_lines: &[Vec<char>], anchors: bool) -> bool {
    let text: Vec<String> = all_lines.iter().map(|l| l.iter().collect()).collect();
    if let Some(body) = parse_module(&text.join("\n")) {
        let Some(first) = body.first() else { return false };
        let value = match first {
            Stmt::Return(r) => match r.value.as_deref() {
                Some(v @ Expr::Call(c)) if matches!(*c.func, Expr::Name(_)) => Some(v),
                _ => None,
            },
            Stmt::Assign(a) => match &*a.value {
                v @ Expr::Call(_) if a.targets.len() == 1 && matches!(a.targets[0], Expr::Name(_)) => Some(v),
                _ => None,
            },
            _ => None,
        };
        if let Some(v) = value {
            let r = v.range();
            if r.lineno == 1 && r.end_lineno as usize == all_lines.len() && r.col_offset as usize == start && r.end_col_offset as usize == end {
                return false;
            }
        }
    }
    if anchors {
        return true;
    }
    let first = &all_lines[0];
    let last = &all_lines[all_lines.len() - 1];
    first.iter().take(start).any(|c| !c.is_whitespace()) || last.iter().skip(end).any(|c| !c.is_whitespace())
}

/// The source part of one entry: `lines` are the source lines `lineno..=end_lineno`
/// (right-stripped), `col`/`end_col` the byte columns. Returns the text to print
/// (each line indented by four spaces and ended by a newline), maybe empty.
pub fn format_source(lines: &[String], col: Option<i32>, end_col: Option<i32>) -> String {
    let dedented = dedent(lines);
    if dedented.iter().all(|l| l.trim().is_empty()) {
        return String::new();
    }
    let (Some(col), Some(end_col)) = (col, end_col) else {
        return format!("    {}\n", lines[0].trim());
    };
    let (col, end_col) = (col.max(0) as usize, end_col.max(0) as usize);
    let first_line = &lines[0];
    let last_line = &lines[lines.len() - 1];
    let start = byte_to_char(first_line, col);
    let end = byte_to_char(last_line, end_col);
    let all_lines: Vec<Vec<char>> = dedented.iter().map(|l| l.chars().collect()).collect();
    let dedent_chars = first_line.chars().count().saturating_sub(all_lines[0].len());
    let start = start.saturating_sub(dedent_chars);
    let end = end.saturating_sub(dedent_chars);
    let n = all_lines.len();
    let dp_start = display_width(&all_lines[0], start);
    let dp_end = display_width(&all_lines[n - 1], end);

    // The instruction's text.
    let joined: Vec<char> = dedented.join("\n").chars().collect();
    let cut_end = joined.len().saturating_sub(all_lines[n - 1].len().saturating_sub(end));
    let segment: String = if start <= cut_end { joined[start..cut_end].iter().collect() } else { String::new() };

    let mut anchors = extract_anchors(&segment);
    let show = should_show_carets(start, end, &all_lines, anchors.is_some()) && !super::no_carets();

    let mut significant: Vec<usize> = vec![0, n - 1];
    let (mut left_off, mut right_off) = (0usize, 0usize);
    if let Some(a) = anchors.as_mut() {
        if a.left_line >= n || a.right_line >= n {
            anchors = None;
        } else {
            left_off = a.left_col + if a.left_line == 0 { start } else { 0 };
            right_off = a.right_col + if a.right_line == 0 { start } else { 0 };
            left_off = display_width(&all_lines[a.left_line], left_off);
            right_off = display_width(&all_lines[a.right_line], right_off);
            for l in [a.left_line, a.right_line] {
                significant.extend([l.wrapping_sub(1), l, l + 1]);
            }
        }
    }
    significant.retain(|&l| l < n);
    significant.sort_unstable();
    significant.dedup();

    let mut result: Vec<String> = Vec::new();
    let output_line = |lineno: usize, result: &mut Vec<String>| {
        let line = &all_lines[lineno];
        result.push(line.iter().collect());
        if !show {
            return;
        }
        let spaces = line.iter().take_while(|c| c.is_whitespace()).count();
        let ncarets = if lineno == n - 1 { dp_end } else { display_width(line, line.len()) };
        let mut carets = String::new();
        for c in 0..ncarets {
            let ch = if c < spaces || (lineno == 0 && c < dp_start) {
                ' '
            } else if let Some(a) = anchors.filter(|a| {
                (lineno > a.left_line || (lineno == a.left_line && c >= left_off))
                    && (lineno < a.right_line || (lineno == a.right_line && c < right_off))
            }) {
                let _ = a;
                '^'
            } else if anchors.is_some() {
                '~'
            } else {
                '^'
            };
            carets.push(ch);
        }
        result.push(carets);
    };
    for (i, &l) in significant.iter().enumerate() {
        if i > 0 {
            let diff = l - significant[i - 1];
            if diff == 2 {
                output_line(l - 1, &mut result);
            } else if diff > 2 {
                result.push(format!("...<{} lines>...", diff - 1));
            }
        }
        output_line(l, &mut result);
    }
    let mut out = String::new();
    for l in dedent(&result) {
        out.push_str("    ");
        out.push_str(&l);
        out.push('\n');
    }
    out
}

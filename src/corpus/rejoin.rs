//! Line joins for real scraped pages, each a named rule: a heading broken
//! after an open bracket (`heading-break`), PDF text-layer lines cut at one
//! width mid-sentence (`hard-wraps`), and flattened tables, one short cell
//! a line (`tables`). Joins only remove line breaks and the whitespace
//! around them (table cells are joined with spaces and ` | `).

use super::boilerplate;
use super::clean::{ends_sentence, CleanOptions};
use super::rules::{Rule, RuleCounts, Rules};
use super::segment::heading_level_with;

/// Apply the joins the options leave on, counting each.
pub fn rejoin(lines: Vec<String>, opts: &CleanOptions, counts: &mut RuleCounts) -> Vec<String> {
    let mut lines = lines;
    if opts.rules.on(Rule::HeadingBreak) {
        lines = join_open_brackets(lines, counts);
    }
    if opts.rules.on(Rule::HardWraps) {
        lines = join_hard_wraps(lines, opts.rules, counts);
    }
    if opts.rules.on(Rule::Tables) {
        lines = join_tables(lines, opts, counts);
    }
    lines
}

/// Indices of the non-blank lines.
fn non_blank(lines: &[String]) -> Vec<usize> {
    (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect()
}

/// Join runs of non-blank lines: `joins(a, b)` says whether the line at
/// `a` continues on the next non-blank line `b`; blank lines between two
/// joined lines go. Returns the lines and how many joins were made.
fn join_where(lines: Vec<String>, joins: impl Fn(usize, usize) -> bool) -> (Vec<String>, usize) {
    let idx = non_blank(&lines);
    let mut joined = 0;
    let mut cont = vec![false; lines.len()];
    for w in idx.windows(2) {
        if joins(w[0], w[1]) {
            cont[w[0]] = true;
            joined += 1;
        }
    }
    if joined == 0 {
        return (lines, 0);
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut open: Option<String> = None;
    for (i, line) in lines.into_iter().enumerate() {
        if let Some(acc) = open.as_mut() {
            if line.trim().is_empty() {
                continue;
            }
            acc.truncate(acc.trim_end().len());
            acc.push_str(line.trim_start());
        } else {
            open = Some(line);
        }
        if !cont[i] {
            out.extend(open.take());
        }
    }
    out.extend(open);
    (out, joined)
}

/// `heading-break`: a line ending in `（`/`(` continues on the next line
/// (`（` / `一）加强领导`).
fn join_open_brackets(lines: Vec<String>, counts: &mut RuleCounts) -> Vec<String> {
    if !lines.iter().any(|l| l.trim_end().ends_with(['（', '('])) {
        return lines;
    }
    let ends_open: Vec<bool> = lines
        .iter()
        .map(|l| l.trim_end().ends_with(['（', '(']))
        .collect();
    let (lines, n) = join_where(lines, |a, _| ends_open[a]);
    counts.add(Rule::HeadingBreak, n);
    lines
}

/// Display width of a trimmed line, near enough for finding a wrap width:
/// ASCII one column, everything else two.
fn width(line: &str) -> usize {
    let t = line.trim();
    t.chars().count() * 2 - t.bytes().filter(u8::is_ascii).count()
}

/// Fewest lines at the wrap width for a page to count as hard-wrapped.
const MIN_WRAPPED: usize = 4;

/// The width a PDF text layer wrapped this page at, if it did: many lines
/// within a few columns of one width (24–100 columns, 12–50 Chinese
/// characters), most of them stopping mid-sentence.
fn wrap_width(lines: &[String]) -> Option<usize> {
    let mut hist = [0usize; 104];
    let mut cut = [0usize; 104];
    let mut long = 0;
    for line in lines {
        if line.len() > 400 {
            long += 1; // wider than 100 columns whatever it holds
            continue;
        }
        let w = width(line);
        long += usize::from(w >= 24);
        if (24..=100).contains(&w) {
            hist[w] += 1;
            cut[w] += usize::from(!ends_sentence(line));
        }
    }
    // The width W whose band W-4..=W holds the most lines.
    let (best, count, open) = (28..=100)
        .map(|w| {
            let band = w - 4..=w;
            (
                w,
                hist[band.clone()].iter().sum::<usize>(),
                cut[band].iter().sum::<usize>(),
            )
        })
        .max_by_key(|&(w, n, _)| (n, w))?;
    (count >= MIN_WRAPPED && open * 3 >= count * 2 && count * 2 >= long).then_some(best)
}

/// `hard-wraps`: on a page wrapped at one width, a line that fills the
/// width and stops mid-sentence continues on the next one, unless that one
/// starts a numbered heading or either is site chrome.
fn join_hard_wraps(lines: Vec<String>, rules: Rules, counts: &mut RuleCounts) -> Vec<String> {
    let Some(w) = wrap_width(&lines) else {
        return lines;
    };
    let full = |line: &str| {
        let lw = width(line);
        lw + 4 >= w && lw <= w + 3
    };
    let chrome: Vec<bool> = lines
        .iter()
        .map(|l| boilerplate::is_boilerplate(l))
        .collect();
    let continues: Vec<bool> = lines
        .iter()
        .zip(&chrome)
        .map(|(l, &c)| full(l) && !ends_sentence(l) && !c)
        .collect();
    let starts_new: Vec<bool> = lines
        .iter()
        .zip(&chrome)
        .map(|(l, &c)| c || heading_level_with(l, rules).is_some())
        .collect();
    let (lines, n) = join_where(lines, |a, b| continues[a] && !starts_new[b]);
    counts.add(Rule::HardWraps, n);
    lines
}

/// A table cell: a short line (1–9 characters) that is no sentence and no
/// label (`来源：`).
fn is_cell(line: &str, rules: Rules) -> bool {
    let t = line.trim();
    if t.len() > 40 {
        return false;
    }
    let n = t.chars().count();
    (1..=9).contains(&n)
        && !ends_sentence(t)
        && !t.ends_with(['：', ':', '，', ','])
        && t.chars().any(|c| c.is_alphanumeric())
        && heading_level_with(t, rules).is_none()
}

/// A cell holding a number (`8.5`, `-7%`, `2023年`, `1,234`).
fn is_numeric(cell: &str) -> bool {
    let t = cell.trim();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    digits > 0 && digits * 2 >= t.chars().count()
}

/// Fewest cells for a run of short lines to be a table.
const MIN_CELLS: usize = 6;

/// Rows of a table's cells: the smallest width (2–8 columns) at which every
/// row after the first starts with a text cell and holds a number, the
/// cells filling whole rows.
fn columns(cells: &[&str]) -> Option<usize> {
    (2..=8).find(|&k| {
        cells.len().is_multiple_of(k)
            && cells.len() / k >= 3
            && cells[k..]
                .chunks(k)
                .all(|row| !is_numeric(row[0]) && row[1..].iter().any(|c| is_numeric(c)))
    })
}

/// `tables`: a run of at least [`MIN_CELLS`] cells (blank lines between
/// allowed, chrome not a cell), a third of them numbers, is joined into one line: rows by
/// ` | `, cells by a space (all on one row when no row width fits).
fn join_tables(lines: Vec<String>, opts: &CleanOptions, counts: &mut RuleCounts) -> Vec<String> {
    let idx = non_blank(&lines);
    // Site chrome is no cell (`3000字` `6页` badges).
    let is_cell = |line: &str| {
        is_cell(line, opts.rules)
            && !(opts.boilerplate && boilerplate::judge(line, opts.rules).is_some())
    };
    let mut runs: Vec<(usize, usize)> = Vec::new(); // first, last line index
    let mut k = 0;
    while k < idx.len() {
        let start = k;
        while k < idx.len() && is_cell(&lines[idx[k]]) {
            k += 1;
        }
        let run = &idx[start..k];
        let numbers = run.iter().filter(|&&i| is_numeric(&lines[i])).count();
        if run.len() >= MIN_CELLS && numbers * 3 >= run.len() {
            runs.push((run[0], run[run.len() - 1]));
        }
        k = k.max(start + 1);
    }
    if runs.is_empty() {
        return lines;
    }
    counts.add(Rule::Tables, runs.len());
    let mut out = Vec::with_capacity(lines.len());
    let mut next = 0;
    for &(first, last) in &runs {
        out.extend(lines[next..first].iter().cloned());
        let cells: Vec<&str> = lines[first..=last]
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let joined = match columns(&cells) {
            Some(k) => cells
                .chunks(k)
                .map(|row| row.join(" "))
                .collect::<Vec<_>>()
                .join(" | "),
            None => cells.join(" "),
        };
        out.push(joined);
        next = last + 1;
    }
    out.extend(lines[next..].iter().cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    fn run(text: &str) -> (Vec<String>, RuleCounts) {
        let mut counts = RuleCounts::default();
        let out = rejoin(lines(text), &CleanOptions::default(), &mut counts);
        (out, counts)
    }

    #[test]
    fn hard_wraps_rejoined_and_headings_kept() {
        let text = "　　全年全市医疗机构总诊疗人次达到一千二百万，同比\n增长百分之六，出院患者四十二万人次，基层医疗卫生机\n构诊疗量占比达到一半以上，分级诊疗格局进一步巩固，\n群众就医更加方便。\n一、主要工作完成情况\n　　持续深化医药卫生体制改革，紧密型县域医共体建设\n实现全覆盖。";
        let (out, counts) = run(text);
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(out[0].ends_with("巩固，群众就医更加方便。"), "{}", out[0]);
        assert_eq!(out[1], "一、主要工作完成情况");
        assert_eq!(counts.get(Rule::HardWraps), 4);
    }

    #[test]
    fn lines_of_other_lengths_are_not_wraps() {
        // Web paragraphs: one a line, each ending its sentences.
        let text = "今年以来，全系统各项工作稳步推进。\n全县新建乡镇卫生院三所，改造村卫生室十二所，\n资金来源：中央财政补助。\n一、总体情况";
        let (out, counts) = run(text);
        assert_eq!(out, lines(text));
        assert_eq!(counts, RuleCounts::default());
    }

    #[test]
    fn heading_broken_after_an_open_bracket() {
        let (out, counts) = run("（\n一）加强基层建设\n正文。");
        assert_eq!(out, vec!["（一）加强基层建设", "正文。"]);
        assert_eq!(counts.get(Rule::HeadingBreak), 1);
        let (out, _) = run("（一）加强基层建设\n正文（见附件）。");
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn tables_joined_with_rows_and_lists_kept() {
        let (out, counts) = run("指标\n2022年\n2023年\n床位数\n5.6\n5.9\n医师数\n2.8\n3.0\n说明。");
        assert_eq!(
            out,
            vec![
                "指标 2022年 2023年 | 床位数 5.6 5.9 | 医师数 2.8 3.0",
                "说明。"
            ]
        );
        assert_eq!(counts.get(Rule::Tables), 1);
        // Short lines without numbers are a list, not a table.
        let list = "组织领导\n宣传发动\n督导检查\n总结评估\n完善制度\n强化考核";
        assert_eq!(run(list).0, lines(list));
    }
}

//! What the panels show, derived from a [`Report`]: marks for the editor, finding rows, the
//! summary and "no findings" text, and the fixed pane's diff. No analysis happens here.

use actiongate_analyzer::highlight::HighlightToken;
use actiongate_analyzer::{Finding, Report, Severity};

use crate::diff::{diff_lines, DiffLine};
use crate::lines::{line_ranges, render_line, LineDiff, LineModel, Mark, MarkId, MarkKind};
use crate::offsets::EditRegion;

/// A finished analysis of one version of the code.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The code that was analysed (the editor may have moved on since).
    pub code: String,
    /// The file name it was analysed as.
    pub file_name: String,
    /// The analyzer's report.
    pub report: Report,
    /// How long the analysis took, in milliseconds.
    pub millis: f64,
    /// The other tabs that hold actions, with their findings (the list groups by file).
    pub others: Vec<OtherFile>,
    /// Whether the fixes have settled: `false` for a worker's first answer (the findings with
    /// their first-round fixes; the fixed pane waits for the settled one).
    pub settled: bool,
}

/// Another tab's results, as the findings pane lists them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OtherFile {
    /// Its index among the tabs.
    pub index: usize,
    /// Its file name.
    pub name: String,
    /// "2 findings (1 high) in 3 actions".
    pub summary: String,
    /// Whether it has a high finding.
    pub high: bool,
}

impl OtherFile {
    /// The row for tab `index` named `name`, or `None` when it holds no action.
    pub fn of(index: usize, name: &str, report: &Report) -> Option<OtherFile> {
        (!report.actions.is_empty()).then(|| OtherFile {
            index,
            name: name.to_owned(),
            summary: summary(report),
            high: report.findings.iter().any(|f| f.severity == Severity::High),
        })
    }
}

/// `x` rounded to whole units (`16.6` → `"17"`), written without the float formatter: it
/// would add its tables to every reader's download for a few labels.
pub fn whole(x: f64) -> String {
    (x.round() as i64).to_string()
}

/// `x` with one decimal (`2.04` → `"2.0"`, `-0.26` → `"-0.3"`), without the float formatter.
pub fn tenths(x: f64) -> String {
    let t = (x * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}.{}", (t / 10).abs(), (t % 10).abs())
}

/// "High", "Medium", "Low".
pub fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

/// Splits a message at backticks: `(is_code, text)` pieces, so `` `deletePost` `` can be shown
/// in a code font (as text, never as markup). An unpaired backtick is kept as text.
pub fn inline_code(text: &str) -> Vec<(bool, String)> {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return vec![(false, text.to_owned())];
    }
    parts
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(i, p)| (i % 2 == 1, (*p).to_owned()))
        .collect()
}

/// The editor marks of a report: one per finding and one per syntax error.
pub fn marks_of(report: &Report) -> Vec<Mark> {
    let findings = report.findings.iter().enumerate().map(|(i, f)| Mark {
        start: f.span.start,
        end: f.span.end,
        kind: MarkKind::of(f.severity),
        id: MarkId::Finding(i),
    });
    let errors = report.errors.iter().enumerate().map(|(i, e)| Mark {
        start: e.span.start,
        end: e.span.end,
        kind: MarkKind::Error,
        id: MarkId::Error(i),
    });
    findings.chain(errors).collect()
}

/// Moves marks computed for `analysed` onto `current` while the user types: marks before or
/// after the edited region keep pointing at the same text, marks inside it are dropped until
/// the next analysis.
pub fn remap_marks(marks: &[Mark], analysed: &str, current: &str) -> Vec<Mark> {
    if analysed == current {
        return marks.to_vec();
    }
    let region = EditRegion::between(analysed, current);
    marks
        .iter()
        .filter_map(|m| {
            region
                .map_span(m.start, m.end)
                .map(|(start, end)| Mark { start, end, ..*m })
        })
        .collect()
}

/// One row of the findings panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingRow {
    /// Index into the report's findings.
    pub index: usize,
    /// Rule id.
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Action name.
    pub action: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based UTF-16 column.
    pub column: u32,
    /// The finding's message.
    pub message: String,
    /// Whether the fixed version fixes it.
    pub has_fix: bool,
}

/// The findings panel's rows, in report order.
pub fn finding_rows(report: &Report) -> Vec<FindingRow> {
    report
        .findings
        .iter()
        .enumerate()
        .map(|(index, f)| FindingRow {
            index,
            rule: f.rule,
            severity: f.severity,
            action: f.action.clone(),
            line: f.position.line,
            column: f.position.column,
            message: f.message.clone(),
            has_fix: f.fix.is_some(),
        })
        .collect()
}

/// Joins names as "a", "a and b", "a, b and c".
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary above the findings list.
pub fn summary(report: &Report) -> String {
    let actions = report.actions.len();
    let findings = report.findings.len();
    let mut parts = Vec::new();
    if findings > 0 {
        let high = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::High)
            .count();
        let mut s = plural(findings, "finding", "findings");
        if high > 0 {
            s.push_str(&format!(" ({high} high)"));
        }
        s.push_str(&format!(" in {}", plural(actions, "action", "actions")));
        parts.push(s);
    } else if actions > 0 {
        parts.push(format!(
            "No findings in {}",
            plural(actions, "action", "actions")
        ));
    } else {
        parts.push("No Server Actions found".to_owned());
    }
    if !report.errors.is_empty() {
        parts.push(plural(report.errors.len(), "syntax error", "syntax errors"));
    }
    if !report.suppressed.is_empty() {
        parts.push(format!("{} suppressed", report.suppressed.len()));
    }
    parts.join(" · ")
}

/// The "no findings" message: which actions were checked, or why none were found.
pub fn no_findings_text(report: &Report, several_files: bool) -> String {
    // Mid-typing: a parse that lost code is never a clean bill of health.
    if let Some(error) = report.errors.first() {
        return format!(
            "No findings in the code that parsed, but line {} does not parse ({}): the code from there on may not be checked until it does.",
            error.position.line, error.message
        );
    }
    if report.actions.is_empty() && several_files {
        return "No Server Actions in this file. The actions that import it are checked on their \
                own tabs, with this file's code."
            .to_owned();
    }
    if report.actions.is_empty() {
        return "No Server Actions found. actiongate checks the exports of files that start with \
                \"use server\", functions whose body starts with \"use server\", and actions built \
                with next-safe-action, zsa or a wrapper."
            .to_owned();
    }
    let names: Vec<&str> = report.actions.iter().map(|a| a.name.as_str()).collect();
    let verdict = if report.assumptions.is_empty() {
        "No findings."
    } else {
        // Not a clean bill of health: the verdict rests on files the playground was not given.
        "No findings, if the assumptions below hold."
    };
    format!(
        "{verdict} Checked {}: {}.",
        plural(names.len(), "Server Action", "Server Actions"),
        join_names(&names)
    )
}

/// One assumption a verdict rests on, as the findings pane lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AssumptionRow {
    /// The action whose verdict rests on it.
    pub action: String,
    /// The imported name.
    pub import: String,
    /// The module it comes from.
    pub source: String,
    /// What was assumed ("is assumed to check the caller itself").
    pub assumed: &'static str,
    /// What to do to know instead ("add that file to know").
    pub advice: &'static str,
    /// Whether adding the imported file would replace the assumption with a verdict.
    pub file_would_tell: bool,
    /// 1-based line where the action uses it.
    pub line: u32,
}

/// Each assumption a verdict rests on, in source order.
pub fn assumption_rows(report: &Report) -> Vec<AssumptionRow> {
    report
        .assumptions
        .iter()
        .map(|a| AssumptionRow {
            action: a.action.clone(),
            import: a.import.clone(),
            source: a.source.clone(),
            assumed: a.assumed,
            advice: a.advice,
            file_would_tell: a.file_would_tell(),
            line: a.position.line,
        })
        .collect()
}

/// A high gap the fixed version leaves open, for the fixed pane's list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OpenGap {
    /// The action.
    pub action: String,
    /// The rule still reported.
    pub rule: &'static str,
    /// Why, as the fixed action's finding says it.
    pub reason: String,
}

/// How much of the report's high gaps the fixed version closes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixSummary {
    /// High gaps the fixed version closes.
    pub closed: usize,
    /// Every high gap: each fixed action's closed and remaining ones, one per unfixed finding.
    pub gaps: usize,
    /// Gaps left open, with why.
    pub open: Vec<OpenGap>,
}

/// Counts the high gaps the fixes close ("fixes 1 of 2 gaps", never "fixed" when some remain).
pub fn fix_summary(report: &Report) -> FixSummary {
    let mut summary = FixSummary::default();
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::High)
    {
        match &f.fix {
            Some(fix) => {
                summary.closed += fix.closes.len();
                summary.gaps += fix.closes.len() + fix.remaining.len();
                summary.open.extend(fix.remaining.iter().map(|g| OpenGap {
                    action: f.action.clone(),
                    rule: g.rule,
                    reason: g.reason.clone(),
                }));
            }
            None => {
                summary.gaps += 1;
                summary.open.push(OpenGap {
                    action: f.action.clone(),
                    rule: f.rule,
                    reason: "no safe automatic fix: see How to fix.".to_owned(),
                });
            }
        }
    }
    summary
}

/// What the fixed pane says about the fixes of `report`.
pub fn fix_note(report: &Report) -> String {
    if report.findings.is_empty() {
        return "No findings, so nothing to change.".to_owned();
    }
    let high = report.findings.iter().any(|f| f.severity == Severity::High);
    if let (true, Some(error)) = (high, report.errors.first()) {
        return format!(
            "No fix while the file does not parse (line {}: {}): a fix computed on cut-off code would be wrong.",
            error.position.line, error.message
        );
    }
    let s = fix_summary(report);
    match (s.closed, s.gaps) {
        (_, 0) => {
            "No high finding to fix; the others carry guidance only — see “How to fix”.".to_owned()
        }
        (0, _) => {
            "No automatic fix: these findings need a decision only you can make — see “How to fix”."
                .to_owned()
        }
        (1, 1) => "Closes the high gap.".to_owned(),
        (c, g) if c == g => format!("Closes all {g} high gaps."),
        (c, g) => format!("Fixes {c} of {g} high gaps. Still open:"),
    }
}

/// Counts of the fixed pane's diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiffStats {
    /// Lines added or changed.
    pub added: usize,
    /// Lines removed.
    pub removed: usize,
}

/// The fixed pane: the fixed file's lines, with added lines marked and removed input lines
/// interleaved (struck through). The diff is computed for the whole file; the lines are rendered
/// on demand ([`FixedView::lines`]), so a big file's pane can draw only what is on screen.
#[derive(Debug, Clone, Default)]
pub struct FixedView {
    code: String,
    code_tokens: Vec<HighlightToken>,
    code_ranges: Vec<(u32, u32)>,
    fixed: String,
    fixed_tokens: Vec<HighlightToken>,
    fixed_ranges: Vec<(u32, u32)>,
    rows: Vec<DiffLine>,
    stats: DiffStats,
}

impl FixedView {
    /// Diffs `code` and `fixed` (each with its highlight tokens) line by line.
    pub fn new(
        code: &str,
        code_tokens: Vec<HighlightToken>,
        fixed: &str,
        fixed_tokens: Vec<HighlightToken>,
    ) -> FixedView {
        let old_text: Vec<&str> = code.split('\n').collect();
        let new_text: Vec<&str> = fixed.split('\n').collect();
        let rows = diff_lines(&old_text, &new_text);
        let mut stats = DiffStats::default();
        for row in &rows {
            match row {
                DiffLine::Same { .. } => {}
                DiffLine::Added { .. } => stats.added += 1,
                DiffLine::Removed { .. } => stats.removed += 1,
            }
        }
        FixedView {
            code_ranges: line_ranges(code),
            code: code.to_owned(),
            code_tokens,
            fixed_ranges: line_ranges(fixed),
            fixed: fixed.to_owned(),
            fixed_tokens,
            rows,
            stats,
        }
    }

    /// The number of rows: the fixed file's lines plus the removed ones.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no row at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Counts of the diff.
    pub fn stats(&self) -> DiffStats {
        self.stats
    }

    /// The rendered rows `range` (clamped to the rows there are).
    pub fn lines(&self, range: std::ops::Range<usize>) -> Vec<LineModel> {
        let end = range.end.min(self.rows.len());
        let start = range.start.min(end);
        self.rows[start..end]
            .iter()
            .map(|row| match *row {
                DiffLine::Same { new, .. } => self.new_line(new),
                DiffLine::Added { new } => LineModel {
                    diff: LineDiff::Added,
                    ..self.new_line(new)
                },
                DiffLine::Removed { old } => {
                    let range = self.code_ranges.get(old).copied().unwrap_or_default();
                    LineModel {
                        diff: LineDiff::Removed,
                        ..render_line(&self.code, &self.code_tokens, range)
                    }
                }
            })
            .collect()
    }

    fn new_line(&self, new: usize) -> LineModel {
        let range = self.fixed_ranges.get(new).copied().unwrap_or_default();
        render_line(&self.fixed, &self.fixed_tokens, range)
    }

    /// The fixed file's line number shown before row `row` (removed rows have none): the
    /// number of rows before it that are lines of the fixed file.
    pub fn numbers_before(&self, row: usize) -> usize {
        self.rows[..row.min(self.rows.len())]
            .iter()
            .filter(|r| !matches!(r, DiffLine::Removed { .. }))
            .count()
    }

    /// The first added or removed row.
    pub fn first_change(&self) -> Option<usize> {
        self.rows
            .iter()
            .position(|r| !matches!(r, DiffLine::Same { .. }))
    }

    /// The first added or removed row at or after byte `at` of the input (where a fix's first
    /// edit starts), else the last change before it.
    pub fn change_at(&self, at: usize) -> Option<usize> {
        let line = self
            .code_ranges
            .partition_point(|&(_, end)| (end as usize) < at);
        // Rows up to the first one at or after input line `line`: the input lines consumed so
        // far decide, for added rows too (an added row sits before the next input line).
        let mut consumed = 0usize;
        let mut last_change = None;
        for (i, row) in self.rows.iter().enumerate() {
            match *row {
                DiffLine::Same { old, .. } => consumed = old + 1,
                DiffLine::Removed { old } => {
                    if old >= line {
                        return Some(i);
                    }
                    consumed = old + 1;
                    last_change = Some(i);
                }
                DiffLine::Added { .. } => {
                    if consumed >= line {
                        return Some(i);
                    }
                    last_change = Some(i);
                }
            }
        }
        last_change
    }
}

/// Where the fixed pane shows `finding`'s fix (a byte offset of the input): its first edit
/// inside its action (not the import a fix adds at the top of the file), else the finding.
pub fn fix_anchor(report: &Report, finding: &Finding) -> usize {
    let action = report
        .actions
        .iter()
        .find(|a| a.name == finding.action)
        .map(|a| a.span);
    finding
        .fix
        .iter()
        .flat_map(|f| &f.edits)
        .filter(|e| action.is_none_or(|s| s.start <= e.start && e.start <= s.end))
        .map(|e| e.start as usize)
        .min()
        .unwrap_or(finding.span.start as usize)
}

/// The fixed pane's rows, all rendered (see [`FixedView`]), and the counts of its diff.
pub fn fixed_view(
    code: &str,
    code_tokens: &[HighlightToken],
    fixed: &str,
    fixed_tokens: &[HighlightToken],
) -> (Vec<LineModel>, DiffStats) {
    let view = FixedView::new(code, code_tokens.to_vec(), fixed, fixed_tokens.to_vec());
    (view.lines(0..view.len()), view.stats())
}

/// The request anyone could send to trigger a high finding, for teaching (nothing is sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attack {
    /// The client values the request carries: form fields, or the argument list.
    pub fields: Vec<String>,
    /// Whether they travel as a form post (else as the JSON argument list).
    pub form: bool,
    /// The request as `curl`.
    pub curl: String,
    /// The request as `fetch`, from the browser's console on the site.
    pub fetch: String,
    /// One sentence of what it does.
    pub story: String,
}

/// The attack view of `finding` in `report`, when it is high and its action is known.
pub fn attack_for(report: &Report, finding: &Finding) -> Option<Attack> {
    if finding.severity != Severity::High {
        return None;
    }
    let action = report.actions.iter().find(|a| a.name == finding.action)?;
    let inputs = &action.inputs;
    let form = inputs.form_data;
    let fields: Vec<String> = if form {
        inputs.form_fields.clone()
    } else {
        inputs.params.clone()
    };
    let value = |field: &str| format!("<any {field}>");
    let (curl, fetch) = if form {
        let mut curl =
            "curl 'https://your-app.example/<page>' \\\n  -F '$ACTION_ID_<action id>='".to_owned();
        let mut fetch =
            "const body = new FormData();\nbody.append(\"$ACTION_ID_<action id>\", \"\");\n"
                .to_owned();
        for field in &fields {
            curl.push_str(&format!(" \\\n  -F '{field}={}'", value(field)));
            fetch.push_str(&format!("body.append({field:?}, {:?});\n", value(field)));
        }
        fetch.push_str("await fetch(\"/<page>\", { method: \"POST\", body });");
        (curl, fetch)
    } else {
        let args: Vec<String> = fields.iter().map(|f| format!("{:?}", value(f))).collect();
        let list = format!("[{}]", args.join(", "));
        let curl = format!(
            "curl 'https://your-app.example/<page>' \\\n  -H 'Next-Action: <action id>' \\\n  -H 'Content-Type: text/plain;charset=UTF-8' \\\n  --data-raw '{list}'"
        );
        let fetch = format!(
            "await fetch(\"/<page>\", {{\n  method: \"POST\",\n  headers: {{ \"Next-Action\": \"<action id>\", \"Content-Type\": \"text/plain;charset=UTF-8\" }},\n  body: JSON.stringify({list}),\n}});"
        );
        (curl, fetch)
    };
    let chosen = fields
        .first()
        .map(|f| format!("`{f}`"))
        .unwrap_or_else(|| "the arguments".to_owned());
    let name = &finding.action;
    let story = match finding.rule {
        "missing-authn" => format!(
            "Mallory is not even signed in: she sends this request and `{name}` runs for her."
        ),
        "unchecked-session" => format!(
            "Mallory sends it without a session cookie: `{name}` looks the session up, finds none, and goes on."
        ),
        "unverified-session" => format!(
            "Mallory writes her own session cookie, and `{name}` believes it."
        ),
        "client-identity" => format!(
            "Signed in as herself, Mallory puts Alice's user id in {chosen}: `{name}` acts as Alice."
        ),
        _ => format!(
            "Signed in as herself, Mallory changes {chosen} to Alice's: `{name}` acts on Alice's record."
        ),
    };
    Some(Attack {
        fields,
        form,
        curl,
        fetch,
        story,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attack_view_posts_the_form_fields_a_form_action_reads() {
        let form = "\"use server\";\nexport async function deletePost(formData: FormData) {\n  const id = String(formData.get(\"id\"));\n  await db.post.delete({ where: { id } });\n}\n";
        let report = analyze(form, &Options::new("actions.ts"));
        let finding = &report.findings[0];
        let attack = attack_for(&report, finding).unwrap();
        assert!(attack.form);
        assert_eq!(attack.fields, ["id"]);
        assert!(attack.curl.contains("-F 'id=<any id>'"), "{}", attack.curl);
        assert!(attack.fetch.contains("body.append(\"id\", \"<any id>\");"));
        assert!(attack.story.contains("not even signed in"));
        // Arguments travel as the JSON list, with the Next-Action header.
        let args = "\"use server\";\nexport async function removeTeam(teamId: string) {\n  await db.team.delete({ where: { id: teamId } });\n}\n";
        let report = analyze(args, &Options::new("actions.ts"));
        let attack = attack_for(&report, &report.findings[0]).unwrap();
        assert!(!attack.form);
        assert!(
            attack.curl.contains("--data-raw '[\"<any teamId>\"]'"),
            "{}",
            attack.curl
        );
        assert!(attack.curl.contains("Next-Action: <action id>"));
    }
    use actiongate_analyzer::highlight::highlight;
    use actiongate_analyzer::{analyze, Options};

    const VULNERABLE: &str = "\"use server\";\nexport async function deletePost(id: string) {\n  await db.post.delete({ where: { id } });\n}\n";

    #[test]
    fn a_vulnerable_action_gives_a_high_mark_and_a_row() {
        let report = analyze(VULNERABLE, &Options::new("actions.ts"));
        let marks = marks_of(&report);
        assert_eq!(marks.len(), 1);
        assert_eq!(marks[0].kind, MarkKind::High);
        let rows = finding_rows(&report);
        assert_eq!(rows[0].rule, "missing-authn");
        assert_eq!(rows[0].action, "deletePost");
        assert_eq!(rows[0].line, 3);
        assert!(rows[0].has_fix);
        assert_eq!(summary(&report), "1 finding (1 high) in 1 action");
    }

    #[test]
    fn the_fixed_pane_counts_gaps_and_lists_what_is_left() {
        // The login check reveals the ownership gap; both are closed.
        let report = analyze(VULNERABLE, &Options::new("actions.ts"));
        assert_eq!(fix_note(&report), "Closes all 2 high gaps.");
        // A request to a resource the client names cannot be scoped by an edit: the gap stays,
        // said with its reason.
        let outgoing = "\"use server\";\nexport async function deploy(projectId: string) {\n  await fetch(`https://ci.example.com/projects/${projectId}/deploys`, { method: \"POST\" });\n}\n";
        let report = analyze(outgoing, &Options::new("actions.ts"));
        assert_eq!(fix_note(&report), "Fixes 1 of 2 high gaps. Still open:");
        let s = fix_summary(&report);
        assert_eq!(s.open.len(), 1);
        assert_eq!(s.open[0].rule, "missing-authz");
        // Mid-typing: no fix on cut-off code.
        let broken = "\"use server\";\nexport async function deletePost(id: string) {\n  await db.post.delete({ where: { id } });\n  if (\n}\n";
        let report = analyze(broken, &Options::new("actions.ts"));
        assert!(fix_note(&report).starts_with("No fix while the file does not parse"));
        assert_eq!(report.fixed_source, broken);
    }

    #[test]
    fn the_fixed_pane_marks_the_added_lines() {
        let report = analyze(VULNERABLE, &Options::new("actions.ts"));
        let fixed = &report.fixed_source;
        let (lines, stats) = fixed_view(
            VULNERABLE,
            &highlight(VULNERABLE, "a.ts"),
            fixed,
            &highlight(fixed, "a.ts"),
        );
        assert!(stats.added >= 2, "{stats:?}\n{fixed}");
        let added: Vec<String> = lines
            .iter()
            .filter(|l| l.diff == LineDiff::Added)
            .map(|l| l.text())
            .collect();
        assert!(added.iter().any(|l| l.contains("auth()")), "{added:?}");
        // Without the removed lines, the pane is exactly the fixed file.
        let shown: Vec<String> = lines
            .iter()
            .filter(|l| l.diff != LineDiff::Removed)
            .map(|l| l.text())
            .collect();
        assert_eq!(shown.join("\n"), *fixed);
    }

    #[test]
    fn the_fixed_pane_renders_any_window_of_rows_as_the_whole_file() {
        // Three copies of the default example (functions renamed), a multi-line comment and
        // template across lines: any window of rows renders as the whole pane does.
        let body = crate::examples::default_example()
            .code
            .trim_start_matches("\"use server\";\n");
        let mut code = String::from("\"use server\";\n/* a comment\n   over two lines */\n");
        for i in 0..3 {
            code.push_str(&body.replace("function ", &format!("function v{i}_")));
        }
        code.push_str("const t = `a\nb`;\n");
        let report = analyze(&code, &Options::new("actions.ts"));
        let fixed = &report.fixed_source;
        let view = FixedView::new(
            &code,
            highlight(&code, "a.ts"),
            fixed,
            highlight(fixed, "a.ts"),
        );
        let (all, stats) = fixed_view(
            &code,
            &highlight(&code, "a.ts"),
            fixed,
            &highlight(fixed, "a.ts"),
        );
        assert_eq!(view.len(), all.len());
        assert_eq!(view.stats(), stats);
        assert!(stats.added >= 6, "{stats:?}");
        for (a, b) in [
            (0, 5),
            (3, 17),
            (all.len() - 4, all.len()),
            (10, all.len() + 50),
        ] {
            assert_eq!(view.lines(a..b), all[a..b.min(all.len())], "rows {a}..{b}");
        }
        // Line numbers count the fixed file's lines, not the removed ones.
        for row in [0, 7, all.len() / 2, all.len()] {
            let numbered = all[..row]
                .iter()
                .filter(|l| l.diff != LineDiff::Removed)
                .count();
            assert_eq!(view.numbers_before(row), numbered);
        }
        // The first change, and each fix's own change: inside its action.
        let first = view.first_change().expect("a change");
        assert_ne!(all[first].diff, LineDiff::None);
        assert!(all[..first].iter().all(|l| l.diff == LineDiff::None));
        let fixes: Vec<&Finding> = report.findings.iter().filter(|f| f.fix.is_some()).collect();
        assert!(fixes.len() >= 3);
        for f in fixes {
            let row = view.change_at(fix_anchor(&report, f)).expect("a change");
            assert_ne!(all[row].diff, LineDiff::None);
            // The nearest `function` line above the row names the finding's action.
            let head = all[..=row]
                .iter()
                .rev()
                .map(|l| l.text())
                .find(|t| t.contains("function "))
                .unwrap();
            assert!(
                head.contains(&format!("function {}(", f.action)),
                "{head} / {}",
                f.action
            );
        }
    }

    #[test]
    fn no_findings_over_an_unseen_helper_is_conditional() {
        let thin = "\"use server\";\nimport { dropNote } from \"@/data/notes\";\nexport async function removeNote(id: string) {\n  await dropNote(id);\n}\n";
        let report = analyze(thin, &Options::new("actions.ts"));
        assert!(report.findings.is_empty());
        assert_eq!(
            no_findings_text(&report, false),
            "No findings, if the assumptions below hold. Checked 1 Server Action: removeNote."
        );
        assert_eq!(
            assumption_rows(&report),
            [AssumptionRow {
                action: "removeNote".to_owned(),
                import: "dropNote".to_owned(),
                source: "@/data/notes".to_owned(),
                assumed: "is assumed to check the caller itself",
                advice: "add that file to know",
                file_would_tell: true,
                line: 4,
            }]
        );
    }

    #[test]
    fn the_no_findings_text_names_the_actions_checked() {
        let clean = "\"use server\";\nexport async function a() {}\nexport async function b() {}\nexport async function c() {}\n";
        let report = analyze(clean, &Options::new("actions.ts"));
        assert_eq!(
            no_findings_text(&report, false),
            "No findings. Checked 3 Server Actions: a, b and c."
        );
        assert_eq!(summary(&report), "No findings in 3 actions");
        assert!(assumption_rows(&report).is_empty());
        let none = analyze("export const x = 1;", &Options::new("a.ts"));
        assert!(no_findings_text(&none, false).starts_with("No Server Actions found."));
        // A cut-off file never reads as clean.
        let cut = analyze(
            "\"use server\";\nexport async function f(id: string) {\n  if (\n",
            &Options::new("a.ts"),
        );
        assert!(cut.findings.is_empty());
        assert!(no_findings_text(&cut, false)
            .starts_with("No findings in the code that parsed, but line 4 does not parse"));
        // A helper among several tabs is not a file without actions by mistake.
        assert!(no_findings_text(&none, true).starts_with("No Server Actions in this file."));
    }

    #[test]
    fn syntax_errors_become_error_marks_and_are_counted() {
        let broken = "\"use server\";\nexport async function f( {\n";
        let report = analyze(broken, &Options::new("actions.ts"));
        assert!(!report.errors.is_empty());
        assert!(marks_of(&report).iter().any(|m| m.kind == MarkKind::Error));
        assert!(summary(&report).contains("syntax error"));
    }

    #[test]
    fn marks_follow_the_text_while_typing() {
        let report = analyze(VULNERABLE, &Options::new("actions.ts"));
        let marks = marks_of(&report);
        let typed = format!("// note\n{VULNERABLE}");
        let moved = remap_marks(&marks, VULNERABLE, &typed);
        assert_eq!(moved[0].start, marks[0].start + 8);
        let (s, e) = (moved[0].start as usize, moved[0].end as usize);
        assert_eq!(
            &typed[s..e],
            &VULNERABLE[marks[0].start as usize..marks[0].end as usize]
        );
        // Typing inside the mark drops it until the next analysis.
        let at = marks[0].start as usize + 3;
        let inside = format!("{}x{}", &VULNERABLE[..at], &VULNERABLE[at..]);
        assert!(remap_marks(&marks, VULNERABLE, &inside).is_empty());
    }

    #[test]
    fn backticks_become_code_pieces() {
        assert_eq!(
            inline_code("a `b` c"),
            [
                (false, "a ".into()),
                (true, "b".into()),
                (false, " c".into())
            ]
        );
        assert_eq!(inline_code("odd ` tick"), [(false, "odd ` tick".into())]);
        assert_eq!(inline_code("`x`"), [(true, "x".into())]);
        assert!(inline_code("").is_empty() || inline_code("") == [(false, String::new())]);
    }

    #[test]
    fn names_are_joined_like_a_sentence() {
        assert_eq!(join_names(&[]), "");
        assert_eq!(join_names(&["a"]), "a");
        assert_eq!(join_names(&["a", "b"]), "a and b");
    }

    #[test]
    fn numbers_are_written_without_the_float_formatter() {
        assert_eq!(whole(16.6), "17");
        assert_eq!(whole(-3.2), "-3");
        assert_eq!(tenths(2.04), "2.0");
        assert_eq!(tenths(12.96), "13.0");
        assert_eq!(tenths(-0.26), "-0.3");
        assert_eq!(tenths(0.0), "0.0");
    }
}

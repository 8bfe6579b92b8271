//! Challenges: code with high findings that a learner makes safe. A challenge link carries what
//! the code must keep doing (each action's writes and returned reads) and how many high findings
//! it started with; it is solved when no high finding is left **and** every action still does
//! its job — deleting the sink is not a fix.

use actiongate_analyzer::{Report, Severity};
use actiongate_permalink::lz;

/// Largest decoded challenge description (characters), against crafted links.
const MAX_DECODED: usize = 64 * 1024;

/// What a challenge asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// High findings at the start.
    pub high: usize,
    /// (action, effect) pairs the code must keep (`deletePost`, `prisma.post.delete(..)`).
    pub effects: Vec<(String, String)>,
}

/// Where the learner stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The file does not parse: nothing can be judged yet.
    Unparsed,
    /// An action no longer does part of its job.
    LostWork(Vec<(String, String)>),
    /// High findings are left.
    Open(usize),
    /// No high finding, every action still does its job.
    Solved,
}

impl Challenge {
    /// The challenge of `report`'s code, or `None` when it has no high finding.
    pub fn of(report: &Report) -> Option<Challenge> {
        let high = high_count(report);
        (high > 0).then(|| Challenge {
            high,
            effects: report
                .actions
                .iter()
                .flat_map(|a| a.inputs.effects.iter().map(|e| (a.name.clone(), e.clone())))
                .collect(),
        })
    }

    /// The `challenge=` value: one line per fact, lz-string compressed for a URL.
    pub fn encode(&self) -> String {
        let mut text = format!("{}\n", self.high);
        for (action, effect) in &self.effects {
            text.push_str(&format!("{action}\t{effect}\n"));
        }
        lz::compress_to_encoded_uri_component(&text)
    }

    /// Reads a `challenge=` value; `None` when it is not one.
    pub fn decode(value: &str) -> Option<Challenge> {
        let text = lz::decompress_from_encoded_uri_component(value, MAX_DECODED).ok()?;
        let mut lines = text.lines();
        let high = lines.next()?.trim().parse().ok()?;
        let effects = lines
            .map(|line| {
                let (action, effect) = line.split_once('\t')?;
                Some((action.to_owned(), effect.to_owned()))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Challenge { high, effects })
    }

    /// How `report` (the learner's code) stands against the challenge.
    pub fn status(&self, report: &Report) -> Status {
        if !report.errors.is_empty() {
            return Status::Unparsed;
        }
        let lost: Vec<(String, String)> = self
            .effects
            .iter()
            .filter(|(action, effect)| {
                !report.actions.iter().any(|a| {
                    &a.name == action && a.inputs.effects.iter().any(|e| same_effect(e, effect))
                })
            })
            .cloned()
            .collect();
        if !lost.is_empty() {
            return Status::LostWork(lost);
        }
        match high_count(report) {
            0 => Status::Solved,
            n => Status::Open(n),
        }
    }
}

/// The `challenge=` value of a page's query (`?challenge=...`), if any.
pub fn from_search(search: &str) -> Option<Challenge> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("challenge="))
        .and_then(Challenge::decode)
}

fn high_count(report: &Report) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::High)
        .count()
}

/// Whether two effects are the same operation on the same thing: a scoped `deleteMany` keeps
/// the job of a `delete`, a `findFirst` that of a `findUnique`.
fn same_effect(a: &str, b: &str) -> bool {
    fn normal(label: &str) -> String {
        let label = label.trim_end_matches("(..)");
        let (head, op) = label.rsplit_once('.').unwrap_or(("", label));
        let op = op.trim_end_matches("Many");
        let op = match op {
            "findFirst" | "findUnique" | "findFirstOrThrow" | "findUniqueOrThrow" => "find",
            op => op,
        };
        format!("{head}.{op}")
    }
    normal(a) == normal(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actiongate_analyzer::{analyze, Options};

    const OPEN: &str = "\"use server\";\nexport async function deletePost(id: string) {\n  await db.post.delete({ where: { id } });\n}\n";
    const DELETED: &str =
        "\"use server\";\nexport async function deletePost(id: string) {\n  return;\n}\n";
    const SOLVED: &str = "\"use server\";\nimport { auth } from \"@/auth\";\nexport async function deletePost(id: string) {\n  const session = await auth();\n  if (!session?.user?.id) throw new Error(\"Unauthorized\");\n  const { count } = await db.post.deleteMany({ where: { id, authorId: session.user.id } });\n  if (count === 0) throw new Error(\"Not found\");\n}\n";

    fn report(code: &str) -> Report {
        analyze(code, &Options::new("actions.ts"))
    }

    #[test]
    fn a_correct_edit_solves_it_and_deleting_the_sink_does_not() {
        let challenge = Challenge::of(&report(OPEN)).unwrap();
        assert_eq!(challenge.high, 1);
        assert_eq!(
            challenge.effects,
            [("deletePost".to_owned(), "db.post.delete(..)".to_owned())]
        );
        assert_eq!(challenge.status(&report(OPEN)), Status::Open(1));
        assert!(matches!(
            challenge.status(&report(DELETED)),
            Status::LostWork(_)
        ));
        assert_eq!(challenge.status(&report(SOLVED)), Status::Solved);
        assert_eq!(
            challenge.status(&report(
                "\"use server\";\nexport async function deletePost("
            )),
            Status::Unparsed
        );
        assert!(Challenge::of(&report(SOLVED)).is_none());
    }

    #[test]
    fn it_travels_in_the_query_and_crafted_values_are_refused() {
        let challenge = Challenge::of(&report(OPEN)).unwrap();
        let search = format!("?x=1&challenge={}", challenge.encode());
        assert_eq!(from_search(&search), Some(challenge));
        for bad in [
            "?challenge=",
            "?challenge=%%%",
            "?challenge=abc",
            "?nothing",
        ] {
            assert_eq!(from_search(bad), None, "{bad}");
        }
        let not_a_number = lz::compress_to_encoded_uri_component("two\n");
        assert_eq!(Challenge::decode(&not_a_number), None);
    }
}

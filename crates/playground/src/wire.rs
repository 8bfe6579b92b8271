//! The messages between the page and its analysis worker, as bytes.
//!
//! The worker is a second instance of the page's own wasm module with its own memory, so a
//! [`Report`] crosses as bytes in a transferred `ArrayBuffer`. The analyzer's report types are
//! `Serialize` only and the page links no JSON parser, so this is a small binary format of our
//! own: little-endian integers, strings as a length and UTF-8, lists as a count and their items.
//! The report's `&'static str` fields (rule ids, CWEs, action kinds, assumption phrases) come
//! from a closed set of the analyzer's constants: decoding gives each distinct text one
//! `&'static str` for the life of the page ([`intern`]), so repeated decoding does not grow
//! memory. Malformed bytes give a [`WireError`], never a panic. The decoder builds every report
//! type with all its fields named, so a field added to the analyzer's report breaks this build
//! instead of being dropped between the two instances.

use std::cell::RefCell;

use actiongate_analyzer::{
    ActionInfo, ActionInputs, Assumption, ByteSpan, Edit, Finding, Fix, Gap, Position, Report,
    Severity, SourceError,
};
use actiongate_permalink::ProjectFile;

use crate::analysis::Stage;
use crate::view::OtherFile;

/// Bytes that are not a message of this format (truncated, or of another build).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError(pub &'static str);

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unreadable analysis message: {}", self.0)
    }
}

/// The first bytes of every message: a format change makes old bytes fail to decode.
const MAGIC: &[u8; 4] = b"AGW1";

/// An analysis the page asks the worker for: the tabs, the active one, and the generation that
/// names this request (a reply carries it back, so the page drops outdated ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Increases with every request of the page.
    pub generation: u64,
    /// Every tab, the active one with its current text.
    pub files: Vec<ProjectFile>,
    /// Index of the active tab.
    pub active: usize,
}

/// One stage of the worker's answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The request's generation.
    pub generation: u64,
    /// How far this report goes (the first round comes first, the settled one after).
    pub stage: Stage,
    /// The active tab's report.
    pub report: Report,
    /// The other tabs that hold actions (sent with the first stage; empty with the settled one).
    pub others: Vec<OtherFile>,
}

/// Returns the one `&'static str` equal to `text`, leaking it the first time it is seen. The
/// texts are a few dozen of the analyzer's constants, so a list is searched (a hash set would
/// add its code to every reader's download for no measurable gain).
pub fn intern(text: &str) -> &'static str {
    thread_local! {
        static SEEN: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(known) = seen.iter().find(|known| **known == text) {
            return *known;
        }
        let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
        seen.push(leaked);
        leaked
    })
}

/// Encodes a request.
pub fn encode_request(request: &Request) -> Vec<u8> {
    let mut w = Writer::new();
    w.u64(request.generation);
    w.u32(request.active as u32);
    w.list(&request.files, |w, f| {
        w.str(&f.name);
        w.str(&f.code);
    });
    w.out
}

/// Decodes a request.
pub fn decode_request(bytes: &[u8]) -> Result<Request, WireError> {
    let mut r = Reader::new(bytes)?;
    let generation = r.u64()?;
    let active = r.u32()? as usize;
    let files = r.list(|r| {
        Ok(ProjectFile {
            name: r.string()?,
            code: r.string()?,
        })
    })?;
    r.end()?;
    Ok(Request {
        generation,
        files,
        active,
    })
}

/// Encodes a reply.
pub fn encode_reply(reply: &Reply) -> Vec<u8> {
    let mut w = Writer::new();
    w.u64(reply.generation);
    w.u8(match reply.stage {
        Stage::First => 0,
        Stage::Settled => 1,
    });
    write_report(&mut w, &reply.report);
    w.list(&reply.others, |w, o| {
        w.u32(o.index as u32);
        w.str(&o.name);
        w.str(&o.summary);
        w.bool(o.high);
    });
    w.out
}

/// Decodes a reply.
pub fn decode_reply(bytes: &[u8]) -> Result<Reply, WireError> {
    let mut r = Reader::new(bytes)?;
    let generation = r.u64()?;
    let stage = match r.u8()? {
        0 => Stage::First,
        1 => Stage::Settled,
        _ => return Err(WireError("unknown stage")),
    };
    let report = read_report(&mut r)?;
    let others = r.list(|r| {
        Ok(OtherFile {
            index: r.u32()? as usize,
            name: r.string()?,
            summary: r.string()?,
            high: r.bool()?,
        })
    })?;
    r.end()?;
    Ok(Reply {
        generation,
        stage,
        report,
        others,
    })
}

fn write_report(w: &mut Writer, report: &Report) {
    w.str(&report.file);
    w.list(&report.actions, |w, a| {
        w.str(&a.name);
        w.str(a.kind);
        w.span(a.span);
        w.u32(a.line);
        w.list(&a.inputs.params, |w, p| w.str(p));
        w.bool(a.inputs.form_data);
        w.list(&a.inputs.form_fields, |w, p| w.str(p));
        w.list(&a.inputs.effects, |w, p| w.str(p));
    });
    w.list(&report.errors, |w, e| {
        w.str(&e.message);
        w.span(e.span);
        w.position(e.position);
    });
    w.list(&report.findings, write_finding);
    w.list(&report.suppressed, write_finding);
    w.list(&report.assumptions, |w, a| {
        w.str(&a.action);
        w.str(&a.import);
        w.str(&a.source);
        w.str(a.assumed);
        w.str(a.advice);
        w.span(a.span);
        w.position(a.position);
    });
    w.str(&report.fixed_source);
    w.bool(report.refused);
}

fn read_report(r: &mut Reader) -> Result<Report, WireError> {
    Ok(Report {
        file: r.string()?,
        actions: r.list(|r| {
            Ok(ActionInfo {
                name: r.string()?,
                kind: r.interned()?,
                span: r.span()?,
                line: r.u32()?,
                inputs: ActionInputs {
                    params: r.list(Reader::string)?,
                    form_data: r.bool()?,
                    form_fields: r.list(Reader::string)?,
                    effects: r.list(Reader::string)?,
                },
            })
        })?,
        errors: r.list(|r| {
            Ok(SourceError {
                message: r.string()?,
                span: r.span()?,
                position: r.position()?,
            })
        })?,
        findings: r.list(read_finding)?,
        suppressed: r.list(read_finding)?,
        assumptions: r.list(|r| {
            Ok(Assumption {
                action: r.string()?,
                import: r.string()?,
                source: r.string()?,
                assumed: r.interned()?,
                advice: r.interned()?,
                span: r.span()?,
                position: r.position()?,
            })
        })?,
        fixed_source: r.string()?,
        refused: r.bool()?,
    })
}

fn write_finding(w: &mut Writer, f: &Finding) {
    w.str(f.rule);
    w.u8(match f.severity {
        Severity::Low => 0,
        Severity::Medium => 1,
        Severity::High => 2,
    });
    w.str(f.cwe);
    w.str(&f.action);
    w.span(f.span);
    w.position(f.position);
    w.str(&f.message);
    w.str(&f.help);
    w.option(f.fix.as_ref(), |w, fix| {
        w.str(&fix.description);
        w.list(&fix.edits, |w, e| {
            w.u32(e.start);
            w.u32(e.end);
            w.str(&e.text);
        });
        w.list(&fix.closes, |w, c| w.str(c));
        w.list(&fix.remaining, |w, g| {
            w.str(g.rule);
            w.str(&g.reason);
        });
    });
    w.option(f.suppressed.as_ref(), |w, s| w.str(s));
}

fn read_finding(r: &mut Reader) -> Result<Finding, WireError> {
    Ok(Finding {
        rule: r.interned()?,
        severity: match r.u8()? {
            0 => Severity::Low,
            1 => Severity::Medium,
            2 => Severity::High,
            _ => return Err(WireError("unknown severity")),
        },
        cwe: r.interned()?,
        action: r.string()?,
        span: r.span()?,
        position: r.position()?,
        message: r.string()?,
        help: r.string()?,
        fix: r.option(|r| {
            Ok(Fix {
                description: r.string()?,
                edits: r.list(|r| {
                    Ok(Edit {
                        start: r.u32()?,
                        end: r.u32()?,
                        text: r.string()?,
                    })
                })?,
                closes: r.list(Reader::interned)?,
                remaining: r.list(|r| {
                    Ok(Gap {
                        rule: r.interned()?,
                        reason: r.string()?,
                    })
                })?,
            })
        })?,
        suppressed: r.option(Reader::string)?,
    })
}

/// Appends values to a message.
struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn new() -> Writer {
        Writer {
            out: MAGIC.to_vec(),
        }
    }

    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }

    fn bool(&mut self, v: bool) {
        self.u8(v as u8);
    }

    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.out.extend_from_slice(s.as_bytes());
    }

    fn span(&mut self, s: ByteSpan) {
        self.u32(s.start);
        self.u32(s.end);
    }

    fn position(&mut self, p: Position) {
        for v in [p.line, p.column, p.end_line, p.end_column] {
            self.u32(v);
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Writer, &T)) {
        self.u32(items.len() as u32);
        for item in items {
            each(self, item);
        }
    }

    fn option<T>(&mut self, value: Option<&T>, each: impl FnOnce(&mut Writer, &T)) {
        match value {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                each(self, v);
            }
        }
    }
}

/// Reads values from a message, failing on anything malformed.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Result<Reader<'a>, WireError> {
        if !bytes.starts_with(MAGIC) {
            return Err(WireError("not a message of this page's format"));
        }
        Ok(Reader {
            bytes,
            at: MAGIC.len(),
        })
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(WireError("truncated"))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn end(&self) -> Result<(), WireError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(WireError("bytes left over"))
        }
    }

    fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }

    fn bool(&mut self) -> Result<bool, WireError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(WireError("not a boolean")),
        }
    }

    fn u32(&mut self) -> Result<u32, WireError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, WireError> {
        let lo = self.u32()? as u64;
        let hi = self.u32()? as u64;
        Ok(lo | hi << 32)
    }

    fn str(&mut self) -> Result<&'a str, WireError> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| WireError("not UTF-8"))
    }

    fn string(&mut self) -> Result<String, WireError> {
        self.str().map(str::to_owned)
    }

    fn interned(&mut self) -> Result<&'static str, WireError> {
        self.str().map(intern)
    }

    fn span(&mut self) -> Result<ByteSpan, WireError> {
        Ok(ByteSpan {
            start: self.u32()?,
            end: self.u32()?,
        })
    }

    fn position(&mut self) -> Result<Position, WireError> {
        Ok(Position {
            line: self.u32()?,
            column: self.u32()?,
            end_line: self.u32()?,
            end_column: self.u32()?,
        })
    }

    fn list<T>(
        &mut self,
        mut each: impl FnMut(&mut Reader<'a>) -> Result<T, WireError>,
    ) -> Result<Vec<T>, WireError> {
        let count = self.u32()? as usize;
        // Every item takes at least one byte: a count beyond the bytes left is malformed (and
        // never reserves memory it names).
        if count > self.bytes.len() - self.at {
            return Err(WireError("a list longer than the message"));
        }
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(each(self)?);
        }
        Ok(items)
    }

    fn option<T>(
        &mut self,
        each: impl FnOnce(&mut Reader<'a>) -> Result<T, WireError>,
    ) -> Result<Option<T>, WireError> {
        match self.u8()? {
            0 => Ok(None),
            1 => each(self).map(Some),
            _ => Err(WireError("not an option")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actiongate_analyzer::{analyze, Options};

    /// Every gallery example's report, and some with suppressions, errors and assumptions.
    fn reports() -> Vec<Report> {
        let mut reports: Vec<Report> = crate::examples::EXAMPLES
            .iter()
            .map(|e| analyze(e.code, &Options::new(e.file_name)))
            .collect();
        reports.push(analyze(
            "\"use server\";\nimport { helper } from \"@/lib/h\";\n// actiongate-ignore missing-authn: public by design\nexport async function a(id: string) { await helper(); await db.post.delete({ where: { id } }); }\nexport async function b( {\n",
            &Options::new("app/é.ts"),
        ));
        reports
    }

    #[test]
    fn replies_round_trip() {
        let reports = reports();
        assert!(reports
            .iter()
            .any(|r| r.findings.iter().any(|f| f.fix.is_some())));
        assert!(reports.iter().any(|r| !r.errors.is_empty()));
        assert!(reports.iter().any(|r| !r.assumptions.is_empty()));
        assert!(reports
            .iter()
            .any(|r| r.actions.iter().any(|a| !a.inputs.params.is_empty())));
        for (i, report) in reports.into_iter().enumerate() {
            let reply = Reply {
                generation: u64::MAX - i as u64,
                stage: if i % 2 == 0 {
                    Stage::First
                } else {
                    Stage::Settled
                },
                report,
                others: vec![OtherFile {
                    index: i,
                    name: "lib/ü.ts".to_owned(),
                    summary: "1 finding".to_owned(),
                    high: i % 3 == 0,
                }],
            };
            assert_eq!(decode_reply(&encode_reply(&reply)), Ok(reply));
        }
    }

    #[test]
    fn requests_round_trip() {
        let request = Request {
            generation: 7,
            files: vec![
                ProjectFile {
                    name: "app/a.ts".to_owned(),
                    code: "\"use server\";\n// ✓\n".to_owned(),
                },
                ProjectFile {
                    name: String::new(),
                    code: String::new(),
                },
            ],
            active: 1,
        };
        assert_eq!(decode_request(&encode_request(&request)), Ok(request));
    }

    #[test]
    fn malformed_bytes_are_an_error() {
        let reply = Reply {
            generation: 1,
            stage: Stage::Settled,
            report: reports().remove(0),
            others: Vec::new(),
        };
        let bytes = encode_reply(&reply);
        // Every truncation, and a byte more.
        for len in 0..bytes.len() {
            assert!(decode_reply(&bytes[..len]).is_err(), "truncated at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode_reply(&longer), Err(WireError("bytes left over")));
        // A count that names more items than there are bytes.
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&1u64.to_le_bytes());
        huge.extend_from_slice(&0u32.to_le_bytes());
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(
            decode_request(&huge),
            Err(WireError("a list longer than the message"))
        );
        assert!(decode_request(b"JSON{}").is_err());
        assert!(decode_reply(&encode_request(&Request {
            generation: 1,
            files: Vec::new(),
            active: 0
        }))
        .is_err());
    }

    #[test]
    fn interned_texts_are_shared() {
        let a = intern(&String::from("missing-authz"));
        let b = intern(&String::from("missing-authz"));
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "missing-authz");
    }
}

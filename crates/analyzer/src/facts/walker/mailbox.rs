//! Flows proven by a mailbox (SPEC §3, public by design): the caller types an address (or a
//! public handle), the action looks the account (or its orders) up by it and mails what it found
//! to that account's own address — an order-history link, a password-reset or sign-in link. Whoever reads the
//! mail owns the address, so the lookup answers nobody but its owner; the rows the flow creates
//! along the way (a download or reset token) are fresh, selected by nothing the client chose.
//!
//! The walker notes, as it goes, the reads keyed only by an e-mail column, the mails' recipients
//! and whether every write is such a fresh row; [`Walker::mailbox_proven_sinks`] decides at the
//! end. Anything else in the action (an update, a delete, a read returned to the caller, a read
//! keyed by more than the address) leaves every sink to be judged as usual.

use super::*;

/// What the walker saw of one action for the mailbox rule.
#[derive(Debug, Default)]
pub(super) struct Mailbox {
    /// Read sinks keyed only by an e-mail column, with the client inputs of their keys.
    reads: Vec<(usize, BTreeSet<String>)>,
    /// Writes that create a fresh row from server values (and records) only.
    fresh_rows: Vec<usize>,
    /// Whether some other write happened.
    other_writes: bool,
    /// Read sinks whose record's own address a mail was sent to (`to: user.email`).
    mailed_records: Vec<usize>,
    /// Client inputs a mail was sent to (`to: email`).
    mailed_inputs: BTreeSet<String>,
}

/// Whether a column holds an e-mail address (`email`, `emailAddress`, `contact_email`).
pub(super) fn is_email_column(column: &str) -> bool {
    crate::catalog::fold::with_folded(column, b"_", |c| c.contains("email"))
}

impl<'g, 'a> Walker<'g, 'a> {
    /// Notes a sink just recorded at `idx` for the mailbox rule.
    pub(super) fn note_for_mailbox(
        &mut self,
        idx: usize,
        m: &SinkMatch,
        keys: &[(Option<String>, Value<'a>)],
        data: &[(Option<String>, Value<'a>)],
    ) {
        match m.kind {
            SinkKind::Read => {
                // By the typed address, or by a public handle (`username`) when the mail then
                // goes to the row's own address.
                let by_address = !keys.is_empty()
                    && keys.iter().all(|(col, v)| {
                        col.as_deref()
                            .is_some_and(|c| is_email_column(c) || names::is_public_handle_field(c))
                            && v.is_tainted()
                    });
                if by_address {
                    let inputs = keys
                        .iter()
                        .filter_map(|(_, v)| v.taint.as_ref())
                        .flat_map(|t| t.labels.iter().cloned())
                        .collect();
                    self.mailbox.reads.push((idx, inputs));
                }
            }
            SinkKind::Mutation => {
                let fresh = sinks::creates_rows(&m.op)
                    && m.op != "upsert"
                    && keys.iter().all(|(_, v)| !v.is_tainted())
                    && data.iter().all(|(_, v)| !v.is_tainted());
                // Replacing the account's pending one-time secrets (`resetTokens.delete(..)` by
                // the id of the account just looked up) is part of the flow: those rows only
                // ever reach the mailbox.
                let secrets = m
                    .model
                    .as_deref()
                    .is_some_and(|m| self.graph.names.is_mailed_secret_model(m));
                if fresh || secrets {
                    self.mailbox.fresh_rows.push(idx);
                } else {
                    self.mailbox.other_writes = true;
                }
            }
            SinkKind::PublicSideEffect => {}
        }
    }

    /// Notes the recipients of a mail (its recipient fields' values).
    pub(super) fn note_mail_recipients(&mut self, recipients: &[&Value<'a>]) {
        for v in recipients {
            if let (Some(rec), Some(field)) = (&v.record, &v.field_of) {
                if let Some(idx) = rec.sink.filter(|_| is_email_column(field)) {
                    self.mailbox.mailed_records.push(idx);
                }
            }
            if let Some(t) = &v.taint {
                self.mailbox.mailed_inputs.extend(t.labels.iter().cloned());
            }
        }
    }

    /// The sinks (indices into `facts.sinks`) a mailbox proves public: every read keyed by an
    /// address was mailed to that address and not returned, and every write made a fresh row.
    pub(super) fn mailbox_proven_sinks(&mut self) -> Vec<usize> {
        let mailbox = std::mem::take(&mut self.mailbox);
        if mailbox.reads.is_empty() || mailbox.other_writes {
            return Vec::new();
        }
        let all_mailed = mailbox.reads.iter().all(|(idx, inputs)| {
            let mailed = mailbox.mailed_records.contains(idx)
                || (!inputs.is_empty() && inputs.is_subset(&mailbox.mailed_inputs));
            mailed && self.facts.sinks.get(*idx).is_some_and(|s| !s.exposed)
        });
        if !all_mailed {
            return Vec::new();
        }
        mailbox
            .reads
            .iter()
            .map(|(idx, _)| *idx)
            .chain(mailbox.fresh_rows)
            .collect()
    }
}

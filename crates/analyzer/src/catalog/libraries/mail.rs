//! Sending mail (`sendMail`, `resend.emails.send(..)`): a side effect that is public by design
//! (a contact form, a sign-in link), on no user's data, unless the recipient and the words both
//! come from the request (an open relay, see [`is_open_relay`]).

use std::collections::BTreeSet;

use super::Library;
use crate::catalog::names::SPREAD;
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// Calls that send a mail whatever their receiver.
const MAIL_CALLS: &[&str] = &[
    "sendMail",
    "sendEmail",
    "sendTransactionalEmail",
    "sendVerificationEmail",
];

/// Mail clients whose `send(..)` sends a mail.
const MAIL_ROOTS: &[&str] = &[
    "resend",
    "sgMail",
    "mailer",
    "transporter",
    "postmark",
    "mailgun",
];

/// Fields of a mail that name who receives it.
const RECIPIENT_FIELDS: &[&str] = &["to", "cc", "bcc", "recipient", "recipients", "email"];

/// Whether a mail field names who receives it (`to`, `cc`, `email`).
pub fn is_recipient_field(name: &str) -> bool {
    RECIPIENT_FIELDS.contains(&name)
}

/// Whether a mail's fields (their names, and the client inputs each comes from) send words the
/// client chose to an address the client chose: a contact form writes to the team, a sign-in
/// link carries the server's token (and may repeat the address it goes to), but a mail whose
/// recipient and text both come from the request relays anyone's message. A client object
/// spread into the mail (`{ from, ...input }`, named [`SPREAD`]) may set both.
pub fn is_open_relay<'f>(
    fields: impl Iterator<Item = (Option<&'f str>, Option<&'f BTreeSet<String>>)>,
) -> bool {
    let mut recipients: Vec<&BTreeSet<String>> = Vec::new();
    let mut words: Vec<&BTreeSet<String>> = Vec::new();
    for (name, inputs) in fields {
        let Some(inputs) = inputs else { continue };
        if name == Some(SPREAD) {
            return true;
        }
        if name.is_some_and(|n| RECIPIENT_FIELDS.contains(&n)) {
            recipients.push(inputs);
        } else {
            words.push(inputs);
        }
    }
    // Words built from the address itself (a link that repeats it) are the server's. (Labels
    // name every variable a value passed through, so `Hi ${email}, ${message}` looks the
    // same as a link built from the address: that mail is not told apart yet.)
    let repeats_recipient =
        |inputs: &BTreeSet<String>| recipients.iter().any(|r| r.is_subset(inputs));
    !recipients.is_empty() && words.iter().any(|inputs| !repeats_recipient(inputs))
}

/// A mail being sent.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let sends = MAIL_CALLS.contains(&step.name())
        || (step.name() == "send"
            && (step.names.contains(&"emails") || MAIL_ROOTS.contains(&step.root)));
    if sends {
        return step.sink(
            SinkKind::PublicSideEffect,
            Library::Mail,
            None,
            ArgShape::Generic,
        );
    }
    None
}

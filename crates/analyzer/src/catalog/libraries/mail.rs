//! Sending mail (`sendMail`, `resend.emails.send(..)`): a side effect that is public by design
//! (a contact form), on no user's data.

use super::Library;
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

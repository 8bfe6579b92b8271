//! Stripe: writes (`stripe.refunds.create(..)`, `subscriptions.cancel(..)`) and reads of one
//! customer's objects (`customers.retrieve(id)`, `invoices.list(..)`), keyed by the object ids
//! among their arguments (`ArgShape::Stripe`).

use super::step::{Outcome, Step};
use super::{ArgShape, SinkKind};

/// Stripe operations that change something.
const WRITES: &[&str] = &[
    "create",
    "update",
    "del",
    "cancel",
    "refund",
    "capture",
    "confirm",
    "pay",
    "void",
    "finalizeInvoice",
];

/// Stripe operations that read one customer's objects.
const READS: &[&str] = &["retrieve", "list", "search"];

/// A call on the `stripe` client.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    if step.root != "stripe" {
        return None;
    }
    let resource = step.names.first().map(|s| s.to_string());
    if WRITES.contains(&step.name()) {
        return step.sink(SinkKind::Mutation, "Stripe", resource, ArgShape::Stripe);
    }
    if READS.contains(&step.name()) {
        return step.sink(SinkKind::Read, "Stripe", resource, ArgShape::Stripe);
    }
    None
}

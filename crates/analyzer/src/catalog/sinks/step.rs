//! One called segment of a chain, as each library's recogniser sees it.

use super::{ArgShape, Seg, SinkKind, SinkMatch};
use crate::catalog::libraries::Library;

/// A called segment of a chain and its context.
pub(in crate::catalog) struct Step<'c, 's> {
    /// The chain's root identifier (`prisma`, `db`, `supabase`), empty when there is none.
    pub root: &'c str,
    /// Every segment after the root.
    pub segs: &'c [Seg<'s>],
    /// Their names.
    pub names: &'c [&'s str],
    /// Index of this segment in `segs`.
    pub i: usize,
}

/// What a recogniser says of a step.
pub(in crate::catalog) enum Outcome {
    /// The call is this sink.
    Sink(SinkMatch),
    /// This segment is no sink of any library; go on with the next segment (a key-value
    /// store's read, say).
    NextSegment,
}

impl<'s> Step<'_, 's> {
    /// This segment's name (`delete` in `prisma.post.delete(..)`).
    pub fn name(&self) -> &'s str {
        self.segs[self.i].name
    }

    /// This segment's string-literal first argument (`"posts"` in `from("posts")`).
    pub fn str_arg(&self) -> Option<&'s str> {
        self.segs[self.i].str_arg
    }

    /// The name before this segment (the root for the first one).
    pub fn prev(&self) -> &str {
        if self.i == 0 {
            self.root
        } else {
            self.segs[self.i - 1].name
        }
    }

    /// Whether the segment before is a property, not a call (`post` in `prisma.post.delete`).
    pub fn prev_is_property(&self) -> bool {
        self.i == 0 || !self.segs[self.i - 1].called
    }

    /// Whether segment `i` is called.
    pub fn called_at(&self, i: usize) -> bool {
        self.segs.get(i).is_some_and(|s| s.called)
    }

    /// This segment as a sink.
    pub fn sink(
        &self,
        kind: SinkKind,
        library: Library,
        model: Option<String>,
        shape: ArgShape,
    ) -> Option<Outcome> {
        Some(Outcome::Sink(SinkMatch {
            kind,
            library,
            op: self.name().to_string(),
            model,
            op_index: self.i,
            shape,
        }))
    }
}

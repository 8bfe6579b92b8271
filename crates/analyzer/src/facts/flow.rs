//! The branch-sensitive state of the walk: what is established at this point of the action.

use std::collections::BTreeSet;

/// How well the caller is authenticated at a point of the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Authn {
    /// No fail-closed check dominates this point.
    #[default]
    None,
    /// A check dominates, but on identity from an unverified source.
    Unverified,
    /// A fail-closed check on a verified session dominates this point.
    Checked,
}

/// What a condition being true (or false) establishes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asserts {
    /// Authentication established.
    pub authn: Authn,
    /// A role or permission established.
    pub role: bool,
    /// Client-value labels shown to be owned by (or equal to) the caller.
    pub authorize: BTreeSet<String>,
}

impl Asserts {
    /// Both hold (`a && b` true, `a || b` false).
    pub fn and(mut self, other: Asserts) -> Asserts {
        self.authn = self.authn.max(other.authn);
        self.role |= other.role;
        self.authorize.extend(other.authorize);
        self
    }

    /// One of them holds (`a || b` true, `a && b` false): only what both establish.
    /// A role check authorizes every resource, so it keeps the other side's ownership facts.
    pub fn or(self, other: Asserts) -> Asserts {
        let authorize = match (self.role, other.role) {
            (true, true) => self.authorize.union(&other.authorize).cloned().collect(),
            (true, false) => other.authorize.clone(),
            (false, true) => self.authorize.clone(),
            (false, false) => self
                .authorize
                .intersection(&other.authorize)
                .cloned()
                .collect(),
        };
        Asserts {
            authn: self.authn.min(other.authn),
            role: self.role && other.role,
            authorize,
        }
    }

    /// Whether it establishes anything.
    pub fn is_empty(&self) -> bool {
        self.authn == Authn::None && !self.role && self.authorize.is_empty()
    }
}

/// The state at one point of the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Whether this point can be reached at all.
    pub reachable: bool,
    /// Authentication in force.
    pub authn: Authn,
    /// Whether a role/permission check is in force.
    pub role: bool,
    /// Client-value labels authorized (owned by, or equal to, the caller).
    pub authorized: BTreeSet<String>,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            reachable: true,
            authn: Authn::None,
            role: false,
            authorized: BTreeSet::new(),
        }
    }
}

impl Flow {
    /// A point that cannot be reached (after `throw` or `return`).
    pub fn unreachable() -> Flow {
        Flow {
            reachable: false,
            ..Flow::default()
        }
    }

    /// The state after learning `asserts`.
    pub fn assume(&mut self, asserts: &Asserts) {
        self.authn = self.authn.max(asserts.authn);
        self.role |= asserts.role;
        self.authorized.extend(asserts.authorize.iter().cloned());
    }

    /// The state where two paths meet: only what holds on both.
    pub fn join(self, other: Flow) -> Flow {
        match (self.reachable, other.reachable) {
            (false, _) => other,
            (_, false) => self,
            _ => Flow {
                reachable: true,
                authn: self.authn.min(other.authn),
                role: self.role && other.role,
                authorized: self
                    .authorized
                    .intersection(&other.authorized)
                    .cloned()
                    .collect(),
            },
        }
    }

    /// Whether every label is authorized here.
    pub fn authorizes(&self, labels: &BTreeSet<String>) -> bool {
        self.role || labels.iter().all(|l| self.authorized.contains(l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owns(label: &str) -> Asserts {
        Asserts {
            authorize: [label.to_string()].into(),
            ..Asserts::default()
        }
    }

    #[test]
    fn owner_or_admin_authorizes_the_owned_record() {
        let role = Asserts {
            role: true,
            ..Asserts::default()
        };
        let either = owns("postId").or(role);
        assert!(!either.role);
        assert!(either.authorize.contains("postId"));
    }

    #[test]
    fn join_keeps_only_common_facts() {
        let mut a = Flow::default();
        a.assume(&Asserts {
            authn: Authn::Checked,
            ..owns("x")
        });
        let b = Flow::default();
        let joined = a.clone().join(b);
        assert_eq!(joined.authn, Authn::None);
        assert!(joined.authorized.is_empty());
        assert_eq!(a.clone().join(Flow::unreachable()), a);
    }
}

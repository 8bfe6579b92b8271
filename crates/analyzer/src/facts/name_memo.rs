//! The catalog's judgements of names that the walker asks again and again (at every call, every
//! field read, every sink), kept for one analysis so that each name is judged once.
//!
//! Each judgement folds the name and tries dozens of words on it, a few thousand instructions;
//! a file asks about the same few hundred names (`auth`, `db.post.update`, `role`) many times.
//! The answers depend on the name alone, so remembering them changes nothing but the cost.

use std::cell::RefCell;

use rustc_hash::FxHashMap as HashMap;

use crate::catalog::guards::{self, GuardKind};
use crate::catalog::libraries::{supabase, Library};
use crate::catalog::names;

/// Answers of one judgement, by name.
struct Memo<V> {
    answers: RefCell<HashMap<Box<str>, V>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            answers: RefCell::new(HashMap::default()),
        }
    }
}

impl<V: Copy> Memo<V> {
    /// The answer for `name`, asking `judge` the first time only.
    fn get(&self, name: &str, judge: impl FnOnce(&str) -> V) -> V {
        if let Some(&answer) = self.answers.borrow().get(name) {
            return answer;
        }
        let answer = judge(name);
        self.answers.borrow_mut().insert(name.into(), answer);
        answer
    }
}

/// The judgements of names made during one analysis (see the module documentation).
#[derive(Default)]
pub(crate) struct NameMemo {
    guards: Memo<Option<(GuardKind, Library)>>,
    role_names: Memo<bool>,
    access_checks: Memo<bool>,
    mailed_secret_models: Memo<bool>,
    service_client_names: Memo<bool>,
}

impl NameMemo {
    /// [`guards::classify_by_name`].
    pub(crate) fn guard_by_name(
        &self,
        path: &str,
        has_function_arg: bool,
    ) -> Option<(GuardKind, Library)> {
        if has_function_arg {
            // Never a lookup (a wrapper), whatever the name.
            return guards::classify_by_name(path, true);
        }
        self.guards
            .get(path, |p| guards::classify_by_name(p, false))
    }

    /// [`names::is_role_name`].
    pub(crate) fn is_role_name(&self, name: &str) -> bool {
        self.role_names.get(name, names::is_role_name)
    }

    /// [`names::names_an_access_check`].
    pub(crate) fn names_an_access_check(&self, name: &str) -> bool {
        self.access_checks.get(name, names::names_an_access_check)
    }

    /// [`names::is_mailed_secret_model`].
    pub(crate) fn is_mailed_secret_model(&self, model: &str) -> bool {
        self.mailed_secret_models
            .get(model, names::is_mailed_secret_model)
    }

    /// [`supabase::is_service_client_name`].
    pub(crate) fn is_service_client_name(&self, name: &str) -> bool {
        self.service_client_names
            .get(name, supabase::is_service_client_name)
    }
}

//! TypeORM repositories (`postRepository.update({ id }, data)`,
//! `dataSource.getRepository(Post).findOneBy({ id })`): the criteria come first, as an id or
//! a `where` object; `find`/`findOne` take an options object with `where` and `select`;
//! `insert`/`save` take the entity, its fields both what is written and what selects it.

use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// Suffixes of a repository's name (`postRepository`, `userRepo`), folded.
const ROOT_SUFFIXES: &[&str] = &["repository", "repo"];

/// The call that hands out a repository (`dataSource.getRepository(Post)`).
const REPOSITORY_FACTORY: &str = "getRepository";

/// Writes whose first argument is the criteria (an id, ids or a `where` object).
const CRITERIA_WRITES: &[&str] = &[
    "update",
    "delete",
    "softDelete",
    "restore",
    "increment",
    "decrement",
];

/// Writes of a whole entity (a `save` with an id updates that row).
const ENTITY_WRITES: &[&str] = &["insert", "save"];

/// Reads whose first argument is the `where` object.
const CRITERIA_READS: &[&str] = &[
    "findOneBy",
    "findOneByOrFail",
    "findBy",
    "findAndCountBy",
    "countBy",
    "existsBy",
];

/// Reads that take an options object (`{ where, select }`).
const OPTIONS_READS: &[&str] = &[
    "findOne",
    "findOneOrFail",
    "find",
    "findAndCount",
    "count",
    "exists",
];

/// A fix adds the owner to the criteria object (`{ id, userId: session.user.id }`); an options
/// object or an entity gets none.
pub(super) fn owner_scope(shape: ArgShape) -> Option<OwnerScope> {
    (shape == ArgShape::FilterThenData).then_some(OwnerScope::FilterObject)
}

/// The model a repository's root name says (`postRepository` → `post`), if any.
fn model_of_root(root: &str) -> Option<String> {
    let lower = root.to_ascii_lowercase();
    let suffix = ROOT_SUFFIXES.iter().find(|s| lower.ends_with(*s))?;
    let model = &root[..root.len() - suffix.len()];
    (!model.is_empty()).then(|| model.to_string())
}

/// An operation on a repository: a root named as one, or the result of `getRepository(..)`.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let on_repository = if step.i == 0 {
        let lower = step.root.to_ascii_lowercase();
        ROOT_SUFFIXES.iter().any(|s| lower.ends_with(s))
    } else {
        step.prev() == REPOSITORY_FACTORY && step.called_at(step.i - 1)
    };
    if !on_repository {
        return None;
    }
    let model = if step.i == 0 {
        model_of_root(step.root)
    } else {
        None
    };
    let op = step.name();
    let (kind, shape) = if CRITERIA_WRITES.contains(&op) {
        (SinkKind::Mutation, ArgShape::FilterThenData)
    } else if ENTITY_WRITES.contains(&op) {
        (SinkKind::Mutation, ArgShape::Generic)
    } else if CRITERIA_READS.contains(&op) {
        (SinkKind::Read, ArgShape::FilterThenData)
    } else if OPTIONS_READS.contains(&op) {
        (SinkKind::Read, ArgShape::PrismaObject)
    } else {
        return None;
    };
    step.sink(kind, Library::TypeOrm, model, shape)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::sinks::{classify_chain, Seg};

    fn seg(name: &str) -> Seg<'_> {
        Seg {
            name,
            called: true,
            str_arg: None,
        }
    }

    #[test]
    fn repositories_by_name_and_by_factory() {
        let m = classify_chain("postRepository", &[seg("update")], &[]).unwrap();
        assert_eq!(
            (m.library, m.kind, m.model.as_deref(), m.shape),
            (
                Library::TypeOrm,
                SinkKind::Mutation,
                Some("post"),
                ArgShape::FilterThenData
            )
        );
        let m = classify_chain("dataSource", &[seg("getRepository"), seg("findOne")], &[]).unwrap();
        assert_eq!(
            (m.library, m.kind, m.shape),
            (Library::TypeOrm, SinkKind::Read, ArgShape::PrismaObject)
        );
        // Drizzle's client is no repository.
        let m = classify_chain("db", &[seg("update")], &[]).unwrap();
        assert_eq!(m.library, Library::Drizzle);
    }
}

//! The project's data models, read from its schema (`schema.prisma`): which models hold data
//! that belongs to someone. SPEC §2 counts reads of data that belongs to users as sinks and
//! reads of data that is public by nature (a catalogue, a lookup table) as none; with the
//! schema at hand, a model that neither names an owner nor hangs off a model that does is
//! such data.
//!
//! A model belongs to someone when it is an account or tenant model itself (`User`, `Team`,
//! `Workspace`), when one of its fields names an owner, a tenant or a secret (`userId`,
//! `teamId`, `email`, `passwordHash`), or when it holds a relation to a model that belongs to
//! someone (`@relation(fields: [weekId], ..)` to a week of a user's plan). A relation the other
//! side holds (`sessions Session[]`) does not make a model owned: a catalogue of exercises that
//! users' workouts point at is still a catalogue.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::catalog::names;

/// The models of a project's schema and whether each belongs to someone.
#[derive(Debug, Default, Clone)]
pub struct DataModels {
    /// Lower-case model name → whether its rows belong to someone.
    owned: HashMap<String, bool>,
}

/// One model as written in the schema.
struct ModelText<'s> {
    name: &'s str,
    /// `(field, type)` pairs, the type without `?` / `[]`, and whether the field holds the
    /// relation (`@relation(fields: [..])`).
    fields: Vec<(&'s str, &'s str, bool)>,
}

impl DataModels {
    /// Reads the models of a Prisma schema. Lines it does not understand are skipped; a
    /// schema with no model gives an empty set (nothing is known).
    pub fn from_prisma(text: &str) -> DataModels {
        let models = parse_prisma(text);
        let known: HashSet<String> = models.iter().map(|m| m.name.to_ascii_lowercase()).collect();
        let mut owned: HashMap<String, bool> = models
            .iter()
            .map(|m| (m.name.to_ascii_lowercase(), directly_owned(m)))
            .collect();
        // Ownership flows along the relations a model holds, until nothing changes.
        for _ in 0..models.len() {
            let mut changed = false;
            for m in &models {
                let key = m.name.to_ascii_lowercase();
                if owned[&key] {
                    continue;
                }
                let via_relation = m.fields.iter().any(|(_, ty, holds)| {
                    let target = ty.to_ascii_lowercase();
                    *holds && known.contains(&target) && owned[&target]
                });
                if via_relation {
                    owned.insert(key, true);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        DataModels { owned }
    }

    /// Whether the schema knows `model` (as the client names it: `exerciseAttributeName`) and
    /// its rows belong to nobody.
    pub fn belongs_to_nobody(&self, model: &str) -> bool {
        self.owned
            .get(&model.to_ascii_lowercase())
            .is_some_and(|owned| !owned)
    }

    /// Whether the schema has no model at all.
    pub fn is_empty(&self) -> bool {
        self.owned.is_empty()
    }
}

/// A model that is an account or tenant, or has a field naming an owner, a tenant or a secret.
fn directly_owned(model: &ModelText<'_>) -> bool {
    names::is_user_model(model.name)
        || names::is_tenant_column(model.name)
        || model.fields.iter().any(|(field, ty, _)| {
            names::is_owner_field(field)
                || names::is_tenant_column(field)
                || names::is_secret_field(field)
                || names::is_user_model(ty)
                || names::is_tenant_column(ty)
        })
}

/// The `model Name { .. }` blocks of a Prisma schema.
fn parse_prisma(text: &str) -> Vec<ModelText<'_>> {
    let mut models = Vec::new();
    let mut current: Option<ModelText<'_>> = None;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(model) = current.as_mut() {
            if line.starts_with('}') {
                models.extend(current.take());
                continue;
            }
            if line.starts_with("@@") {
                continue;
            }
            let mut words = line.split_whitespace();
            let (Some(field), Some(ty)) = (words.next(), words.next()) else {
                continue;
            };
            let ty = ty.trim_end_matches('?').trim_end_matches("[]");
            let holds = line.contains("@relation(") && line.contains("fields:");
            model.fields.push((field, ty, holds));
            continue;
        }
        let mut words = line.split_whitespace();
        if words.next() == Some("model") {
            if let Some(name) = words.next() {
                let identifier = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if identifier && line.ends_with('{') {
                    current = Some(ModelText {
                        name,
                        fields: Vec::new(),
                    });
                }
            }
        }
    }
    models
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = r#"
datasource db { provider = "postgresql" url = env("DATABASE_URL") }

model User {
  id        String   @id
  email     String   @unique
  workouts  Workout[]
}

// A catalogue: nobody owns an exercise.
model Exercise {
  id         String     @id
  name       String
  attributes ExerciseAttribute[]
  workouts   WorkoutExercise[]
}

model ExerciseAttribute {
  id         String   @id
  exerciseId String
  exercise   Exercise @relation(fields: [exerciseId], references: [id])
}

model Workout {
  id     String @id
  userId String
  user   User   @relation(fields: [userId], references: [id])
}

model WorkoutExercise {
  id         String   @id
  workoutId  String
  workout    Workout  @relation(fields: [workoutId], references: [id])
  exerciseId String
  exercise   Exercise @relation(fields: [exerciseId], references: [id])
}

model ApiKey {
  id     String @id
  hashed String
  secretHash String
}
"#;

    #[test]
    fn catalogues_belong_to_nobody_and_ownership_follows_held_relations() {
        let models = DataModels::from_prisma(SCHEMA);
        assert!(models.belongs_to_nobody("exercise"));
        assert!(models.belongs_to_nobody("exerciseAttribute"));
        assert!(!models.belongs_to_nobody("user"));
        assert!(!models.belongs_to_nobody("workout"));
        // Holds a relation to a user's workout: the user's.
        assert!(!models.belongs_to_nobody("workoutExercise"));
        // A secret column: someone's.
        assert!(!models.belongs_to_nobody("apiKey"));
        // Unknown models are not judged.
        assert!(!models.belongs_to_nobody("invoice"));
    }

    #[test]
    fn an_empty_or_foreign_text_knows_nothing() {
        assert!(DataModels::from_prisma("").is_empty());
        assert!(DataModels::from_prisma("model {\n}\n}}}").is_empty());
        assert!(!DataModels::from_prisma("garbage").belongs_to_nobody("garbage"));
    }
}

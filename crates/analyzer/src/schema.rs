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

use rustc_hash::FxHashMap as HashMap;

use crate::catalog::names;

/// The models of a project's schema and whether each belongs to someone.
#[derive(Debug, Default, Clone)]
pub struct DataModels {
    /// Lower-case model name → whether its rows belong to someone.
    owned: HashMap<String, bool>,
    /// Lower-case model name → its relation fields (lower-case field name → lower-case target).
    relations: HashMap<String, HashMap<String, String>>,
    /// Lower-case names of models with a column that says whether a row is out yet
    /// (`published`, `publishedAt`, `isDraft`, `visibility`): only some of their rows are public.
    with_publication_state: rustc_hash::FxHashSet<String>,
}

/// Most models read from one schema: beyond this nothing is known (a generated schema that
/// large is no application's hand-written one).
const MAX_MODELS: usize = 5_000;

/// One model as written in the schema.
struct ModelText<'s> {
    name: &'s str,
    /// `(field, type)` pairs, the type without `?` / `[]`, and whether the field holds the
    /// relation (`@relation(fields: [..])`).
    fields: Vec<(&'s str, &'s str, bool)>,
}

impl DataModels {
    /// Reads the models of a Prisma schema. Lines it does not understand are skipped; a
    /// schema with no model (or an implausibly large one) gives an empty set: nothing is known.
    pub fn from_prisma(text: &str) -> DataModels {
        let models = parse_prisma(text);
        if models.len() > MAX_MODELS {
            return DataModels::default();
        }
        let names: Vec<String> = models.iter().map(|m| m.name.to_ascii_lowercase()).collect();
        let index: HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let mut owned: Vec<bool> = models.iter().map(directly_owned).collect();
        // Who points at whom: `holders[t]` are the models holding a relation to `t`, and
        // `members[t]` the models that also hold one to an account (a membership row: a
        // conversation's participants make the conversation theirs).
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); models.len()];
        let mut queue: Vec<usize> = Vec::new();
        for (i, m) in models.iter().enumerate() {
            let targets: Vec<Option<usize>> = m
                .fields
                .iter()
                .filter(|(_, _, holds)| *holds)
                .map(|(_, ty, _)| index.get(ty.to_ascii_lowercase().as_str()).copied())
                .collect();
            // A relation to a model the schema does not show (another schema file) may be
            // someone's.
            if targets.iter().any(Option::is_none) {
                owned[i] = true;
            }
            let joins_an_account = m
                .fields
                .iter()
                .any(|(_, ty, holds)| *holds && names::is_user_model(ty));
            for target in targets.into_iter().flatten() {
                holders[target].push(i);
                if joins_an_account && names::is_membership_model(m.name) && !owned[target] {
                    owned[target] = true;
                }
            }
        }
        queue.extend((0..models.len()).filter(|&i| owned[i]));
        // Ownership flows to every model holding a relation to an owned one.
        while let Some(t) = queue.pop() {
            for &holder in &holders[t] {
                if !owned[holder] {
                    owned[holder] = true;
                    queue.push(holder);
                }
            }
        }
        let relations = models
            .iter()
            .zip(&names)
            .map(|(m, name)| {
                let fields = m
                    .fields
                    .iter()
                    .map(|(field, ty, _)| (field.to_ascii_lowercase(), ty.to_ascii_lowercase()))
                    .filter(|(_, ty)| index.contains_key(ty.as_str()))
                    .collect();
                (name.clone(), fields)
            })
            .collect();
        let with_publication_state = models
            .iter()
            .zip(&names)
            .filter(|(m, _)| {
                m.fields
                    .iter()
                    .any(|(f, _, _)| names::is_publication_state_field(f))
            })
            .map(|(_, name)| name.clone())
            .collect();
        DataModels {
            owned: names.into_iter().zip(owned).collect(),
            relations,
            with_publication_state,
        }
    }

    /// Whether the schema knows `model` (as the client names it: `exerciseAttributeName`) and
    /// its rows belong to nobody.
    pub fn belongs_to_nobody(&self, model: &str) -> bool {
        self.owned
            .get(&model.to_ascii_lowercase())
            .is_some_and(|owned| !owned)
    }

    /// Whether reading `model` with these relation fields included or selected
    /// (`include: { workouts: true }`) reads nobody's data: the model and every related model
    /// the fields name belong to nobody.
    pub fn read_belongs_to_nobody<'f>(
        &self,
        model: &str,
        mut related: impl Iterator<Item = &'f str>,
    ) -> bool {
        let model = model.to_ascii_lowercase();
        self.belongs_to_nobody(&model)
            && related.all(|field| {
                match self
                    .relations
                    .get(&model)
                    .and_then(|fields| fields.get(&field.to_ascii_lowercase()))
                {
                    Some(target) => self.belongs_to_nobody(target),
                    // A plain column of the model itself.
                    None => true,
                }
            })
    }

    /// Whether the schema gives `model` a publication state (`published`, `isDraft`): a read
    /// that does not ask for published rows may return drafts.
    pub fn has_publication_state(&self, model: &str) -> bool {
        self.with_publication_state
            .contains(&model.to_ascii_lowercase())
    }

    /// Whether a model holds accounts (`User`, `Account`, `Member`).
    pub fn has_account_model(&self) -> bool {
        self.owned
            .keys()
            .any(|m| names::is_account_model(Some(m.as_str())))
    }

    /// Whether the schema has no model at all.
    pub fn is_empty(&self) -> bool {
        self.owned.is_empty()
    }
}

/// A model that is an account or tenant, or has a field naming an owner, a tenant, a secret or
/// personal data.
fn directly_owned(model: &ModelText<'_>) -> bool {
    names::is_user_model(model.name)
        || names::is_tenant_column(model.name)
        || model.fields.iter().any(|(field, ty, _)| {
            names::names_an_owner(field) || names::is_user_model(ty) || names::is_tenant_column(ty)
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
    fn members_include_personal_data_and_unknown_relations_make_data_someones() {
        let models = DataModels::from_prisma(
            r#"
model User {
  id String @id
}
model Conversation {
  id           String        @id
  participants Participant[]
  messages     Message[]
}
model Participant {
  id             String       @id
  user           User         @relation(fields: [userId], references: [id])
  conversation   Conversation @relation(fields: [conversationId], references: [id])
}
model Message {
  id           String       @id
  conversation Conversation @relation(fields: [conversationId], references: [id])
}
model Patient {
  id          String   @id
  fullName    String
  dateOfBirth DateTime
}
model Badge {
  id    String @id
  label String
  kind  Kind   @relation(fields: [kindId], references: [id])
}
model Shape {
  id     String @id
  label  String
  badges Badge[]
}
"#,
        );
        assert!(!models.belongs_to_nobody("conversation"));
        assert!(!models.belongs_to_nobody("message"));
        assert!(!models.belongs_to_nobody("patient"));
        // `Kind` is not in this file: it may be someone's.
        assert!(!models.belongs_to_nobody("badge"));
        assert!(models.belongs_to_nobody("shape"));
        let catalogue = DataModels::from_prisma(SCHEMA);
        assert!(catalogue.read_belongs_to_nobody("exercise", ["attributes"].into_iter()));
        assert!(!catalogue.read_belongs_to_nobody("exercise", ["workouts"].into_iter()));
    }

    #[test]
    fn a_long_chain_of_relations_is_read_in_linear_time() {
        // Ownership enters at the far end and must reach the other in one pass.
        let mut text = String::from("model M0 {\n  id String @id\n  userId String\n}\n");
        for i in 1..4_000 {
            text.push_str(&format!(
                "model M{i} {{\n  id String @id\n  up M{} @relation(fields: [upId], references: [id])\n}}\n",
                i - 1
            ));
        }
        text.push_str("model Free {\n  id String @id\n  label String\n}\n");
        let models = DataModels::from_prisma(&text);
        assert!(!models.belongs_to_nobody("m3999"));
        assert!(models.belongs_to_nobody("free"));
    }

    #[test]
    fn an_empty_or_foreign_text_knows_nothing() {
        assert!(DataModels::from_prisma("").is_empty());
        assert!(DataModels::from_prisma("model {\n}\n}}}").is_empty());
        assert!(!DataModels::from_prisma("garbage").belongs_to_nobody("garbage"));
    }
}

//! The project's Prisma schema (SPEC §2, sensitive reads): a read of a model that belongs to
//! nobody (a catalogue, a lookup table) is no sink; a model that names an owner, or holds a
//! relation to one that does, is someone's data.

use crate::common::{high_findings, Tree};

const SCHEMA: &str = r#"// A recipe site: units and ingredients are reference data; recipes are their authors'.
model Unit {
  id    String @id
  label String
}

model Ingredient {
  id      String @id
  name    String
  unitId  String
  unit    Unit   @relation(fields: [unitId], references: [id])
  usedIn  RecipeStep[]
}

model Recipe {
  id       String @id
  title    String
  authorId String
  steps    RecipeStep[]
}

model RecipeStep {
  id           String     @id
  recipeId     String
  recipe       Recipe     @relation(fields: [recipeId], references: [id])
  ingredientId String
  ingredient   Ingredient @relation(fields: [ingredientId], references: [id])
}
"#;

const ACTIONS: &str = r#""use server";
import { prisma } from "@/lib/prisma";

export async function listIngredients(search: string) {
  return prisma.ingredient.findMany({ where: { name: { contains: search } }, include: { unit: true } });
}

export async function getRecipe(recipeId: string) {
  return prisma.recipe.findUnique({ where: { id: recipeId } });
}

export async function getRecipeSteps(recipeId: string) {
  return prisma.recipeStep.findMany({ where: { recipeId } });
}

export async function listIngredientUses(id: string) {
  return prisma.ingredient.findUnique({ where: { id }, include: { usedIn: true } });
}

export async function renameIngredient(id: string, name: string) {
  await prisma.ingredient.update({ where: { id }, data: { name } });
}
"#;

/// A project with the `@/*` alias and a Prisma client in `lib/prisma.ts`.
fn prisma_project() -> Tree {
    let tree = Tree::new();
    tree.file(
        "tsconfig.json",
        r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
    )
    .file(
        "lib/prisma.ts",
        "import { PrismaClient } from \"@prisma/client\";\nexport const prisma = new PrismaClient();\n",
    );
    tree
}

fn project(with_schema: bool) -> Tree {
    let tree = prisma_project();
    tree.file("app/recipes/actions.ts", ACTIONS);
    if with_schema {
        tree.file("prisma/schema.prisma", SCHEMA);
    }
    tree
}

#[test]
fn reads_of_models_that_belong_to_nobody_are_no_sinks() {
    let tree = project(true);
    let (_, report) = tree.check_json(&["app"]);
    assert_eq!(
        high_findings(&report),
        [
            ("getRecipe".to_string(), "missing-authn".to_string()),
            ("getRecipeSteps".to_string(), "missing-authn".to_string()),
            (
                "listIngredientUses".to_string(),
                "missing-authn".to_string()
            ),
            ("renameIngredient".to_string(), "missing-authn".to_string()),
        ],
        "the catalogue read is quiet; a recipe, its steps (held by a recipe), an ingredient read \
         with the recipe steps that use it, and any write still report: {report:#}"
    );
}

#[test]
fn without_a_schema_every_returned_read_is_someones_data() {
    let tree = project(false);
    let (_, report) = tree.check_json(&["app"]);
    assert_eq!(
        high_findings(&report)
            .iter()
            .filter(|(action, _)| action == "listIngredients")
            .count(),
        1,
        "nothing says the ingredients belong to nobody: {report:#}"
    );
}

const BLOG_SCHEMA: &str = r#"// A blog whose posts start as drafts, and a forum whose comments are out at once.
model User {
  id    String @id
  email String @unique
  name  String
}

model Post {
  id        String  @id
  title     String
  published Boolean @default(false)
  authorId  String
  author    User    @relation(fields: [authorId], references: [id])
}

model Comment {
  id       String @id
  text     String
  postId   String
  authorId String
  author   User   @relation(fields: [authorId], references: [id])
}
"#;

const BLOG_ACTIONS: &str = r#""use server";
import { prisma } from "@/lib/prisma";

export async function getPublishedPost(id: string) {
  return prisma.post.findFirst({ where: { id, published: true }, select: { id: true, title: true } });
}

export async function getAnyPost(id: string) {
  return prisma.post.findUnique({ where: { id }, select: { id: true, title: true } });
}

export async function listComments(postId: string) {
  return prisma.comment.findMany({ where: { postId }, select: { id: true, text: true } });
}
"#;

#[test]
fn published_content_with_a_draft_state_must_ask_for_published_rows() {
    let tree = prisma_project();
    tree.file("app/blog/actions.ts", BLOG_ACTIONS)
        .file("prisma/schema.prisma", BLOG_SCHEMA);
    let (_, report) = tree.check_json(&["app"]);
    assert_eq!(
        high_findings(&report),
        [("getAnyPost".to_string(), "missing-authn".to_string())],
        "a post read without `published: true` may return a draft; published posts and \
         comments (no draft state) are public: {report:#}"
    );
}

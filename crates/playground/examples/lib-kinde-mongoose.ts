// app/recipes/actions.ts — Kinde + Mongoose
"use server";

import { getKindeServerSession } from "@kinde-oss/kinde-auth-nextjs/server";
import { Recipe } from "@/models/recipe";

export async function getRecipe(recipeId: string) {
  const { isAuthenticated, getUser } = getKindeServerSession();
  if (!(await isAuthenticated())) throw new Error("Unauthorized");
  const user = await getUser();

  // Scoped to the owner, but the whole Mongoose document goes back to the browser.
  const recipe = await Recipe.findOne({ _id: recipeId, authorId: user.id });
  return recipe;
}

"use server";

import { getKindeServerSession } from "@kinde-oss/kinde-auth-nextjs/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { connectToDatabase } from "@/lib/mongodb";
import { Rating } from "@/models/Rating";
import { Recipe } from "@/models/Recipe";
import { UserProfile } from "@/models/UserProfile";

const recipeSchema = z.object({
  title: z.string().min(3).max(120),
  ingredients: z.array(z.string().min(1)).min(1),
  steps: z.array(z.string().min(1)).min(1),
  cookTimeMinutes: z.number().int().positive().max(24 * 60),
});

// expect: clean
export async function createRecipe(input: z.infer<typeof recipeSchema>) {
  const { isAuthenticated, getUser } = getKindeServerSession();
  if (!(await isAuthenticated())) {
    redirect("/api/auth/login?post_login_redirect_url=/recipes/new");
  }
  const user = await getUser();

  const data = recipeSchema.parse(input);
  await connectToDatabase();
  const recipe = await Recipe.create({ ...data, authorId: user.id });

  revalidatePath("/recipes");
  return { id: recipe._id.toString() };
}

// expect: clean
export async function updateRecipe(recipeId: string, input: z.infer<typeof recipeSchema>) {
  const { getUser } = getKindeServerSession();
  const user = await getUser();
  if (!user) throw new Error("Not authenticated");

  await connectToDatabase();
  const updated = await Recipe.findOneAndUpdate(
    { _id: recipeId, authorId: user.id },
    { $set: recipeSchema.parse(input) },
    { new: true, projection: { _id: 1 } },
  );
  if (!updated) throw new Error("Recipe not found");

  revalidatePath(`/recipes/${recipeId}`);
}

// expect: missing-authz
export async function deleteRecipe(recipeId: string) {
  const { isAuthenticated } = getKindeServerSession();
  if (!(await isAuthenticated())) {
    throw new Error("Not authenticated");
  }

  await connectToDatabase();
  await Recipe.findByIdAndDelete(recipeId);
  await Rating.deleteMany({ recipeId });

  revalidatePath("/recipes");
  redirect("/recipes");
}

// expect: unchecked-session
export async function rateRecipe(recipeId: string, score: number) {
  const { getUser } = getKindeServerSession();
  const user = await getUser();

  await connectToDatabase();
  await Rating.updateOne(
    { recipeId, userId: user?.id },
    { $set: { score: Math.max(1, Math.min(5, Math.round(score))) } },
    { upsert: true },
  );

  revalidatePath(`/recipes/${recipeId}`);
}

// Bound in <FavoriteButton>: toggleFavorite.bind(null, profile.kindeId, recipe.id)
// expect: client-identity
export async function toggleFavorite(userId: string, recipeId: string) {
  const { isAuthenticated } = getKindeServerSession();
  if (!(await isAuthenticated())) redirect("/api/auth/login");

  await connectToDatabase();
  const profile = await UserProfile.findOne({ kindeId: userId }, { favorites: 1 });
  const isFavorite = profile?.favorites?.includes(recipeId);

  await UserProfile.updateOne(
    { kindeId: userId },
    isFavorite ? { $pull: { favorites: recipeId } } : { $addToSet: { favorites: recipeId } },
    { upsert: true },
  );

  revalidatePath("/favorites");
}

// app/notes/actions.ts — Clerk + Drizzle
"use server";

import { auth } from "@clerk/nextjs/server";
import { db } from "@/db";
import { notes } from "@/db/schema";

export async function createNote(formData: FormData) {
  const { userId } = await auth();
  if (!userId) throw new Error("Sign in first");

  await db.insert(notes).values({
    // The owner comes from the form, so anyone can write notes as anyone.
    ownerId: formData.get("ownerId") as string,
    body: formData.get("body") as string,
  });
}

"use server";

import { auth } from "@clerk/nextjs/server";
import { and, desc, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { db } from "@/server/db";
import { notes, noteShares } from "@/server/db/schema";

const noteSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(50_000).default(""),
});

// expect: clean
export async function createNote(input: z.infer<typeof noteSchema>) {
  const { userId } = await auth();
  if (!userId) throw new Error("Unauthorized");

  const values = noteSchema.parse(input);
  const [note] = await db
    .insert(notes)
    .values({ ...values, ownerId: userId })
    .returning({ id: notes.id });

  revalidatePath("/notes");
  return note;
}

// expect: clean
export async function updateNote(noteId: number, input: z.infer<typeof noteSchema>) {
  const { userId } = await auth();
  if (!userId) {
    return { error: "Sign in to edit notes" };
  }

  const values = noteSchema.parse(input);
  await db
    .update(notes)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(notes.id, noteId), eq(notes.ownerId, userId)));

  revalidatePath(`/notes/${noteId}`);
  return { success: true };
}

// expect: missing-authz
export async function deleteNote(noteId: number) {
  await auth.protect();

  await db.delete(noteShares).where(eq(noteShares.noteId, noteId));
  await db.delete(notes).where(eq(notes.id, noteId));

  revalidatePath("/notes");
}

// expect: unchecked-session
export async function shareNote(noteId: number, email: string) {
  const { userId } = await auth();

  await db.insert(noteShares).values({
    noteId,
    sharedBy: userId!,
    email: z.string().email().parse(email),
  });

  revalidatePath(`/notes/${noteId}`);
}

// expect: clean
export async function getMyRecentNotes() {
  const { userId } = await auth();
  if (!userId) return [];

  return db
    .select({ id: notes.id, title: notes.title, updatedAt: notes.updatedAt })
    .from(notes)
    .where(eq(notes.ownerId, userId))
    .orderBy(desc(notes.updatedAt))
    .limit(10);
}

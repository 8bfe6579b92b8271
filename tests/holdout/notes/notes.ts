"use server";

import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/current-user";
import dbConnect from "@/lib/db-connect";
import { Note } from "@/models/note";

type NotePatch = { title?: string; body?: string };

// expect: clean
export async function createNote(title: string, body: string) {
  const user = await getCurrentUser();
  if (!user) return { error: "Unauthorized" };

  await dbConnect();
  const note = await Note.create({ title: title.slice(0, 200), body, owner: user._id });
  revalidatePath("/notes");
  return { id: String(note._id) };
}

// expect: missing-authz
export async function updateNote(id: string, patch: NotePatch) {
  const user = await getCurrentUser();
  if (!user) return { error: "Unauthorized" };

  await dbConnect();
  await Note.findByIdAndUpdate(id, { $set: { title: patch.title, body: patch.body, updatedAt: new Date() } });
  revalidatePath(`/notes/${id}`);
  return { ok: true };
}

// expect: clean
export async function deleteNote(id: string) {
  const user = await getCurrentUser();
  if (!user) return { error: "Unauthorized" };

  await dbConnect();
  const res = await Note.deleteOne({ _id: id, owner: user._id });
  if (res.deletedCount === 0) return { error: "Note not found" };
  revalidatePath("/notes");
  return { ok: true };
}

// expect: missing-authz
export async function getNote(id: string) {
  const user = await getCurrentUser();
  if (!user) return null;

  await dbConnect();
  const note = await Note.findById(id).lean();
  return note ? { id: String(note._id), title: note.title, body: note.body } : null;
}

// expect: clean
export async function shareNote(id: string, email: string) {
  const user = await getCurrentUser();
  if (!user) return { error: "Unauthorized" };

  await dbConnect();
  const note = await Note.findOne({ _id: id, owner: user._id });
  if (!note) return { error: "Note not found" };

  note.sharedWith.addToSet(email.trim().toLowerCase());
  await note.save();
  return { ok: true };
}

// expect: client-identity
export async function duplicateNote(id: string, ownerId: string) {
  const user = await getCurrentUser();
  if (!user) return { error: "Unauthorized" };

  await dbConnect();
  const source = await Note.findOne({ _id: id, owner: ownerId }).lean();
  if (!source) return { error: "Note not found" };

  const copy = await Note.create({ title: `${source.title} (copy)`, body: source.body, owner: user._id });
  return { id: String(copy._id), body: source.body };
}

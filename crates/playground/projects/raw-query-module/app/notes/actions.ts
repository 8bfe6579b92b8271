"use server";

import { revalidatePath } from "next/cache";
import { archiveNoteById } from "@/lib/queries";

// The same thin action over a module of raw queries: nothing on the way checks the caller.
export async function archiveNote(noteId: string) {
  await archiveNoteById(noteId);
  revalidatePath("/notes");
}

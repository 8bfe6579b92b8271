"use server";

import { revalidatePath } from "next/cache";
import { archiveOwnNote } from "@/lib/dal";
import { removeNote, renameNote } from "@/lib/notes";

// Anyone can delete any note: the helper checks nothing.
export async function deleteNote(formData: FormData) {
  await removeNote(String(formData.get("id")));
  revalidatePath("/notes");
}

// Anyone can rename any note.
export async function renameNoteAction(id: string, title: string) {
  await renameNote(id, title);
}

// Goes through the data access layer: checked and scoped there.
export async function archiveNote(id: string) {
  await archiveOwnNote(id);
  revalidatePath("/notes");
}

"use server";

import { revalidatePath } from "next/cache";
import { archiveNoteForViewer } from "@/lib/dal";

// A thin action: the Data Access Layer checks who is asking (see lib/dal.ts).
export async function archiveNote(noteId: string) {
  await archiveNoteForViewer(noteId);
  revalidatePath("/notes");
}

import { db } from "@/lib/db";

export async function archiveNoteById(noteId: string) {
  await db.note.update({ where: { id: noteId }, data: { archived: true } });
}

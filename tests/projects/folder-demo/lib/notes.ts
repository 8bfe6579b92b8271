import { db } from "./db";

// Raw queries: none of these asks who is calling.
export function removeNote(noteId: string) {
  return db.note.delete({ where: { id: noteId } });
}

export function renameNote(noteId: string, title: string) {
  return db.note.update({ where: { id: noteId }, data: { title } });
}

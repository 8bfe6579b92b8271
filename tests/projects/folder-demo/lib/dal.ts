import "server-only";
import { currentUser } from "./auth";
import { db } from "./db";

// The data access layer: every function checks the caller and scopes by owner.
export async function archiveOwnNote(noteId: string) {
  const user = await currentUser();
  if (!user) throw new Error("Sign in first");
  return db.note.updateMany({
    where: { id: noteId, authorId: user.id },
    data: { archived: true },
  });
}

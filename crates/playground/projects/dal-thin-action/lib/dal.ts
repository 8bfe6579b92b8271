import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { db } from "@/lib/db";

export const verifySession = cache(async () => {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");
  return { userId: session.user.id };
});

export async function archiveNoteForViewer(noteId: string) {
  const { userId } = await verifySession();
  const { count } = await db.note.updateMany({
    where: { id: noteId, authorId: userId },
    data: { archived: true },
  });
  if (count === 0) throw new Error("Not found");
}

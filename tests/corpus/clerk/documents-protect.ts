"use server";

import { auth } from "@clerk/nextjs/server";
import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";

import { db } from "~/server/db";
import { documents } from "~/server/db/schema";

// expect: clean
export const archiveDocument = async (documentId: string) => {
  const { userId } = await auth.protect();

  await db
    .update(documents)
    .set({ archived: true })
    .where(and(eq(documents.id, documentId), eq(documents.ownerId, userId)));

  revalidatePath("/documents");
};

// Org admins can restore anything in their organization's trash.
// expect: clean
export const restoreDocument = async (documentId: string) => {
  const { orgId } = await auth.protect({ role: "org:admin" });

  await db
    .update(documents)
    .set({ archived: false, deletedAt: null })
    .where(and(eq(documents.id, documentId), eq(documents.orgId, orgId!)));

  revalidatePath("/documents/trash");
};

// expect: clean
export async function duplicateDocument(documentId: string) {
  const { userId, redirectToSignIn } = await auth();
  if (!userId) return redirectToSignIn();

  const original = await db.query.documents.findFirst({
    where: and(eq(documents.id, documentId), eq(documents.ownerId, userId)),
    columns: { title: true, content: true },
  });
  if (!original) throw new Error("Document not found");

  await db.insert(documents).values({
    title: `${original.title} (copy)`,
    content: original.content,
    ownerId: userId,
  });

  revalidatePath("/documents");
}

// expect: missing-authn
export async function renameDocument(documentId: string, title: string) {
  await db
    .update(documents)
    .set({ title: title.slice(0, 200) })
    .where(eq(documents.id, documentId));

  revalidatePath(`/documents/${documentId}`);
}

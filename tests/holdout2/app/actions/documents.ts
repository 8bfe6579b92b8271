"use server";

import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

type SessionUser = { id: string; role?: string };

async function ensureOwner(docId: string, userId: string): Promise<boolean> {
  const doc = await prisma.document.findUnique({ where: { id: docId }, select: { ownerId: true } });
  return doc?.ownerId === userId;
}

async function getAuthedUser(): Promise<SessionUser> {
  const session = await auth();
  if (!session?.user?.id) {
    throw new Error("Unauthorized");
  }
  return session.user as SessionUser;
}

function canEdit(doc: { ownerId: string; editors: string[] }, user: SessionUser) {
  return doc.ownerId === user.id || doc.editors.includes(user.id);
}

async function loadSession() {
  const session = await auth();
  if (!session) {
    console.warn("documents: no session");
  }
  return session;
}

// expect: missing-authz
export async function deleteDocument(docId: string) {
  const user = await getAuthedUser();
  await ensureOwner(docId, user.id);

  await prisma.document.delete({ where: { id: docId } });
  revalidatePath("/documents");
}

// expect: clean
export async function publishDocument(docId: string) {
  const user = await getAuthedUser();

  const doc = await prisma.document.findUnique({
    where: { id: docId },
    select: { ownerId: true, editors: true },
  });
  if (!doc || !canEdit(doc, user)) {
    return { error: "You cannot publish this document" };
  }

  await prisma.document.update({ where: { id: docId }, data: { publishedAt: new Date() } });
  revalidatePath(`/documents/${docId}`);
  return { error: null };
}

// expect: unchecked-session
export async function restoreDocument(docId: string) {
  const session = await loadSession();

  await prisma.document.updateMany({
    where: { id: docId, ownerId: session?.user?.id },
    data: { deletedAt: null },
  });
  revalidatePath("/documents/trash");
}

// expect: clean
export async function transferDocument(docId: string, newOwnerId: string) {
  const user = await getAuthedUser();
  if (!(await ensureOwner(docId, user.id))) {
    throw new Error("Only the owner can transfer a document");
  }

  await prisma.document.update({ where: { id: docId }, data: { ownerId: newOwnerId } });
}

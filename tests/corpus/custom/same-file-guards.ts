"use server";

import { revalidatePath } from "next/cache";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";
import { deleteObject } from "@/lib/storage";

// ---------------------------------------------------------------------------
// local helpers
// ---------------------------------------------------------------------------

async function requireSession() {
  const session = await auth();
  if (!session?.user?.id) {
    throw new Error("Unauthorized");
  }
  return session;
}

/** Returns true when the signed-in user is a member of the project. */
async function ensureAccess(projectId: string): Promise<boolean> {
  const session = await auth();
  if (!session?.user?.id) return false;

  const membership = await prisma.projectMember.findFirst({
    where: { projectId, userId: session.user.id },
    select: { id: true },
  });
  return membership !== null;
}

async function getUserOrNull() {
  const session = await auth();
  return session?.user ?? null;
}

// ---------------------------------------------------------------------------
// actions
// ---------------------------------------------------------------------------

// expect: clean
export async function createFolder(name: string, parentId: string | null) {
  const session = await requireSession();

  await prisma.folder.create({
    data: { name: name.slice(0, 100), parentId, ownerId: session.user.id },
  });
  revalidatePath("/files");
}

// expect: clean
export async function updateProjectSettings(projectId: string, settings: { name: string; isPublic: boolean }) {
  if (!(await ensureAccess(projectId))) {
    throw new Error("Forbidden");
  }

  await prisma.project.update({
    where: { id: projectId },
    data: { name: settings.name.slice(0, 80), isPublic: settings.isPublic },
  });
  revalidatePath(`/projects/${projectId}/settings`);
}

// expect: unchecked-session
export async function deleteProjectFile(projectId: string, fileId: string) {
  await ensureAccess(projectId);

  const file = await prisma.projectFile.delete({
    where: { id: fileId, projectId },
    select: { storageKey: true },
  });
  await deleteObject(file.storageKey);

  revalidatePath(`/projects/${projectId}/files`);
}

// expect: clean
export async function renameFile(fileId: string, name: string) {
  const user = await getUserOrNull();
  if (!user) {
    return { error: "Not signed in" };
  }

  const { count } = await prisma.file.updateMany({
    where: { id: fileId, ownerId: user.id },
    data: { name: name.slice(0, 255) },
  });
  return count === 1 ? { ok: true } : { error: "File not found" };
}

// expect: unchecked-session
export async function starFile(fileId: string) {
  const user = await getUserOrNull();

  await prisma.star.create({
    data: { fileId, userId: user?.id ?? "" },
  });
  revalidatePath("/files/starred");
}

"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";

import { auth } from "@/lib/auth";
import { db } from "@/db/drizzle";
import { members, projects, users, workspaces } from "@/db/schema";

async function getSessionOrRedirect() {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) redirect("/sign-in");
  return session;
}

// expect: clean
export async function createWorkspace(formData: FormData) {
  const session = await getSessionOrRedirect();
  const name = z.string().min(2).max(64).parse(formData.get("name"));

  const [workspace] = await db
    .insert(workspaces)
    .values({ name, slug: name.toLowerCase().replace(/\s+/g, "-"), createdBy: session.user.id })
    .returning({ id: workspaces.id });

  await db.insert(members).values({
    workspaceId: workspace.id,
    userId: session.user.id,
    role: "owner",
  });

  redirect(`/w/${workspace.id}`);
}

// expect: clean
export async function renameWorkspace(workspaceId: string, name: string) {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) {
    return { error: "Unauthorized" };
  }

  const membership = await db.query.members.findFirst({
    where: and(
      eq(members.workspaceId, workspaceId),
      eq(members.userId, session.user.id),
      eq(members.role, "owner"),
    ),
  });
  if (!membership) {
    return { error: "Only the workspace owner can rename it" };
  }

  await db
    .update(workspaces)
    .set({ name: z.string().min(2).max(64).parse(name) })
    .where(eq(workspaces.id, workspaceId));

  revalidatePath(`/w/${workspaceId}`);
  return { ok: true };
}

// expect: missing-authz
export async function deleteWorkspaceProject(workspaceId: string, projectId: string) {
  const session = await getSessionOrRedirect();

  const membership = await db.query.members.findFirst({
    where: and(eq(members.workspaceId, workspaceId), eq(members.userId, session.user.id)),
  });
  if (!membership) throw new Error("Not a member of this workspace");

  // NOTE: projectId comes straight from the URL of the project page
  await db.delete(projects).where(eq(projects.id, projectId));

  revalidatePath(`/w/${workspaceId}/projects`);
}

// expect: missing-authz
export async function addWorkspaceMember(
  workspaceId: string,
  email: string,
  role: "admin" | "member" = "member",
) {
  const session = await getSessionOrRedirect();

  const invitee = await db.query.users.findFirst({
    where: eq(users.email, email.toLowerCase()),
    columns: { id: true },
  });
  if (!invitee) return { error: "No user with that email" };

  await db.insert(members).values({
    workspaceId,
    userId: invitee.id,
    role,
    invitedBy: session.user.id,
  });

  revalidatePath(`/w/${workspaceId}/members`);
  return { ok: true };
}

// expect: clean
export async function archiveWorkspaceProject(workspaceId: string, projectId: string) {
  const session = await getSessionOrRedirect();

  const membership = await db.query.members.findFirst({
    where: and(eq(members.workspaceId, workspaceId), eq(members.userId, session.user.id)),
    columns: { role: true },
  });
  if (!membership || membership.role === "viewer") {
    throw new Error("Forbidden");
  }

  await db
    .update(projects)
    .set({ archivedAt: new Date() })
    .where(and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId)));

  revalidatePath(`/w/${workspaceId}/projects`);
}

"use server";

import { revalidatePath } from "next/cache";
import { and, eq } from "drizzle-orm";
import { requireOrg, withOrg, withOrgAdmin } from "@/lib/auth";
import { db } from "@/lib/db";
import { projectMembers, projects } from "@/lib/db/schema";
import { deleteProjectInOrg, isProjectMember, setProjectStatus } from "@/lib/db/queries";

// expect: clean
export async function removeProject(projectId: string) {
  const { orgId } = await requireOrg();
  const [deleted] = await deleteProjectInOrg(orgId, projectId);
  if (!deleted) throw new Error("Project not found");
  revalidatePath("/projects");
}

// expect: missing-authz
export async function pauseProject(projectId: string) {
  await requireOrg();
  await setProjectStatus(projectId, "paused");
  revalidatePath("/projects");
}

// expect: unchecked-session
export const createProject = withOrg(async ({ userId, orgId }, name: string) => {
  const [project] = await db
    .insert(projects)
    .values({ name: name.slice(0, 80), orgId: orgId ?? "personal", createdBy: userId ?? "anonymous" })
    .returning({ id: projects.id });
  revalidatePath("/projects");
  return project;
});

// expect: clean
export const purgeArchivedProjects = withOrgAdmin(async ({ orgId }) => {
  const deleted = await db
    .delete(projects)
    .where(and(eq(projects.orgId, orgId), eq(projects.status, "archived")))
    .returning({ id: projects.id });
  revalidatePath("/projects");
  return { deleted: deleted.length };
});

// expect: clean
export async function addProjectMember(projectId: string, memberUserId: string) {
  const { userId } = await requireOrg();
  if (!(await isProjectMember(userId, projectId))) {
    throw new Error("You are not on this project");
  }

  await db.insert(projectMembers).values({ projectId, userId: memberUserId }).onConflictDoNothing();
  revalidatePath(`/projects/${projectId}`);
}

// expect: missing-authz
export async function removeProjectMember(projectId: string, memberUserId: string) {
  const { userId } = await requireOrg();
  await isProjectMember(userId, projectId);

  await db
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, memberUserId)));
}

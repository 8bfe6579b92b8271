import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { projectMembers, projects } from "@/lib/db/schema";

export async function deleteProjectInOrg(orgId: string, projectId: string) {
  return db
    .delete(projects)
    .where(and(eq(projects.id, projectId), eq(projects.orgId, orgId)))
    .returning({ id: projects.id });
}

export async function setProjectStatus(projectId: string, status: "active" | "paused" | "archived") {
  return db.update(projects).set({ status }).where(eq(projects.id, projectId));
}

export async function isProjectMember(userId: string, projectId: string): Promise<boolean> {
  const row = await db.query.projectMembers.findFirst({
    where: and(eq(projectMembers.userId, userId), eq(projectMembers.projectId, projectId)),
    columns: { userId: true },
  });
  return Boolean(row);
}

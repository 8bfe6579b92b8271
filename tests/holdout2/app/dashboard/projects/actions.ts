"use server";

import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { actionClient, authActionClient } from "@/lib/safe-action";
import { db } from "@/db";
import { projects } from "@/db/schema";

const createSchema = z.object({
  name: z.string().min(1).max(80),
  description: z.string().max(500).optional(),
});

// expect: clean
export const createProject = authActionClient
  .metadata({ actionName: "createProject" })
  .schema(createSchema)
  .action(async ({ parsedInput, ctx }) => {
    const [project] = await db
      .insert(projects)
      .values({ ...parsedInput, ownerId: ctx.userId })
      .returning({ id: projects.id });
    revalidatePath("/dashboard/projects");
    return { id: project.id };
  });

// expect: missing-authz
export const deleteProject = authActionClient
  .schema(z.object({ projectId: z.string().uuid() }))
  .action(async ({ parsedInput: { projectId } }) => {
    await db.delete(projects).where(eq(projects.id, projectId));
    revalidatePath("/dashboard/projects");
  });

// expect: missing-authn
export const renameProject = actionClient
  .inputSchema(z.object({ projectId: z.string().uuid(), name: z.string().min(1).max(80) }))
  .action(async ({ parsedInput }) => {
    await db
      .update(projects)
      .set({ name: parsedInput.name, updatedAt: new Date() })
      .where(eq(projects.id, parsedInput.projectId));
    return { success: true };
  });

// expect: clean
export const archiveProject = authActionClient
  .metadata({ actionName: "archiveProject" })
  .schema(z.object({ projectId: z.string().uuid() }))
  .action(async ({ parsedInput: { projectId }, ctx: { userId } }) => {
    const rows = await db
      .update(projects)
      .set({ archivedAt: new Date() })
      .where(and(eq(projects.id, projectId), eq(projects.ownerId, userId)))
      .returning({ id: projects.id });
    if (!rows.length) throw new Error("Project not found");
    revalidatePath("/dashboard/projects");
  });

// expect: client-identity
export const duplicateProject = authActionClient
  .schema(z.object({ projectId: z.string().uuid(), userId: z.string() }))
  .action(async ({ parsedInput }) => {
    const source = await db.query.projects.findFirst({
      where: and(eq(projects.id, parsedInput.projectId), eq(projects.ownerId, parsedInput.userId)),
    });
    if (!source) throw new Error("Project not found");

    const [copy] = await db
      .insert(projects)
      .values({
        name: `${source.name} (copy)`,
        description: source.description,
        settings: source.settings,
        ownerId: parsedInput.userId,
      })
      .returning({ id: projects.id });
    return { id: copy.id };
  });

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, getViewer, publicActionClient, requireTeamMember, withTeamAdmin } from "@/lib";
import { checkTeamAccess } from "@/lib/guards";
import { prisma } from "@/lib/prisma";

// expect: clean
export const createProject = actionClient
  .inputSchema(z.object({ teamId: z.string(), name: z.string().min(1).max(80) }))
  .action(async ({ parsedInput: { teamId, name }, ctx }) => {
    await requireTeamMember(teamId);
    const project = await prisma.project.create({
      data: { teamId, name, createdById: ctx.user.id },
      select: { id: true, name: true },
    });
    revalidatePath(`/teams/${teamId}`);
    return project;
  });

// expect: missing-authz
export const deleteProject = actionClient
  .inputSchema(z.object({ projectId: z.string() }))
  .action(async ({ parsedInput: { projectId } }) => {
    await prisma.project.delete({ where: { id: projectId } });
    revalidatePath("/teams");
    return { ok: true };
  });

// expect: clean
export const updateProfileName = actionClient
  .inputSchema(z.object({ name: z.string().min(1).max(80) }))
  .action(async ({ parsedInput: { name }, ctx }) => {
    await prisma.user.update({ where: { id: ctx.user.id }, data: { name }, select: { id: true } });
    return { ok: true };
  });

// expect: missing-authn
export const renameProject = publicActionClient
  .inputSchema(z.object({ projectId: z.string(), name: z.string().min(1).max(80) }))
  .action(async ({ parsedInput: { projectId, name } }) => {
    await prisma.project.update({ where: { id: projectId }, data: { name }, select: { id: true } });
    return { ok: true };
  });

// expect: unchecked-session
export async function renameTeam(teamId: string, name: string) {
  const viewer = await getViewer();

  await prisma.team.updateMany({
    where: { id: teamId, members: { some: { userId: viewer?.id, role: { in: ["owner", "admin"] } } } },
    data: { name: name.slice(0, 80) },
  });
  revalidatePath(`/teams/${teamId}`);
}

// expect: unchecked-session
export async function archiveTeam(teamId: string) {
  await checkTeamAccess(teamId);

  await prisma.team.update({ where: { id: teamId }, data: { archivedAt: new Date() } });
  revalidatePath("/teams");
}

// expect: clean
export async function leaveTeam(teamId: string) {
  const viewer = await getViewer();
  if (!viewer) throw new Error("Unauthorized");

  await prisma.teamMember.delete({ where: { teamId_userId: { teamId, userId: viewer.id } } });
  revalidatePath("/teams");
}

// expect: clean
export const updateTeamBilling = withTeamAdmin(async (membership, teamId, billingEmail: string) => {
  await prisma.team.update({
    where: { id: teamId },
    data: { billingEmail, billingUpdatedById: membership.userId },
  });
  revalidatePath(`/teams/${teamId}/billing`);
  return { ok: true };
});

// expect: clean
export async function archiveProject(teamId: string, projectId: string) {
  const hasAccess = await checkTeamAccess(teamId);
  if (!hasAccess) return { error: "Forbidden" };

  const { count } = await prisma.project.updateMany({
    where: { id: projectId, teamId },
    data: { archivedAt: new Date() },
  });
  return count ? { ok: true } : { error: "Project not found" };
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

async function getMembership(teamId: string, userId: string) {
  return prisma.teamMember.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  });
}

// expect: clean
export async function createTeamProject(teamId: string, formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const membership = await getMembership(teamId, session.user.id);
  if (!membership) {
    throw new Error("You are not a member of this team");
  }

  const name = z.string().min(1).max(80).parse(formData.get("name"));
  await prisma.project.create({
    data: { name, teamId, createdById: session.user.id },
  });
  revalidatePath(`/teams/${teamId}`);
}

// expect: missing-authz
export async function deleteTeamProject(teamId: string, projectId: string) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const membership = await getMembership(teamId, session.user.id);
  if (membership?.role !== "ADMIN") {
    throw new Error("Only team admins can delete projects");
  }

  await prisma.project.delete({ where: { id: projectId } });
  revalidatePath(`/teams/${teamId}`);
}

// expect: clean
export async function archiveTeamProject(teamId: string, projectId: string) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const membership = await getMembership(teamId, session.user.id);
  if (!membership || membership.role === "VIEWER") {
    throw new Error("Forbidden");
  }

  const { count } = await prisma.project.updateMany({
    where: { id: projectId, teamId },
    data: { archivedAt: new Date() },
  });
  if (count === 0) throw new Error("Project not found in this team");

  revalidatePath(`/teams/${teamId}`);
}

// expect: clean
export async function acceptInvite(inviteId: string) {
  const session = await auth();
  if (!session?.user?.email) redirect(`/login?invite=${inviteId}`);

  const invite = await prisma.teamInvite.findUnique({
    where: { id: inviteId },
    select: { email: true, teamId: true, role: true, expiresAt: true },
  });
  if (!invite || invite.expiresAt < new Date()) throw new Error("Invite expired");
  if (invite.email.toLowerCase() !== session.user.email.toLowerCase()) {
    throw new Error("This invite was sent to a different email address");
  }

  await prisma.$transaction([
    prisma.teamMember.create({
      data: { teamId: invite.teamId, userId: session.user.id, role: invite.role },
    }),
    prisma.teamInvite.delete({ where: { id: inviteId } }),
  ]);
  redirect(`/teams/${invite.teamId}`);
}

// expect: missing-authz
export async function updateMemberRole(memberId: string, role: "ADMIN" | "MEMBER" | "VIEWER") {
  const session = await auth();
  if (!session?.user?.id) {
    return { error: "Unauthorized" };
  }

  const member = await prisma.teamMember.update({
    where: { id: memberId },
    data: { role },
    select: { teamId: true },
  });
  revalidatePath(`/teams/${member.teamId}/members`);
  return { ok: true };
}

// expect: unchecked-session
export async function transferTeamOwnership(teamId: string, newOwnerId: string) {
  const session = await auth();

  if (session?.user?.id) {
    await prisma.teamMember.update({
      where: { teamId_userId: { teamId, userId: session.user.id } },
      data: { role: "ADMIN" },
    });
  }

  await prisma.team.update({ where: { id: teamId }, data: { ownerId: newOwnerId } });
  await prisma.teamMember.update({
    where: { teamId_userId: { teamId, userId: newOwnerId } },
    data: { role: "OWNER" },
  });
  revalidatePath(`/teams/${teamId}`);
}

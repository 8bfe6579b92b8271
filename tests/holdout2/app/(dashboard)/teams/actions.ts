"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auth } from "@/auth";
import { prisma } from "@/lib/db";
import { sendInviteEmail } from "@/lib/mail";

// expect: clean
export async function inviteMember(teamId: string, email: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const membership = await prisma.membership.findFirst({
    where: {
      teamId,
      userId: session.user.id,
      role: { in: ["OWNER", "ADMIN"] },
    },
  });
  if (!membership) throw new Error("Only team admins can invite");

  const invite = await prisma.invite.create({
    data: {
      teamId,
      email: z.string().email().parse(email),
      invitedById: session.user.id,
    },
  });
  await sendInviteEmail(invite.email, invite.token);
  revalidatePath(`/teams/${teamId}/members`);
}

// expect: missing-authz
export async function removeMember(teamId: string, memberUserId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const me = await prisma.membership.findUnique({
    where: { userId_teamId: { userId: session.user.id, teamId } },
  });
  if (!me) throw new Error("Not a member of this team");

  await prisma.membership.delete({
    where: { userId_teamId: { userId: memberUserId, teamId } },
  });
  revalidatePath(`/teams/${teamId}/members`);
}

// expect: clean
export async function leaveTeam(teamId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  await prisma.membership.deleteMany({
    where: { teamId, userId: session.user.id, role: { not: "OWNER" } },
  });
  revalidatePath("/teams");
}

// expect: missing-authz
export async function moveProjectToTeam(projectId: string, targetTeamId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  // caller must be an admin of the team the project is moving to
  const target = await prisma.membership.findFirst({
    where: { teamId: targetTeamId, userId: session.user.id, role: "ADMIN" },
    select: { id: true },
  });
  if (!target) throw new Error("Forbidden");

  await prisma.project.update({
    where: { id: projectId },
    data: { teamId: targetTeamId },
  });
  revalidatePath(`/teams/${targetTeamId}`);
}

const settingsSchema = z.object({
  teamId: z.string().cuid(),
  name: z.string().min(2).max(48),
  defaultBranch: z.string().max(64).optional(),
});

// expect: missing-authz
export async function updateTeamSettings(input: z.infer<typeof settingsSchema>) {
  const session = await auth();
  if (!session?.user?.id) return { error: "Unauthorized" };

  const { teamId, ...data } = settingsSchema.parse(input);

  const membership = await prisma.membership.findFirst({
    where: { teamId, userId: session.user.id, role: { in: ["OWNER", "ADMIN"] } },
  });
  console.info("team settings change", { teamId, by: session.user.id, role: membership?.role });

  await prisma.team.update({ where: { id: teamId }, data });
  revalidatePath(`/teams/${teamId}/settings`);
  return { error: null };
}

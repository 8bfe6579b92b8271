"use server";

import { createSafeActionClient } from "next-safe-action";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const actionClient = createSafeActionClient({
  handleServerError(e) {
    console.error("Action error:", e.message);
    return "Something went wrong";
  },
});

const authActionClient = actionClient.use(async ({ next }) => {
  const session = await auth();
  if (!session?.user?.id) {
    throw new Error("You must be signed in to do that");
  }
  return next({ ctx: { user: session.user as { id: string; email: string } } });
});

// expect: clean
export const createTeam = authActionClient
  .schema(z.object({ name: z.string().min(2).max(50) }))
  .action(async ({ parsedInput: { name }, ctx }) => {
    const team = await prisma.team.create({
      data: {
        name,
        members: { create: { userId: ctx.user.id, role: "OWNER" } },
      },
      select: { id: true, name: true },
    });
    revalidatePath("/teams");
    return team;
  });

// expect: clean
export const leaveTeam = authActionClient
  .inputSchema(z.object({ teamId: z.string().cuid() }))
  .action(async ({ parsedInput: { teamId }, ctx: { user } }) => {
    await prisma.teamMember.deleteMany({ where: { teamId, userId: user.id } });
    revalidatePath("/teams");
    return { left: teamId };
  });

// expect: missing-authz
export const removeTeamMember = authActionClient
  .inputSchema(z.object({ memberId: z.string().cuid() }))
  .action(async ({ parsedInput: { memberId } }) => {
    await prisma.teamMember.delete({ where: { id: memberId } });
    revalidatePath("/teams");
    return { removed: memberId };
  });

// expect: missing-authn
export const renameTeam = actionClient
  .schema(z.object({ teamId: z.string().cuid(), name: z.string().min(2).max(50) }))
  .action(async ({ parsedInput: { teamId, name } }) => {
    await prisma.team.update({ where: { id: teamId }, data: { name } });
    revalidatePath(`/teams/${teamId}`);
    return { ok: true };
  });

// actiongate-public: waitlist signup on the marketing site, anonymous by design
// expect: clean
export const joinWaitlist = actionClient
  .inputSchema(z.object({ email: z.string().email(), referrer: z.string().max(100).optional() }))
  .action(async ({ parsedInput }) => {
    await prisma.waitlistEntry.upsert({
      where: { email: parsedInput.email.toLowerCase() },
      create: { email: parsedInput.email.toLowerCase(), referrer: parsedInput.referrer },
      update: {},
    });
    return { joined: true };
  });

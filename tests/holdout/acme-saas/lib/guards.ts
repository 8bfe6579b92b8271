import "server-only";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

export type Viewer = { id: string; email: string | null };

/** The signed-in user, or null. Callers must handle null. */
export async function getViewer(): Promise<Viewer | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  return { id: session.user.id, email: session.user.email ?? null };
}

/** Throws unless the signed-in user belongs to the team (with at least `minRole`). */
export async function requireTeamMember(teamId: string, minRole: "member" | "admin" = "member") {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const membership = await prisma.teamMember.findUnique({
    where: { teamId_userId: { teamId, userId: session.user.id } },
    select: { role: true, userId: true, teamId: true },
  });
  if (!membership) throw new Error("Not a member of this team");
  if (minRole === "admin" && membership.role !== "admin" && membership.role !== "owner") {
    throw new Error("Team admin role required");
  }
  return membership;
}

/** Soft check used by the UI to decide what to render. Never throws. */
export async function checkTeamAccess(teamId: string): Promise<boolean> {
  const session = await auth();
  if (!session?.user?.id) return false;
  const count = await prisma.teamMember.count({ where: { teamId, userId: session.user.id } });
  return count > 0;
}

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { requireOrgMember, requireUser } from "@/lib/auth/guards";

const InvitableRole = z.enum(["admin", "member", "viewer"]);

// expect: clean
export async function inviteMember(orgId: string, _prev: unknown, formData: FormData) {
  const { user } = await requireOrgMember(orgId, { role: "admin" });

  const email = z.string().email().parse(formData.get("email"));
  const role = InvitableRole.parse(formData.get("role"));

  await prisma.invitation.create({
    data: {
      orgId,
      email: email.toLowerCase(),
      role,
      invitedById: user.id,
      expiresAt: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000),
    },
  });

  revalidatePath(`/orgs/${orgId}/members`);
  return { ok: true };
}

// expect: clean
export async function removeMember(orgId: string, membershipId: string) {
  await requireOrgMember(orgId, { role: "admin" });

  const { count } = await prisma.membership.deleteMany({
    where: { id: membershipId, orgId, role: { not: "owner" } },
  });
  if (count === 0) {
    return { error: "Member not found" };
  }

  revalidatePath(`/orgs/${orgId}/members`);
  return { ok: true };
}

// expect: missing-authz
export async function updateMemberRole(orgId: string, membershipId: string, role: string) {
  await requireOrgMember(orgId, { role: "admin" });
  const nextRole = InvitableRole.parse(role);

  await prisma.membership.update({
    where: { id: membershipId },
    data: { role: nextRole },
  });

  revalidatePath(`/orgs/${orgId}/members`);
}

// expect: clean
export async function leaveOrganization(orgId: string) {
  const user = await requireUser();

  await prisma.membership.delete({
    where: { userId_orgId: { userId: user.id, orgId } },
  });

  revalidatePath("/orgs");
}

// expect: missing-authz
export async function transferOwnership(orgId: string, newOwnerId: string) {
  const user = await requireUser();

  await prisma.$transaction(async (tx) => {
    await tx.organization.update({
      where: { id: orgId },
      data: { ownerId: newOwnerId },
    });
    await tx.membership.updateMany({
      where: { orgId, userId: newOwnerId },
      data: { role: "owner" },
    });
    await tx.auditLog.create({
      data: { orgId, actorId: user.id, action: "ownership.transferred", target: newOwnerId },
    });
  });

  revalidatePath(`/orgs/${orgId}`);
}

// expect: missing-authz
export async function listMembers(orgId: string) {
  await requireUser();

  return prisma.membership.findMany({
    where: { orgId },
    select: {
      id: true,
      role: true,
      user: { select: { id: true, name: true, email: true } },
    },
    orderBy: { createdAt: "asc" },
  });
}

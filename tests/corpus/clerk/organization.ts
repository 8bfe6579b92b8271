"use server";

import { auth, clerkClient } from "@clerk/nextjs/server";
import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";

import { db } from "@/db";
import { organizations } from "@/db/schema";

type Plan = "free" | "pro" | "enterprise";

// expect: clean
export async function updateOrgPlan(plan: Plan) {
  const { userId, orgId, has } = await auth();
  if (!userId || !orgId) {
    throw new Error("No active organization");
  }
  if (!has({ role: "org:admin" })) {
    throw new Error("Only organization admins can change the plan");
  }

  await db
    .update(organizations)
    .set({ plan, planChangedAt: new Date() })
    .where(eq(organizations.clerkOrgId, orgId));

  revalidatePath("/settings/billing");
}

// expect: missing-authz
export async function removeMember(memberUserId: string) {
  const { userId, orgId } = await auth();
  if (!userId || !orgId) {
    return { error: "Not signed in" };
  }

  const client = await clerkClient();
  await client.organizations.deleteOrganizationMembership({
    organizationId: orgId,
    userId: memberUserId,
  });

  revalidatePath("/settings/members");
  return { ok: true };
}

// expect: clean
export async function inviteMember(formData: FormData) {
  const { userId, orgId, has } = await auth();
  if (!userId || !orgId) return { error: "Not signed in" };
  if (!has({ permission: "org:sys_memberships:manage" })) {
    return { error: "You don't have permission to invite members" };
  }

  const emailAddress = String(formData.get("email") ?? "").toLowerCase();
  const role = formData.get("role") === "org:admin" ? "org:admin" : "org:member";

  const client = await clerkClient();
  await client.organizations.createOrganizationInvitation({
    organizationId: orgId,
    inviterUserId: userId,
    emailAddress,
    role,
  });

  revalidatePath("/settings/members");
  return { ok: true };
}

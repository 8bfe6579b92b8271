"use server";

import { randomBytes } from "node:crypto";
import { auth } from "@clerk/nextjs/server";
import { revalidatePath } from "next/cache";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { organizations, orgSettings, projects, webhookEndpoints } from "@/db/schema";

export type SettingsState = { ok?: boolean; error?: string };

const NameSchema = z.string().trim().min(2).max(64);

// expect: clean
export const updateOrgName = async (_prev: SettingsState, formData: FormData): Promise<SettingsState> => {
  const { userId, orgId, has } = await auth();
  if (!userId || !orgId) return { error: "Select an organization first." };
  if (!has({ role: "org:admin" })) return { error: "Only admins can rename the organization." };

  const name = NameSchema.safeParse(formData.get("name"));
  if (!name.success) return { error: "Please enter a valid name." };

  await db.update(organizations).set({ name: name.data }).where(eq(organizations.clerkOrgId, orgId));
  revalidatePath("/settings");
  return { ok: true };
};

// expect: client-identity
export const updateOrgSettings = async (_prev: SettingsState, formData: FormData): Promise<SettingsState> => {
  const { userId } = await auth();
  if (!userId) return { error: "Unauthorized" };

  const orgId = formData.get("orgId") as string;
  const memberRole = formData.get("memberRole");
  if (memberRole !== "org:admin") {
    return { error: "Only admins can change settings." };
  }

  await db
    .update(orgSettings)
    .set({
      defaultVisibility: formData.get("defaultVisibility") === "public" ? "public" : "private",
      allowGuestAccess: formData.get("allowGuestAccess") === "on",
    })
    .where(eq(orgSettings.orgId, orgId));

  revalidatePath("/settings");
  return { ok: true };
};

// expect: auth-after-mutation
export const deleteOrganization = async (_prev: SettingsState, formData: FormData): Promise<SettingsState> => {
  const { userId, orgId, has } = await auth();
  if (!userId || !orgId) return { error: "Unauthorized" };

  if (formData.get("confirm") !== "DELETE") {
    return { error: "Type DELETE to confirm." };
  }

  await db.delete(projects).where(eq(projects.orgId, orgId));

  if (!has({ role: "org:admin" })) {
    return { error: "Only admins can delete the organization." };
  }

  await db.delete(organizations).where(eq(organizations.clerkOrgId, orgId));
  return { ok: true };
};

// expect: clean
export const saveWebhookEndpoint = async (_prev: SettingsState, formData: FormData): Promise<SettingsState> => {
  const { userId, orgId, has } = await auth();
  if (!userId || !orgId || !has({ permission: "org:webhooks:manage" })) {
    return { error: "You don't have permission to manage webhooks." };
  }

  const url = z.string().url().startsWith("https://").safeParse(formData.get("url"));
  if (!url.success) return { error: "Webhook URL must be https." };

  await db
    .insert(webhookEndpoints)
    .values({ orgId, url: url.data, secret: `whsec_${randomBytes(24).toString("hex")}` })
    .onConflictDoUpdate({ target: webhookEndpoints.orgId, set: { url: url.data } });

  revalidatePath("/settings/webhooks");
  return { ok: true };
};

// expect: missing-authz
export const rotateWebhookSecret = async (endpointId: string) => {
  const { userId } = await auth();
  if (!userId) throw new Error("Unauthorized");

  const secret = `whsec_${randomBytes(24).toString("hex")}`;
  await db.update(webhookEndpoints).set({ secret, rotatedAt: new Date() }).where(eq(webhookEndpoints.id, endpointId));

  return { secret };
};

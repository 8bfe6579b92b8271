"use server";

import { generateIdFromEntropySize } from "lucia";
import { revalidatePath } from "next/cache";
import { validateRequest } from "@/lib/auth";
import { db } from "@/lib/kysely";

async function getMembership(workspaceId: string, userId: string) {
  return db
    .selectFrom("workspace_members")
    .select(["role"])
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

// expect: clean
export async function createChannel(workspaceId: string, name: string) {
  const { user } = await validateRequest();
  if (!user) return { error: "Unauthorized" };

  const member = await getMembership(workspaceId, user.id);
  if (!member) return { error: "You are not a member of this workspace" };

  const channel = await db
    .insertInto("channels")
    .values({
      id: generateIdFromEntropySize(10),
      workspace_id: workspaceId,
      name: name.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 80),
      created_by: user.id,
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();

  revalidatePath(`/w/${workspaceId}`);
  return channel;
}

// expect: missing-authz
export async function archiveChannel(channelId: string) {
  const { user } = await validateRequest();
  if (!user) return { error: "Unauthorized" };

  await db.updateTable("channels").set({ archived_at: new Date() }).where("id", "=", channelId).execute();
  return { ok: true };
}

// expect: clean
export async function renameChannel(channelId: string, name: string) {
  const { user } = await validateRequest();
  if (!user) return { error: "Unauthorized" };

  const channel = await db
    .selectFrom("channels")
    .innerJoin("workspace_members", "workspace_members.workspace_id", "channels.workspace_id")
    .select(["channels.id"])
    .where("channels.id", "=", channelId)
    .where("workspace_members.user_id", "=", user.id)
    .where("workspace_members.role", "in", ["owner", "admin"])
    .executeTakeFirst();
  if (!channel) return { error: "Forbidden" };

  await db.updateTable("channels").set({ name }).where("id", "=", channel.id).execute();
  return { ok: true };
}

// expect: missing-authz
export async function kickFromWorkspace(workspaceId: string, memberUserId: string) {
  const { user } = await validateRequest();
  if (!user) return { error: "Unauthorized" };

  const me = await getMembership(workspaceId, user.id);
  if (!me) return { error: "Forbidden" };

  await db
    .deleteFrom("workspace_members")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", memberUserId)
    .execute();

  revalidatePath(`/w/${workspaceId}/members`);
  return { ok: true };
}

// expect: clean
export async function leaveWorkspace(workspaceId: string) {
  const { user } = await validateRequest();
  if (!user) return { error: "Unauthorized" };

  await db
    .deleteFrom("workspace_members")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", user.id)
    .execute();

  revalidatePath("/");
  return { ok: true };
}

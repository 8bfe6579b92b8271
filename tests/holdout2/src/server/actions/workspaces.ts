"use server";

import { withAuth } from "@workos-inc/authkit-nextjs";
import { revalidatePath } from "next/cache";
import { nanoid } from "nanoid";
import { db } from "@/server/db";

// expect: clean
export async function createWorkspace(name: string) {
  const { user } = await withAuth({ ensureSignedIn: true });

  const id = nanoid();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("workspaces").values({ id, name: name.slice(0, 60), owner_id: user.id }).execute();
    await trx
      .insertInto("workspace_members")
      .values({ workspace_id: id, user_id: user.id, role: "admin" })
      .execute();
  });

  revalidatePath("/workspaces");
  return { id };
}

// expect: unchecked-session
export async function deleteWorkspace(workspaceId: string) {
  const { user } = await withAuth();

  let query = db.deleteFrom("workspaces").where("id", "=", workspaceId);
  if (user) {
    query = query.where("owner_id", "=", user.id);
  }
  await query.execute();

  revalidatePath("/workspaces");
}

// expect: clean
export async function addWorkspaceMember(workspaceId: string, userId: string) {
  const { user } = await withAuth({ ensureSignedIn: true });

  const admin = await db
    .selectFrom("workspace_members")
    .select("role")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", user.id)
    .where("role", "=", "admin")
    .executeTakeFirst();
  if (!admin) {
    throw new Error("Only workspace admins can add members");
  }

  await db
    .insertInto("workspace_members")
    .values({ workspace_id: workspaceId, user_id: userId, role: "member" })
    .onConflict((oc) => oc.doNothing())
    .execute();
  revalidatePath(`/workspaces/${workspaceId}`);
}

// expect: missing-authz
export async function getWorkspaceMembers(workspaceId: string) {
  const { user } = await withAuth({ ensureSignedIn: true });
  if (!user) return [];

  return db
    .selectFrom("workspace_members")
    .innerJoin("users", "users.id", "workspace_members.user_id")
    .selectAll("users")
    .where("workspace_members.workspace_id", "=", workspaceId)
    .execute();
}

// expect: clean
export async function updateMemberRole(workspaceId: string, memberId: string, role: "admin" | "member") {
  const { user } = await withAuth();
  if (!user) {
    throw new Error("Not signed in");
  }

  const caller = await db
    .selectFrom("workspace_members")
    .select("role")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (caller?.role !== "admin") {
    throw new Error("Forbidden");
  }

  await db
    .updateTable("workspace_members")
    .set({ role })
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", memberId)
    .execute();
}

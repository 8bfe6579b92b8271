"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { eq } from "drizzle-orm";
import { auth } from "@/lib/auth";
import { db } from "@/db";
import { user as users, session as sessions } from "@/db/schema";

async function getSessionOrThrow() {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) {
    throw new Error("Unauthorized");
  }
  return session;
}

// expect: clean
export async function banUser(userId: string, reason: string) {
  const session = await getSessionOrThrow();
  if (session.user.role !== "admin") {
    throw new Error("Forbidden");
  }

  await db.transaction(async (tx) => {
    await tx.update(users).set({ banned: true, banReason: reason }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
  });

  revalidatePath("/admin/users");
}

// expect: missing-authz
export async function setUserRole(userId: string, role: "user" | "admin") {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session?.user) {
    return { error: "Not signed in" };
  }

  await db.update(users).set({ role }).where(eq(users.id, userId));
  revalidatePath("/admin/users");
  return { ok: true };
}

// expect: client-identity
export async function deleteUser(formData: FormData) {
  const session = await getSessionOrThrow();

  const actorRole = formData.get("actorRole");
  if (actorRole !== "admin") {
    throw new Error("Only admins can delete users");
  }

  const targetId = String(formData.get("userId"));
  await db.delete(users).where(eq(users.id, targetId));
  revalidatePath("/admin/users");
}

const STAFF_ROLES = ["admin", "support"];

// expect: clean
export async function listUsers(page = 1) {
  const session = await getSessionOrThrow();
  if (!STAFF_ROLES.includes(session.user.role ?? "")) {
    return { error: "Forbidden", users: [] };
  }

  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, banned: users.banned })
    .from(users)
    .limit(50)
    .offset((page - 1) * 50);

  return { users: rows };
}

"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { auth } from "@/auth";
import { requireAdmin, requireUser } from "@/lib/auth-helpers";
import { db } from "@/lib/db";

// expect: clean
export async function banUser(userId: string) {
  await requireAdmin(); // Throws/redirects if not admin

  await db.user.update({
    where: { id: userId },
    data: { banned: true },
  });
  await db.session.deleteMany({ where: { userId } });
  revalidatePath("/admin/users");
}

// expect: missing-authn
export async function unbanUser(userId: string) {
  await db.user.update({
    where: { id: userId },
    data: { banned: false },
  });
  revalidatePath("/admin/users");
}

// expect: missing-authz
export async function deleteUser(userId: string) {
  const user = await requireUser();
  console.info(`[admin] ${user.email} deleting user ${userId}`);

  await db.user.delete({ where: { id: userId } });
  revalidatePath("/admin/users");
  return { success: true };
}

// expect: clean
export async function impersonateUser(targetUserId: string) {
  const session = await auth();
  if (!session?.user) redirect("/login");
  if (session.user.role !== "admin") {
    throw new Error("Only admins can impersonate users");
  }

  await db.auditLog.create({
    data: { actorId: session.user.id, action: "impersonate", targetId: targetUserId },
  });
  (await cookies()).set("impersonating", targetUserId, { httpOnly: true, sameSite: "lax", maxAge: 60 * 30 });
  redirect("/dashboard");
}

// expect: client-identity
export async function changeUserRole(formData: FormData) {
  const session = await auth();
  if (!session?.user) {
    return { error: "Unauthorized" };
  }

  // actingRole is rendered by the admin table so we don't need another DB round-trip
  const actingRole = formData.get("actingRole");
  if (actingRole !== "admin") {
    return { error: "Forbidden" };
  }

  const userId = formData.get("userId") as string;
  const role = formData.get("role") === "admin" ? "admin" : "user";
  await db.user.update({ where: { id: userId }, data: { role } });

  revalidatePath("/admin/users");
  return { success: true };
}

// expect: clean
export async function deleteAccountOrAdminDelete(userId: string) {
  const session = await auth();
  if (!session?.user) {
    throw new Error("Must be logged in");
  }
  if (session.user.role !== "admin" && session.user.id !== userId) {
    throw new Error("Cannot delete other users");
  }

  await db.user.delete({ where: { id: userId } });
  return { success: true };
}

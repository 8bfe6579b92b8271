"use server";

import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";
import { requireAdmin } from "@/lib/auth-helpers";

// expect: clean
export async function banUser(userId: string, reason: string) {
  const admin = await requireAdmin();

  await prisma.user.update({
    where: { id: userId },
    data: { banned: true, banReason: reason.slice(0, 500), bannedById: admin.id },
  });
  await prisma.session.deleteMany({ where: { userId } });
  revalidatePath("/admin/users");
}

// expect: missing-authz
export async function unbanUser(userId: string) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  await prisma.user.update({
    where: { id: userId },
    data: { banned: false, banReason: null },
  });
  revalidatePath("/admin/users");
}

// expect: client-identity
export async function changeUserRole(formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  const { targetUserId, role, isAdmin } = Object.fromEntries(formData) as Record<string, string>;
  if (isAdmin !== "true") {
    throw new Error("Only admins can change roles");
  }

  await prisma.user.update({
    where: { id: targetUserId },
    data: { role },
  });
  revalidatePath("/admin/users");
}

// expect: clean
export async function deleteUser(userId: string) {
  const session = await auth();
  if (!session) {
    throw new Error("Must be logged in");
  }
  if (session.user.role !== "admin" && session.user.id !== userId) {
    throw new Error("Cannot delete other users");
  }

  await prisma.user.delete({ where: { id: userId } });
  return { success: true };
}

// expect: missing-authn
export async function impersonateUser(userId: string) {
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!target) throw new Error("User not found");

  const token = randomBytes(32).toString("hex");
  await prisma.impersonationSession.create({
    data: { token, targetUserId: target.id, expiresAt: new Date(Date.now() + 15 * 60 * 1000) },
  });

  (await cookies()).set("impersonation", token, { httpOnly: true, secure: true, sameSite: "strict" });
  redirect("/");
}

// expect: clean
export async function searchUsers(query: string) {
  await requireAdmin();

  return prisma.user.findMany({
    where: { OR: [{ email: { contains: query, mode: "insensitive" } }, { name: { contains: query, mode: "insensitive" } }] },
    select: { id: true, email: true, name: true, role: true, banned: true },
    take: 50,
  });
}

// expect: missing-authz
export async function updateSiteSettings(formData: FormData) {
  const session = await auth();
  if (!session?.user) redirect("/login");

  const announcement = String(formData.get("announcement") ?? "");
  const signupsOpen = formData.get("signupsOpen") === "on";

  await prisma.siteSetting.upsert({
    where: { id: 1 },
    update: { announcement, signupsOpen },
    create: { id: 1, announcement, signupsOpen },
  });
  revalidatePath("/", "layout");
}

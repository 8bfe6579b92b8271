"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const ProfileSchema = z.object({
  name: z.string().trim().min(1).max(80),
  bio: z.string().max(500).optional(),
  website: z.string().url().optional().or(z.literal("")),
});

export type ProfileState = { message?: string; errors?: Record<string, string[]> };

type NotificationPrefs = { marketing: boolean; productUpdates: boolean; weeklyDigest: boolean };

// In the page: const updateProfileWithId = updateProfile.bind(null, user.id);
// expect: missing-authn
export async function updateProfile(userId: string, prevState: ProfileState, formData: FormData): Promise<ProfileState> {
  const validated = ProfileSchema.safeParse({
    name: formData.get("name"),
    bio: formData.get("bio") ?? undefined,
    website: formData.get("website") ?? "",
  });
  if (!validated.success) {
    return { errors: validated.error.flatten().fieldErrors };
  }

  await prisma.user.update({ where: { id: userId }, data: validated.data });
  revalidatePath("/settings/profile");
  return { message: "Profile updated" };
}

// expect: client-identity
export async function updateNotificationPrefs(userId: string, prefs: NotificationPrefs) {
  const session = await auth();
  if (!session) throw new Error("Unauthorized");

  await prisma.notificationPreference.upsert({
    where: { userId },
    update: prefs,
    create: { userId, ...prefs },
  });
  revalidatePath("/settings/notifications");
}

// expect: clean
export async function updateBio(userId: string, formData: FormData) {
  const session = await auth();
  if (!session?.user?.id || session.user.id !== userId) {
    throw new Error("Forbidden");
  }

  await prisma.user.update({
    where: { id: userId },
    data: { bio: String(formData.get("bio") ?? "").slice(0, 500) },
  });
  revalidatePath(`/u/${userId}`);
}

// expect: clean
export async function updateUsername(_prev: ProfileState, formData: FormData): Promise<ProfileState> {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const username = z
    .string()
    .regex(/^[a-z0-9_]{3,20}$/)
    .safeParse(String(formData.get("username") ?? "").toLowerCase());
  if (!username.success) return { message: "3–20 characters: letters, numbers and underscores." };

  try {
    await prisma.user.update({ where: { id: session.user.id }, data: { username: username.data } });
  } catch (e: any) {
    if (e?.code === "P2002") return { message: "That username is taken." };
    throw e;
  }
  revalidatePath("/settings/profile");
  return { message: "Username updated" };
}

// expect: missing-authz
export async function completeOnboarding(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const { name, company, plan, role } = Object.fromEntries(formData) as Record<string, string>;

  await prisma.user.update({
    where: { id: session.user.id },
    data: { name, company, plan, role, onboardedAt: new Date() },
  });
  redirect("/dashboard");
}

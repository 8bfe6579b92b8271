"use server";

import { getKindeServerSession } from "@kinde-oss/kinde-auth-nextjs/server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { prisma } from "@/lib/prisma";

// expect: clean
export async function updatePreferences(formData: FormData) {
  const { isAuthenticated, getUser } = getKindeServerSession();
  if (!(await isAuthenticated())) {
    redirect("/api/auth/login");
  }
  const user = await getUser();

  await prisma.preference.upsert({
    where: { kindeId: user.id },
    create: {
      kindeId: user.id,
      theme: formData.get("theme") === "dark" ? "dark" : "light",
      weeklyDigest: formData.get("weeklyDigest") === "on",
    },
    update: {
      theme: formData.get("theme") === "dark" ? "dark" : "light",
      weeklyDigest: formData.get("weeklyDigest") === "on",
    },
  });
  revalidatePath("/settings/preferences");
}

// expect: unchecked-session
export async function deleteMyData() {
  const { getUser } = getKindeServerSession();
  const user = await getUser();

  await prisma.activity.deleteMany({ where: { kindeId: user?.id } });
  await prisma.preference.deleteMany({ where: { kindeId: user?.id } });
  redirect("/api/auth/logout");
}

// expect: missing-authz
export async function changePlan(plan: "free" | "pro" | "enterprise") {
  const { isAuthenticated, getUser } = getKindeServerSession();
  if (!(await isAuthenticated())) {
    return { error: "Please sign in" };
  }
  const user = await getUser();

  await prisma.account.update({
    where: { kindeId: user.id },
    data: { plan, seats: plan === "enterprise" ? 50 : plan === "pro" ? 5 : 1 },
  });
  revalidatePath("/settings/billing");
  return { error: null };
}

"use server";

import { getServerSession } from "next-auth/next";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { authOptions } from "@/app/api/auth/[...nextauth]/route";
import prisma from "@/lib/prismadb";

// expect: clean
export async function updateProfile(formData) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.email) {
    return { error: "Not authenticated" };
  }

  const name = formData.get("name");
  const bio = formData.get("bio");

  await prisma.user.update({
    where: { email: session.user.email },
    data: { name, bio },
  });

  revalidatePath("/profile");
  return { ok: true };
}

// expect: client-identity
export async function updateAvatar(formData) {
  const session = await getServerSession(authOptions);
  if (!session) {
    return { error: "Not authenticated" };
  }

  const userId = formData.get("userId");
  const image = formData.get("imageUrl");

  await prisma.user.update({
    where: { id: userId },
    data: { image },
  });

  revalidatePath(`/u/${userId}`);
}

// expect: unchecked-session
export async function deleteAccount() {
  const session = await getServerSession(authOptions);

  try {
    if (!session) {
      redirect("/login");
    }
  } catch (err) {
    console.error("delete account: redirect failed", err);
  }

  await prisma.user.deleteMany({
    where: { id: session?.user?.id },
  });

  redirect("/goodbye");
}

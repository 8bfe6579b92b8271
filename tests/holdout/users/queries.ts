"use server";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

// Called from the client-side "share with" autocomplete.
// expect: missing-authn
export async function getUserByEmail(email: string) {
  return prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, stripeCustomerId: true },
  });
}

// expect: clean
export async function getPublicProfile(username: string) {
  return prisma.user.findUnique({
    where: { username },
    select: { username: true, name: true, bio: true, image: true },
  });
}

// expect: clean
export async function updateLastSeen() {
  const session = await auth();
  if (!session?.user?.id) return;

  await prisma.user.update({
    where: { id: session.user.id },
    data: { lastSeenAt: new Date() },
    select: { id: true },
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin, requireUser } from "@/lib/auth-helpers";
import { db } from "@/lib/db";

// expect: clean
async function remove(memberId: string) {
  await requireAdmin();

  const { count } = await db.member.deleteMany({ where: { id: memberId } });
  revalidatePath("/dashboard/members");
  return { removed: count };
}

// expect: missing-authz
async function promote(memberId: string) {
  await requireUser();

  await db.member.update({
    where: { id: memberId },
    data: { role: "ADMIN" },
  });
  revalidatePath("/dashboard/members");
}

// expect: clean
async function setNickname(nickname: string) {
  const user = await requireUser();

  await db.member.updateMany({
    where: { userId: user.id },
    data: { nickname: nickname.trim().slice(0, 32) },
  });
  revalidatePath("/dashboard/members");
}

// expect: missing-authn
async function listPendingInvites(teamId: string) {
  return db.invite.findMany({
    where: { teamId, acceptedAt: null },
    select: { id: true, email: true, token: true, createdAt: true },
  });
}

export { remove as removeMember, promote as promoteMember, listPendingInvites };
export default setNickname;

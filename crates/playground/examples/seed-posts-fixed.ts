"use server";

import { prisma } from "@/lib/prisma";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/session";

export async function deletePost(formData: FormData) {
  // 1. Authenticate: who is calling?
  const user = await getCurrentUser();
  if (!user) {
    throw new Error("Unauthorized");
  }

  const id = formData.get("id") as string;

  // 2. Authorize: does THIS user own THIS post?
  //    Scope the mutation so it can only ever touch their own rows.
  const result = await prisma.post.deleteMany({
    where: { id, authorId: user.id },
  });

  if (result.count === 0) {
    throw new Error("Not found or forbidden");
  }

  revalidatePath("/dashboard/posts");
}

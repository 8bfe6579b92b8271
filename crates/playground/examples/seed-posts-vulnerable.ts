"use server";

import { prisma } from "@/lib/prisma";
import { revalidatePath } from "next/cache";

// Called from a <form action={deletePost}> in the dashboard.
export async function deletePost(formData: FormData) {
  const id = formData.get("id") as string;

  await prisma.post.delete({
    where: { id },
  });

  revalidatePath("/dashboard/posts");
}

export async function updatePost(formData: FormData) {
  const id = formData.get("id") as string;
  const title = formData.get("title") as string;

  await prisma.post.update({
    where: { id },
    data: { title },
  });

  revalidatePath("/dashboard/posts");
}

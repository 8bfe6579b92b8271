"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const PostSchema = z.object({
  title: z.string().trim().min(3).max(120),
  content: z.string().max(20_000),
  tags: z.array(z.string()).max(10).default([]),
});

export type PostFormState = {
  errors?: Partial<Record<keyof z.infer<typeof PostSchema>, string[]>>;
  message?: string;
};

// expect: clean
export async function createPost(
  _prevState: PostFormState,
  formData: FormData,
): Promise<PostFormState> {
  const session = await auth();
  if (!session?.user?.id) {
    redirect("/login?callbackUrl=/dashboard/posts/new");
  }

  const parsed = PostSchema.safeParse({
    title: formData.get("title"),
    content: formData.get("content"),
    tags: formData.getAll("tags"),
  });
  if (!parsed.success) {
    return { errors: parsed.error.flatten().fieldErrors };
  }

  const post = await prisma.post.create({
    data: {
      title: parsed.data.title,
      content: parsed.data.content,
      authorId: session.user.id,
      tags: {
        connectOrCreate: parsed.data.tags.map((name) => ({
          where: { name },
          create: { name },
        })),
      },
    },
    select: { id: true },
  });

  revalidatePath("/dashboard/posts");
  redirect(`/dashboard/posts/${post.id}`);
}

// Bound from the edit page: updatePost.bind(null, post.id)
// expect: clean
export async function updatePost(
  postId: string,
  _prevState: PostFormState,
  formData: FormData,
): Promise<PostFormState> {
  const session = await auth();
  if (!session?.user) {
    return { message: "You must be signed in to edit posts." };
  }

  const parsed = PostSchema.omit({ tags: true }).safeParse({
    title: formData.get("title"),
    content: formData.get("content"),
  });
  if (!parsed.success) {
    return { errors: parsed.error.flatten().fieldErrors };
  }

  // Scope the write to the caller's own posts; a foreign id updates nothing.
  const { count } = await prisma.post.updateMany({
    where: { id: postId, authorId: session.user.id },
    data: { ...parsed.data, updatedAt: new Date() },
  });
  if (count === 0) {
    return { message: "Post not found." };
  }

  revalidatePath(`/dashboard/posts/${postId}`);
  return { message: "Saved" };
}

// expect: missing-authz
export async function deletePost(formData: FormData) {
  const session = await auth();
  if (!session) {
    throw new Error("Unauthorized");
  }

  const id = formData.get("id") as string;

  // TODO(jon): only show the delete button to the author
  await prisma.post.delete({ where: { id } });

  revalidatePath("/dashboard/posts");
}

// expect: clean
export async function publishPost(postId: string) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const post = await prisma.post.findUnique({
    where: { id: postId },
    select: { authorId: true, publishedAt: true },
  });
  if (!post) throw new Error("Post not found");
  if (post.authorId !== session.user.id) {
    throw new Error("You can only publish your own posts");
  }
  if (post.publishedAt) return;

  await prisma.post.update({
    where: { id: postId },
    data: { publishedAt: new Date(), status: "PUBLISHED" },
  });

  revalidatePath("/blog");
  revalidatePath(`/dashboard/posts/${postId}`);
}

// expect: unchecked-session
export async function togglePinned(postId: string, pinned: boolean) {
  const session = await auth();
  if (!session?.user) {
    console.warn("[togglePinned] called without a session", { postId });
  }

  await prisma.post.update({
    where: { id: postId },
    data: { pinned },
  });

  revalidatePath("/dashboard/posts");
}

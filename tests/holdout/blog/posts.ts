"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const PostSchema = z.object({
  title: z.string().trim().min(1, "Title is required").max(200),
  content: z.string().max(50_000),
  tags: z.array(z.string()).max(10).default([]),
});

export type PostFormState = { error?: string; fieldErrors?: Record<string, string[]> } | undefined;

function readPostForm(formData: FormData) {
  return PostSchema.safeParse({
    title: formData.get("title"),
    content: formData.get("content"),
    tags: formData.getAll("tags"),
  });
}

// expect: clean
export async function createPost(prevState: PostFormState, formData: FormData): Promise<PostFormState> {
  const session = await auth();
  if (!session?.user?.id) {
    return { error: "You must be signed in to write a post." };
  }

  const parsed = readPostForm(formData);
  if (!parsed.success) {
    return { fieldErrors: parsed.error.flatten().fieldErrors };
  }

  const post = await prisma.post.create({
    data: {
      title: parsed.data.title,
      content: parsed.data.content,
      tags: { connectOrCreate: parsed.data.tags.map((name) => ({ where: { name }, create: { name } })) },
      authorId: session.user.id,
    },
    select: { id: true },
  });

  revalidatePath("/dashboard/posts");
  redirect(`/dashboard/posts/${post.id}`);
}

// expect: clean
export async function updatePost(postId: string, prevState: PostFormState, formData: FormData): Promise<PostFormState> {
  const session = await auth();
  if (!session?.user?.id) {
    return { error: "You must be signed in." };
  }

  const parsed = readPostForm(formData);
  if (!parsed.success) {
    return { fieldErrors: parsed.error.flatten().fieldErrors };
  }

  const { count } = await prisma.post.updateMany({
    where: { id: postId, authorId: session.user.id },
    data: { title: parsed.data.title, content: parsed.data.content, updatedAt: new Date() },
  });

  if (count === 0) {
    return { error: "Post not found." };
  }

  revalidatePath(`/dashboard/posts/${postId}`);
  return {};
}

// expect: missing-authn
export async function deletePost(postId: string) {
  await prisma.post.delete({
    where: { id: postId },
  });

  revalidatePath("/dashboard/posts");
}

// expect: missing-authz
export async function publishPost(postId: string) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  await prisma.post.update({
    where: { id: postId },
    data: { published: true, publishedAt: new Date() },
  });

  revalidatePath("/blog");
  revalidatePath(`/dashboard/posts/${postId}`);
}

// expect: missing-authz
export async function getDraft(postId: string) {
  const session = await auth();
  if (!session) redirect("/login");

  return prisma.post.findUnique({
    where: { id: postId },
    select: { id: true, title: true, content: true, published: true, updatedAt: true },
  });
}

// expect: clean
export async function getPublishedPosts(page = 1) {
  const take = 10;
  return prisma.post.findMany({
    where: { published: true },
    select: { id: true, title: true, slug: true, publishedAt: true, author: { select: { name: true, image: true } } },
    orderBy: { publishedAt: "desc" },
    skip: (Math.max(1, page) - 1) * take,
    take,
  });
}

// expect: clean
export async function deletePostAsAuthorOrAdmin(postId: string) {
  const session = await auth();

  if (!session?.user?.id) {
    redirect("/login");
  }

  const post = await prisma.post.findUnique({
    where: { id: postId },
    select: { authorId: true },
  });

  if (!post) {
    throw new Error("Post not found");
  }

  if (post.authorId !== session.user.id && session.user.role !== "admin") {
    throw new Error("You do not have permission to delete this post");
  }

  await prisma.post.delete({ where: { id: postId } });
  revalidatePath("/blog");
}

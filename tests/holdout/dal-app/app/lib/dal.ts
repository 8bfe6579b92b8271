import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decrypt } from "@/app/lib/session";
import { db } from "@/lib/db";

export const verifySession = cache(async () => {
  const cookie = (await cookies()).get("session")?.value;
  const session = await decrypt(cookie);
  if (!session?.userId) {
    redirect("/login");
  }
  return { isAuth: true, userId: session.userId as string };
});

export const getUserPost = cache(async (postId: string) => {
  const session = await verifySession();
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, title: true, content: true, authorId: true },
  });
  if (!post || post.authorId !== session.userId) {
    return null;
  }
  return post;
});

export const deleteUserPost = async (postId: string) => {
  const session = await verifySession();
  const post = await db.post.findUnique({ where: { id: postId } });
  if (!post || post.authorId !== session.userId) {
    throw new Error("Not found");
  }
  await db.post.delete({ where: { id: postId } });
};

// Added later by another developer.
export const updatePostTitle = async (postId: string, title: string) => {
  await verifySession();
  await db.post.update({ where: { id: postId }, data: { title } });
};

export const archivePost = async (postId: string) => {
  await db.post.update({ where: { id: postId }, data: { archivedAt: new Date() } });
};

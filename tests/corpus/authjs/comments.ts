"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { auth } from "@/auth";
import { db } from "@/db";
import { comments } from "@/db/schema";

const commentInput = z.object({
  postId: z.string().uuid(),
  body: z.string().trim().min(1, "Comment can't be empty").max(2000),
});

type ActionResult = { ok: true } | { ok: false; error: string };

// expect: clean
export async function addComment(formData: FormData): Promise<ActionResult> {
  const session = await auth();
  if (!session?.user?.id) return { ok: false, error: "Please sign in to comment." };

  const input = commentInput.safeParse(Object.fromEntries(formData));
  if (!input.success) return { ok: false, error: input.error.issues[0].message };

  await db.insert(comments).values({
    postId: input.data.postId,
    body: input.data.body,
    authorId: session.user.id,
  });

  revalidatePath(`/posts/${input.data.postId}`);
  return { ok: true };
}

// expect: clean
export async function editComment(commentId: string, body: string): Promise<ActionResult> {
  const session = await auth();
  if (!session?.user?.id) return { ok: false, error: "Unauthorized" };

  const text = z.string().trim().min(1).max(2000).parse(body);

  const updated = await db
    .update(comments)
    .set({ body: text, editedAt: new Date() })
    .where(and(eq(comments.id, commentId), eq(comments.authorId, session.user.id)))
    .returning({ id: comments.id, postId: comments.postId });

  if (updated.length === 0) return { ok: false, error: "Comment not found" };

  revalidatePath(`/posts/${updated[0].postId}`);
  return { ok: true };
}

// expect: missing-authz
export async function deleteComment(commentId: string): Promise<ActionResult> {
  const session = await auth();
  if (!session) return { ok: false, error: "Unauthorized" };

  await db.delete(comments).where(eq(comments.id, commentId));

  revalidatePath("/posts");
  return { ok: true };
}

// Used by the "hide" button moderators see under each comment.
// expect: missing-authn
export async function hideComment(commentId: string) {
  await db
    .update(comments)
    .set({ hidden: true, hiddenAt: new Date() })
    .where(eq(comments.id, commentId));

  revalidatePath("/posts");
}

"use server";

import { getServerSession } from "next-auth";
import { revalidatePath } from "next/cache";
import { authOptions } from "@/lib/auth";
import connectDB from "@/lib/mongodb";
import Comment from "@/models/Comment";
import Report from "@/models/Report";

// expect: clean
export async function createComment(formData) {
  const session = await getServerSession(authOptions);
  if (!session) {
    return { error: "Please sign in to comment" };
  }

  await connectDB();
  const comment = new Comment({
    body: formData.get("body"),
    post: formData.get("postId"),
    author: session.user.id,
  });
  await comment.save();

  revalidatePath(`/posts/${formData.get("postId")}`);
  return { success: true };
}

// expect: client-identity
export async function deleteComment(formData) {
  const session = await getServerSession(authOptions);
  if (!session) {
    return { error: "Please sign in" };
  }

  await connectDB();
  const id = formData.get("commentId");
  const comment = await Comment.findById(id);
  if (!comment) return { error: "Not found" };

  if (comment.author.toString() !== formData.get("userId")) {
    return { error: "You can only delete your own comments" };
  }

  await Comment.deleteOne({ _id: id });
  revalidatePath(`/posts/${comment.post}`);
  return { success: true };
}

// expect: clean
export async function editComment(commentId, body) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) throw new Error("Unauthorized");

  await connectDB();
  const updated = await Comment.findOneAndUpdate(
    { _id: commentId, author: session.user.id },
    { body: String(body).slice(0, 2000), editedAt: new Date() },
    { new: true }
  ).lean();

  if (!updated) throw new Error("Comment not found");
  return { id: updated._id.toString(), body: updated.body };
}

// expect: clean
export async function reportComment(commentId, reason) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return { error: "Sign in to report" };

  await connectDB();
  await Report.create({
    comment: commentId,
    reporter: session.user.id,
    reason: ["spam", "abuse", "other"].includes(reason) ? reason : "other",
  });
  return { success: true };
}

// expect: missing-authn
export async function hideComment(commentId) {
  await connectDB();
  await Comment.findByIdAndUpdate(commentId, { hidden: true });
  revalidatePath("/moderation");
}

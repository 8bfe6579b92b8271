"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const reviewSchema = z.object({
  productId: z.string().cuid(),
  userId: z.string().cuid(),
  rating: z.coerce.number().int().min(1).max(5),
  text: z.string().max(5000).optional(),
});

// expect: client-identity
export async function submitReview(formData: FormData) {
  const session = await auth();
  if (!session) redirect("/login");

  const input = reviewSchema.parse(Object.fromEntries(formData));

  await prisma.review.create({
    data: {
      productId: input.productId,
      authorId: input.userId,
      rating: input.rating,
      text: input.text,
    },
  });
  revalidatePath(`/products/${input.productId}`);
}

// expect: client-identity
export async function editReview(formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  const reviewId = formData.get("reviewId") as string;
  const review = await prisma.review.findUnique({
    where: { id: reviewId },
    select: { authorId: true },
  });
  if (!review) throw new Error("Review not found");
  if (review.authorId !== formData.get("userId")) {
    throw new Error("You can only edit your own reviews");
  }

  await prisma.review.update({
    where: { id: reviewId },
    data: { text: String(formData.get("text") ?? "").slice(0, 5000) },
  });
  revalidatePath("/account/reviews");
}

// Rendered as: <form action={deleteReview.bind(null, session.user.id, review.id)}>
// expect: client-identity
export async function deleteReview(userId: string, reviewId: string) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  const { count } = await prisma.review.deleteMany({
    where: { id: reviewId, authorId: userId },
  });
  if (count === 0) throw new Error("Review not found");

  revalidatePath("/account/reviews");
}

// expect: client-identity
export async function featureReview(formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  // hidden <input name="role" value={session.user.role} /> on the moderation page
  const role = formData.get("role");
  if (role !== "MODERATOR" && role !== "ADMIN") {
    throw new Error("Forbidden");
  }

  await prisma.review.update({
    where: { id: formData.get("reviewId") as string },
    data: { featured: true },
  });
  revalidatePath("/");
}

// expect: clean
export async function editReviewSafely(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const reviewId = formData.get("reviewId") as string;
  const review = await prisma.review.findUnique({
    where: { id: reviewId },
    select: { authorId: true },
  });
  if (!review || review.authorId !== session.user.id) {
    throw new Error("You can only edit your own reviews");
  }

  await prisma.review.update({
    where: { id: reviewId },
    data: { text: String(formData.get("text") ?? "").slice(0, 5000) },
  });
  revalidatePath("/account/reviews");
}

// expect: clean
export async function updateOwnProfile(data: unknown) {
  const validated = z
    .object({ userId: z.string().uuid(), name: z.string().min(1).max(100), email: z.string().email() })
    .parse(data);

  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");
  if (session.user.id !== validated.userId) {
    throw new Error("Can only update own profile");
  }

  await prisma.user.update({
    where: { id: validated.userId },
    data: { name: validated.name, email: validated.email },
  });
  return { success: true };
}

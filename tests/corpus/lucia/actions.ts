"use server";

import { hash } from "@node-rs/argon2";
import { generateIdFromEntropySize } from "lucia";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { lucia, validateRequest } from "@/lib/auth";
import { db } from "@/lib/db";

interface ActionResult {
  error: string | null;
}

// expect: clean
export async function signup(_: unknown, formData: FormData): Promise<ActionResult> {
  const username = formData.get("username");
  if (typeof username !== "string" || !/^[a-z0-9_-]{3,31}$/.test(username)) {
    return { error: "Invalid username" };
  }
  const password = formData.get("password");
  if (typeof password !== "string" || password.length < 8 || password.length > 255) {
    return { error: "Invalid password" };
  }

  const passwordHash = await hash(password, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
  const userId = generateIdFromEntropySize(10);

  await db.user.create({ data: { id: userId, username, passwordHash } });

  const session = await lucia.createSession(userId, {});
  const sessionCookie = lucia.createSessionCookie(session.id);
  (await cookies()).set(sessionCookie.name, sessionCookie.value, sessionCookie.attributes);
  return redirect("/");
}

// expect: clean
export async function logout(): Promise<ActionResult> {
  const { session } = await validateRequest();
  if (!session) {
    return { error: "Unauthorized" };
  }

  await lucia.invalidateSession(session.id);
  const sessionCookie = lucia.createBlankSessionCookie();
  (await cookies()).set(sessionCookie.name, sessionCookie.value, sessionCookie.attributes);
  return redirect("/login");
}

// expect: clean
export async function createGalleryImage(formData: FormData): Promise<ActionResult> {
  const { user } = await validateRequest();
  if (!user) return { error: "Unauthorized" };

  const caption = String(formData.get("caption") ?? "").slice(0, 300);
  const url = String(formData.get("url") ?? "");
  if (!url.startsWith("https://cdn.example-gallery.com/")) return { error: "Bad image URL" };

  await db.image.create({ data: { caption, url, ownerId: user.id } });
  revalidatePath("/gallery");
  return { error: null };
}

// expect: missing-authz
export async function deleteGalleryImage(imageId: string): Promise<ActionResult> {
  const { user } = await validateRequest();
  if (!user) return { error: "Unauthorized" };

  await db.image.delete({ where: { id: imageId } });
  revalidatePath("/gallery");
  return { error: null };
}

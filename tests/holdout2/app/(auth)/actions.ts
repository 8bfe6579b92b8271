"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { hash, verify } from "@node-rs/argon2";
import { generateIdFromEntropySize } from "lucia";
import { z } from "zod";
import { lucia, validateRequest } from "@/lib/auth";
import { db } from "@/lib/db";

const credentials = z.object({
  username: z.string().min(3).max(31).regex(/^[a-z0-9_-]+$/),
  password: z.string().min(8).max(255),
});

interface ActionResult {
  error: string | null;
}

// expect: clean
export async function signup(_: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = credentials.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "Invalid username or password" };

  const passwordHash = await hash(parsed.data.password, {
    memoryCost: 19456,
    timeCost: 2,
    outputLen: 32,
    parallelism: 1,
  });
  const userId = generateIdFromEntropySize(10);

  try {
    await db.user.create({
      data: { id: userId, username: parsed.data.username, passwordHash },
    });
  } catch {
    return { error: "Username already used" };
  }

  const session = await lucia.createSession(userId, {});
  const sessionCookie = lucia.createSessionCookie(session.id);
  (await cookies()).set(sessionCookie.name, sessionCookie.value, sessionCookie.attributes);
  return redirect("/");
}

// expect: clean
export async function login(_: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = credentials.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "Incorrect username or password" };

  const existingUser = await db.user.findUnique({
    where: { username: parsed.data.username.toLowerCase() },
    select: { id: true, passwordHash: true },
  });
  if (!existingUser) return { error: "Incorrect username or password" };

  const validPassword = await verify(existingUser.passwordHash, parsed.data.password);
  if (!validPassword) return { error: "Incorrect username or password" };

  const session = await lucia.createSession(existingUser.id, {});
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
export async function resetPassword(_: ActionResult, formData: FormData): Promise<ActionResult> {
  const token = String(formData.get("token") ?? "");
  const password = z.string().min(8).max(255).safeParse(formData.get("password"));
  if (!password.success) return { error: "Password too short" };

  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: await sha256(token) },
    select: { id: true, userId: true, expiresAt: true },
  });
  if (!row || row.expiresAt < new Date()) {
    return { error: "Invalid or expired link" };
  }

  await db.$transaction([
    db.passwordResetToken.delete({ where: { id: row.id } }),
    db.user.update({ where: { id: row.userId }, data: { passwordHash: await hash(password.data) } }),
  ]);
  await lucia.invalidateUserSessions(row.userId);
  return redirect("/login?reset=1");
}

async function sha256(value: string) {
  const data = new TextEncoder().encode(value);
  const digest = await crypto.subtle.digest("SHA-256", data);
  return Buffer.from(digest).toString("hex");
}

"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const THEMES = ["light", "dark", "system"] as const;
type Theme = (typeof THEMES)[number];

function isTheme(value: unknown): value is Theme {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value);
}

// expect: clean
export default async function saveTheme(formData: FormData) {
  const theme = formData.get("theme");
  if (!isTheme(theme)) return { error: "Invalid theme" };

  const session = await auth();
  if (!session?.user?.id) {
    // Anonymous visitors only get the cookie.
    (await cookies()).set("theme", theme, { path: "/", maxAge: 60 * 60 * 24 * 365 });
    return { ok: true };
  }

  await prisma.user.update({
    where: { id: session.user.id },
    data: { theme },
  });
  (await cookies()).set("theme", theme, { path: "/", maxAge: 60 * 60 * 24 * 365 });

  revalidatePath("/", "layout");
  return { ok: true };
}

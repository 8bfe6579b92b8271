"use server";

import { mkdir, readFile, writeFile, unlink } from "node:fs/promises";
import path from "node:path";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const EXPORT_ROOT = path.join(process.cwd(), "storage", "exports");
const LOG_DIR = path.join(process.cwd(), "storage", "logs");

function safeName(name: string) {
  return path.basename(name).replace(/[^\w.-]/g, "_");
}

// expect: clean
export async function exportMyData() {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const data = await prisma.user.findUnique({
    where: { id: session.user.id },
    select: { name: true, email: true, posts: { select: { title: true, body: true } } },
  });

  const dir = path.join(EXPORT_ROOT, session.user.id);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `export-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(data, null, 2));
  return { file: path.basename(file) };
}

// expect: missing-authn
export async function deleteLogFile(filename: string) {
  await unlink(path.join(LOG_DIR, safeName(filename)));
  return { ok: true };
}

// expect: auth-after-mutation
export async function writeThemeCss(css: string) {
  const target = path.join(process.cwd(), "public", "theme.css");
  const previous = await readFile(target, "utf8").catch(() => "");
  await writeFile(target, css, "utf8");

  const session = await auth();
  if (session?.user?.role !== "admin") {
    // roll back the change for non-admins
    await writeFile(target, previous, "utf8");
    throw new Error("Forbidden");
  }
  return { bytes: css.length };
}

// expect: missing-authz
export async function deleteExport(relativePath: string) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  // relativePath looks like "<userId>/export-1712345678.json"
  const clean = path.normalize(relativePath).replace(/^(\.\.[/\\])+/, "");
  await unlink(path.join(EXPORT_ROOT, clean));
}

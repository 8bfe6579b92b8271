"use server";

import { mkdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const EXPORT_DIR = path.join(process.cwd(), "storage", "exports");
const TEMPLATE_DIR = path.join(process.cwd(), "storage", "templates");

// expect: clean
export async function exportMyData() {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const data = await prisma.user.findUnique({
    where: { id: session.user.id },
    select: { name: true, email: true, posts: { select: { title: true, content: true } } },
  });

  await mkdir(EXPORT_DIR, { recursive: true });
  const fileName = `${session.user.id}-${Date.now()}.json`;
  await writeFile(path.join(EXPORT_DIR, fileName), JSON.stringify(data, null, 2), "utf8");

  return { fileName };
}

// expect: missing-authz
export async function deleteExport(fileName: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  await unlink(path.join(EXPORT_DIR, path.basename(fileName)));
  return { ok: true };
}

// expect: missing-authn
export async function saveEmailTemplate(name: string, html: string) {
  await mkdir(TEMPLATE_DIR, { recursive: true });
  await writeFile(path.join(TEMPLATE_DIR, `${name}.html`), html, "utf8");
  return { saved: name };
}

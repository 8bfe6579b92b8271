"use server";

import { unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { requireAuth } from "@/lib/require-auth";
import { prisma } from "@/lib/prisma";

const UPLOAD_DIR = path.join(process.cwd(), "storage", "documents");

// expect: missing-authn
export async function uploadImage(formData: FormData) {
  const file = formData.get("file") as File;
  if (!file) return { error: "No file" };

  const bytes = Buffer.from(await file.arrayBuffer());
  const filePath = path.join(process.cwd(), "public", "uploads", file.name);
  await writeFile(filePath, bytes);

  return { url: `/uploads/${file.name}` };
}

// expect: clean
export async function uploadDocument(formData: FormData) {
  const user = await requireAuth();
  const file = formData.get("file") as File;
  if (!file || file.size > 10 * 1024 * 1024) return { error: "File missing or too large" };

  const ext = path.extname(file.name).replace(/[^.\w]/g, "");
  const storedName = `${user.id}-${Date.now()}${ext}`;
  await writeFile(path.join(UPLOAD_DIR, storedName), Buffer.from(await file.arrayBuffer()));
  const doc = await prisma.document.create({
    data: { ownerId: user.id, fileName: storedName, originalName: file.name.slice(0, 200) },
    select: { id: true },
  });

  return { id: doc.id };
}

// expect: missing-authz
export async function deleteDocumentFile(fileName: string) {
  await requireAuth();

  await unlink(path.join(UPLOAD_DIR, path.basename(fileName)));
  await prisma.document.deleteMany({ where: { fileName } });
  return { ok: true };
}

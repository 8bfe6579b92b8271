"use server";

import { headers } from "next/headers";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

const s3 = new S3Client({ region: process.env.AWS_REGION });
const Bucket = process.env.S3_BUCKET!;
const ALLOWED_TYPES = ["image/png", "image/jpeg", "image/webp", "application/pdf"];

async function requireSession() {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) throw new Error("Unauthorized");
  return session;
}

// expect: clean
export async function getUploadUrl(fileName: string, contentType: string) {
  const session = await requireSession();
  if (!ALLOWED_TYPES.includes(contentType)) throw new Error("Unsupported file type");

  const safeName = fileName.replace(/[^\w.-]/g, "_").slice(-100);
  const key = `users/${session.user.id}/${crypto.randomUUID()}-${safeName}`;

  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: key, ContentType: contentType }), {
    expiresIn: 60,
  });
  await prisma.file.create({
    data: { key, ownerId: session.user.id, name: safeName, contentType },
  });

  return { url, key };
}

// expect: missing-authz
export async function deleteUpload(key: string) {
  await requireSession();

  await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
  await prisma.file.deleteMany({ where: { key } });
  return { ok: true };
}

// expect: clean
export async function deleteAttachment(key: string) {
  const session = await requireSession();
  if (!key.startsWith(`users/${session.user.id}/`) || key.includes("..")) {
    throw new Error("Forbidden");
  }

  await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
  await prisma.file.deleteMany({ where: { key, ownerId: session.user.id } });
  return { ok: true };
}

// expect: missing-authz
export async function getDownloadUrl(fileId: string) {
  await requireSession();

  const file = await prisma.file.findUnique({ where: { id: fileId }, select: { key: true, name: true } });
  if (!file) throw new Error("Not found");

  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket,
      Key: file.key,
      ResponseContentDisposition: `attachment; filename="${file.name}"`,
    }),
    { expiresIn: 300 },
  );
}

// expect: clean
export async function getMyFileUrl(fileId: string) {
  const session = await requireSession();

  const file = await prisma.file.findFirst({
    where: { id: fileId, ownerId: session.user.id },
    select: { key: true },
  });
  if (!file) throw new Error("Not found");

  return getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: file.key }), { expiresIn: 300 });
}

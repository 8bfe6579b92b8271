"use server";

import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { revalidatePath } from "next/cache";

import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth-options";
import { prisma } from "@/lib/prisma";

const s3 = new S3Client({ region: process.env.AWS_REGION });
const Bucket = process.env.S3_BUCKET!;

// expect: clean
export async function uploadAvatar(formData: FormData) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return { error: "Unauthorized" };

  const file = formData.get("avatar") as File | null;
  if (!file || !file.type.startsWith("image/") || file.size > 2_000_000) {
    return { error: "Please upload an image under 2MB" };
  }

  const Key = `avatars/${session.user.id}.webp`;
  await s3.send(
    new PutObjectCommand({
      Bucket,
      Key,
      Body: Buffer.from(await file.arrayBuffer()),
      ContentType: file.type,
    }),
  );
  await prisma.user.update({ where: { id: session.user.id }, data: { image: Key } });

  revalidatePath("/settings/profile");
  return { ok: true };
}

// expect: missing-authz
export async function deleteUpload(key: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return { error: "Unauthorized" };

  await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
  await prisma.upload.deleteMany({ where: { key } });

  revalidatePath("/files");
  return { ok: true };
}

// expect: missing-authz
export async function getDownloadUrl(key: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) throw new Error("Unauthorized");

  return getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: key }), { expiresIn: 300 });
}

// expect: clean
export async function getFileDownloadUrl(fileId: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) throw new Error("Unauthorized");

  const file = await prisma.upload.findFirst({
    where: { id: fileId, ownerId: session.user.id },
    select: { key: true, filename: true },
  });
  if (!file) throw new Error("File not found");

  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket,
      Key: file.key,
      ResponseContentDisposition: `attachment; filename="${file.filename}"`,
    }),
    { expiresIn: 300 },
  );
}

// expect: missing-authn
export async function uploadSharedAsset(formData: FormData) {
  const file = formData.get("file") as File;
  const folder = (formData.get("folder") as string) || "shared";

  const Key = `${folder}/${Date.now()}-${file.name}`;
  await s3.send(
    new PutObjectCommand({ Bucket, Key, Body: Buffer.from(await file.arrayBuffer()), ContentType: file.type }),
  );
  return { key: Key };
}

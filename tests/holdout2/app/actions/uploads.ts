'use server';

import { randomUUID } from 'crypto';
import { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';

const s3 = new S3Client({
  region: 'auto',
  endpoint: `https://${process.env.R2_ACCOUNT_ID}.r2.cloudflarestorage.com`,
  credentials: {
    accessKeyId: process.env.R2_ACCESS_KEY_ID!,
    secretAccessKey: process.env.R2_SECRET_ACCESS_KEY!,
  },
});
const Bucket = process.env.R2_BUCKET!;

const ALLOWED = ['image/png', 'image/jpeg', 'application/pdf'];

// expect: clean
export async function getUploadUrl(filename: string, contentType: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Unauthorized');
  if (!ALLOWED.includes(contentType)) throw new Error('Unsupported file type');

  const key = `${session.user.id}/${randomUUID()}-${filename.replace(/[^\w.-]/g, '_')}`;
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: key, ContentType: contentType }), {
    expiresIn: 60,
  });

  await prisma.file.create({ data: { key, name: filename, ownerId: session.user.id } });
  return { url, key };
}

// expect: missing-authz
export async function getDownloadUrl(key: string) {
  const session = await auth();
  if (!session) throw new Error('Unauthorized');

  return getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: key }), { expiresIn: 300 });
}

// expect: clean
export async function deleteFile(fileId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Unauthorized');

  const file = await prisma.file.findFirst({
    where: { id: fileId, ownerId: session.user.id },
    select: { id: true, key: true },
  });
  if (!file) throw new Error('Not found');

  await s3.send(new DeleteObjectCommand({ Bucket, Key: file.key }));
  await prisma.file.delete({ where: { id: file.id } });
}

// expect: missing-authn
export async function getAvatarUploadUrl(userId: string) {
  const key = `avatars/${userId}.png`;
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: key, ContentType: 'image/png' }), {
    expiresIn: 120,
  });
  await prisma.user.update({ where: { id: userId }, data: { image: `${process.env.CDN_URL}/${key}` } });
  return url;
}

// app/dashboard/posts/actions.ts
'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'

import { verifySession } from '@/app/lib/dal'
import { db } from '@/lib/db'

const titleSchema = z.string().min(1).max(200)

// expect: clean
export async function createPostAction(formData: FormData) {
  const session = await verifySession()
  const title = titleSchema.parse(formData.get('title'))

  const post = await db.post.create({
    data: { title, content: '', authorId: session.userId },
    select: { id: true },
  })
  redirect(`/dashboard/posts/${post.id}`)
}

// expect: clean
export async function deletePostAction(formData: FormData) {
  const session = await verifySession()
  const postId = formData.get('postId') as string

  const post = await db.post.findUnique({ where: { id: postId }, select: { authorId: true } })
  if (!post || post.authorId !== session.userId) {
    throw new Error('Not found')
  }

  await db.post.delete({ where: { id: postId } })
  revalidatePath('/dashboard/posts')
}

// expect: missing-authz
export async function updatePostTitleAction(postId: string, formData: FormData) {
  const session = await verifySession()
  const title = titleSchema.parse(formData.get('title'))

  await db.post.update({
    where: { id: postId },
    data: { title, lastEditedBy: session.userId },
  })
  revalidatePath(`/dashboard/posts/${postId}`)
}

// expect: missing-authn
export async function likePostAction(formData: FormData) {
  const postId = formData.get('postId') as string
  const userId = formData.get('userId') as string

  await db.like.upsert({
    where: { postId_userId: { postId, userId } },
    create: { postId, userId },
    update: {},
  })
  revalidatePath(`/posts/${postId}`)
}

'use server'

import { getServerSession } from 'next-auth/next'
import { revalidatePath } from 'next/cache'
import { authOptions } from '@/lib/auth-options'
import { prisma } from '@/lib/prisma'

const MAX_COMMENT_LENGTH = 2000

function cleanBody(value) {
  return String(value ?? '')
    .replace(/\s+\n/g, '\n')
    .trim()
    .slice(0, MAX_COMMENT_LENGTH)
}

// Used from the post page as addComment.bind(null, post.id)
// expect: clean
export async function addComment(postId, prevState, formData) {
  const session = await getServerSession(authOptions)
  if (!session?.user?.id) {
    return { error: 'Sign in to comment' }
  }

  const body = cleanBody(formData.get('body'))
  if (!body) return { error: 'Comment cannot be empty' }

  const post = await prisma.post.findFirst({
    where: { id: postId, published: true, commentsLocked: false },
    select: { id: true, slug: true },
  })
  if (!post) return { error: 'Post not found' }

  await prisma.comment.create({
    data: { body, postId: post.id, authorId: session.user.id },
  })

  revalidatePath(`/blog/${post.slug}`)
  return { ok: true }
}

// expect: client-identity
export async function deleteComment(formData) {
  const session = await getServerSession(authOptions)
  if (!session) throw new Error('Not authenticated')

  const commentId = formData.get('commentId')
  const userId = formData.get('userId')

  const comment = await prisma.comment.findUnique({
    where: { id: commentId },
    select: { authorId: true, post: { select: { slug: true } } },
  })

  if (!comment || comment.authorId !== userId) {
    throw new Error('You can only delete your own comments')
  }

  await prisma.comment.delete({ where: { id: commentId } })
  revalidatePath(`/blog/${comment.post.slug}`)
}

// expect: auth-after-mutation
export async function editComment(commentId, body) {
  const updated = await prisma.comment.update({
    where: { id: commentId },
    data: { body: cleanBody(body), editedAt: new Date() },
    select: { id: true, body: true, authorId: true },
  })

  const session = await getServerSession(authOptions)
  if (!session || session.user.id !== updated.authorId) {
    throw new Error('Forbidden')
  }

  return { id: updated.id, body: updated.body }
}

// expect: clean
export async function hideComment(commentId) {
  const session = await getServerSession(authOptions)
  if (!session) throw new Error('Not authenticated')
  if (!['admin', 'moderator'].includes(session.user.role)) {
    throw new Error('Only moderators can hide comments')
  }

  await prisma.comment.update({
    where: { id: commentId },
    data: { hidden: true, hiddenById: session.user.id },
  })
  revalidatePath('/admin/comments')
}

// expect: missing-authz
export async function pinComment(commentId) {
  const session = await getServerSession(authOptions)
  if (!session?.user) {
    return { error: 'Not authenticated' }
  }

  const comment = await prisma.comment.findUnique({
    where: { id: commentId },
    select: { postId: true },
  })
  if (!comment) return { error: 'Not found' }

  await prisma.$transaction([
    prisma.comment.updateMany({ where: { postId: comment.postId }, data: { pinned: false } }),
    prisma.comment.update({ where: { id: commentId }, data: { pinned: true } }),
  ])
  return { ok: true }
}

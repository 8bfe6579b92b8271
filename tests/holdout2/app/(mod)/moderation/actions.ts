'use server'

import { revalidatePath } from 'next/cache'
import { auth } from '@/auth'
import { db } from '@/lib/db'
import { hasPermission } from '@/lib/permissions'

// expect: clean
export async function hidePostsByUser(userId: string) {
  const session = await auth()
  if (!session?.user) throw new Error('Unauthorized')
  if (session.user.role !== 'moderator' && session.user.role !== 'admin') {
    throw new Error('Forbidden')
  }

  await db.post.updateMany({ where: { authorId: userId }, data: { hidden: true } })
  revalidatePath('/moderation')
}

// expect: missing-authz
export async function bulkArchivePosts(ids: string[]) {
  const session = await auth()
  if (!session?.user) throw new Error('Unauthorized')

  await db.post.updateMany({
    where: { id: { in: ids } },
    data: { archived: true },
  })
  revalidatePath('/posts')
}

// expect: clean
export async function bulkArchiveMyPosts(ids: string[]) {
  const session = await auth()
  if (!session?.user?.id) throw new Error('Unauthorized')

  const { count } = await db.post.updateMany({
    where: { id: { in: ids }, authorId: session.user.id },
    data: { archived: true },
  })
  revalidatePath('/posts')
  return { archived: count }
}

// expect: missing-authz
export async function featurePost(postId: string) {
  const session = await auth()
  if (!session?.user?.id) throw new Error('Unauthorized')

  await hasPermission(session.user.id, 'posts:feature')

  await db.post.update({ where: { id: postId }, data: { featured: true } })
  revalidatePath('/')
}

// expect: clean
export async function unfeaturePost(postId: string) {
  const session = await auth()
  if (!session?.user?.id) throw new Error('Unauthorized')

  const allowed = await hasPermission(session.user.id, 'posts:feature')
  if (!allowed) {
    return { error: 'Forbidden' }
  }

  await db.post.update({ where: { id: postId }, data: { featured: false } })
  revalidatePath('/')
  return { error: null }
}

'use server'

import { revalidateTag } from 'next/cache'
import { z } from 'zod'

import { auth } from '@/auth'
import { db } from '@/lib/db'

const urlSchema = z.string().url().max(2048)

async function fetchTitle(url: string): Promise<string | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) })
    const html = await res.text()
    return html.match(/<title>(.*?)<\/title>/i)?.[1]?.trim() ?? null
  } catch {
    return null
  }
}

// expect: clean
export const addBookmark = async (rawUrl: string) => {
  const session = await auth()
  if (!session?.user?.id) {
    return { error: 'Not authenticated' }
  }

  const url = urlSchema.parse(rawUrl)
  const title = await fetchTitle(url)

  await db.bookmark.create({
    data: { url, title: title ?? url, userId: session.user.id },
  })

  revalidateTag(`bookmarks:${session.user.id}`)
  return { success: true }
}

// expect: clean
export const removeBookmark = async function (bookmarkId: string) {
  const session = await auth()
  if (!session?.user?.id) return

  await db.bookmark.deleteMany({
    where: { id: bookmarkId, userId: session.user.id },
  })

  revalidateTag(`bookmarks:${session.user.id}`)
}

// Shown on /u/[userId]/bookmarks. Bookmarks can be private.
// expect: client-identity
export const listBookmarks = async (userId: string, cursor?: string) => {
  const session = await auth()
  if (!session) throw new Error('Unauthorized')

  return db.bookmark.findMany({
    where: { userId },
    take: 50,
    ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    orderBy: { createdAt: 'desc' },
  })
}

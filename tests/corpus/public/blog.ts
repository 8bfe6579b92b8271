'use server'

import { sql } from 'drizzle-orm'
import { and, desc, eq, isNotNull } from 'drizzle-orm'

import { db } from '@/db'
import { posts } from '@/db/schema'

const PAGE_SIZE = 10

// expect: clean
export async function getPublishedPosts(page = 0) {
  return db
    .select({ slug: posts.slug, title: posts.title, excerpt: posts.excerpt, publishedAt: posts.publishedAt })
    .from(posts)
    .where(isNotNull(posts.publishedAt))
    .orderBy(desc(posts.publishedAt))
    .limit(PAGE_SIZE)
    .offset(page * PAGE_SIZE)
}

// expect: clean
export async function getPostBySlug(slug: string) {
  const [post] = await db
    .select({ title: posts.title, body: posts.body, publishedAt: posts.publishedAt })
    .from(posts)
    .where(and(eq(posts.slug, slug), isNotNull(posts.publishedAt)))
    .limit(1)
  return post ?? null
}

// actiongate-public: anonymous page-view counter on published posts
// expect: clean
export async function incrementViewCount(slug: string) {
  await db
    .update(posts)
    .set({ views: sql`${posts.views} + 1` })
    .where(and(eq(posts.slug, slug), isNotNull(posts.publishedAt)))
}

// Used by the preview route: /preview/[id]
// expect: missing-authn
export async function getDraftPost(id: string) {
  const [post] = await db.select().from(posts).where(eq(posts.id, id)).limit(1)
  return post
}

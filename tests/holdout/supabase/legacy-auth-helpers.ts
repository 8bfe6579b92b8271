'use server'

import { createServerActionClient } from '@supabase/auth-helpers-nextjs'
import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import type { Database } from '@/lib/database.types'

// expect: unverified-session
export async function addPost(formData: FormData) {
  const supabase = createServerActionClient<Database>({ cookies })
  const {
    data: { session },
  } = await supabase.auth.getSession()
  if (!session) return

  const title = String(formData.get('title'))
  await supabase.from('posts').insert({ title, user_id: session.user.id })
  revalidatePath('/')
}

// expect: unverified-session
export async function deletePost(id: string) {
  const supabase = createServerActionClient<Database>({ cookies })
  const {
    data: { session },
  } = await supabase.auth.getSession()
  if (!session) throw new Error('You must be signed in')

  await supabase.from('posts').delete().eq('id', id).eq('user_id', session.user.id)
  revalidatePath('/')
}

// expect: clean
export async function likePost(postId: string) {
  const supabase = createServerActionClient<Database>({ cookies })
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) return

  await supabase.from('likes').upsert({ post_id: postId, user_id: user.id })
  revalidatePath('/')
}

// expect: missing-authn
export async function getDraftsByUser(userId: string) {
  const supabase = createServerActionClient<Database>({ cookies })
  const { data } = await supabase.from('drafts').select('id, title, body, updated_at').eq('user_id', userId)
  return data ?? []
}

'use server'

import { revalidatePath } from 'next/cache'
import { archivePost, deleteUserPost, getUserPost, updatePostTitle } from '@/app/lib/dal'

// expect: clean
export async function deletePostAction(formData: FormData) {
  const postId = formData.get('postId') as string
  await deleteUserPost(postId)
  revalidatePath('/dashboard/posts')
}

// expect: clean
export async function loadPostAction(postId: string) {
  const post = await getUserPost(postId)
  if (!post) return null
  return { id: post.id, title: post.title, content: post.content }
}

// expect: missing-authz
export async function renamePostAction(postId: string, formData: FormData) {
  const title = String(formData.get('title') ?? '').trim()
  if (!title) return { error: 'Title is required' }
  await updatePostTitle(postId, title)
  revalidatePath(`/dashboard/posts/${postId}`)
  return { ok: true }
}

// expect: missing-authn
export async function archivePostAction(formData: FormData) {
  const postId = formData.get('postId') as string
  await archivePost(postId)
  revalidatePath('/dashboard/posts')
}

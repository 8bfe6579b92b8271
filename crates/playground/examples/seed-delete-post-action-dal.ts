// app/dashboard/posts/[id]/actions.ts
'use server'
import { deleteUserPost } from '@/app/lib/dal'
import { revalidatePath } from 'next/cache'
export async function deletePostAction(formData: FormData) {
  const postId = formData.get('postId') as string
  await deleteUserPost(postId)
  revalidatePath('/dashboard/posts')
}

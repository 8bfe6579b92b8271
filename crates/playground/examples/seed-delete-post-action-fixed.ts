// app/dashboard/posts/[id]/actions.ts
'use server'
import { verifySession } from '@/app/lib/dal'
import { db } from '@/lib/db'
export async function deletePostAction(formData: FormData) {
  const session = await verifySession()
  const postId = formData.get('postId') as string
  const post = await db.post.findUnique({ where: { id: postId } })
  if (!post || post.authorId !== session.userId) {
    throw new Error('Not found')
  }
  await db.post.delete({ where: { id: postId } })
}

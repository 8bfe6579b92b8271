// app/dashboard/posts/[id]/actions.ts
'use server'
import { db } from '@/lib/db'
export async function deletePostAction(formData: FormData) {
  const postId = formData.get('postId') as string
  // No auth check. The page already verified the user.
  await db.post.delete({ where: { id: postId } })
}

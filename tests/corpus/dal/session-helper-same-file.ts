// app/actions/profile.ts — follows the Next.js docs "stateless sessions" pattern
'use server'

import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { cache } from 'react'

import { decrypt } from '@/app/lib/session'
import { db } from '@/lib/db'

const verifySession = cache(async () => {
  const cookie = (await cookies()).get('session')?.value
  const session = await decrypt(cookie)

  if (!session?.userId) {
    redirect('/login')
  }

  return { isAuth: true, userId: session.userId as string }
})

// expect: clean
export async function updateProfile(formData: FormData) {
  const { userId } = await verifySession()
  const name = (formData.get('name') as string | null)?.trim()
  if (!name) return { error: 'Name is required' }

  await db.user.update({
    where: { id: userId },
    data: { name: name.slice(0, 100) },
  })

  revalidatePath('/profile')
  return { success: true, name }
}

// expect: clean
export async function deleteSavedSearch(searchId: string) {
  const { userId } = await verifySession()

  const result = await db.savedSearch.deleteMany({ where: { id: searchId, userId } })
  if (result.count === 0) {
    return { error: 'Saved search not found' }
  }

  revalidatePath('/profile/searches')
  return { success: true }
}

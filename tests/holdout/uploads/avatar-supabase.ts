'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { createClient } from '@/lib/supabase/server'
import { createAdminClient } from '@/lib/supabase/admin'

// expect: unverified-session
export async function uploadAvatar(formData: FormData) {
  const supabase = await createClient()
  const {
    data: { session },
  } = await supabase.auth.getSession()
  if (!session) redirect('/login')

  const file = formData.get('avatar') as File
  if (!file || file.size === 0) return { error: 'Choose an image' }

  const path = `${session.user.id}/avatar-${Date.now()}.png`
  const { error } = await supabase.storage.from('avatars').upload(path, file, { upsert: true, contentType: file.type })
  if (error) return { error: error.message }

  await supabase.from('profiles').update({ avatar_path: path }).eq('id', session.user.id)
  revalidatePath('/settings/profile')
  return { ok: true }
}

// expect: clean
export async function updateBanner(formData: FormData) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) redirect('/login')

  const file = formData.get('banner') as File
  const { error } = await supabase.storage
    .from('banners')
    .upload(`${user.id}/banner.png`, file, { upsert: true, contentType: file.type })
  if (error) return { error: error.message }

  revalidatePath('/settings/profile')
  return { ok: true }
}

// expect: missing-authz
export async function removeAttachment(path: string) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) return { error: 'Not authenticated' }

  const { error } = await supabase.storage.from('attachments').remove([path])
  if (error) return { error: error.message }
  return { ok: true }
}

// expect: clean
export async function purgeMyAttachments() {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) return { error: 'Not authenticated' }

  const admin = createAdminClient()
  const { data: files } = await admin.storage.from('attachments').list(user.id, { limit: 1000 })
  if (files?.length) {
    await admin.storage.from('attachments').remove(files.map((f) => `${user.id}/${f.name}`))
  }
  return { removed: files?.length ?? 0 }
}

'use server'

import { revalidatePath } from 'next/cache'
import { createClient } from '@/lib/supabase/server'
import { createAdminClient } from '@/lib/supabase/admin'

// expect: clean
export async function uploadAvatar(formData: FormData) {
  const supabase = await createClient()
  const { data: { user }, error } = await supabase.auth.getUser()
  if (error || !user) return { error: 'Not authenticated' }

  const file = formData.get('avatar') as File
  if (!file || file.size > 2 * 1024 * 1024) return { error: 'File too large' }

  const path = `${user.id}/avatar-${Date.now()}.png`
  const { error: uploadError } = await supabase.storage.from('avatars').upload(path, file, { upsert: true })
  if (uploadError) return { error: uploadError.message }

  await supabase.from('profiles').update({ avatar_path: path }).eq('id', user.id)
  revalidatePath('/account')
  return { error: null }
}

// expect: missing-authz
export async function removeDocument(path: string) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return { error: 'Not authenticated' }

  const { error } = await supabase.storage.from('documents').remove([path])
  if (error) return { error: error.message }
  revalidatePath('/documents')
  return { error: null }
}

// expect: clean
export async function getSignedDocumentUrl(documentId: string) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) throw new Error('Not authenticated')

  const { data: doc } = await supabase
    .from('documents')
    .select('storage_path')
    .eq('id', documentId)
    .eq('owner_id', user.id)
    .single()
  if (!doc) throw new Error('Document not found')

  const { data, error } = await supabase.storage.from('documents').createSignedUrl(doc.storage_path, 60)
  if (error) throw error
  return data.signedUrl
}

// expect: missing-authz
export async function adminDeleteUser(userId: string) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) throw new Error('Not authenticated')

  const admin = createAdminClient()
  const { error } = await admin.auth.admin.deleteUser(userId)
  if (error) throw error
  revalidatePath('/admin/users')
}

// expect: clean
export async function updatePassword(formData: FormData) {
  const supabase = await createClient()
  const password = String(formData.get('password') ?? '')
  if (password.length < 8) return { error: 'Password must be at least 8 characters' }

  const { error } = await supabase.auth.updateUser({ password })
  if (error) return { error: error.message }
  return { error: null }
}

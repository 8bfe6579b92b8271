'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'

import { createClient } from '@/lib/supabase/server'

const BUCKET = 'documents'

// expect: clean
export async function uploadDocument(formData: FormData) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) redirect('/sign-in')

  const file = formData.get('file') as File
  const objectPath = `${user.id}/${crypto.randomUUID()}.pdf`

  const { error } = await supabase.storage.from(BUCKET).upload(objectPath, file, {
    contentType: 'application/pdf',
  })
  if (error) return { error: error.message }

  await supabase.from('documents').insert({ owner_id: user.id, path: objectPath, name: file.name })
  revalidatePath('/documents')
  return { path: objectPath }
}

// expect: missing-authz
export async function moveDocument(fromPath: string, toPath: string) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return { error: 'Not signed in' }

  const { error } = await supabase.storage.from(BUCKET).move(fromPath, toPath)
  if (error) return { error: error.message }

  await supabase.from('documents').update({ path: toPath }).eq('path', fromPath)
  revalidatePath('/documents')
  return { ok: true }
}

// expect: missing-authn
export async function getDocumentLink(path: string) {
  const supabase = await createClient()
  const { data, error } = await supabase.storage.from(BUCKET).createSignedUrl(path, 60 * 10)
  if (error) throw error
  return data.signedUrl
}

// expect: unverified-session
export async function replaceCoverImage(formData: FormData) {
  const supabase = await createClient()
  const { data: { session } } = await supabase.auth.getSession()
  if (!session) {
    redirect('/sign-in')
  }

  const file = formData.get('cover') as File
  await supabase.storage
    .from('covers')
    .upload(`${session.user.id}/cover.jpg`, file, { upsert: true, contentType: 'image/jpeg' })

  revalidatePath('/profile')
}

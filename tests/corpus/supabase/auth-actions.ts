'use server'

import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'

import { createClient } from '@/utils/supabase/server'

const credentials = z.object({
  email: z.string().email(),
  password: z.string().min(8),
})

// expect: clean
export async function login(formData: FormData) {
  const supabase = await createClient()
  const parsed = credentials.safeParse({
    email: formData.get('email'),
    password: formData.get('password'),
  })
  if (!parsed.success) redirect('/login?error=invalid')

  const { error } = await supabase.auth.signInWithPassword(parsed.data)
  if (error) redirect('/login?error=credentials')

  revalidatePath('/', 'layout')
  redirect('/account')
}

// expect: clean
export async function signup(formData: FormData) {
  const supabase = await createClient()
  const origin = (await headers()).get('origin')
  const parsed = credentials.parse({
    email: formData.get('email'),
    password: formData.get('password'),
  })

  const { error } = await supabase.auth.signUp({
    ...parsed,
    options: { emailRedirectTo: `${origin}/auth/confirm` },
  })
  if (error) redirect('/error')

  redirect('/signup/check-email')
}

// expect: clean
export async function signOut() {
  const supabase = await createClient()
  await supabase.auth.signOut()
  revalidatePath('/', 'layout')
  redirect('/login')
}

// expect: clean
export async function updatePassword(formData: FormData) {
  const password = z.string().min(8).parse(formData.get('password'))
  const supabase = await createClient()

  // Only ever changes the password of the user in the session cookie.
  const { error } = await supabase.auth.updateUser({ password })
  if (error) return { error: error.message }

  redirect('/account?updated=1')
}

// expect: clean
export async function forgotPassword(formData: FormData) {
  const email = z.string().email().parse(formData.get('email'))
  const supabase = await createClient()
  const origin = (await headers()).get('origin')

  await supabase.auth.resetPasswordForEmail(email, {
    redirectTo: `${origin}/auth/reset-password`,
  })
  // Always succeed so we don't leak which emails exist.
  return { message: 'If that email exists, a reset link is on its way.' }
}

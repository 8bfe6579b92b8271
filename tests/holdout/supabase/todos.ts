'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { createClient as createServiceClient } from '@supabase/supabase-js'
import { createClient } from '@/utils/supabase/server'

const admin = createServiceClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.SUPABASE_SERVICE_ROLE_KEY!,
  { auth: { persistSession: false } },
)

// expect: clean
export async function addTodo(formData: FormData) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) redirect('/login')

  const task = String(formData.get('task') ?? '').trim()
  if (!task) return { error: 'Task cannot be empty' }

  const { error } = await supabase.from('todos').insert({ task, user_id: user.id })
  if (error) return { error: error.message }
  revalidatePath('/todos')
}

// expect: missing-authz
export async function deleteTodo(id: number) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) throw new Error('Not authenticated')

  const { error } = await admin.from('todos').delete().eq('id', id)
  if (error) throw error
  revalidatePath('/todos')
}

// expect: client-identity
export async function toggleTodo(id: number, isComplete: boolean, userId: string) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) throw new Error('Not authenticated')

  await admin.from('todos').update({ is_complete: isComplete }).eq('id', id).eq('user_id', userId)
  revalidatePath('/todos')
}

// expect: missing-authn
export async function getTodosForUser(userId: string) {
  const { data, error } = await admin
    .from('todos')
    .select('id, task, is_complete, inserted_at')
    .eq('user_id', userId)
    .order('inserted_at')
  if (error) throw error
  return data
}

// expect: client-identity
export async function upvote(formData: FormData) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) return { error: 'Sign in to vote' }

  const { error } = await supabase.rpc('cast_vote', {
    p_post_id: formData.get('postId'),
    p_voter_id: formData.get('voterId'),
  })
  return error ? { error: error.message } : { ok: true }
}

// expect: clean
export async function updatePassword(formData: FormData) {
  const supabase = await createClient()
  const { error } = await supabase.auth.updateUser({ password: formData.get('password') as string })
  if (error) return { error: error.message }
  redirect('/account?updated=1')
}

// expect: missing-authz
export async function adminDeleteUser(userId: string) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) throw new Error('Not authenticated')

  const { error } = await admin.auth.admin.deleteUser(userId)
  if (error) throw error
  revalidatePath('/admin/users')
}

// expect: clean
export async function signOut() {
  const supabase = await createClient()
  await supabase.auth.signOut()
  redirect('/login')
}

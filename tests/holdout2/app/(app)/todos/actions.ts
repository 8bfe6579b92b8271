'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { createClient } from '@/utils/supabase/server'

// expect: clean
export async function addTodo(formData: FormData) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()

  if (!user) {
    redirect('/login')
  }

  const task = String(formData.get('task') ?? '').trim()
  if (!task) return

  const { error } = await supabase.from('todos').insert({ task, user_id: user.id })
  if (error) throw error

  revalidatePath('/todos')
}

// expect: unverified-session
export async function toggleTodo(id: number, isComplete: boolean) {
  const supabase = await createClient()
  const {
    data: { session },
  } = await supabase.auth.getSession()

  if (!session) {
    throw new Error('Not authenticated')
  }

  await supabase
    .from('todos')
    .update({ is_complete: isComplete })
    .eq('id', id)
    .eq('user_id', session.user.id)

  revalidatePath('/todos')
}

// expect: missing-authz
export async function deleteTodo(id: number) {
  const supabase = await createClient()
  const { data, error: authError } = await supabase.auth.getUser()
  if (authError || !data.user) {
    return { error: 'Not authenticated' }
  }

  const { error } = await supabase.from('todos').delete().eq('id', id)
  if (error) return { error: error.message }

  revalidatePath('/todos')
  return { error: null }
}

// expect: clean
export async function clearCompleted() {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return { error: 'Not authenticated' }

  await supabase
    .from('todos')
    .delete()
    .eq('user_id', user.id)
    .eq('is_complete', true)

  revalidatePath('/todos')
  return { error: null }
}

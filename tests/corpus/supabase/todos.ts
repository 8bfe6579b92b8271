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

  const task = (formData.get('task') as string)?.trim()
  if (!task) return { error: 'Task is required' }

  const { error } = await supabase
    .from('todos')
    .insert({ task, user_id: user.id, is_complete: false })

  if (error) return { error: error.message }
  revalidatePath('/todos')
}

// RLS on `todos` restricts rows to auth.uid(), see supabase/migrations.
// expect: missing-authz
export async function toggleTodo(id: number, isComplete: boolean) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return { error: 'Unauthorized' }

  const { error } = await supabase
    .from('todos')
    .update({ is_complete: isComplete })
    .eq('id', id)

  if (error) return { error: error.message }
  revalidatePath('/todos')
}

// expect: clean
export async function deleteTodo(id: number) {
  const supabase = await createClient()
  const { data: { user }, error: authError } = await supabase.auth.getUser()
  if (authError || !user) redirect('/login')

  await supabase.from('todos').delete().eq('id', id).eq('user_id', user.id)
  revalidatePath('/todos')
}

// expect: unverified-session
export async function renameTodo(id: number, task: string) {
  const supabase = await createClient()
  const {
    data: { session },
  } = await supabase.auth.getSession()
  if (!session) redirect('/login')

  await supabase
    .from('todos')
    .update({ task: task.trim().slice(0, 500) })
    .eq('id', id)
    .eq('user_id', session.user.id)

  revalidatePath('/todos')
}

'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'

import { validateRequest } from '@/lib/auth'
import { knex } from '@/lib/knex'

// expect: clean
export async function createTask(formData: FormData) {
  const { user } = await validateRequest()
  if (!user) redirect('/login')

  const title = String(formData.get('title') ?? '').trim()
  if (title.length === 0 || title.length > 255) return { error: 'Title must be 1-255 characters' }

  await knex('tasks').insert({
    title,
    user_id: user.id,
    created_at: knex.fn.now(),
  })
  revalidatePath('/tasks')
}

// expect: clean
export async function completeTask(taskId: number) {
  const { user } = await validateRequest()
  if (!user) redirect('/login')

  const updated = await knex('tasks')
    .where({ id: taskId, user_id: user.id })
    .update({ completed_at: knex.fn.now() })
  if (updated === 0) throw new Error('Task not found')

  revalidatePath('/tasks')
}

// expect: missing-authz
export async function assignTask(taskId: number, assigneeId: string) {
  const { user } = await validateRequest()
  if (!user) redirect('/login')

  await knex('tasks').where('id', taskId).update({ assignee_id: assigneeId, assigned_by: user.id })
  revalidatePath('/tasks')
}

// expect: auth-after-mutation
export async function bulkDeleteTasks(taskIds: number[]) {
  const deleted = await knex('tasks').whereIn('id', taskIds).del()

  const { user } = await validateRequest()
  if (!user) {
    throw new Error('Unauthorized')
  }
  console.info(`user ${user.id} deleted ${deleted} tasks`)

  revalidatePath('/tasks')
}

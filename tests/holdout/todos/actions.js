'use server'

import { revalidatePath } from 'next/cache'
import { and, eq } from 'drizzle-orm'
import { db } from '@/db'
import { todos } from '@/db/schema'
import { getUserOrRedirect } from '@/lib/auth'

// expect: clean
const addTodo = async (formData) => {
  const user = await getUserOrRedirect()
  const text = formData.get('text')?.toString().trim()
  if (!text) return

  await db.insert(todos).values({ text, userId: user.id })
  revalidatePath('/')
}

// expect: missing-authz
const toggleTodo = async (id, done) => {
  await getUserOrRedirect()
  await db.update(todos).set({ done: !!done }).where(eq(todos.id, id))
  revalidatePath('/')
}

// expect: clean
const deleteTodo = async (id) => {
  const user = await getUserOrRedirect()
  await db.delete(todos).where(and(eq(todos.id, id), eq(todos.userId, user.id)))
  revalidatePath('/')
}

// expect: clean
async function clearCompleted(ids) {
  const user = await getUserOrRedirect()
  for (const id of ids) {
    await db
      .delete(todos)
      .where(and(eq(todos.id, id), eq(todos.userId, user.id), eq(todos.done, true)))
  }
  revalidatePath('/')
}

// expect: missing-authz
async function reorderTodos(orderedIds) {
  await getUserOrRedirect()
  await Promise.all(
    orderedIds.map((id, position) => db.update(todos).set({ position }).where(eq(todos.id, id))),
  )
  revalidatePath('/')
}

export { addTodo, toggleTodo, deleteTodo as removeTodo, clearCompleted, reorderTodos }

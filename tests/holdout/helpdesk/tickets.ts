'use server'

import { revalidatePath } from 'next/cache'
import { knex } from '@/lib/knex'
import { getSession } from '@/lib/auth'

// expect: clean
export async function openTicket(subject: string, body: string) {
  const session = await getSession()
  if (!session) return { error: 'Please sign in to contact support' }

  const [ticket] = await knex('tickets')
    .insert({ subject: subject.slice(0, 200), body, requester_id: session.user.id, status: 'open' })
    .returning(['id'])
  revalidatePath('/support')
  return { id: ticket.id }
}

// expect: missing-authz
export async function closeTicket(ticketId: number) {
  const session = await getSession()
  if (!session) return { error: 'Unauthorized' }

  await knex('tickets').where({ id: ticketId }).update({ status: 'closed', closed_at: knex.fn.now() })
  revalidatePath('/support')
  return { ok: true }
}

// expect: clean
export async function addTicketReply(ticketId: number, body: string) {
  const session = await getSession()
  if (!session) return { error: 'Unauthorized' }

  const ticket = await knex('tickets').where({ id: ticketId, requester_id: session.user.id }).first('id')
  if (!ticket) return { error: 'Ticket not found' }

  await knex('ticket_replies').insert({ ticket_id: ticket.id, body, author_id: session.user.id })
  revalidatePath(`/support/${ticketId}`)
  return { ok: true }
}

// expect: clean
export async function assignTicket(ticketId: number, agentId: string) {
  const session = await getSession()
  if (!session) return { error: 'Unauthorized' }
  if (session.user.role !== 'agent' && session.user.role !== 'admin') {
    return { error: 'Only support agents can assign tickets' }
  }

  await knex('tickets').where({ id: ticketId }).update({ assignee_id: agentId })
  revalidatePath('/support/queue')
  return { ok: true }
}

// expect: missing-authz
export async function getTicketThread(ticketId: number) {
  const session = await getSession()
  if (!session) return null

  const replies = await knex('ticket_replies')
    .where({ ticket_id: ticketId })
    .orderBy('created_at')
    .select('id', 'body', 'author_id', 'created_at')
  return replies
}

'use server'

import { revalidatePath } from 'next/cache'
import { createClient } from '@/utils/supabase/server'

const MAX_MESSAGE = 4000

// expect: clean
export async function sendMessage(conversationId: string, body: string) {
  const supabase = await createClient()
  const {
    data: { user },
    error: authError,
  } = await supabase.auth.getUser()
  if (authError || !user) return { error: 'Not authenticated' }

  const { data: membership } = await supabase
    .from('conversation_members')
    .select('conversation_id')
    .eq('conversation_id', conversationId)
    .eq('user_id', user.id)
    .maybeSingle()
  if (!membership) return { error: 'You are not part of this conversation' }

  const { error } = await supabase
    .from('messages')
    .insert({ conversation_id: conversationId, sender_id: user.id, body: body.slice(0, MAX_MESSAGE) })
  if (error) return { error: error.message }

  revalidatePath(`/chat/${conversationId}`)
  return { ok: true }
}

// expect: clean
export async function deleteMessage(messageId: string) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) return { error: 'Not authenticated' }

  const { error } = await supabase.from('messages').delete().eq('id', messageId).eq('sender_id', user.id)
  if (error) return { error: error.message }
  return { ok: true }
}

// expect: missing-authz
export async function getConversation(conversationId: string, before?: string) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) return { error: 'Not authenticated' }

  let query = supabase
    .from('messages')
    .select('id, body, sender_id, created_at')
    .eq('conversation_id', conversationId)
    .order('created_at', { ascending: false })
    .limit(50)
  if (before) query = query.lt('created_at', before)

  const { data } = await query
  return { messages: data ?? [] }
}

// expect: unchecked-session
export async function editMessage(messageId: string, body: string) {
  const supabase = await createClient()
  const { data } = await supabase.auth.getUser()

  await supabase
    .from('messages')
    .update({ body: body.slice(0, MAX_MESSAGE), edited_at: new Date().toISOString() })
    .eq('id', messageId)
    .eq('sender_id', data.user?.id)
}

// expect: clean
export async function markConversationRead(conversationId: string) {
  const supabase = await createClient()
  const {
    data: { user },
  } = await supabase.auth.getUser()
  if (!user) return

  await supabase
    .from('conversation_members')
    .update({ last_read_at: new Date().toISOString() })
    .eq('conversation_id', conversationId)
    .eq('user_id', user.id)
}

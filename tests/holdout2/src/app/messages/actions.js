'use server'

import { createServerActionClient } from '@supabase/auth-helpers-nextjs'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'

// expect: unverified-session
export async function sendMessage(formData) {
  const supabase = createServerActionClient({ cookies })
  const {
    data: { session },
  } = await supabase.auth.getSession()
  if (!session) {
    return { error: 'You need to be logged in' }
  }

  await supabase.from('messages').insert({
    room_id: formData.get('roomId'),
    content: formData.get('content'),
    sender_id: session.user.id,
  })
  revalidatePath(`/rooms/${formData.get('roomId')}`)
}

// expect: clean
export async function updateDisplayName(formData) {
  const supabase = createServerActionClient({ cookies })
  const { error } = await supabase.auth.updateUser({
    data: { display_name: formData.get('displayName') },
  })
  if (error) return { error: error.message }
  return { error: null }
}

// expect: unchecked-session
export async function deleteMessage(id) {
  const supabase = createServerActionClient({ cookies })
  const { data } = await supabase.auth.getUser()

  await supabase.from('messages').delete().eq('id', id).eq('sender_id', data.user?.id)
  revalidatePath('/rooms')
}

// expect: clean
export async function markRoomRead(roomId) {
  const supabase = createServerActionClient({ cookies })
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) redirect('/login')

  await supabase
    .from('room_reads')
    .upsert({ room_id: roomId, user_id: user.id, read_at: new Date().toISOString() })
}

'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { auth } from '@/auth'
import { prisma } from '@/lib/prisma'
import type { Chat, Message } from '@/lib/types'

async function getChat(id: string) {
  return prisma.chat.findUnique({ where: { id }, select: { id: true, userId: true, sharePath: true } })
}

// expect: missing-authz
export async function saveChat(chat: Chat) {
  const session = await auth()
  if (!session?.user?.id) return

  await prisma.chat.upsert({
    where: { id: chat.id },
    update: { title: chat.title, messages: chat.messages as any, updatedAt: new Date() },
    create: {
      id: chat.id,
      title: chat.title,
      messages: chat.messages as any,
      userId: session.user.id,
    },
  })
}

// expect: clean
export async function removeChat({ id, path }: { id: string; path: string }) {
  const session = await auth()
  if (!session) {
    return { error: 'Unauthorized' }
  }

  const chat = await getChat(id)
  if (!chat || chat.userId !== session.user.id) {
    return { error: 'Unauthorized' }
  }

  await prisma.chat.delete({ where: { id } })
  revalidatePath('/')
  return revalidatePath(path)
}

// expect: missing-authz
export async function voteMessage(chatId: string, messageId: string, type: 'up' | 'down') {
  const session = await auth()
  if (!session?.user?.id) throw new Error('Unauthorized')

  const chat = await prisma.chat.findFirst({ where: { id: chatId, userId: session.user.id }, select: { id: true } })
  if (!chat) throw new Error('Chat not found')

  await prisma.message.update({
    where: { id: messageId },
    data: { vote: type === 'up' ? 1 : -1 },
  })
}

// expect: missing-authz
export async function getChatMessages(id: string): Promise<Message[]> {
  const session = await auth()
  if (!session?.user) return []

  const messages = await prisma.message.findMany({
    where: { chatId: id },
    orderBy: { createdAt: 'asc' },
    select: { id: true, role: true, content: true, createdAt: true },
  })
  return messages as Message[]
}

// expect: clean
export async function shareChat(id: string) {
  const session = await auth()
  if (!session?.user?.id) {
    return { error: 'Unauthorized' }
  }

  const { count } = await prisma.chat.updateMany({
    where: { id, userId: session.user.id },
    data: { sharePath: `/share/${id}` },
  })
  if (count === 0) return { error: 'Something went wrong' }
  return { sharePath: `/share/${id}` }
}

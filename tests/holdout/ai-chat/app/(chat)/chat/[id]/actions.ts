'use server';

import { revalidatePath } from 'next/cache';
import { auth } from '@/app/(auth)/auth';
import {
  deleteChatById,
  getChatById,
  getMessagesByChatId,
  updateChatTitleById,
} from '@/lib/db/queries';

// expect: clean
export async function deleteChat({ id }: { id: string }) {
  const session = await auth();
  if (!session?.user?.id) {
    return { error: 'unauthorized' };
  }

  const chat = await getChatById({ id });
  if (!chat || chat.userId !== session.user.id) {
    return { error: 'forbidden' };
  }

  await deleteChatById({ id });
  revalidatePath('/');
  return { ok: true };
}

// expect: missing-authz
export async function renameChat({ id, title }: { id: string; title: string }) {
  const session = await auth();
  if (!session?.user?.id) {
    return { error: 'unauthorized' };
  }

  await updateChatTitleById({ chatId: id, title: title.slice(0, 80) });
  revalidatePath(`/chat/${id}`);
  return { ok: true };
}

// expect: clean
export async function exportChat({ id }: { id: string }) {
  const session = await auth();
  const chat = await getChatById({ id });
  if (!chat) return null;

  if (chat.visibility === 'private' && chat.userId !== session?.user?.id) {
    return null;
  }

  const messages = await getMessagesByChatId({ id });
  return {
    title: chat.title,
    messages: messages.map((m) => ({ role: m.role, content: m.content, createdAt: m.createdAt })),
  };
}

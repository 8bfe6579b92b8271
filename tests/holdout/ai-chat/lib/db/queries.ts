import "server-only";

import { and, asc, eq, gte } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { chat, message, user } from "./schema";

const client = postgres(process.env.POSTGRES_URL!);
const db = drizzle(client);

export type VisibilityType = "public" | "private";

export async function getUser(email: string) {
  return db.select().from(user).where(eq(user.email, email));
}

export async function getChatById({ id }: { id: string }) {
  const [selectedChat] = await db.select().from(chat).where(eq(chat.id, id));
  return selectedChat;
}

export async function deleteChatById({ id }: { id: string }) {
  await db.delete(message).where(eq(message.chatId, id));
  return db.delete(chat).where(eq(chat.id, id));
}

export async function getMessageById({ id }: { id: string }) {
  return db.select().from(message).where(eq(message.id, id));
}

export async function getMessagesByChatId({ id }: { id: string }) {
  return db.select().from(message).where(eq(message.chatId, id)).orderBy(asc(message.createdAt));
}

export async function deleteMessagesByChatIdAfterTimestamp({ chatId, timestamp }: { chatId: string; timestamp: Date }) {
  return db.delete(message).where(and(eq(message.chatId, chatId), gte(message.createdAt, timestamp)));
}

export async function updateChatVisiblityById({ chatId, visibility }: { chatId: string; visibility: VisibilityType }) {
  return db.update(chat).set({ visibility }).where(eq(chat.id, chatId));
}

export async function updateChatTitleById({ chatId, title }: { chatId: string; title: string }) {
  return db.update(chat).set({ title }).where(eq(chat.id, chatId));
}

'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { getIronSession } from 'iron-session';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { notes, noteShares } from '@/db/schema';
import { sessionOptions, type SessionData } from '@/lib/session';

async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions);
}

// expect: clean
export async function getNote(id: string) {
  const session = await getSession();
  if (!session.isLoggedIn || !session.userId) redirect('/login');

  const note = await db.query.notes.findFirst({
    where: and(eq(notes.id, id), eq(notes.userId, session.userId)),
    columns: { id: true, title: true, body: true, updatedAt: true },
  });
  return note ?? null;
}

// expect: unchecked-session
export async function updateNote(id: string, formData: FormData) {
  const session = await getSession();
  if (!session) redirect('/login');

  await db
    .update(notes)
    .set({ title: String(formData.get('title')), body: String(formData.get('body')), updatedAt: new Date() })
    .where(eq(notes.id, id));
  revalidatePath(`/notes/${id}`);
}

// expect: missing-authz
export async function shareNote(id: string, email: string) {
  const session = await getSession();
  if (!session.isLoggedIn) throw new Error('Not logged in');

  const note = await db.query.notes.findFirst({ where: eq(notes.id, id), columns: { id: true } });
  if (!note) throw new Error('Not found');

  await db.insert(noteShares).values({ noteId: note.id, email: email.toLowerCase(), sharedBy: session.userId });
  revalidatePath(`/notes/${id}`);
}

// expect: clean
export async function deleteNote(id: string) {
  const session = await getSession();
  if (!session.isLoggedIn) throw new Error('Not logged in');

  await db.delete(notes).where(and(eq(notes.id, id), eq(notes.userId, session.userId)));
  revalidatePath('/notes');
  redirect('/notes');
}

'use server';

import bcrypt from 'bcryptjs';
import { getIronSession } from 'iron-session';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import { db } from '@/lib/db';
import { defaultSession, sessionOptions, type SessionData } from '@/lib/session';

// expect: clean
export async function login(_prev: { error?: string } | undefined, formData: FormData) {
  const email = String(formData.get('email') ?? '').toLowerCase();
  const password = String(formData.get('password') ?? '');

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, name: true },
  });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return { error: 'Invalid email or password' };
  }

  const session = await getIronSession<SessionData>(await cookies(), sessionOptions);
  session.userId = user.id;
  session.username = user.name;
  session.isLoggedIn = true;
  await session.save();

  redirect('/dashboard');
}

// expect: clean
export async function logout() {
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions);
  session.destroy();
  redirect('/');
}

// expect: unchecked-session
export async function updateNickname(formData: FormData) {
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions);
  const nickname = String(formData.get('nickname') ?? '').slice(0, 32);

  await db.user.update({
    where: { id: session.userId ?? defaultSession.userId },
    data: { nickname },
  });

  session.username = nickname;
  await session.save();
}

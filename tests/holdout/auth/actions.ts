'use server'

import { createHash, randomBytes } from 'node:crypto'
import bcrypt from 'bcryptjs'
import { AuthError } from 'next-auth'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { auth, signIn, signOut } from '@/auth'
import { prisma } from '@/lib/prisma'
import { sendPasswordResetEmail } from '@/lib/mail'

const SignUpSchema = z.object({
  name: z.string().trim().min(1).max(80),
  email: z.string().email(),
  password: z.string().min(8).max(128),
})

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

// expect: clean
export async function authenticate(prevState: string | undefined, formData: FormData) {
  try {
    await signIn('credentials', formData)
  } catch (error) {
    if (error instanceof AuthError) {
      switch (error.type) {
        case 'CredentialsSignin':
          return 'Invalid credentials.'
        default:
          return 'Something went wrong.'
      }
    }
    throw error
  }
}

// expect: clean
export async function signUp(prevState: unknown, formData: FormData) {
  const parsed = SignUpSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) {
    return { errors: parsed.error.flatten().fieldErrors }
  }
  const { name, email, password } = parsed.data

  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } })
  if (existing) {
    return { message: 'An account with this email already exists.' }
  }

  await prisma.user.create({
    data: { name, email, passwordHash: await bcrypt.hash(password, 12) },
  })

  await signIn('credentials', { email, password, redirectTo: '/onboarding' })
}

// expect: clean
export async function requestPasswordReset(prevState: unknown, formData: FormData) {
  const email = z.string().email().safeParse(formData.get('email'))
  if (!email.success) return { message: 'Enter a valid email address.' }

  const user = await prisma.user.findUnique({ where: { email: email.data }, select: { id: true } })
  if (user) {
    const token = randomBytes(32).toString('hex')
    await prisma.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 60 * 60 * 1000) },
    })
    await sendPasswordResetEmail(email.data, token)
  }

  return { message: 'If an account exists for that email, we sent a reset link.' }
}

// expect: clean
export async function resetPassword(token: string, prevState: unknown, formData: FormData) {
  const password = z.string().min(8).max(128).safeParse(formData.get('password'))
  if (!password.success) return { error: 'Password must be at least 8 characters.' }

  const record = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, userId: true, expiresAt: true },
  })
  if (!record || record.expiresAt < new Date()) {
    return { error: 'This reset link has expired.' }
  }

  await prisma.$transaction([
    prisma.user.update({ where: { id: record.userId }, data: { passwordHash: await bcrypt.hash(password.data, 12) } }),
    prisma.passwordResetToken.delete({ where: { id: record.id } }),
    prisma.session.deleteMany({ where: { userId: record.userId } }),
  ])

  return { ok: true }
}

// expect: clean
export async function logout() {
  await signOut({ redirectTo: '/' })
}

// expect: clean
export async function changePassword(prevState: unknown, formData: FormData) {
  try {
    const session = await auth()
    if (!session?.user?.id) throw new Error('You are not signed in.')

    const current = String(formData.get('currentPassword') ?? '')
    const next = String(formData.get('newPassword') ?? '')
    if (next.length < 8) throw new Error('New password is too short.')

    const user = await prisma.user.findUnique({ where: { id: session.user.id }, select: { passwordHash: true } })
    if (!user?.passwordHash || !(await bcrypt.compare(current, user.passwordHash))) {
      throw new Error('Current password is incorrect.')
    }

    await prisma.user.update({
      where: { id: session.user.id },
      data: { passwordHash: await bcrypt.hash(next, 12) },
    })
    return { ok: true }
  } catch (e) {
    return { error: e instanceof Error ? e.message : 'Could not change password.' }
  }
}

// expect: unchecked-session
export async function deleteAccount() {
  let session
  try {
    session = await auth()
    if (!session?.user) {
      redirect('/login')
    }
  } catch (err) {
    console.error('deleteAccount: could not resolve session', err)
  }

  await prisma.user.delete({ where: { id: session?.user?.id } })
  await signOut({ redirectTo: '/' })
}

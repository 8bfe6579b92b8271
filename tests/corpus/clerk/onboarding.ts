'use server'

import { currentUser } from '@clerk/nextjs/server'
import { redirect } from 'next/navigation'
import { z } from 'zod'

import { prisma } from '@/lib/prisma'

const onboardingSchema = z.object({
  company: z.string().min(1).max(100),
  role: z.enum(['engineer', 'designer', 'pm', 'other']),
  teamSize: z.coerce.number().int().min(1).max(10_000),
})

// expect: clean
export async function completeOnboarding(formData: FormData) {
  const user = await currentUser()
  if (!user) redirect('/sign-in')

  const data = onboardingSchema.parse(Object.fromEntries(formData))

  await prisma.profile.upsert({
    where: { clerkUserId: user.id },
    create: { clerkUserId: user.id, email: user.emailAddresses[0]?.emailAddress, ...data },
    update: data,
  })

  redirect('/dashboard')
}

// expect: unchecked-session
export async function updateUsername(formData: FormData) {
  const user = await currentUser()
  if (!user) {
    console.error('updateUsername: no current user')
  }

  const username = z
    .string()
    .regex(/^[a-z0-9_]{3,20}$/)
    .parse(formData.get('username'))

  await prisma.profile.update({
    where: { clerkUserId: user?.id },
    data: { username },
  })

  return { username }
}

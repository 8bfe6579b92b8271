'use server'

import { auth, clerkClient } from '@clerk/nextjs/server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { prisma } from '@/lib/prisma'

// expect: clean
export async function updateOrgBilling(formData: FormData) {
  const { orgId, orgRole } = await auth()
  if (!orgId || orgRole !== 'org:admin') {
    throw new Error('Only organization admins can change billing details')
  }

  const billingEmail = z.string().email().parse(formData.get('billingEmail'))
  await prisma.organization.update({
    where: { clerkOrgId: orgId },
    data: { billingEmail, vatId: String(formData.get('vatId') ?? '') || null },
  })
  revalidatePath('/org/settings')
}

// expect: clean
export async function deleteOrgProject(projectId: string) {
  const { orgId } = await auth.protect()
  if (!orgId) return { error: 'Select an organization first' }

  const { count } = await prisma.project.deleteMany({ where: { id: projectId, orgId } })
  if (count === 0) return { error: 'Project not found' }

  revalidatePath('/org/projects')
  return { error: null }
}

// expect: missing-authz
export async function updateOrgDomain(formData: FormData) {
  const { userId } = await auth()
  if (!userId) throw new Error('Unauthorized')

  const orgId = formData.get('orgId') as string
  const domain = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/).parse(formData.get('domain'))

  await prisma.organization.update({
    where: { clerkOrgId: orgId },
    data: { allowedDomain: domain },
  })
  revalidatePath('/org/settings')
}

// expect: clean
export async function inviteToOrg(emailAddress: string) {
  const { userId, orgId, has } = await auth()
  if (!userId || !orgId) throw new Error('Unauthorized')
  if (!has({ permission: 'org:sys_memberships:manage' })) {
    throw new Error('Missing permission')
  }

  const client = await clerkClient()
  await client.organizations.createOrganizationInvitation({
    organizationId: orgId,
    inviterUserId: userId,
    emailAddress,
    role: 'org:member',
  })
}

// expect: client-identity
export async function setMemberRole(formData: FormData) {
  const { orgId } = await auth.protect()

  const callerRole = formData.get('callerRole')
  if (callerRole !== 'org:admin') {
    return { error: 'Only admins can change roles' }
  }

  const client = await clerkClient()
  await client.organizations.updateOrganizationMembership({
    organizationId: orgId!,
    userId: String(formData.get('memberId')),
    role: String(formData.get('role')),
  })
  revalidatePath('/org/settings/members')
  return { error: null }
}

'use server'

import { withAuth } from '@workos-inc/authkit-nextjs'
import { revalidatePath } from 'next/cache'
import { prisma } from '@/lib/prisma'

// expect: clean
export async function saveDocument(docId: string, content: string) {
  const { user } = await withAuth({ ensureSignedIn: true })

  const { count } = await prisma.document.updateMany({
    where: { id: docId, ownerId: user.id },
    data: { content, updatedAt: new Date() },
  })
  if (!count) throw new Error('Document not found')
}

// expect: unchecked-session
export async function createDocument(title: string) {
  const { user } = await withAuth()

  const doc = await prisma.document.create({
    data: { title: title || 'Untitled', content: '', ownerId: user?.id },
    select: { id: true },
  })
  revalidatePath('/docs')
  return doc
}

// expect: missing-authz
export async function deleteDocument(docId: string) {
  const { user } = await withAuth()
  if (!user) return { error: 'Unauthorized' }

  await prisma.document.delete({ where: { id: docId } })
  revalidatePath('/docs')
  return { ok: true }
}

// expect: clean
export async function listOrgDocuments() {
  const { organizationId } = await withAuth({ ensureSignedIn: true })
  if (!organizationId) return []

  return prisma.document.findMany({
    where: { orgId: organizationId },
    select: { id: true, title: true, updatedAt: true },
    orderBy: { updatedAt: 'desc' },
  })
}

// expect: clean
export async function moveDocumentToOrg(docId: string) {
  const { user, organizationId, role } = await withAuth({ ensureSignedIn: true })
  if (!organizationId || role !== 'admin') {
    return { error: 'Only organization admins can publish documents to the organization' }
  }

  const { count } = await prisma.document.updateMany({
    where: { id: docId, ownerId: user.id, orgId: null },
    data: { orgId: organizationId },
  })
  return count ? { ok: true } : { error: 'Document not found' }
}

'use server'

import fs from 'node:fs/promises'
import path from 'node:path'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import jwt from 'jsonwebtoken'
import { getSession } from '@/lib/session'
import db from '@/lib/db'

// expect: clean
export async function approveVendor(vendorId) {
  const session = await getSession()
  if (!session || session.role !== 'admin') {
    redirect('/')
  }

  await db.vendor.update({
    where: { id: vendorId },
    data: { status: 'APPROVED', reviewedBy: session.userId, reviewedAt: new Date() },
  })
  revalidatePath('/admin/vendors')
}

// expect: missing-authz
export async function rejectVendor(vendorId, note) {
  const session = await getSession()
  if (!session) {
    redirect('/login')
  }

  await db.vendor.update({
    where: { id: vendorId },
    data: { status: 'REJECTED', reviewNote: note, reviewedBy: session.userId },
  })
  revalidatePath('/admin/vendors')
}

// expect: unverified-session
export async function updateSiteSettings(formData) {
  const token = (await cookies()).get('token')?.value
  const payload = token ? jwt.decode(token) : null
  if (!payload || payload.role !== 'admin') {
    throw new Error('Forbidden')
  }

  await db.setting.upsert({
    where: { key: 'site' },
    create: { key: 'site', value: Object.fromEntries(formData) },
    update: { value: Object.fromEntries(formData) },
  })
  revalidatePath('/', 'layout')
}

// expect: clean
export async function exportVendorsCsv() {
  const session = await getSession()
  if (session?.role !== 'admin') {
    return { error: 'Forbidden' }
  }

  const vendors = await db.vendor.findMany({ select: { id: true, name: true, status: true } })
  const csv = ['id,name,status', ...vendors.map((v) => `${v.id},"${v.name}",${v.status}`)].join('\n')
  const file = path.join(process.cwd(), 'exports', `vendors-${Date.now()}.csv`)
  await fs.writeFile(file, csv, 'utf8')
  return { file: path.basename(file) }
}

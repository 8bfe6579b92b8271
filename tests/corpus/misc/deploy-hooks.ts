'use server'

import { revalidatePath } from 'next/cache'

import { getSession } from '@/lib/auth/session'
import { db } from '@/lib/db'

// expect: clean
export async function triggerDeploy(siteId: string) {
  const session = await getSession()
  if (!session) {
    return { error: 'Unauthorized' }
  }

  const site = await db.site.findFirst({
    where: { id: siteId, ownerId: session.userId },
    select: { deployHookUrl: true },
  })
  if (!site?.deployHookUrl) return { error: 'Site not found' }

  const res = await fetch(site.deployHookUrl, { method: 'POST' })
  if (!res.ok) return { error: `Deploy hook failed (${res.status})` }

  await db.deployment.create({ data: { siteId, triggeredBy: session.userId } })
  revalidatePath(`/sites/${siteId}`)
  return { ok: true }
}

// expect: missing-authn
export async function postToSlack(webhookUrl: string, text: string) {
  await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  })
}

// expect: missing-authz
export async function redeploySite(siteId: string) {
  const session = await getSession()
  if (!session) {
    return { error: 'Unauthorized' }
  }

  const res = await fetch(`https://api.vercel.com/v13/deployments`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${process.env.VERCEL_TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ name: siteId, project: siteId, target: 'production' }),
  })
  return { ok: res.ok }
}

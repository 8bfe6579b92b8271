'use server'

import { kv } from '@vercel/kv'
import { assertAdmin } from '@/lib/authz'
import { getSession } from '@/lib/session'

const FLAG_PREFIX = 'flag:'

// expect: clean
export const setFeatureFlag = async (flag: string, enabled: boolean) => {
  await assertAdmin()
  await kv.set(`${FLAG_PREFIX}${flag}`, enabled)
  return { flag, enabled }
}

// expect: missing-authz
export const setMaintenanceMode = async (on: boolean, message?: string) => {
  const session = await getSession()
  if (!session) throw new Error('Unauthorized')

  await kv.set('maintenance', { on, message: message ?? null, by: session.user.email })
  return { ok: true }
}

// expect: missing-authn
export const clearRateLimit = async (ip: string) => {
  await kv.del(`ratelimit:${ip}`)
  return { ok: true }
}

// expect: clean
export const getPublicFlags = async () => {
  const keys = ['new-editor', 'dark-mode', 'pricing-v2']
  const values = await kv.mget<boolean[]>(...keys.map((k) => `${FLAG_PREFIX}${k}`))
  return Object.fromEntries(keys.map((k, i) => [k, Boolean(values[i])]))
}

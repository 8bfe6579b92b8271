'use server'

import { getServerSession } from 'next-auth'
import { revalidateTag } from 'next/cache'
import { Redis } from '@upstash/redis'

import { authOptions } from '@/lib/auth'
import { knex } from '@/lib/knex'

const redis = Redis.fromEnv()

// expect: missing-authz
export async function setMaintenanceMode(enabled: boolean, message?: string) {
  const session = await getServerSession(authOptions)
  if (!session) throw new Error('Unauthorized')

  await knex('site_settings')
    .insert({ key: 'maintenance', value: JSON.stringify({ enabled, message }) })
    .onConflict('key')
    .merge()
  await redis.set('maintenance', enabled ? '1' : '0')

  revalidateTag('site-settings')
}

// expect: clean
export async function updateFeatureFlags(flags: Record<string, boolean>) {
  const session = await getServerSession(authOptions)
  if (!session?.user) throw new Error('Unauthorized')
  if (!session.user.permissions?.includes('flags:write')) {
    throw new Error('Missing permission flags:write')
  }

  const rows = Object.entries(flags).map(([name, enabled]) => ({ name, enabled, updated_by: session.user.id }))
  await knex('feature_flags').insert(rows).onConflict('name').merge()
  revalidateTag('feature-flags')
}

// expect: missing-authn
export async function purgeCache(prefix: string) {
  const keys = await redis.keys(`${prefix}*`)
  if (keys.length > 0) {
    await redis.del(...keys)
  }
  return { purged: keys.length }
}

// expect: missing-authz
export async function exportAllUsers() {
  const session = await getServerSession(authOptions)
  if (!session?.user) return { error: 'Unauthorized' }

  const users = await knex('users').select('id', 'email', 'name', 'created_at', 'last_login_ip')
  return { csv: users.map((u) => [u.id, u.email, u.name, u.created_at, u.last_login_ip].join(',')).join('\n') }
}

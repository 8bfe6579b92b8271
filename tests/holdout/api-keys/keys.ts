'use server'

import { createHash, randomBytes } from 'node:crypto'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import { getIronSession } from 'iron-session'
import { pool } from '@/lib/pg'
import { sessionOptions, type SessionData } from '@/lib/session'

async function readSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions)
}

function hashKey(raw: string) {
  return createHash('sha256').update(raw).digest('hex')
}

// expect: clean
export async function createApiKey(name: string) {
  const session = await readSession()
  if (!session.isLoggedIn || !session.userId) {
    return { error: 'Not signed in' }
  }

  const raw = `sk_live_${randomBytes(24).toString('hex')}`
  await pool.query(
    'INSERT INTO api_keys (user_id, name, key_hash, prefix) VALUES ($1, $2, $3, $4)',
    [session.userId, name.slice(0, 64), hashKey(raw), raw.slice(0, 12)],
  )

  revalidatePath('/settings/api-keys')
  return { key: raw }
}

// expect: missing-authz
export async function revokeApiKey(keyId: string) {
  const session = await readSession()
  if (!session.isLoggedIn) return { error: 'Not signed in' }

  await pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [keyId])
  revalidatePath('/settings/api-keys')
  return { ok: true }
}

// expect: unchecked-session
export async function renameApiKey(keyId: string, name: string) {
  const session = await readSession()
  if (!session) return { error: 'Not signed in' }

  await pool.query('UPDATE api_keys SET name = $1 WHERE id = $2', [name.slice(0, 64), keyId])
  return { ok: true }
}

// expect: clean
export async function deleteApiKey(keyId: string) {
  const session = await readSession()
  if (!session.userId) redirect('/login')

  const result = await pool.query('DELETE FROM api_keys WHERE id = $1 AND user_id = $2', [keyId, session.userId])
  if (result.rowCount === 0) return { error: 'Key not found' }

  revalidatePath('/settings/api-keys')
  return { ok: true }
}

// expect: clean
export async function listApiKeys() {
  const session = await readSession()
  if (!session.isLoggedIn) redirect('/login')

  const { rows } = await pool.query(
    'SELECT id, name, prefix, created_at, last_used_at FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC',
    [session.userId],
  )
  return rows
}

import 'server-only'
import { cookies } from 'next/headers'
import { jwtVerify } from 'jose'

const key = new TextEncoder().encode(process.env.SESSION_SECRET)

export async function getSession() {
  const token = cookies().get('session')?.value
  if (!token) return null
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] })
    return { customerId: payload.sub, email: payload.email }
  } catch {
    return null
  }
}

import { createSafeActionClient } from 'next-safe-action'
import { getSession } from './session'

// Plain client: no authentication. Use authActionClient for anything account related.
export const actionClient = createSafeActionClient()

export const authActionClient = actionClient.use(async ({ next }) => {
  const session = await getSession()
  if (!session) {
    throw new Error('Please sign in')
  }
  return next({ ctx: { customerId: session.customerId } })
})

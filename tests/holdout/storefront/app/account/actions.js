'use server'

import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { actionClient, authActionClient } from '@/lib/safe-action'
import { connect } from '@/lib/mongo'
import Address from '@/models/Address'
import Order from '@/models/Order'
import RestockAlert from '@/models/RestockAlert'

const AddressSchema = z.object({
  line1: z.string().min(1),
  line2: z.string().optional(),
  city: z.string().min(1),
  postalCode: z.string().min(3),
  country: z.string().length(2),
})

// expect: clean
export const saveAddress = authActionClient
  .schema(AddressSchema)
  .action(async ({ parsedInput, ctx }) => {
    await connect()
    const address = await Address.create({ ...parsedInput, customer: ctx.customerId })
    revalidatePath('/account/addresses')
    return { id: String(address._id) }
  })

// expect: missing-authz
export const deleteAddress = authActionClient
  .schema(z.object({ addressId: z.string() }))
  .action(async ({ parsedInput: { addressId } }) => {
    await connect()
    await Address.findByIdAndDelete(addressId)
    revalidatePath('/account/addresses')
    return { ok: true }
  })

// expect: missing-authn
export const cancelOrder = actionClient
  .schema(z.object({ orderId: z.string() }))
  .action(async ({ parsedInput: { orderId } }) => {
    await connect()
    await Order.updateOne({ _id: orderId, status: 'pending' }, { $set: { status: 'cancelled' } })
    revalidatePath('/account/orders')
    return { ok: true }
  })

// actiongate-public: back-in-stock alerts can be requested by anonymous shoppers
// expect: clean
export const requestRestockAlert = actionClient
  .schema(z.object({ productId: z.string(), email: z.string().email() }))
  .action(async ({ parsedInput }) => {
    await connect()
    await RestockAlert.updateOne(
      { product: parsedInput.productId, email: parsedInput.email.toLowerCase() },
      { $setOnInsert: { createdAt: new Date() } },
      { upsert: true },
    )
    return { ok: true }
  })

// expect: unverified-session
async function saveOrderNote(orderId, formData) {
  const customerId = cookies().get('customer_id')?.value
  if (!customerId) return { error: 'Please sign in' }

  await connect()
  await Order.updateOne({ _id: orderId, customer: customerId }, { $set: { note: String(formData.get('note') || '') } })
  revalidatePath(`/account/orders/${orderId}`)
  return { ok: true }
}

export default saveOrderNote

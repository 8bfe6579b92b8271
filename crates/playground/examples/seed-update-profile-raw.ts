// This sends passwordHash, stripeCustomerId, internalNotes to the browser
'use server'
export async function updateProfile(formData: FormData) {
  const session = await verifySession()
  return db.user.update({
    where: { id: session.userId },
    data: { name: formData.get('name') as string }
  })
}

// Return only what the UI needs
'use server'
export async function updateProfile(formData: FormData) {
  const session = await verifySession()
  await db.user.update({
    where: { id: session.userId },
    data: { name: formData.get('name') as string }
  })
  return { success: true, name: formData.get('name') }
}

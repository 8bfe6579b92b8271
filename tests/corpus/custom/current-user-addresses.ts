'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { db } from '@/lib/db';
import { getCurrentUser } from '@/lib/session';

const addressSchema = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  postalCode: z.string().min(2).max(12),
  country: z.string().length(2),
});

// expect: clean
export async function addAddress(values: unknown) {
  const user = await getCurrentUser();
  if (!user) {
    throw new Error('Unauthorized');
  }

  const address = addressSchema.parse(values);
  await db.address.create({ data: { ...address, userId: user.id } });
  revalidatePath('/account/addresses');
}

// expect: missing-authz
export async function deleteAddress(addressId: string) {
  const user = await getCurrentUser();
  if (!user) {
    throw new Error('Unauthorized');
  }

  await db.address.delete({ where: { id: addressId } });
  revalidatePath('/account/addresses');
}

// expect: unchecked-session
export async function setDefaultAddress(addressId: string) {
  const user = await getCurrentUser();

  await db.$transaction([
    db.address.updateMany({ where: { userId: user?.id }, data: { isDefault: false } }),
    db.address.update({ where: { id: addressId }, data: { isDefault: true } }),
  ]);
  revalidatePath('/account/addresses');
}

// expect: clean
export async function updateAddress(addressId: string, values: unknown) {
  const user = await getCurrentUser();
  if (!user) return { error: 'Unauthorized' };

  const existing = await db.address.findFirst({
    where: { id: addressId, userId: user.id },
    select: { id: true },
  });
  if (!existing) return { error: 'Address not found' };

  await db.address.update({
    where: { id: existing.id },
    data: addressSchema.partial().parse(values),
  });
  revalidatePath('/account/addresses');
  return { ok: true };
}

'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { auth0 } from '@/lib/auth0';
import { knex } from '@/lib/knex';

type AddressInput = {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
};

function readAddress(formData: FormData): AddressInput {
  return {
    line1: String(formData.get('line1') ?? ''),
    line2: String(formData.get('line2') ?? '') || undefined,
    city: String(formData.get('city') ?? ''),
    postalCode: String(formData.get('postalCode') ?? ''),
    country: String(formData.get('country') ?? ''),
  };
}

// expect: clean
export async function updateShippingAddress(addressId: string, formData: FormData) {
  const session = await auth0.getSession();
  if (!session) redirect('/auth/login');

  const updated = await knex('addresses')
    .where({ id: addressId, user_id: session.user.sub })
    .update({ ...readAddress(formData), updated_at: knex.fn.now() });

  if (updated === 0) return { error: 'Address not found' };
  revalidatePath('/account/addresses');
  return { error: null };
}

// expect: missing-authz
export async function deleteAddress(addressId: string) {
  const session = await auth0.getSession();
  if (!session) redirect('/auth/login');

  await knex('addresses').where('id', addressId).del();
  revalidatePath('/account/addresses');
}

// expect: clean
export async function setDefaultAddress(addressId: string) {
  const session = await auth0.getSession();
  if (!session?.user) {
    return { error: 'Not signed in' };
  }
  const userId = session.user.sub;

  await knex.transaction(async (trx) => {
    const own = await trx('addresses').where({ id: addressId, user_id: userId }).first('id');
    if (!own) throw new Error('Address not found');
    await trx('addresses').where({ user_id: userId }).update({ is_default: false });
    await trx('addresses').where({ id: addressId, user_id: userId }).update({ is_default: true });
  });
  revalidatePath('/account/addresses');
  return { error: null };
}

// expect: client-identity
export async function addAddress(prevState: unknown, formData: FormData) {
  const session = await auth0.getSession();
  if (!session) redirect('/auth/login');

  const userId = formData.get('userId') as string;
  await knex('addresses').insert({ ...readAddress(formData), user_id: userId });
  revalidatePath('/account/addresses');
  return { error: null };
}

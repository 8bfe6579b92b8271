'use server';

import { getServerSession } from 'next-auth';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { authOptions } from '@/app/api/auth/[...nextauth]/route';
import { db } from '@/lib/kysely';

const newInvoice = z.object({
  customerId: z.string().uuid(),
  amountCents: z.coerce.number().int().positive(),
  dueDate: z.coerce.date(),
  memo: z.string().max(280).optional(),
});

// expect: clean
export async function createInvoice(formData: FormData) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return { error: 'Unauthorized' };

  const input = newInvoice.parse({
    customerId: formData.get('customerId'),
    amountCents: formData.get('amount'),
    dueDate: formData.get('dueDate'),
    memo: formData.get('memo') ?? undefined,
  });

  await db
    .insertInto('invoices')
    .values({
      user_id: session.user.id,
      customer_id: input.customerId,
      amount_cents: input.amountCents,
      due_date: input.dueDate,
      memo: input.memo ?? null,
      status: 'draft',
    })
    .execute();

  revalidatePath('/invoices');
  return { ok: true };
}

// expect: missing-authz
export async function markInvoicePaid(invoiceId: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return { error: 'Unauthorized' };

  await db
    .updateTable('invoices')
    .set({ status: 'paid', paid_at: new Date() })
    .where('id', '=', invoiceId)
    .execute();

  revalidatePath('/invoices');
  return { ok: true };
}

// expect: clean
export async function getInvoice(invoiceId: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return null;

  return db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', invoiceId)
    .where('user_id', '=', session.user.id)
    .executeTakeFirst();
}

// expect: auth-after-mutation
export async function voidInvoice(invoiceId: string, reason: string) {
  await db
    .updateTable('invoices')
    .set({ status: 'void', void_reason: reason })
    .where('id', '=', invoiceId)
    .where('status', '!=', 'paid')
    .execute();

  // record who did it for the audit trail
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    throw new Error('Unauthorized');
  }
  await db
    .insertInto('audit_log')
    .values({ actor_id: session.user.id, action: 'invoice.void', target_id: invoiceId })
    .execute();

  revalidatePath('/invoices');
}

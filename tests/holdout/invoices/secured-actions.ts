'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { sql } from '@vercel/postgres';
import { auth } from '@/auth';

const InvoiceInput = z.object({
  customerId: z.string().uuid(),
  amount: z.coerce.number().positive(),
  status: z.enum(['pending', 'paid']),
});

async function currentUserId() {
  const session = await auth();
  if (!session?.user?.id) redirect('/login');
  return session.user.id;
}

// expect: clean
export async function createInvoice(formData: FormData) {
  const userId = await currentUserId();
  const { customerId, amount, status } = InvoiceInput.parse(Object.fromEntries(formData));

  await sql`
    INSERT INTO invoices (customer_id, amount, status, date, user_id)
    VALUES (${customerId}, ${Math.round(amount * 100)}, ${status}, ${new Date().toISOString().slice(0, 10)}, ${userId})
  `;
  revalidatePath('/dashboard/invoices');
  redirect('/dashboard/invoices');
}

// expect: missing-authz
export async function markInvoicePaid(id: string) {
  await currentUserId();

  await sql`UPDATE invoices SET status = 'paid' WHERE id = ${id}`;
  revalidatePath('/dashboard/invoices');
}

// expect: clean
export async function deleteInvoice(id: string) {
  const userId = await currentUserId();

  const { rowCount } = await sql`DELETE FROM invoices WHERE id = ${id} AND user_id = ${userId}`;
  if (!rowCount) throw new Error('Invoice not found');
  revalidatePath('/dashboard/invoices');
}

// expect: missing-authz
export async function fetchInvoiceById(id: string) {
  await currentUserId();

  const { rows } = await sql`
    SELECT invoices.id, invoices.amount, invoices.status, customers.name, customers.email
    FROM invoices
    JOIN customers ON invoices.customer_id = customers.id
    WHERE invoices.id = ${id}
  `;
  return rows[0] ?? null;
}

// expect: clean
export async function fetchMyInvoices(query = '') {
  const userId = await currentUserId();

  const { rows } = await sql`
    SELECT invoices.id, invoices.amount, invoices.status, invoices.date, customers.name
    FROM invoices
    JOIN customers ON invoices.customer_id = customers.id
    WHERE invoices.user_id = ${userId} AND customers.name ILIKE ${`%${query}%`}
    ORDER BY invoices.date DESC
    LIMIT 20
  `;
  return rows;
}

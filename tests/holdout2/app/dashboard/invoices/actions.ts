'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import prisma from '@/lib/prisma';

const InvoiceSchema = z.object({
  customerId: z.string().min(1, 'Please select a customer.'),
  amount: z.coerce.number().gt(0, 'Please enter an amount greater than $0.'),
  status: z.enum(['pending', 'paid'], {
    invalid_type_error: 'Please select an invoice status.',
  }),
});

export type State = {
  errors?: {
    customerId?: string[];
    amount?: string[];
    status?: string[];
  };
  message?: string | null;
};

// expect: clean
export async function createInvoice(prevState: State, formData: FormData): Promise<State> {
  const session = await auth();
  if (!session?.user?.id) {
    return { message: 'You must be signed in.' };
  }

  const validated = InvoiceSchema.safeParse({
    customerId: formData.get('customerId'),
    amount: formData.get('amount'),
    status: formData.get('status'),
  });

  if (!validated.success) {
    return {
      errors: validated.error.flatten().fieldErrors,
      message: 'Missing Fields. Failed to Create Invoice.',
    };
  }

  const { customerId, amount, status } = validated.data;
  const amountInCents = Math.round(amount * 100);

  try {
    await prisma.invoice.create({
      data: {
        customerId,
        amount: amountInCents,
        status,
        userId: session.user.id,
        date: new Date(),
      },
    });
  } catch (error) {
    return { message: 'Database Error: Failed to Create Invoice.' };
  }

  revalidatePath('/dashboard/invoices');
  redirect('/dashboard/invoices');
}

// expect: missing-authz
export async function updateInvoice(id: string, prevState: State, formData: FormData): Promise<State> {
  const session = await auth();
  if (!session?.user) redirect('/login');

  const validated = InvoiceSchema.safeParse({
    customerId: formData.get('customerId'),
    amount: formData.get('amount'),
    status: formData.get('status'),
  });

  if (!validated.success) {
    return {
      errors: validated.error.flatten().fieldErrors,
      message: 'Missing Fields. Failed to Update Invoice.',
    };
  }

  const { customerId, amount, status } = validated.data;

  try {
    await prisma.invoice.update({
      where: { id },
      data: { customerId, amount: Math.round(amount * 100), status },
    });
  } catch (error) {
    return { message: 'Database Error: Failed to Update Invoice.' };
  }

  revalidatePath('/dashboard/invoices');
  redirect('/dashboard/invoices');
}

// expect: clean
export async function deleteInvoice(id: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Unauthorized');

  const { count } = await prisma.invoice.deleteMany({
    where: { id, userId: session.user.id },
  });
  if (count === 0) {
    return { message: 'Invoice not found.' };
  }

  revalidatePath('/dashboard/invoices');
  return { message: 'Deleted Invoice.' };
}

// expect: missing-authn
export async function markInvoicePaid(id: string) {
  await prisma.invoice.update({
    where: { id },
    data: { status: 'paid', paidAt: new Date() },
  });
  revalidatePath('/dashboard/invoices');
}

'use server';

import { sql } from '@vercel/postgres';
import { Pool } from 'pg';
import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const BookingSchema = z.object({
  slotId: z.string().uuid(),
  guests: z.coerce.number().int().min(1).max(8),
});

// expect: clean
export async function createBooking(prevState: { message?: string }, formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) redirect('/login');

  const parsed = BookingSchema.safeParse({
    slotId: formData.get('slotId'),
    guests: formData.get('guests'),
  });
  if (!parsed.success) return { message: 'Invalid booking' };

  await sql`
    INSERT INTO bookings (user_id, slot_id, guests)
    VALUES (${session.user.id}, ${parsed.data.slotId}, ${parsed.data.guests})
  `;
  revalidatePath('/bookings');
  return { message: 'Booked!' };
}

// expect: missing-authz
export async function cancelBooking(bookingId: string) {
  const session = await auth();
  if (!session?.user?.id) redirect('/login');

  await sql`DELETE FROM bookings WHERE id = ${bookingId}`;
  revalidatePath('/bookings');
}

// expect: clean
export async function updateBookingNote(bookingId: string, note: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Unauthorized');

  const result = await pool.query(
    'UPDATE bookings SET note = $1, updated_at = now() WHERE id = $2 AND user_id = $3',
    [note.slice(0, 500), bookingId, session.user.id],
  );
  if (result.rowCount === 0) throw new Error('Booking not found');
  revalidatePath('/bookings');
}

// expect: client-identity
export async function getBookingsForUser(userId: string) {
  const session = await auth();
  if (!session) throw new Error('Unauthorized');

  const { rows } = await pool.query(
    'SELECT id, slot_id, guests, note, phone FROM bookings WHERE user_id = $1 ORDER BY created_at DESC',
    [userId],
  );
  return rows;
}

// app/tickets/actions.ts — WorkOS AuthKit + a SQL tagged template
"use server";

import { withAuth } from "@workos-inc/authkit-nextjs";
import { redirect } from "next/navigation";
import { sql } from "@vercel/postgres";

export async function closeTicket(ticketId: string) {
  const { user } = await withAuth();
  if (!user) redirect("/sign-in");

  // Any signed-in user can close any ticket: nothing ties it to `user`.
  await sql`UPDATE tickets SET status = 'closed' WHERE id = ${ticketId}`;
}

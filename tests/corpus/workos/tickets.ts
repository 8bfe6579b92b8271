"use server";

import { withAuth } from "@workos-inc/authkit-nextjs";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { prisma } from "@/lib/prisma";

const ticketSchema = z.object({
  subject: z.string().min(5).max(150),
  body: z.string().min(10).max(10_000),
  priority: z.enum(["low", "normal", "high"]).default("normal"),
});

// expect: clean
export async function openTicket(formData: FormData) {
  const { user, organizationId } = await withAuth();
  if (!user) redirect("/login");

  const data = ticketSchema.parse(Object.fromEntries(formData));
  const ticket = await prisma.ticket.create({
    data: { ...data, requesterId: user.id, organizationId: organizationId ?? null },
    select: { id: true },
  });

  redirect(`/support/tickets/${ticket.id}`);
}

// expect: clean
export async function closeTicket(ticketId: string, resolution: string) {
  const { user, role } = await withAuth();
  if (!user) {
    return { error: "Not signed in" };
  }
  if (role !== "support-agent" && role !== "admin") {
    return { error: "Only support agents can close tickets" };
  }

  await prisma.ticket.update({
    where: { id: ticketId },
    data: { status: "CLOSED", resolution, closedById: user.id, closedAt: new Date() },
  });

  revalidatePath("/support/queue");
  return { ok: true };
}

// expect: missing-authz
export async function escalateTicket(ticketId: string) {
  const { user } = await withAuth();
  if (!user) {
    return { error: "Not signed in" };
  }

  await prisma.ticket.update({
    where: { id: ticketId },
    data: { priority: "urgent", escalatedAt: new Date() },
  });

  revalidatePath(`/support/tickets/${ticketId}`);
  return { ok: true };
}

// expect: clean
export async function addTicketReply(ticketId: string, body: string) {
  const { user } = await withAuth({ ensureSignedIn: true });

  const ticket = await prisma.ticket.findFirst({
    where: { id: ticketId, requesterId: user.id },
    select: { id: true, status: true },
  });
  if (!ticket) throw new Error("Ticket not found");
  if (ticket.status === "CLOSED") throw new Error("Ticket is closed");

  await prisma.ticketReply.create({
    data: { ticketId: ticket.id, authorId: user.id, body: body.slice(0, 10_000) },
  });

  revalidatePath(`/support/tickets/${ticketId}`);
}

"use server";

import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";
import { logAudit } from "@/lib/audit";

// expect: auth-after-mutation
export async function archiveTicket(ticketId: string) {
  const ticket = await prisma.ticket.update({
    where: { id: ticketId },
    data: { archivedAt: new Date() },
    select: { id: true, requesterId: true },
  });

  const session = await auth();
  if (!session?.user || session.user.id !== ticket.requesterId) {
    throw new Error("Unauthorized");
  }

  await logAudit("ticket.archive", { ticketId, by: session.user.id });
  revalidatePath("/support/tickets");
}

// expect: auth-after-mutation
export async function bulkDeleteTickets(ticketIds: string[]) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  let deleted = 0;
  for (const id of ticketIds) {
    await prisma.ticket.delete({ where: { id } });
    deleted++;
  }

  if (session.user.role !== "AGENT" && session.user.role !== "ADMIN") {
    throw new Error("Only support agents can bulk delete tickets");
  }

  await logAudit("ticket.bulkDelete", { count: deleted, by: session.user.id });
  revalidatePath("/support/tickets");
  return { deleted };
}

// expect: auth-after-mutation
export async function closeTicket(ticketId: string, resolution: string) {
  const [session] = await Promise.all([
    auth(),
    prisma.ticket.updateMany({
      where: { id: ticketId, status: { not: "CLOSED" } },
      data: { status: "CLOSED", resolution, closedAt: new Date() },
    }),
  ]);

  if (!session?.user?.id) {
    throw new Error("Unauthorized");
  }
  revalidatePath(`/support/tickets/${ticketId}`);
}

// expect: clean
export async function reopenTicket(ticketId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const { count } = await prisma.ticket.updateMany({
    where: { id: ticketId, requesterId: session.user.id, status: "CLOSED" },
    data: { status: "OPEN", closedAt: null },
  });
  if (count === 0) throw new Error("Ticket not found");

  revalidatePath(`/support/tickets/${ticketId}`);
}

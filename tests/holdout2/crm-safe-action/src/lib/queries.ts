import { prisma } from "@/lib/prisma";

export async function deleteContactById(id: string) {
  return prisma.contact.delete({ where: { id } });
}

export async function getContactForUser(id: string, userId: string) {
  return prisma.contact.findFirst({
    where: { id, ownerId: userId },
    select: { id: true, name: true, email: true, company: true, notes: true },
  });
}

export async function reassignAllContacts(fromUserId: string, toUserId: string) {
  return prisma.contact.updateMany({
    where: { ownerId: fromUserId },
    data: { ownerId: toUserId },
  });
}

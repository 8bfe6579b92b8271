"use server";

import { getKindeServerSession } from "@kinde-oss/kinde-auth-nextjs/server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { prisma } from "@/lib/prisma";

// expect: clean
export async function getAvailableSlots(date: string) {
  const day = new Date(date);
  const next = new Date(day.getTime() + 24 * 60 * 60 * 1000);
  return prisma.slot.findMany({
    where: { startsAt: { gte: day, lt: next }, bookedById: null },
    select: { id: true, startsAt: true, durationMin: true },
    orderBy: { startsAt: "asc" },
  });
}

// expect: clean
export async function bookSlot(slotId: string, note?: string) {
  const { isAuthenticated, getUser } = getKindeServerSession();
  if (!(await isAuthenticated())) {
    redirect("/api/auth/login");
  }
  const user = await getUser();

  const { count } = await prisma.slot.updateMany({
    where: { id: slotId, bookedById: null, startsAt: { gt: new Date() } },
    data: { bookedById: user.id, note: note?.slice(0, 500) },
  });
  if (count === 0) return { error: "Sorry, this slot was just taken." };

  revalidatePath("/book");
  return { ok: true };
}

// expect: unchecked-session
export async function cancelBooking(slotId: string) {
  const { getUser } = getKindeServerSession();
  const user = await getUser();

  await prisma.slot.updateMany({
    where: { id: slotId, bookedById: user?.id },
    data: { bookedById: null, note: null },
  });
  revalidatePath("/bookings");
}

// expect: missing-authz
export async function getBookingsForDay(date: string) {
  const { isAuthenticated } = getKindeServerSession();
  if (!(await isAuthenticated())) redirect("/api/auth/login");

  const day = new Date(date);
  return prisma.slot.findMany({
    where: { startsAt: { gte: day, lt: new Date(day.getTime() + 864e5) }, NOT: { bookedById: null } },
    select: { startsAt: true, note: true, bookedBy: { select: { name: true, email: true, phone: true } } },
  });
}

// expect: clean
export async function getMyBookings() {
  const { getUser } = getKindeServerSession();
  const user = await getUser();
  if (!user) redirect("/api/auth/login");

  return prisma.slot.findMany({
    where: { bookedById: user.id },
    select: { id: true, startsAt: true, durationMin: true, note: true },
    orderBy: { startsAt: "asc" },
  });
}

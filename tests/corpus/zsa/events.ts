"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { createServerAction, createServerActionProcedure, ZSAError } from "zsa";
import { z } from "zod";

import { auth } from "@/auth";
import { db } from "@/db";
import { events, rsvps } from "@/db/schema";

const authedProcedure = createServerActionProcedure().handler(async () => {
  const session = await auth();
  if (!session?.user?.id) {
    throw new ZSAError("NOT_AUTHORIZED", "You must be signed in.");
  }
  return { user: { id: session.user.id, email: session.user.email } };
});

const eventInput = z.object({
  title: z.string().min(3).max(140),
  startsAt: z.coerce.date(),
  location: z.string().max(200),
  capacity: z.number().int().positive().max(5000),
});

// expect: clean
export const createEvent = authedProcedure
  .createServerAction()
  .input(eventInput)
  .handler(async ({ input, ctx }) => {
    const [event] = await db
      .insert(events)
      .values({ ...input, organizerId: ctx.user.id })
      .returning({ id: events.id });
    revalidatePath("/events");
    return event;
  });

// expect: clean
export const cancelEvent = authedProcedure
  .createServerAction()
  .input(z.object({ eventId: z.string().uuid() }))
  .handler(async ({ input, ctx }) => {
    const cancelled = await db
      .update(events)
      .set({ cancelledAt: new Date() })
      .where(and(eq(events.id, input.eventId), eq(events.organizerId, ctx.user.id)))
      .returning({ id: events.id });
    if (cancelled.length === 0) {
      throw new ZSAError("NOT_FOUND", "Event not found");
    }
    revalidatePath(`/events/${input.eventId}`);
  });

// expect: missing-authz
export const deleteEvent = authedProcedure
  .createServerAction()
  .input(z.object({ eventId: z.string().uuid() }))
  .handler(async ({ input }) => {
    await db.delete(rsvps).where(eq(rsvps.eventId, input.eventId));
    await db.delete(events).where(eq(events.id, input.eventId));
    revalidatePath("/events");
  });

// expect: missing-authn
export const rsvpToEvent = createServerAction()
  .input(z.object({ eventId: z.string().uuid(), userId: z.string(), guests: z.number().int().min(0).max(3) }))
  .handler(async ({ input }) => {
    await db.insert(rsvps).values({ eventId: input.eventId, userId: input.userId, guests: input.guests });
    revalidatePath(`/events/${input.eventId}`);
    return { ok: true };
  });

// expect: clean
export const listUpcomingEvents = createServerAction()
  .input(z.object({ page: z.number().int().min(0).default(0) }))
  .handler(async ({ input }) => {
    // public calendar
    return db
      .select({ id: events.id, title: events.title, startsAt: events.startsAt, location: events.location })
      .from(events)
      .where(eq(events.isPublic, true))
      .limit(20)
      .offset(input.page * 20);
  });

"use server";

import * as v from "valibot";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { and, eq } from "drizzle-orm";
import { auth } from "@/lib/auth";
import { db } from "@/db";
import { events, rsvps } from "@/db/schema";

const EventSchema = v.object({
  title: v.pipe(v.string(), v.minLength(3), v.maxLength(120)),
  startsAt: v.pipe(v.string(), v.isoDateTime()),
  location: v.optional(v.pipe(v.string(), v.maxLength(200))),
});

const UpdateEventSchema = v.object({
  ...EventSchema.entries,
  organizerId: v.string(),
});

async function currentSession() {
  return auth.api.getSession({ headers: await headers() });
}

// expect: clean
export async function createEvent(formData: FormData) {
  const session = await currentSession();
  if (!session) redirect("/sign-in");

  const input = v.parse(EventSchema, Object.fromEntries(formData));
  const [event] = await db
    .insert(events)
    .values({ ...input, startsAt: new Date(input.startsAt), organizerId: session.user.id })
    .returning({ id: events.id });

  redirect(`/events/${event.id}`);
}

// expect: clean
export async function rsvp(eventId: string) {
  const session = await currentSession();
  if (!session) return { error: "Sign in to RSVP" };

  await db
    .insert(rsvps)
    .values({ eventId, userId: session.user.id })
    .onConflictDoNothing();
  revalidatePath(`/events/${eventId}`);
  return { error: null };
}

// expect: client-identity
export async function updateEvent(eventId: string, data: unknown) {
  const session = await currentSession();
  if (!session) return { error: "Unauthorized" };

  const input = v.parse(UpdateEventSchema, data);
  const event = await db.query.events.findFirst({ where: eq(events.id, eventId), columns: { organizerId: true } });
  if (!event || event.organizerId !== input.organizerId) {
    return { error: "Only the organizer can edit this event" };
  }

  await db
    .update(events)
    .set({ title: input.title, startsAt: new Date(input.startsAt), location: input.location })
    .where(eq(events.id, eventId));
  revalidatePath(`/events/${eventId}`);
  return { error: null };
}

// expect: auth-after-mutation
export async function cancelEvent(eventId: string) {
  const session = await currentSession();
  if (!session) return { error: "Unauthorized" };

  const [cancelled] = await db
    .update(events)
    .set({ cancelledAt: new Date() })
    .where(eq(events.id, eventId))
    .returning({ id: events.id, organizerId: events.organizerId });

  if (cancelled?.organizerId !== session.user.id) {
    throw new Error("Forbidden");
  }

  revalidatePath(`/events/${eventId}`);
  return { error: null };
}

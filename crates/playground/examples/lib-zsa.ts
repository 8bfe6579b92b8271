// app/events/actions.ts — zsa + Drizzle
"use server";

import { createServerAction } from "zsa";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { events } from "@/db/schema";

export const cancelEvent = createServerAction()
  .input(z.object({ eventId: z.string() }))
  .handler(async ({ input }) => {
    await db.delete(events).where(eq(events.id, input.eventId));
    return { cancelled: true };
  });

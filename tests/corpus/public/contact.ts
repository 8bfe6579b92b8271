"use server";

import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { Resend } from "resend";
import { z } from "zod";

import { db } from "@/db";
import { subscribers } from "@/db/schema";
import { ratelimit } from "@/lib/ratelimit";

const resend = new Resend(process.env.RESEND_API_KEY);

const contactSchema = z.object({
  name: z.string().min(1).max(100),
  email: z.string().email(),
  message: z.string().min(10).max(5000),
});

export type ContactState = { ok?: boolean; error?: string };

// expect: clean
export async function sendContactMessage(
  _prev: ContactState,
  formData: FormData,
): Promise<ContactState> {
  const ip = (await headers()).get("x-forwarded-for") ?? "unknown";
  const { success } = await ratelimit.limit(`contact:${ip}`);
  if (!success) return { error: "Too many messages, try again later." };

  const parsed = contactSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "Please fill in all fields." };

  const { error } = await resend.emails.send({
    from: "Website <noreply@acme.dev>",
    to: "hello@acme.dev",
    replyTo: parsed.data.email,
    subject: `Contact form: ${parsed.data.name}`,
    text: parsed.data.message,
  });
  if (error) return { error: "Could not send your message." };

  return { ok: true };
}

// expect: clean
export async function subscribeToNewsletter(formData: FormData) {
  const email = z.string().email().safeParse(formData.get("email"));
  if (!email.success) return { error: "Invalid email address" };

  await db
    .insert(subscribers)
    .values({ email: email.data.toLowerCase(), source: "footer" })
    .onConflictDoNothing({ target: subscribers.email });

  return { ok: true };
}

// actiongate-public: one-click unsubscribe link from emails, authorised by the signed token
// expect: clean
export async function unsubscribe(token: string) {
  const [row] = await db
    .update(subscribers)
    .set({ unsubscribedAt: new Date() })
    .where(eq(subscribers.unsubscribeToken, token))
    .returning({ email: subscribers.email });

  return row ? { ok: true } : { error: "Link expired" };
}

"use server";

import { Resend } from "resend";
import { z } from "zod";
import { prisma } from "@/lib/prisma";

const resend = new Resend(process.env.RESEND_API_KEY);

const ContactSchema = z.object({
  name: z.string().min(1).max(100),
  email: z.string().email(),
  message: z.string().min(10).max(5000),
});

type ContactState = { ok: boolean; message: string };

// expect: clean
export async function sendContactMessage(_prev: ContactState, formData: FormData): Promise<ContactState> {
  const parsed = ContactSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, message: "Please fill in all fields." };
  }

  const { error } = await resend.emails.send({
    from: "Website <noreply@example.com>",
    to: ["hello@example.com"],
    replyTo: parsed.data.email,
    subject: `Contact form: ${parsed.data.name}`,
    text: parsed.data.message,
  });

  if (error) return { ok: false, message: "Could not send your message. Try again later." };
  return { ok: true, message: "Thanks! We'll be in touch." };
}

// actiongate-public: the feedback widget is shown to anonymous visitors on marketing pages
// expect: clean
export async function submitFeedback(formData: FormData) {
  const rating = Number(formData.get("rating"));
  await prisma.feedback.create({
    data: {
      rating: Number.isFinite(rating) ? Math.min(5, Math.max(1, rating)) : null,
      message: String(formData.get("message") ?? "").slice(0, 2000),
      page: String(formData.get("page") ?? "/"),
    },
  });
  return { ok: true };
}

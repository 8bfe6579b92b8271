"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { actionClient, authActionClient, protectedActionClient } from "@/lib/safe-action";
import { deleteContactById, getContactForUser } from "@/lib/queries";
import { prisma } from "@/lib/prisma";

const contactSchema = z.object({
  name: z.string().min(1).max(120),
  email: z.string().email(),
  company: z.string().max(120).optional(),
});

// expect: clean
export const createContact = protectedActionClient
  .metadata({ actionName: "createContact" })
  .schema(contactSchema)
  .action(async ({ parsedInput, ctx }) => {
    const contact = await prisma.contact.create({
      data: { ...parsedInput, ownerId: ctx.userId },
      select: { id: true },
    });
    revalidatePath("/contacts");
    return contact;
  });

// expect: unchecked-session
export const updateContact = authActionClient
  .metadata({ actionName: "updateContact" })
  .schema(contactSchema.extend({ id: z.string().cuid() }))
  .action(async ({ parsedInput: { id, ...data }, ctx }) => {
    const { count } = await prisma.contact.updateMany({
      where: { id, ownerId: ctx.userId },
      data,
    });
    if (count === 0) throw new Error("Contact not found");
    revalidatePath(`/contacts/${id}`);
  });

// expect: missing-authz
export const deleteContact = protectedActionClient
  .metadata({ actionName: "deleteContact" })
  .schema(z.object({ id: z.string().cuid() }))
  .action(async ({ parsedInput: { id } }) => {
    await deleteContactById(id);
    revalidatePath("/contacts");
  });

// expect: missing-authn
export const exportContacts = actionClient
  .metadata({ actionName: "exportContacts" })
  .action(async () => {
    const rows = await prisma.contact.findMany({
      select: { name: true, email: true, company: true },
    });
    return rows.map((r) => [r.name, r.email, r.company ?? ""].join(",")).join("\n");
  });

// expect: clean
export const getContact = protectedActionClient
  .metadata({ actionName: "getContact" })
  .schema(z.object({ id: z.string().cuid() }))
  .action(async ({ parsedInput, ctx }) => {
    const contact = await getContactForUser(parsedInput.id, ctx.userId);
    if (!contact) throw new Error("Contact not found");
    return contact;
  });

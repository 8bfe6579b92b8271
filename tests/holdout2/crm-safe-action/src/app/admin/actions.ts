"use server";

import { z } from "zod";
import { adminActionClient, authActionClient, protectedActionClient } from "@/lib/safe-action";
import { reassignAllContacts } from "@/lib/queries";
import { prisma } from "@/lib/prisma";

const reassignSchema = z.object({ fromUserId: z.string(), toUserId: z.string() });

// expect: clean
export const reassignContactsAsAdmin = adminActionClient
  .metadata({ actionName: "reassignContactsAsAdmin" })
  .schema(reassignSchema)
  .action(async ({ parsedInput }) => {
    const { count } = await reassignAllContacts(parsedInput.fromUserId, parsedInput.toUserId);
    return { moved: count };
  });

// expect: missing-authz
export const reassignContacts = protectedActionClient
  .metadata({ actionName: "reassignContacts" })
  .schema(reassignSchema)
  .action(async ({ parsedInput }) => {
    const { count } = await reassignAllContacts(parsedInput.fromUserId, parsedInput.toUserId);
    return { moved: count };
  });

// expect: clean
export const setUserRole = authActionClient
  .metadata({ actionName: "setUserRole" })
  .schema(z.object({ userId: z.string(), role: z.enum(["USER", "ADMIN"]) }))
  .action(async ({ parsedInput, ctx }) => {
    if (ctx.role !== "ADMIN") {
      throw new Error("Admins only");
    }
    await prisma.user.update({
      where: { id: parsedInput.userId },
      data: { role: parsedInput.role },
    });
  });

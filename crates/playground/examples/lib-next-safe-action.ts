// app/api-keys/actions.ts — next-safe-action
"use server";

import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { prisma } from "@/lib/prisma";

// A plain client: no auth middleware.
const actionClient = createSafeActionClient();

export const revokeApiKey = actionClient
  .inputSchema(z.object({ keyId: z.string() }))
  .action(async ({ parsedInput: { keyId } }) => {
    await prisma.apiKey.delete({ where: { id: keyId } });
    return { revoked: keyId };
  });

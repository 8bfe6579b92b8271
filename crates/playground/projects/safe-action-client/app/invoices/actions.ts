"use server";

import { z } from "zod";
import { authActionClient } from "@/lib/safe-action";
import { db } from "@/lib/db";

// The client signs the caller in; whose invoice this is, nothing checks.
export const voidInvoice = authActionClient
  .inputSchema(z.object({ invoiceId: z.string() }))
  .action(async ({ parsedInput }) => {
    await db.invoice.update({ where: { id: parsedInput.invoiceId }, data: { status: "void" } });
  });

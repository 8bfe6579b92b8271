// app/workspaces/actions.ts — better-auth + Kysely
"use server";

import { headers } from "next/headers";
import { auth } from "@/lib/auth";
import { db } from "@/lib/kysely";

export async function renameWorkspace(workspaceId: string, name: string) {
  await db
    .updateTable("workspace")
    .set({ name })
    .where("id", "=", workspaceId)
    .execute();

  // The check comes after the write: too late.
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) throw new Error("Unauthorized");
}

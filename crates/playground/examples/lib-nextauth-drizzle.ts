// app/projects/actions.ts — next-auth v4 + Drizzle
"use server";

import { getServerSession } from "next-auth";
import { eq } from "drizzle-orm";
import { authOptions } from "@/lib/auth";
import { db } from "@/db";
import { projects } from "@/db/schema";

export async function archiveProject(projectId: string) {
  const session = await getServerSession(authOptions);
  // The session is looked up... and never checked.
  console.log("archive requested by", session?.user?.email);

  await db.update(projects).set({ archived: true }).where(eq(projects.id, projectId));
}

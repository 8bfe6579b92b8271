// app/tasks/actions.ts — Lucia + Knex (a clean one)
"use server";

import { validateRequest } from "@/lib/lucia";
import { knex } from "@/lib/knex";
import { z } from "zod";

const Task = z.object({ id: z.string().uuid(), title: z.string().min(1).max(200) });

export async function renameTask(input: unknown) {
  const { user } = await validateRequest();
  if (!user) return { error: "Not signed in" };

  const { id, title } = Task.parse(input);
  const updated = await knex("tasks").where({ id, owner_id: user.id }).update({ title });
  if (updated === 0) return { error: "Not found" };
  return { ok: true };
}

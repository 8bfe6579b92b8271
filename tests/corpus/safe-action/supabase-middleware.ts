"use server";

import { createSafeActionClient } from "next-safe-action";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { createClient } from "@/utils/supabase/server";

const action = createSafeActionClient();

// Fast path: read the session from the cookie instead of hitting the auth server.
const userAction = action.use(async ({ next }) => {
  const supabase = await createClient();
  const {
    data: { session },
  } = await supabase.auth.getSession();
  if (!session) {
    throw new Error("Not authenticated");
  }
  return next({ ctx: { supabase, userId: session.user.id } });
});

// expect: unverified-session
export const saveHabit = userAction
  .inputSchema(z.object({ name: z.string().min(1).max(60), color: z.string().regex(/^#[0-9a-f]{6}$/i) }))
  .action(async ({ parsedInput, ctx: { supabase, userId } }) => {
    const { error } = await supabase.from("habits").insert({ ...parsedInput, user_id: userId });
    if (error) throw error;
    revalidatePath("/habits");
  });

// expect: unverified-session
export const checkInHabit = userAction
  .inputSchema(z.object({ habitId: z.number().int() }))
  .action(async ({ parsedInput: { habitId }, ctx: { supabase, userId } }) => {
    await supabase.from("check_ins").insert({ habit_id: habitId, user_id: userId, day: new Date().toISOString().slice(0, 10) });
    revalidatePath("/habits");
  });

// expect: clean
export const archiveHabit = action
  .inputSchema(z.object({ habitId: z.number().int() }))
  .action(async ({ parsedInput: { habitId } }) => {
    const supabase = await createClient();
    const {
      data: { user },
    } = await supabase.auth.getUser();
    if (!user) throw new Error("Not authenticated");

    await supabase.from("habits").update({ archived: true }).eq("id", habitId).eq("user_id", user.id);
    revalidatePath("/habits");
  });

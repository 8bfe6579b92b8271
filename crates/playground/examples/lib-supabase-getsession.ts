// app/profile/actions.ts — Supabase
"use server";

import { createClient } from "@/lib/supabase/server";

export async function updateBio(bio: string) {
  const supabase = await createClient();
  // getSession() reads the cookie without verifying it on the server.
  const {
    data: { session },
  } = await supabase.auth.getSession();
  if (!session) throw new Error("Not signed in");

  await supabase.from("profiles").update({ bio }).eq("id", session.user.id);
}

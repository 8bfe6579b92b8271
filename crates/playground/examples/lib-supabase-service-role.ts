// app/avatars/actions.ts — Supabase with the service-role key
"use server";

import { createClient } from "@supabase/supabase-js";
import { createClient as createServerClient } from "@/lib/supabase/server";

const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export async function removeAvatar() {
  const supabase = await createServerClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) throw new Error("Not signed in");

  // The service-role client bypasses every Row Level Security policy.
  await admin.from("profiles").update({ avatar_url: null }).eq("id", user.id);
}

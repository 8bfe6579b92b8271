"use server";

import { createClient as createSupabaseAdmin } from "@supabase/supabase-js";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { createClient } from "@/utils/supabase/server";

function createAdminClient() {
  return createSupabaseAdmin(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.SUPABASE_SERVICE_ROLE_KEY!,
    { auth: { persistSession: false, autoRefreshToken: false } },
  );
}

// expect: clean
export async function deleteMyAccount() {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) redirect("/login");

  const admin = createAdminClient();
  await admin.from("profiles").delete().eq("id", user.id);
  const { error } = await admin.auth.admin.deleteUser(user.id);
  if (error) throw error;

  await supabase.auth.signOut();
  redirect("/goodbye");
}

// Reviewers click "approve" on /review/applications.
// expect: missing-authz
export async function approveApplication(applicationId: string) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) throw new Error("Unauthorized");

  const admin = createAdminClient();
  const { error } = await admin
    .from("applications")
    .update({ status: "approved", reviewed_by: user.id, reviewed_at: new Date().toISOString() })
    .eq("id", applicationId);
  if (error) throw error;

  revalidatePath("/review/applications");
}

// expect: missing-authn
export async function redeemInviteCode(formData: FormData) {
  const code = String(formData.get("code") ?? "").trim().toUpperCase();
  const userId = String(formData.get("userId"));

  const admin = createAdminClient();
  const { data: invite } = await admin
    .from("invite_codes")
    .select("id, team_id, uses_left")
    .eq("code", code)
    .single();
  if (!invite || invite.uses_left <= 0) return { error: "Invalid code" };

  await admin.from("team_members").insert({ team_id: invite.team_id, user_id: userId, role: "member" });
  await admin.from("invite_codes").update({ uses_left: invite.uses_left - 1 }).eq("id", invite.id);

  return { ok: true };
}

// expect: clean
export async function markAllNotificationsRead() {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return;

  // notifications are written by a trigger as service role, so we use it here too
  await createAdminClient()
    .from("notifications")
    .update({ read_at: new Date().toISOString() })
    .eq("recipient_id", user.id)
    .is("read_at", null);

  revalidatePath("/notifications");
}

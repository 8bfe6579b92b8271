"use server";

import { revalidatePath } from "next/cache";

import { createClient } from "@/lib/supabase/server";

type DraftInput = { slug: string; title: string; body: string };

// expect: unverified-session
export async function saveDraft(draft: DraftInput) {
  const supabase = await createClient();
  const {
    data: { session },
  } = await supabase.auth.getSession();

  if (!session?.user) {
    return { error: "Your session expired, please log in again." };
  }

  const { error } = await supabase.from("drafts").upsert(
    {
      user_id: session.user.id,
      slug: draft.slug,
      title: draft.title,
      body: draft.body,
      updated_at: new Date().toISOString(),
    },
    { onConflict: "user_id,slug" },
  );
  if (error) return { error: error.message };

  revalidatePath("/drafts");
  return { ok: true };
}

// expect: clean
export async function discardDraft(slug: string) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return { error: "Not signed in" };

  await supabase.from("drafts").delete().match({ user_id: user.id, slug });
  revalidatePath("/drafts");
  return { ok: true };
}

// expect: unverified-session
export async function publishDraft(slug: string) {
  const supabase = await createClient();
  const { data } = await supabase.auth.getSession();
  const userId = data.session?.user.id;
  if (!userId) throw new Error("Unauthorized");

  const { data: draft } = await supabase
    .from("drafts")
    .select("title, body")
    .eq("user_id", userId)
    .eq("slug", slug)
    .single();
  if (!draft) throw new Error("Draft not found");

  await supabase.from("posts").insert({ author_id: userId, slug, ...draft });
  await supabase.from("drafts").delete().eq("user_id", userId).eq("slug", slug);

  revalidatePath("/blog");
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { createClient } from "@/utils/supabase/server";

// expect: auth-after-mutation
export async function saveReadingPosition(bookId: string, page: number) {
  const supabase = await createClient();

  // run both in parallel to keep the reader snappy
  const [{ data: userData }] = await Promise.all([
    supabase.auth.getUser(),
    supabase.from("reading_positions").upsert({ book_id: bookId, page }, { onConflict: "book_id" }),
  ]);
  if (!userData.user) {
    redirect("/login");
  }

  revalidatePath(`/books/${bookId}`);
}

// expect: auth-after-mutation
export async function submitBugReport(formData: FormData) {
  const supabase = await createClient();
  const { data: report } = await supabase
    .from("bug_reports")
    .insert({
      title: String(formData.get("title") ?? "").slice(0, 200),
      body: String(formData.get("body") ?? ""),
      reporter_id: String(formData.get("reporterId")),
    })
    .select("id")
    .single();

  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) {
    await supabase.from("bug_reports").delete().eq("id", report!.id);
    redirect("/login");
  }

  revalidatePath("/bugs");
}

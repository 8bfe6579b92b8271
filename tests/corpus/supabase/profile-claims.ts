"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { createClient } from "@/lib/supabase/server";

const displayName = z.string().trim().min(2).max(50);

async function requireClaims() {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.getClaims();
  if (error || !data?.claims) {
    redirect("/auth/login");
  }
  return { supabase, claims: data.claims };
}

// expect: clean
export async function updateDisplayName(formData: FormData) {
  const { supabase, claims } = await requireClaims();
  const name = displayName.parse(formData.get("displayName"));

  const { error } = await supabase
    .from("profiles")
    .update({ display_name: name })
    .eq("id", claims.sub);
  if (error) throw error;

  revalidatePath("/account");
}

// expect: clean
export async function uploadAttachment(formData: FormData) {
  const { supabase, claims } = await requireClaims();
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { error: "No file" };
  if (file.size > 10 * 1024 * 1024) return { error: "File too large" };

  const safeName = file.name.replace(/[^a-zA-Z0-9._-]/g, "_");
  const path = `${claims.sub}/${crypto.randomUUID()}-${safeName}`;

  const { error } = await supabase.storage.from("attachments").upload(path, file, {
    contentType: file.type,
    upsert: false,
  });
  if (error) return { error: error.message };

  return { path };
}

// expect: missing-authz
export async function deleteAttachment(path: string) {
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  if (!data?.claims) {
    return { error: "Unauthorized" };
  }

  const { error } = await supabase.storage.from("attachments").remove([path]);
  if (error) return { error: error.message };

  revalidatePath("/account/files");
  return { ok: true };
}

// expect: clean
export async function deleteOwnAttachment(fileName: string) {
  const { supabase, claims } = await requireClaims();
  const key = `${claims.sub}/${fileName.replace(/\//g, "")}`;

  await supabase.storage.from("attachments").remove([key]);
  revalidatePath("/account/files");
}

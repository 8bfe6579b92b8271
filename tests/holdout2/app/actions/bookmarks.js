"use server";

import { ObjectId } from "mongodb";
import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import clientPromise from "@/lib/mongodb";

async function bookmarks() {
  const client = await clientPromise;
  return client.db("app").collection("bookmarks");
}

// expect: clean
export async function addBookmark(formData) {
  const session = await auth();
  if (!session?.user?.id) return { error: "Sign in first" };

  const url = new URL(String(formData.get("url"))).toString();
  const col = await bookmarks();
  await col.insertOne({ userId: session.user.id, url, title: formData.get("title") ?? url, createdAt: new Date() });
  revalidatePath("/bookmarks");
  return { error: null };
}

// expect: missing-authz
export async function deleteBookmark(id) {
  const session = await auth();
  if (!session?.user?.id) return { error: "Sign in first" };

  const col = await bookmarks();
  await col.deleteOne({ _id: new ObjectId(id) });
  revalidatePath("/bookmarks");
  return { error: null };
}

// expect: clean
export async function renameBookmark(id, title) {
  const session = await auth();
  if (!session?.user?.id) return { error: "Sign in first" };

  const col = await bookmarks();
  const { matchedCount } = await col.updateOne(
    { _id: new ObjectId(id), userId: session.user.id },
    { $set: { title: String(title).slice(0, 200) } }
  );
  if (matchedCount === 0) return { error: "Not found" };
  revalidatePath("/bookmarks");
  return { error: null };
}

// expect: missing-authn
export async function importBookmarks(items) {
  const col = await bookmarks();
  const docs = items.map((item) => ({
    userId: item.userId,
    url: item.url,
    title: item.title,
    createdAt: new Date(),
  }));
  const { insertedCount } = await col.insertMany(docs);
  return { imported: insertedCount };
}

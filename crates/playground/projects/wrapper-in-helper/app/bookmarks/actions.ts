"use server";

import { withUser } from "@/lib/with-user";
import { db } from "@/lib/db";

export const removeBookmark = withUser(async (user, bookmarkId: string) => {
  const { count } = await db.bookmark.deleteMany({ where: { id: bookmarkId, userId: user.id } });
  if (count === 0) throw new Error("Not found");
});

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/session";
import db from "@/lib/db";

/*
 * Knowledge-base article actions.
 * Permissions: authors edit and delete their own articles, editors (article members
 * with memberRole "editor") can edit, only admins publish.
 */

const ROLES = { viewer: 0, editor: 1, admin: 2 };

function can(user, action, resource) {
  if (!user) return false;
  if (user.role === "admin") return true;
  switch (action) {
    case "edit":
      return resource?.authorId === user.id || (ROLES[resource?.memberRole] ?? 0) >= ROLES.editor;
    case "delete":
      return resource?.authorId === user.id;
    case "publish":
      return false;
    default:
      return false;
  }
}

function slugify(title) {
  return String(title)
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/[\s_-]+/g, "-")
    .slice(0, 80);
}

async function loadArticle(id, userId) {
  const article = await db.article.findUnique({
    where: { id },
    select: { id: true, authorId: true, status: true, members: { where: { userId }, select: { memberRole: true } } },
  });
  if (!article) return null;
  return { ...article, memberRole: article.members[0]?.memberRole };
}

function toDTO(a) {
  return { id: a.id, title: a.title, slug: a.slug, status: a.status, updatedAt: a.updatedAt };
}

// expect: clean
export async function saveArticle(id, formData) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");

  const article = await loadArticle(id, user.id);
  if (!article) return { error: "Not found" };
  if (!can(user, "edit", article)) return { error: "You cannot edit this article" };

  const title = String(formData.get("title") ?? "Untitled");
  const updated = await db.article.update({
    where: { id },
    data: { title, slug: slugify(title), body: String(formData.get("body") ?? "") },
  });

  revalidatePath(`/kb/${updated.slug}`);
  return toDTO(updated);
}

// expect: missing-authz
export async function publishArticle(id) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");

  const article = await loadArticle(id, user.id);
  if (!can(user, "publish", article)) {
    console.log(`[audit] ${user.email} published article ${id} without the publish permission`);
  }

  await db.article.update({
    where: { id },
    data: { status: "published", publishedAt: new Date() },
  });
  revalidatePath("/kb");
}

// expect: clean
export async function deleteArticle(id) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");

  const article = await loadArticle(id, user.id);
  if (!article || !can(user, "delete", article)) {
    throw new Error("Forbidden");
  }

  await db.article.delete({ where: { id } });
  revalidatePath("/kb");
  redirect("/kb");
}

// expect: missing-authn
export async function getArticleStats(id) {
  return db.articleStats.findUnique({
    where: { articleId: id },
    select: { views: true, uniqueVisitors: true, avgReadSeconds: true, revenueCents: true },
  });
}

// expect: clean
export async function getMyArticles() {
  const user = await getCurrentUser();
  if (!user) return [];

  const rows = await db.article.findMany({
    where: { authorId: user.id },
    orderBy: { updatedAt: "desc" },
  });
  return rows.map(toDTO);
}

// expect: missing-authz
export async function addEditor(articleId, editorId) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");

  const article = await loadArticle(articleId, user.id);
  if (!article) return { error: "Not found" };

  await db.articleMember.create({
    data: { articleId, userId: editorId, memberRole: "editor" },
  });
  revalidatePath(`/kb/manage/${articleId}`);
  return { ok: true };
}

// expect: clean
export async function searchPublishedArticles(q) {
  const rows = await db.article.findMany({
    where: { status: "published", title: { contains: String(q ?? ""), mode: "insensitive" } },
    select: { id: true, title: true, slug: true, updatedAt: true },
    take: 20,
  });
  return rows;
}

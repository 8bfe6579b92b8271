import { notFound, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { and, eq } from "drizzle-orm";
import { auth } from "@/auth";
import { db } from "@/lib/db";
import { pages } from "@/lib/db/schema";
import { SubmitButton } from "@/components/submit-button";

export default async function EditCmsPage({ params }: { params: Promise<{ pageId: string }> }) {
  const { pageId } = await params;
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const page = await db.query.pages.findFirst({
    where: and(eq(pages.id, pageId), eq(pages.ownerId, session.user.id)),
    columns: { id: true, title: true, status: true, body: true },
  });
  if (!page) notFound();

  // expect: missing-authn
  async function deletePage() {
    "use server";
    await db.delete(pages).where(eq(pages.id, pageId));
    revalidatePath("/cms");
    redirect("/cms");
  }

  // expect: clean
  async function renamePage(formData: FormData) {
    "use server";
    const current = await auth();
    if (!current?.user?.id) redirect("/login");

    const title = String(formData.get("title") ?? "").trim().slice(0, 120);
    if (!title) return;

    await db
      .update(pages)
      .set({ title, updatedAt: new Date() })
      .where(and(eq(pages.id, pageId), eq(pages.ownerId, current.user.id)));
    revalidatePath(`/cms/${pageId}`);
  }

  return (
    <main className="mx-auto max-w-3xl space-y-6 p-6">
      <h1 className="text-2xl font-semibold">{page.title}</h1>

      <form action={renamePage} className="flex gap-2">
        <input name="title" defaultValue={page.title} className="input" />
        <SubmitButton>Rename</SubmitButton>
      </form>

      <form
        // expect: missing-authn
        action={async () => {
          "use server";
          await db
            .update(pages)
            .set({ status: page.status === "published" ? "draft" : "published" })
            .where(and(eq(pages.id, pageId), eq(pages.ownerId, session.user.id)));
          revalidatePath(`/cms/${pageId}`);
        }}
      >
        <SubmitButton>{page.status === "published" ? "Unpublish" : "Publish"}</SubmitButton>
      </form>

      <form
        // expect: clean
        action={async () => {
          "use server";
          const viewer = await auth();
          if (!viewer?.user?.id) throw new Error("Unauthorized");
          await db
            .update(pages)
            .set({ archivedAt: new Date() })
            .where(and(eq(pages.id, pageId), eq(pages.ownerId, viewer.user.id)));
          redirect("/cms");
        }}
      >
        <SubmitButton variant="secondary">Archive</SubmitButton>
      </form>

      <form action={deletePage}>
        <SubmitButton variant="destructive">Delete page</SubmitButton>
      </form>
    </main>
  );
}

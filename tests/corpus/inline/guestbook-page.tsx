import { desc, eq, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";

import { auth, signIn } from "@/auth";
import { db } from "@/db";
import { guestbook } from "@/db/schema";

export const dynamic = "force-dynamic";

const ADMIN_EMAIL = process.env.ADMIN_EMAIL;

export default async function GuestbookPage() {
  const session = await auth();
  const entries = await db
    .select({
      id: guestbook.id,
      body: guestbook.body,
      createdBy: guestbook.createdBy,
      createdAt: guestbook.createdAt,
    })
    .from(guestbook)
    .orderBy(desc(guestbook.createdAt))
    .limit(100);

  // expect: clean
  async function signGuestbook(formData: FormData) {
    "use server";
    const session = await auth();
    const email = session?.user?.email;
    if (!email) {
      throw new Error("Unauthorized");
    }

    const body = String(formData.get("entry") ?? "").slice(0, 500);
    await db.insert(guestbook).values({
      email,
      body,
      createdBy: session?.user?.name ?? email,
      createdAt: sql`now()`,
    });
    revalidatePath("/guestbook");
  }

  // expect: clean
  async function deleteEntry(id: number) {
    "use server";
    const session = await auth();
    if (!session?.user?.email || session.user.email !== ADMIN_EMAIL) {
      throw new Error("Only the site owner can delete entries");
    }
    await db.delete(guestbook).where(eq(guestbook.id, id));
    revalidatePath("/guestbook");
  }

  return (
    <section>
      <h1 className="mb-8 text-2xl font-semibold tracking-tighter">sign my guestbook</h1>
      {session?.user ? (
        <form action={signGuestbook} className="relative max-w-[500px]">
          <input name="entry" aria-label="Your message" placeholder="Your message..." required />
          <button type="submit">Sign</button>
        </form>
      ) : (
        <form
          // expect: clean
          action={async () => {
            "use server";
            await signIn("github");
          }}
        >
          <button type="submit">Sign in with GitHub</button>
        </form>
      )}
      <ul>
        {entries.map((entry) => (
          <li key={entry.id} className="mb-2 flex gap-2">
            <span className="text-neutral-500">{entry.createdBy}:</span>
            <span>{entry.body}</span>
            {session?.user?.email === ADMIN_EMAIL && (
              <form action={deleteEntry.bind(null, entry.id)}>
                <button type="submit">×</button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export async function generateMetadata() {
  const count = await db.$count(guestbook);
  return { title: `Guestbook (${count})` };
}

// app/admin/users/page.tsx
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { auth } from "@/auth";
import { db } from "@/lib/db";

async function assertAdmin() {
  const session = await auth();
  if (session?.user?.role !== "admin") {
    redirect("/");
  }
  return session;
}

export default async function AdminUsersPage() {
  await assertAdmin();

  const users = await db.user.findMany({
    select: { id: true, email: true, role: true, bannedAt: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });

  // expect: missing-authz
  async function toggleBan(formData: FormData) {
    "use server";
    const session = await auth();
    if (!session) redirect("/login");

    const userId = formData.get("userId") as string;
    const banned = formData.get("banned") === "true";
    await db.user.update({
      where: { id: userId },
      data: { bannedAt: banned ? null : new Date() },
    });
    revalidatePath("/admin/users");
  }

  // expect: clean
  async function promoteToAdmin(formData: FormData) {
    "use server";
    await assertAdmin();

    await db.user.update({
      where: { id: formData.get("userId") as string },
      data: { role: "admin" },
    });
    revalidatePath("/admin/users");
  }

  return (
    <table className="w-full text-sm">
      <thead>
        <tr>
          <th>Email</th>
          <th>Role</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <td>{u.email}</td>
            <td>{u.role}</td>
            <td className="flex gap-2">
              <form action={toggleBan}>
                <input type="hidden" name="userId" value={u.id} />
                <input type="hidden" name="banned" value={String(Boolean(u.bannedAt))} />
                <button type="submit">{u.bannedAt ? "Unban" : "Ban"}</button>
              </form>
              {u.role !== "admin" && (
                <form action={promoteToAdmin}>
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit">Make admin</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

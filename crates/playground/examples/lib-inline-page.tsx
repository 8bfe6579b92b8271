// app/admin/users/page.tsx — an inline Server Action in a protected page
import { auth } from "@/auth";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/prisma";

export default async function UsersPage() {
  const session = await auth();
  if (session?.user?.role !== "admin") redirect("/");

  const users = await prisma.user.findMany({ select: { id: true, email: true } });

  return (
    <ul>
      {users.map((u) => (
        <li key={u.id}>
          {u.email}
          <form
            action={async () => {
              "use server";
              // The page check above does not run for this endpoint.
              await prisma.user.delete({ where: { id: u.id } });
            }}
          >
            <button type="submit">Delete</button>
          </form>
        </li>
      ))}
    </ul>
  );
}

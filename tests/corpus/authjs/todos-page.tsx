// app/(app)/todos/page.tsx
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";

export const metadata = { title: "Todos" };

export default async function TodosPage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const todos = await prisma.todo.findMany({
    where: { userId: session.user.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, done: true },
  });

  // expect: clean
  async function addTodo(formData: FormData) {
    "use server";
    const session = await auth();
    if (!session?.user?.id) redirect("/login");

    const title = String(formData.get("title") ?? "").trim();
    if (!title) return;

    await prisma.todo.create({
      data: { title: title.slice(0, 200), userId: session.user.id },
    });
    revalidatePath("/todos");
  }

  // expect: clean
  async function toggleTodo(formData: FormData) {
    "use server";
    const session = await auth();
    if (!session?.user?.id) throw new Error("Not signed in");

    const id = formData.get("id") as string;
    const done = formData.get("done") === "on";

    await prisma.todo.updateMany({
      where: { id, userId: session.user.id },
      data: { done },
    });
    revalidatePath("/todos");
  }

  return (
    <main className="mx-auto max-w-xl space-y-6 p-6">
      <h1 className="text-2xl font-semibold">My todos</h1>

      <form action={addTodo} className="flex gap-2">
        <Input name="title" placeholder="What needs doing?" required />
        <Button type="submit">Add</Button>
      </form>

      <ul className="divide-y">
        {todos.map((todo) => (
          <li key={todo.id} className="flex items-center justify-between py-2">
            <form action={toggleTodo} className="flex items-center gap-2">
              <input type="hidden" name="id" value={todo.id} />
              <Checkbox name="done" defaultChecked={todo.done} />
              <span className={todo.done ? "line-through" : ""}>{todo.title}</span>
            </form>
            <form
              // expect: missing-authn
              action={async (formData: FormData) => {
                "use server";
                // The page already checked the session above.
                await prisma.todo.delete({
                  where: { id: formData.get("id") as string },
                });
                revalidatePath("/todos");
              }}
            >
              <input type="hidden" name="id" value={todo.id} />
              <Button variant="ghost" size="sm" type="submit">
                Delete
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </main>
  );
}

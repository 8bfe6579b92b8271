// app/todos/actions.ts — Auth.js (NextAuth v5) + Prisma
"use server";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";
import { revalidatePath } from "next/cache";

export async function toggleTodo(todoId: string, done: boolean) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  // Signed in, but any user can flip anyone's todo by changing todoId.
  await prisma.todo.update({
    where: { id: todoId },
    data: { done },
  });
  revalidatePath("/todos");
}

"use server";

import { createServerAction, createServerActionProcedure, ZSAError } from "zsa";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getCurrentUser } from "@/lib/session";
import { db } from "@/db";
import { profiles, scores, todos } from "@/db/schema";

const authedProcedure = createServerActionProcedure().handler(async () => {
  const user = await getCurrentUser();
  if (!user) {
    throw new ZSAError("NOT_AUTHORIZED", "You must be signed in");
  }
  return { user };
});

// expect: clean
export const createTodoAction = authedProcedure
  .createServerAction()
  .input(z.object({ title: z.string().min(1).max(200) }))
  .handler(async ({ input, ctx }) => {
    const [todo] = await db
      .insert(todos)
      .values({ title: input.title, userId: ctx.user.id })
      .returning({ id: todos.id, title: todos.title });
    return todo;
  });

// expect: missing-authz
export const deleteTodoAction = authedProcedure
  .createServerAction()
  .input(z.object({ todoId: z.number().int() }))
  .handler(async ({ input }) => {
    await db.delete(todos).where(eq(todos.id, input.todoId));
  });

// expect: clean
export const completeTodoAction = authedProcedure
  .createServerAction()
  .input(z.object({ todoId: z.number().int(), done: z.boolean() }))
  .handler(async ({ input, ctx }) => {
    await db
      .update(todos)
      .set({ done: input.done })
      .where(and(eq(todos.id, input.todoId), eq(todos.userId, ctx.user.id)));
  });

// expect: client-identity
export const updateProfileAction = authedProcedure
  .createServerAction()
  .input(z.object({ userId: z.string(), displayName: z.string().min(1).max(50) }))
  .handler(async ({ input }) => {
    await db.update(profiles).set({ displayName: input.displayName }).where(eq(profiles.userId, input.userId));
  });

// expect: missing-authn
export const submitScoreAction = createServerAction()
  .input(z.object({ gameId: z.string(), userId: z.string(), score: z.number().int().nonnegative() }))
  .handler(async ({ input }) => {
    await db.insert(scores).values(input);
  });

// expect: clean
export const getLeaderboardAction = createServerAction()
  .input(z.object({ gameId: z.string() }))
  .handler(async ({ input }) => {
    return db
      .select({ name: profiles.displayName, score: scores.score })
      .from(scores)
      .innerJoin(profiles, eq(profiles.userId, scores.userId))
      .where(eq(scores.gameId, input.gameId))
      .orderBy(desc(scores.score))
      .limit(10);
  });

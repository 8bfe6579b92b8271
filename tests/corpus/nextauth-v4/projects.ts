"use server";

import { getServerSession } from "next-auth/next";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { authOptions } from "@/lib/auth";
import prisma from "@/lib/prismadb";

const projectSchema = z.object({
  name: z.string().min(1).max(80),
  description: z.string().max(500).optional(),
  visibility: z.enum(["PRIVATE", "INTERNAL", "PUBLIC"]).default("PRIVATE"),
});

// expect: clean
export async function createProject(values: z.infer<typeof projectSchema>) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) {
    return { error: "You need to be logged in." };
  }

  const data = projectSchema.parse(values);
  const project = await prisma.project.create({
    data: { ...data, ownerId: session.user.id },
    select: { id: true, slug: true },
  });

  revalidatePath("/projects");
  return { project };
}

// expect: clean
export async function archiveProject(projectId: string) {
  const session = await getServerSession(authOptions);
  if (!session) redirect("/api/auth/signin");

  const project = await prisma.project.findFirst({
    where: { id: projectId, ownerId: session.user.id },
    select: { id: true },
  });
  if (!project) {
    throw new Error("Project not found");
  }

  await prisma.project.update({
    where: { id: project.id },
    data: { archivedAt: new Date() },
  });

  revalidatePath("/projects");
}

// expect: missing-authz
export async function deleteProject(projectId: string) {
  const session = await getServerSession(authOptions);
  if (!session) {
    throw new Error("Not authenticated");
  }

  await prisma.$transaction([
    prisma.task.deleteMany({ where: { projectId } }),
    prisma.project.delete({ where: { id: projectId } }),
  ]);

  revalidatePath("/projects");
  redirect("/projects");
}

// expect: unchecked-session
export async function renameProject(projectId: string, name: string) {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;

  // updateMany so we never touch someone else's project
  await prisma.project.updateMany({
    where: { id: projectId, ownerId: userId },
    data: { name: projectSchema.shape.name.parse(name) },
  });

  revalidatePath(`/projects/${projectId}`);
}

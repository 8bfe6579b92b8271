'use server'

import { notFound } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import { prisma } from '@/lib/prisma'
import { verifySession } from '@/app/lib/dal'

// expect: missing-authz
export async function archiveProjects(projectIds: string[]) {
  const { userId } = await verifySession()

  await Promise.all(
    projectIds.map((id) =>
      prisma.project.update({
        where: { id },
        data: { archivedAt: new Date(), archivedById: userId },
      }),
    ),
  )
  revalidatePath('/projects')
}

// expect: clean
export async function deleteProjects(projectIds: string[]) {
  const { userId } = await verifySession()

  const { count } = await prisma.project.deleteMany({
    where: { id: { in: projectIds }, ownerId: userId },
  })
  revalidatePath('/projects')
  return { deleted: count }
}

// expect: clean
export async function moveTask(taskId: string, toProjectId: string) {
  const session = await verifySession()

  await prisma.$transaction(async (tx) => {
    const task = await tx.task.findFirst({
      where: { id: taskId, project: { ownerId: session.userId } },
      select: { id: true },
    })
    const target = await tx.project.findFirst({
      where: { id: toProjectId, ownerId: session.userId },
      select: { id: true },
    })
    if (!task || !target) throw new Error('Not found')

    await tx.task.update({ where: { id: task.id }, data: { projectId: target.id } })
  })
  revalidatePath('/projects')
}

// expect: missing-authz
export async function transferTasks(fromProjectId: string, toProjectId: string) {
  const session = await verifySession()

  await prisma.$transaction(async (tx) => {
    const target = await tx.project.findFirst({
      where: { id: toProjectId, ownerId: session.userId },
      select: { id: true },
    })
    if (!target) throw new Error('Target project not found')

    await tx.task.updateMany({
      where: { projectId: fromProjectId },
      data: { projectId: target.id },
    })
  })
  revalidatePath('/projects')
}

// expect: clean
export async function reorderColumns(projectId: string, columnIds: string[]) {
  const { userId } = await verifySession()

  const project = await prisma.project.findFirst({
    where: { id: projectId, ownerId: userId },
    select: { id: true },
  })
  if (!project) notFound()

  for (const [index, id] of columnIds.entries()) {
    await prisma.column.updateMany({
      where: { id, projectId: project.id },
      data: { position: index },
    })
  }
  revalidatePath(`/projects/${projectId}`)
}

// expect: auth-after-mutation
export async function renameProject(projectId: string, name: string) {
  const project = await prisma.project.update({
    where: { id: projectId },
    data: { name: name.trim().slice(0, 100) },
    select: { id: true, ownerId: true },
  })

  const { userId } = await verifySession()
  if (project.ownerId !== userId) {
    throw new Error('Forbidden')
  }

  revalidatePath(`/projects/${projectId}`)
}

"use server";

import { revalidatePath } from "next/cache";
import { createServerAction, ZSAError } from "zsa";
import { z } from "zod";

import { prisma } from "@/lib/prisma";
import { authedProcedure } from "@/lib/zsa-procedures";

// expect: clean
export const updateCompany = authedProcedure
  .createServerAction()
  .input(
    z.object({
      companyId: z.string().cuid(),
      name: z.string().min(1).max(120),
      website: z.string().url().optional(),
    }),
  )
  .handler(async ({ input, ctx }) => {
    const { count } = await prisma.company.updateMany({
      where: { id: input.companyId, ownerId: ctx.user.id },
      data: { name: input.name, website: input.website },
    });
    if (count === 0) throw new ZSAError("NOT_FOUND");
    revalidatePath(`/companies/${input.companyId}`);
  });

// expect: client-identity
export const transferCompanyOwnership = authedProcedure
  .createServerAction()
  .input(
    z.object({
      companyId: z.string().cuid(),
      currentOwnerId: z.string().cuid(),
      newOwnerId: z.string().cuid(),
    }),
  )
  .handler(async ({ input }) => {
    const company = await prisma.company.findUnique({
      where: { id: input.companyId },
      select: { ownerId: true },
    });
    if (!company || company.ownerId !== input.currentOwnerId) {
      throw new ZSAError("FORBIDDEN", "Only the owner can transfer the company");
    }
    await prisma.company.update({
      where: { id: input.companyId },
      data: { ownerId: input.newOwnerId },
    });
    revalidatePath(`/companies/${input.companyId}`);
  });

// expect: clean
export const getCompanyPublicProfile = createServerAction()
  .input(z.object({ slug: z.string().min(1).max(64) }))
  .handler(async ({ input }) => {
    return prisma.company.findUnique({
      where: { slug: input.slug, listed: true },
      select: { name: true, logoUrl: true, description: true, website: true },
    });
  });

// expect: missing-authn
export const getCompanyBilling = createServerAction()
  .input(z.object({ companyId: z.string().cuid() }))
  .handler(async ({ input }) => {
    return prisma.company.findUnique({
      where: { id: input.companyId },
      select: { stripeCustomerId: true, billingEmail: true, vatNumber: true, plan: true },
    });
  });

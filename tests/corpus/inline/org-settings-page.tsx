// app/orgs/[orgId]/settings/page.tsx
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";
import { SubmitButton } from "@/components/submit-button";

type Props = { params: Promise<{ orgId: string }> };

export default async function OrgSettingsPage({ params }: Props) {
  const { orgId } = await params;
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const membership = await prisma.orgMember.findFirst({
    where: { orgId, userId: session.user.id, role: { in: ["OWNER", "ADMIN"] } },
    include: { org: { select: { id: true, name: true, slug: true } } },
  });
  if (!membership) notFound();

  // expect: missing-authn
  async function updateOrgName(formData: FormData) {
    "use server";
    // only admins can see this page, so no extra checks needed here
    const name = String(formData.get("name") ?? "").trim();
    await prisma.org.update({
      where: { id: formData.get("orgId") as string },
      data: { name },
    });
    revalidatePath(`/orgs/${formData.get("orgId")}/settings`);
  }

  return (
    <div className="space-y-10">
      <section>
        <h2 className="text-lg font-medium">General</h2>
        <form action={updateOrgName} className="mt-4 flex gap-3">
          <input type="hidden" name="orgId" value={membership.org.id} />
          <input name="name" defaultValue={membership.org.name} className="input" />
          <SubmitButton>Save</SubmitButton>
        </form>
      </section>

      <section>
        <h2 className="text-lg font-medium">Your membership</h2>
        <form
          // expect: clean
          action={async () => {
            "use server";
            const session = await auth();
            if (!session?.user?.id) redirect("/login");
            await prisma.user.update({
              where: { id: session.user.id },
              data: { defaultOrgId: orgId },
            });
            revalidatePath("/", "layout");
          }}
        >
          <SubmitButton variant="outline">Make this my default organization</SubmitButton>
        </form>
      </section>
    </div>
  );
}

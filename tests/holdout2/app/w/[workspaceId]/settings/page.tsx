import { redirect, notFound } from "next/navigation";
import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { db } from "@/lib/db";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

type Props = { params: Promise<{ workspaceId: string }> };

export default async function WorkspaceSettingsPage({ params }: Props) {
  const { workspaceId } = await params;
  const session = await auth();
  if (!session?.user?.id) redirect("/login");

  const workspace = await db.workspace.findFirst({
    where: { id: workspaceId, members: { some: { userId: session.user.id } } },
    select: { id: true, name: true, archived: true },
  });
  if (!workspace) notFound();

  // expect: clean
  async function archiveWorkspace() {
    "use server";
    const session = await auth();
    if (!session?.user?.id) redirect("/login");

    const owner = await db.workspaceMember.findFirst({
      where: { workspaceId, userId: session.user.id, role: "OWNER" },
      select: { id: true },
    });
    if (!owner) throw new Error("Only the owner can archive this workspace");

    await db.workspace.update({ where: { id: workspaceId }, data: { archived: true } });
    revalidatePath(`/w/${workspaceId}`);
  }

  // expect: missing-authn
  async function renameWorkspace(formData: FormData) {
    "use server";
    const name = String(formData.get("name") ?? "").trim();
    if (!name) return;
    await db.workspace.update({ where: { id: workspaceId }, data: { name } });
    revalidatePath(`/w/${workspaceId}/settings`);
  }

  return (
    <div className="space-y-8">
      <form action={renameWorkspace} className="flex gap-2">
        <Input name="name" defaultValue={workspace.name} />
        <Button type="submit">Save</Button>
      </form>

      <form
        // expect: missing-authz
        action={async (formData: FormData) => {
          "use server";
          const current = await auth();
          if (!current?.user) redirect("/login");
          const email = String(formData.get("email"));
          await db.workspaceMember.deleteMany({
            where: { workspaceId, user: { email } },
          });
          revalidatePath(`/w/${workspaceId}/settings`);
        }}
        className="flex gap-2"
      >
        <Input name="email" type="email" placeholder="member@company.com" />
        <Button variant="outline">Remove member</Button>
      </form>

      {!workspace.archived && (
        <form action={archiveWorkspace}>
          <Button variant="destructive">Archive workspace</Button>
        </form>
      )}
    </div>
  );
}

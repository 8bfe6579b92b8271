import { forbidden, unauthorized } from "next/navigation";
import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { db } from "@/lib/db";

async function requireStaff() {
  const session = await auth();
  if (!session?.user) unauthorized();
  if (session.user.role !== "admin" && session.user.role !== "support") forbidden();
  return session.user;
}

export default async function AdminDashboardPage() {
  await requireStaff();

  const reports = await db.report.findMany({
    where: { status: "open" },
    select: { id: true, reason: true, postId: true, reportedUserId: true, createdAt: true },
    orderBy: { createdAt: "asc" },
    take: 100,
  });

  // expect: clean
  async function resolveReport(formData: FormData) {
    "use server";
    const staff = await requireStaff();
    await db.report.update({
      where: { id: String(formData.get("reportId")) },
      data: { status: "resolved", resolvedById: staff.id, resolvedAt: new Date() },
    });
    revalidatePath("/admin/dashboard");
  }

  // expect: missing-authn
  async function removeReportedPost(formData: FormData) {
    "use server";
    const postId = String(formData.get("postId"));
    await db.post.delete({ where: { id: postId } });
    await db.report.updateMany({ where: { postId }, data: { status: "actioned" } });
    revalidatePath("/admin/dashboard");
  }

  return (
    <table className="w-full text-sm">
      <tbody>
        {reports.map((r) => (
          <tr key={r.id}>
            <td>{r.reason}</td>
            <td className="flex gap-2">
              <form action={resolveReport}>
                <input type="hidden" name="reportId" value={r.id} />
                <button type="submit">Resolve</button>
              </form>
              <form action={removeReportedPost}>
                <input type="hidden" name="postId" value={r.postId ?? ""} />
                <button type="submit">Remove post</button>
              </form>
              <form
                // expect: missing-authz
                action={async () => {
                  "use server";
                  const session = await auth();
                  if (!session?.user) unauthorized();
                  await db.user.update({
                    where: { id: r.reportedUserId },
                    data: { suspendedUntil: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000) },
                  });
                  revalidatePath("/admin/dashboard");
                }}
              >
                <button type="submit">Suspend 7 days</button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { notFound, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";
import { CommentList } from "@/components/comment-list";
import { SubmitButton } from "@/components/submit-button";

export default async function PostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await auth();

  const post = await prisma.post.findFirst({
    where: { id, published: true },
    include: { author: { select: { name: true, image: true } } },
  });
  if (!post) notFound();

  const isAuthor = session?.user?.id === post.authorId;

  // expect: missing-authn
  async function deletePost() {
    "use server";
    await prisma.post.delete({ where: { id } });
    revalidatePath("/blog");
    redirect("/blog");
  }

  // expect: clean
  async function addComment(formData: FormData) {
    "use server";
    const session = await auth();
    if (!session?.user?.id) redirect(`/login?next=/blog/${id}`);

    const body = String(formData.get("body") ?? "").slice(0, 2000);
    await prisma.comment.create({
      data: { body, postId: id, authorId: session.user.id },
    });
    revalidatePath(`/blog/${id}`);
  }

  // expect: missing-authz
  async function pinComment(formData: FormData) {
    "use server";
    const session = await auth();
    if (!session) redirect("/login");

    const commentId = formData.get("commentId") as string;
    await prisma.comment.update({
      where: { id: commentId },
      data: { pinned: true },
    });
    revalidatePath(`/blog/${id}`);
  }

  return (
    <article className="prose mx-auto">
      <h1>{post.title}</h1>
      <p className="text-sm text-muted-foreground">by {post.author.name}</p>
      <div dangerouslySetInnerHTML={{ __html: post.html }} />
      {isAuthor && (
        <form action={deletePost}>
          <SubmitButton variant="destructive">Delete post</SubmitButton>
        </form>
      )}
      <CommentList postId={id} pinAction={isAuthor ? pinComment : undefined} />
      {session && (
        <form action={addComment} className="mt-6 space-y-2">
          <textarea name="body" required className="w-full" />
          <SubmitButton>Comment</SubmitButton>
        </form>
      )}
    </article>
  );
}

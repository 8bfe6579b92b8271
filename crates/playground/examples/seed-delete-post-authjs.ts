// app/actions/posts.ts
'use server';

import { auth } from '@/auth';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db';

export async function deletePost(postId: string) {
    // Always check the session in every Server Action that mutates data
    const session = await auth();

    if (!session?.user?.id) {
        redirect('/login');
    }

    const post = await db.post.findUnique({
        where: { id: postId },
        select: { authorId: true },
    });

    if (!post) {
        throw new Error('Post not found');
    }

    // Check ownership
    if (post.authorId !== session.user.id && session.user.role !== 'admin') {
        throw new Error('You do not have permission to delete this post');
    }

    await db.post.delete({ where: { id: postId } });
    revalidatePath('/blog');
}

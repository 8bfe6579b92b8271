// app/actions/admin.ts
'use server';

import { requireAdmin } from '@/lib/auth-helpers';

export async function banUser(userId: string) {
    await requireAdmin(); // Throws/redirects if not admin

    await db.user.update({
        where: { id: userId },
        data: { banned: true },
    });
}

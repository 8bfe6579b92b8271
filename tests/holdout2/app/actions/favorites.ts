"use server";

import { cookies } from "next/headers";
import { FieldValue } from "firebase-admin/firestore";
import { adminAuth, adminDb } from "@/lib/firebase-admin";

async function currentUid() {
  const sessionCookie = (await cookies()).get("__session")?.value;
  if (!sessionCookie) return null;
  try {
    const decoded = await adminAuth.verifySessionCookie(sessionCookie, true);
    return decoded.uid;
  } catch {
    return null;
  }
}

// expect: clean
export async function updateProfileName(displayName: string) {
  const uid = await currentUid();
  if (!uid) {
    throw new Error("Not signed in");
  }

  await adminDb.collection("users").doc(uid).update({
    displayName: displayName.trim().slice(0, 50),
    updatedAt: FieldValue.serverTimestamp(),
  });
}

// expect: clean
export async function addFavorite(idToken: string, itemId: string) {
  const { uid } = await adminAuth.verifyIdToken(idToken);

  await adminDb
    .collection("users")
    .doc(uid)
    .collection("favorites")
    .doc(itemId)
    .set({ createdAt: FieldValue.serverTimestamp() });
}

// expect: missing-authn
export async function removeFavorite(uid: string, itemId: string) {
  await adminDb.collection("users").doc(uid).collection("favorites").doc(itemId).delete();
}

// expect: unverified-session
export async function updateBio(formData: FormData) {
  const uid = (await cookies()).get("uid")?.value;
  if (!uid) {
    return { error: "Please sign in again" };
  }

  await adminDb.collection("users").doc(uid).set({ bio: String(formData.get("bio") ?? "") }, { merge: true });
  return { error: null };
}

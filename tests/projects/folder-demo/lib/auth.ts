import { cookies } from "next/headers";
import { verifySessionToken } from "./tokens";

/** The signed-in user, or null. */
export async function currentUser() {
  const token = (await cookies()).get("session")?.value;
  if (!token) return null;
  return verifySessionToken(token);
}

import { requireTeamMember } from "./guards";

type Membership = Awaited<ReturnType<typeof requireTeamMember>>;

/**
 * Wraps a team-admin action: the first argument is always the team id, the wrapped
 * function receives the verified membership first.
 */
export function withTeamAdmin<A extends unknown[], R>(
  fn: (membership: Membership, teamId: string, ...args: A) => Promise<R>,
) {
  return async (teamId: string, ...args: A): Promise<R> => {
    const membership = await requireTeamMember(teamId, "admin");
    return fn(membership, teamId, ...args);
  };
}

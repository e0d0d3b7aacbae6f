import type { Role, Viewer } from "@sos/kit/auth";

/** Who is calling, for the gateway's policies: a role from the token, or nobody. */
export const ANONYMOUS = "ANONYMOUS";
export type CallerKind = Role | typeof ANONYMOUS;

export const callerKind = (viewer: Viewer | null): CallerKind => viewer?.role ?? ANONYMOUS;

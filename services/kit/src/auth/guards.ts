import { forbidden, unauthenticated } from "../errors.js";
import type { Role, Viewer } from "./viewer.js";

/** The viewer, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** The viewer when it has one of the roles; UNAUTHENTICATED without a token, FORBIDDEN with another role. */
export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const known = requireViewer(viewer);
  if (!roles.includes(known.role)) throw forbidden();
  return known;
}

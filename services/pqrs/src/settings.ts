/** The PQRS subgraph's own configuration, read once at start. */
export interface PqrsSettings {
  /** Days after the answer during which the member may reopen a PQRS. */
  reopenDays: number;
}

export function readPqrsSettings(env: NodeJS.ProcessEnv): PqrsSettings {
  const reopenDays = Number(env["PQRS_REOPEN_DAYS"]?.trim() || 15);
  if (!Number.isInteger(reopenDays) || reopenDays < 1 || reopenDays > 90) throw new Error("PQRS_REOPEN_DAYS must be a whole number of days from 1 to 90.");
  return { reopenDays };
}

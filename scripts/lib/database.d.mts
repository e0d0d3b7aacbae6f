// Types for scripts/lib/database.mjs (plain JavaScript, so scripts run before any build).
export interface ProvisionedDatabase {
  uri: string;
  kind: "external" | "mongod" | "secantus";
  stop(): Promise<void>;
}
export const SECANTUS_VERSION: string;
export const REPO_ROOT: string;
export const SECANTUS_VENV: string;
export function provisionDatabase(opts: { dataDir: string; log?: (msg: string) => void }): Promise<ProvisionedDatabase>;

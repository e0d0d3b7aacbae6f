// Runs before `npm start` and `npm test` (npm's prestart/pretest): installs the dependencies when they
// are missing, or older than package-lock.json, and says so. Plain JavaScript with no dependency, since
// it runs before anything is installed.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

// npm writes node_modules/.package-lock.json at the end of every install.
const installed = mtime(join(root, "node_modules", ".package-lock.json"));
const locked = mtime(join(root, "package-lock.json"));
const why = installed === null ? "not installed yet" : locked !== null && locked > installed ? "package-lock.json changed since the last install" : null;
if (why) {
  console.log(`Dependencies ${why}: running npm ci (about half a minute)…`);
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed: see above. Node 20.19+ or 24 and npm 11 are needed.");
    process.exit(result.status ?? 1);
  }
}

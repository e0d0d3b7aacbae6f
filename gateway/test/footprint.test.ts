import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const GATEWAY_DIR = fileURLToPath(new URL("..", import.meta.url));

describe("the gateway process", () => {
  it("loads none of the subgraphs' libraries (database driver, schema builder, validators)", () => {
    // A fresh node process, as `npm start` runs it: what does importing the gateway pull in?
    const script = `
      import { createRequire } from "node:module";
      await import("./src/server.ts");
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(["mongoose", "mongodb", "type-graphql", "class-validator"].filter((name) => loaded.some((path) => path.includes("/node_modules/" + name + "/")))));
    `;
    const output = execFileSync(process.execPath, ["--conditions=development", "--import", "tsx", "--input-type=module", "-e", script], {
      cwd: GATEWAY_DIR,
      encoding: "utf8",
    });
    expect(JSON.parse(output.trim().split("\n").at(-1) ?? "null")).toEqual([]);
  });
});

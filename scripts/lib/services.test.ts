// node --test: the start command's supervision of services.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startService } from "./services.js";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

test("a service that crashes is restarted with backoff, and says so, while stop() ends it for good", async () => {
  const dir = await mkdtemp(join(tmpdir(), "sos-restart-"));
  const port = await freePort();
  // Crashes twice (exit code 3), then serves /health/ready.
  const entry = join(dir, "flaky.mjs");
  await writeFile(
    entry,
    `import { existsSync, writeFileSync } from "node:fs";
     import { createServer } from "node:http";
     const marks = [0, 1].map((i) => ${JSON.stringify(dir)} + "/crashed-" + i);
     const next = marks.find((mark) => !existsSync(mark));
     if (next) { writeFileSync(next, ""); process.exit(3); }
     createServer((req, res) => res.end("ok")).listen(${port}, "127.0.0.1");`,
  );
  const restarts: { code: number | null; delayMs: number; attempt: number }[] = [];
  const service = startService(
    { name: "flaky", entry, env: {}, readyUrl: `http://127.0.0.1:${port}/health/ready` },
    { onRestart: (_name, code, delayMs, attempt) => restarts.push({ code, delayMs, attempt }), initialDelayMs: 20 },
  );
  try {
    await service.ready(20_000);
    assert.deepEqual(restarts, [
      { code: 3, delayMs: 20, attempt: 1 },
      { code: 3, delayMs: 40, attempt: 2 },
    ]);
  } finally {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
  assert.notEqual(service.child.exitCode ?? service.child.signalCode, null);
  assert.equal(restarts.length, 2, "a service stopped on purpose is not restarted");
});

test("a service that stops itself cleanly (exit code 0, as on Ctrl-C) is not restarted", async () => {
  const dir = await mkdtemp(join(tmpdir(), "sos-clean-exit-"));
  const entry = join(dir, "clean.mjs");
  await writeFile(entry, "process.exit(0);");
  const restarts: number[] = [];
  const service = startService({ name: "clean", entry, env: {}, readyUrl: "http://127.0.0.1:9/health/ready" }, { onRestart: (_n, _c, delay) => restarts.push(delay), initialDelayMs: 1 });
  try {
    await new Promise<void>((resolve) => service.child.once("exit", () => resolve()));
    assert.equal(service.child.exitCode, 0);
    assert.deepEqual(restarts, []);
  } finally {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

// npm run bench:directory [-- --clinics 10000 --requests 300]: the nearest open emergency rooms at scale.
// Provisions a database server like `npm test` does (data in .dev/bench-db), seeds the directory's
// clinics plus synthetic ones up to --clinics, spread over the network's municipalities, and asks the
// directory subgraph (in this process, on loopback) for the 5 nearest emergency rooms to random points
// of the region, one request at a time. Reports database commands per request (driver monitoring),
// process CPU per request (subgraph and client share the process) and latency, labelled with the
// database kind; writes results/<date>-directory-<kind>.json. Stops everything it started.
import { createLogger, generateKeyPairPem } from "@sos/kit";
import { countCommands, testDatabase, TEST_GATEWAY_SECRET } from "@sos/kit/testing";
import { MUNICIPALITY_CENTRES } from "@sos/personas";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { clinicModel, type ClinicDoc } from "../../services/directory/src/ips/ips.model.js";
import { seedDirectory } from "../../services/directory/src/seed/seed.js";
import { directory } from "../../services/directory/src/subgraph.js";
import { provisionDatabase, REPO_ROOT } from "../lib/database/index.js";
import { percentile } from "./load.js";

const { values } = parseArgs({ options: { clinics: { type: "string", default: "10000" }, requests: { type: "string", default: "300" } } });
const target = Math.min(Math.max(Number(values.clinics) || 10_000, 100), 50_000);
const requests = Math.min(Math.max(Number(values.requests) || 300, 10), 5_000);

const db = await provisionDatabase({ dataDir: ".dev/bench-db" });
process.env["MONGODB_URI"] = db.uri;
const database = await testDatabase("bench_directory");
try {
  const logger = createLogger("bench", "silent");
  await directory.ensureIndexes(database.connection);
  const seeded = await seedDirectory(database.connection);
  // Synthetic clinics up to the target: a third of them emergency rooms, open by day or around the clock.
  const centres = Object.entries(MUNICIPALITY_CENTRES);
  const extra: ClinicDoc[] = [];
  for (let i = seeded.clinics; i < target; i++) {
    const [municipalityCode, [lat, lng]] = centres[i % centres.length] as [string, readonly [number, number]];
    const allDay = i % 6 === 0;
    extra.push({
      _id: `${municipalityCode}${String(50_000 + i).padStart(5, "0").slice(-5)}${String(i % 97).padStart(2, "0")}`,
      name: `IPS sintética ${i}`,
      nit: String(900_000_000 + i),
      nature: "PRIVADA",
      level: 1,
      municipalityCode,
      address: `Calle ${i % 100} # ${i % 50}-10`,
      phone: "6024000000",
      location: { type: "Point", coordinates: [lng + (((i * 7919) % 1000) / 1000 - 0.5) * 0.2, lat + (((i * 104729) % 1000) / 1000 - 0.5) * 0.2] },
      networks: i % 3 === 0 ? ["PRIMARY", "EMERGENCY"] : ["PRIMARY"],
      services: [],
      openingHours: allDay ? [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: 0, closes: 1440 })) : [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: 420, closes: 1140 })),
      holidayHours: allDay ? [{ opens: 0, closes: 1440 }] : [],
      booking: null,
      active: true,
      seeded: true,
    });
  }
  await clinicModel(database.connection).insertMany(extra, { ordered: false, lean: true });
  const total = await clinicModel(database.connection).estimatedDocumentCount();

  const { publicKeyPem } = await generateKeyPairPem();
  const server = await directory.createServer({ connection: database.connection, publicKeyPem, logger, gatewaySecrets: [TEST_GATEWAY_SECRET] });
  const running = await server.listen(0, "127.0.0.1");
  const query = "query($near: GeoPointInput!) { nearestEmergencyRooms(near: $near, first: 5) { distanceMeters openNow ips { habilitationCode name } } }";
  const ask = async (i: number) => {
    const [, [lat, lng]] = centres[i % centres.length] as [string, readonly [number, number]];
    const response = await fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-gateway-secret": TEST_GATEWAY_SECRET },
      body: JSON.stringify({ query, variables: { near: { latitude: lat + ((i % 10) - 5) * 0.005, longitude: lng + ((i % 7) - 3) * 0.005 } } }),
    });
    const body = (await response.json()) as { data?: { nearestEmergencyRooms: unknown[] }; errors?: unknown[] };
    if (body.errors || body.data?.nearestEmergencyRooms.length !== 5) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
  };
  for (let i = 0; i < 20; i++) await ask(i); // warm-up
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const { count } = await countCommands(database.connection, async () => {
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      await ask(i);
      latencies.push(performance.now() - started);
    }
  });
  const cpu = process.cpuUsage(cpuBefore);
  await running.close();
  const sorted = latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  const result = {
    date: new Date().toISOString().slice(0, 10),
    database: db.kind,
    node: process.version,
    clinics: total,
    requests,
    dbCommandsPerRequest: round(count / requests),
    processCpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / requests),
    latencyMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? 0) },
  };
  console.log(`
| Clinics | Requests | DB commands/req | CPU ms/req (subgraph + client) | p50 ms (${db.kind}) | p95 ms | max ms |
|--:|--:|--:|--:|--:|--:|--:|
| ${total} | ${requests} | ${result.dbCommandsPerRequest} | ${result.processCpuMsPerRequest} | ${result.latencyMs.p50} | ${result.latencyMs.p95} | ${result.latencyMs.max} |
`);
  const dir = join(REPO_ROOT, "scripts/bench/results");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${result.date}-directory-${db.kind}.json`);
  await writeFile(file, JSON.stringify(result, null, 2) + "\n");
  console.log(`Wrote ${file}`);
} finally {
  await database.drop();
  await db.stop();
}

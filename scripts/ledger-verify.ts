// npm run ledger:verify — checks every chain of the access ledger (or those named): each entry's hash and
// its link to the one before, and the chain's end against the head its subgraph keeps in its own
// database (LEDGER_HEAD_DB_<CHAIN>, default the chain's name), so a chain cut short or rewritten at the end
// is found too. Prints one line per chain; exits 1 when any chain is broken, naming the first entry that
// does not hold. MONGODB_URI and LEDGER_DB (default "audit") say where the ledger is.
import { connectDatabase, createLogger, verifyLedgerChains } from "@sos/kit";

const uri = process.env["MONGODB_URI"];
if (!uri) {
  console.error("Set MONGODB_URI (and LEDGER_DB if the ledger is not in the database «audit»).");
  process.exit(2);
}
const connection = await connectDatabase({ uri, dbName: process.env["LEDGER_DB"]?.trim() || "audit", logger: createLogger("ledger-verify", "warn") });
try {
  const headDbOf = (chain: string): string => process.env[`LEDGER_HEAD_DB_${chain.toUpperCase().replace(/-/g, "_")}`]?.trim() || chain;
  const checks = await verifyLedgerChains(connection, headDbOf, process.argv.slice(2));
  if (!checks.length) console.log(`The ledger in ${connection.name} has no entries yet.`);
  let broken = 0;
  for (const check of checks) {
    const chain = check.chain;
    if (!check.headKept) console.log(`note    ${chain}: no head kept in database ${headDbOf(chain)}; the end of the chain is not checked`);
    if (check.valid) console.log(`ok      ${chain}: ${check.entries} entries`);
    else {
      broken += 1;
      const where = check.firstBad?.seq === null ? "" : `entry ${check.firstBad?.seq} `;
      console.log(`BROKEN  ${chain}: ${where}${check.firstBad?.problem} (${check.entries} entries hold)`);
    }
  }
  process.exitCode = broken ? 1 : 0;
} finally {
  await connection.close();
}

import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";

/**
 * The address a caller is counted by, for the per-address rate limits. Behind `hops` proxies of our own,
 * X-Forwarded-For ends with the addresses they saw: the one `hops` places from the right is the client's.
 * Entries to its left were written by the client and prove nothing, so they are never used.
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const forwarded = hops > 0 ? req.headers["x-forwarded-for"] : undefined;
  const chain = typeof forwarded === "string" ? forwarded.split(",").map((entry) => entry.trim()).filter(Boolean) : [];
  const address = (hops > 0 && chain.length >= hops ? chain[chain.length - hops] : undefined) ?? req.socket.remoteAddress ?? "unknown";
  return rateLimitKey(address);
}

/**
 * One key per IPv4 address, and per /64 network for IPv6: a single customer usually holds a whole /64,
 * and counting each of its addresses apart would give it limits without end.
 */
export function rateLimitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

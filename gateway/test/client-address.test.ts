import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, rateLimitKey } from "../src/client-address.js";

const request = (remoteAddress: string, forwarded?: string) =>
  ({ socket: { remoteAddress }, headers: forwarded ? { "x-forwarded-for": forwarded } : {} }) as unknown as IncomingMessage;

describe("the address a caller is counted by", () => {
  it("is the socket's without trusted proxies, whatever X-Forwarded-For says", () => {
    expect(clientAddress(request("203.0.113.7", "198.51.100.1"), 0)).toBe("203.0.113.7");
  });

  it("behind one proxy, is the entry it added (the rightmost), never one the client wrote", () => {
    // The client sends "1.2.3.4" itself; our load balancer appends the address it saw.
    expect(clientAddress(request("10.0.0.2", "1.2.3.4, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(request("10.0.0.2", "9.9.9.9, 1.2.3.4, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(request("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.1"), 2)).toBe("203.0.113.7");
  });

  it("counts an IPv6 client by its /64 network, and an IPv4-mapped address as IPv4", () => {
    expect(rateLimitKey("2001:db8:abcd:12:1::5")).toBe("2001:db8:abcd:12::/64");
    expect(rateLimitKey("2001:db8:abcd:12:ffff:1:2:3")).toBe("2001:db8:abcd:12::/64");
    expect(rateLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitKey("::1")).toBe("0:0:0:0::/64");
  });
});

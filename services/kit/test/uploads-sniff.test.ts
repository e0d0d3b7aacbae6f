import { describe, expect, it } from "vitest";
import { SNIFF_BYTES, contentMatches, sniffContentType } from "../src/uploads/sniff.js";
import { linkIsGenuine, signLink } from "../src/documents/register.js";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("support documents are told by their content", () => {
  it("recognises PDF, JPEG and PNG by their first bytes", () => {
    expect(sniffContentType(Buffer.from("%PDF-1.7\n%âãÏÓ"))).toBe("application/pdf");
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46))).toBe("image/jpeg");
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toBe("image/png");
    expect(SNIFF_BYTES).toBe(8);
  });

  it("refuses a renamed executable, a PNG mangled by a text transfer, a truncated header and nothing at all", () => {
    expect(sniffContentType(Buffer.from("MZ\x90\x00\x03\x00\x00\x00"))).toBeNull();
    expect(contentMatches("application/pdf", Buffer.from("MZ\x90\x00%PDF-"))).toBe(false);
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a))).toBeNull();
    expect(sniffContentType(Buffer.from("%PDF"))).toBeNull();
    expect(sniffContentType(new Uint8Array())).toBeNull();
    expect(sniffContentType(Buffer.from(" %PDF-1.4"))).toBeNull();
  });

  it("matches only the declared type", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    expect(contentMatches("image/png", png)).toBe(true);
    expect(contentMatches("image/jpeg", png)).toBe(false);
    expect(contentMatches("application/pdf", png)).toBe(false);
  });
});

describe("upload links", () => {
  const key = "k".repeat(32);
  it("work for their use, their upload and their minutes only", () => {
    const now = Date.now();
    const expires = now + 60_000;
    const signature = signLink(key, "upload", "UP-1", expires);
    expect(linkIsGenuine(key, "upload", "UP-1", expires, signature, 600_000, now)).toBe(true);
    expect(linkIsGenuine(key, "upload-download", "UP-1", expires, signature, 600_000, now)).toBe(false);
    expect(linkIsGenuine(key, "upload", "UP-2", expires, signature, 600_000, now)).toBe(false);
    expect(linkIsGenuine(key, "upload", "UP-1", expires, signature, 600_000, expires + 1)).toBe(false);
    expect(linkIsGenuine(key, "upload", "UP-1", expires, signature, 30_000, now)).toBe(false);
  });
});

/**
 * What a support document may be, told by its first bytes rather than by a name or a Content-Type header,
 * which the sender chooses: a renamed executable declared as a PDF starts with "MZ", not "%PDF-".
 */
export const SUPPORT_CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type SupportContentType = (typeof SUPPORT_CONTENT_TYPES)[number];

const MAGIC: Record<SupportContentType, readonly number[]> = {
  // "%PDF-"
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d],
  // SOI marker and the first byte of the next marker
  "image/jpeg": [0xff, 0xd8, 0xff],
  // The PNG signature: its CR LF, EOF and LF catch a file mangled by a text-mode transfer too.
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** How many leading bytes sniffing needs: the longest signature. */
export const SNIFF_BYTES = Math.max(...Object.values(MAGIC).map((magic) => magic.length));

/** The type the content starts like, or null when it is none of the accepted ones. */
export function sniffContentType(head: Uint8Array): SupportContentType | null {
  return SUPPORT_CONTENT_TYPES.find((type) => MAGIC[type].every((byte, i) => head[i] === byte)) ?? null;
}

/** Whether the content is what was declared (only the declared type's signature counts). */
export const contentMatches = (declared: SupportContentType, head: Uint8Array): boolean => sniffContentType(head) === declared;

/** The file extension a download is named with. */
export const extensionOf = (type: SupportContentType): string => ({ "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" })[type];

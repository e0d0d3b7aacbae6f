import type { Context } from "../context.js";

/**
 * The directory is the one source of truth for clinics. Affiliation decides on a member's primary clinic
 * with the directory's data at the moment it decides (a direct question with the caller's credentials;
 * UNAVAILABLE, nothing changed, when the directory does not answer): no second, hand-kept copy to drift.
 */
export interface DirectoryClinic {
  habilitationCode: string;
  name: string;
  municipalityCode: string;
  networks: string[];
  active: boolean;
}

const FIELDS = "habilitationCode name municipalityCode networks active";

export async function clinicFromDirectory(ctx: Context, habilitationCode: string): Promise<DirectoryClinic | null> {
  const data = await ctx.peers.query<{ ips: DirectoryClinic | null }>("directory", `query($code: ID!) { ips(habilitationCode: $code) { ${FIELDS} } }`, {
    code: habilitationCode,
  });
  return data.ips;
}

/** The active primary-network clinics of a municipality (at most 50), by name. */
export async function primaryClinicsOf(ctx: Context, municipalityCode: string): Promise<DirectoryClinic[]> {
  const data = await ctx.peers.query<{ clinics: { nodes: DirectoryClinic[] } }>(
    "directory",
    `query($municipality: String!) { clinics(municipalityCode: $municipality, network: PRIMARY, first: 50) { nodes { ${FIELDS} } } }`,
    { municipality: municipalityCode },
  );
  return [...data.clinics.nodes].sort((a, b) => a.name.localeCompare(b.name, "es"));
}

export const isActivePrimary = (clinic: DirectoryClinic): boolean => clinic.active && clinic.networks.includes("PRIMARY");

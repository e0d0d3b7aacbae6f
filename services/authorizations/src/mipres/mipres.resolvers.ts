import { PendingDeliveryResolver } from "./mipres.delivery.resolver.js";
import { MipresResolver, MipresTechnologyResolver } from "./mipres.resolver.js";

/** Every MIPRES resolver, for the subgraph's list: prescriptions, their technologies, pendientes. */
export const MIPRES_RESOLVERS = [MipresResolver, MipresTechnologyResolver, PendingDeliveryResolver] as const;

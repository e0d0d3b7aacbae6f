import { identity } from "./subgraph.js";

await identity.main();

import { audit } from "./subgraph.js";

await audit.main();

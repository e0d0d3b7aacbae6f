import { affiliation } from "./subgraph.js";

await affiliation.main();

import { pqrs } from "./subgraph.js";

await pqrs.main();

import { incapacities } from "./subgraph.js";

await incapacities.main();

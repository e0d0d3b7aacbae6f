import { directory } from "./subgraph.js";

await directory.main();

import { authorizations } from "./subgraph.js";

await authorizations.main();

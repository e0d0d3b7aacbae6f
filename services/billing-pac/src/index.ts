import { billingPac } from "./subgraph.js";

await billingPac.main();

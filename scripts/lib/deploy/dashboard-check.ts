// The checks of deploy/grafana: the dashboard is Grafana JSON, every panel reads the DS_PROMETHEUS data
// source, and every metric it queries is one the services export (metrics.txt beside it), so that a
// metric renamed in the code breaks CI instead of leaving an empty panel in production.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

export const DATASOURCE_VARIABLE = "DS_PROMETHEUS";
const DATASOURCE_UID = "${" + DATASOURCE_VARIABLE + "}";
/** What a histogram's name stands for in queries. */
const HISTOGRAM_SERIES = ["_bucket", "_sum", "_count"];

interface Target {
  refId?: string;
  expr?: string;
  datasource?: { type?: string; uid?: string };
}

interface Panel {
  id?: number;
  type?: string;
  title?: string;
  gridPos?: { h?: number; w?: number; x?: number; y?: number };
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}

interface Dashboard {
  title?: string;
  uid?: string;
  schemaVersion?: number;
  panels?: Panel[];
  templating?: { list?: { name?: string; type?: string; query?: unknown; datasource?: { uid?: string } }[] };
}

/** metrics.txt: name → type. */
export async function knownMetrics(path: string): Promise<Map<string, string>> {
  const text = await readFile(path, "utf8");
  const known = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [name, type] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (name && type) known.set(name, type);
  }
  return known;
}

/** Whether a series name is a known metric, or a series of a known histogram. */
function isKnown(series: string, known: Map<string, string>): boolean {
  if (known.has(series)) return true;
  const suffix = HISTOGRAM_SERIES.find((candidate) => series.endsWith(candidate));
  return suffix !== undefined && known.get(series.slice(0, -suffix.length)) === "histogram";
}

/** Every panel, rows' collapsed panels included. */
const flatten = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...flatten(panel.panels ?? [])]);

export interface DashboardReport {
  problems: string[];
  panels: number;
  metrics: Set<string>;
}

export async function checkDashboard(dir: string, file = "sos-graph.json"): Promise<DashboardReport> {
  const problems: string[] = [];
  const used = new Set<string>();
  let dashboard: Dashboard;
  try {
    dashboard = JSON.parse(await readFile(join(dir, file), "utf8")) as Dashboard;
  } catch (error) {
    return { problems: [`${file}: not readable JSON: ${(error as Error).message}`], panels: 0, metrics: used };
  }
  const known = await knownMetrics(join(dir, "metrics.txt")).catch(() => null);
  if (!known) problems.push("metrics.txt is missing: it lists the metrics a dashboard may query");
  if (!dashboard.title || !dashboard.uid) problems.push(`${file}: needs a title and a uid`);
  if (typeof dashboard.schemaVersion !== "number" || dashboard.schemaVersion < 36) problems.push(`${file}: schemaVersion must be a number, 36 or later (Grafana 9+)`);
  const variables = dashboard.templating?.list ?? [];
  const source = variables.find((variable) => variable.name === DATASOURCE_VARIABLE);
  if (source?.type !== "datasource" || source.query !== "prometheus") problems.push(`${file}: needs a data source variable ${DATASOURCE_VARIABLE} of type datasource over prometheus`);
  const service = variables.find((variable) => variable.name === "service");
  if (!service) problems.push(`${file}: needs a "service" template variable`);
  else if (service.datasource?.uid !== DATASOURCE_UID) problems.push(`${file}: the service variable must read ${DATASOURCE_UID}`);

  const panels = flatten(dashboard.panels ?? []);
  const ids = new Set<number>();
  for (const panel of panels) {
    const where = `${file}: panel "${panel.title ?? panel.id ?? "?"}"`;
    if (typeof panel.id !== "number" || ids.has(panel.id)) problems.push(`${where}: needs an id of its own`);
    else ids.add(panel.id);
    if (!panel.gridPos || [panel.gridPos.h, panel.gridPos.w, panel.gridPos.x, panel.gridPos.y].some((value) => typeof value !== "number")) problems.push(`${where}: needs a gridPos (h, w, x, y)`);
    if (panel.type === "row") continue;
    if (panel.datasource?.uid !== DATASOURCE_UID) problems.push(`${where}: its datasource must be ${DATASOURCE_UID}`);
    if (!panel.targets?.length) problems.push(`${where}: has no query`);
    for (const target of panel.targets ?? []) {
      if (!target.expr?.trim()) problems.push(`${where}: query ${target.refId ?? "?"} is empty`);
      if (target.datasource && target.datasource.uid !== DATASOURCE_UID) problems.push(`${where}: query ${target.refId ?? "?"} must read ${DATASOURCE_UID}`);
      // Metric names: identifiers before a selector, a range or an operator. Every one of ours starts with sos_.
      for (const match of (target.expr ?? "").matchAll(/\b(sos_[a-z0-9_]+)\b/g)) {
        const series = match[1] as string;
        used.add(series);
        if (known && !isKnown(series, known)) problems.push(`${where}: queries ${series}, which metrics.txt does not list (renamed? removed?)`);
      }
      if (!/\bsos_/.test(target.expr ?? "")) problems.push(`${where}: query ${target.refId ?? "?"} reads no sos_ metric`);
    }
  }
  return { problems, panels: panels.length, metrics: used };
}

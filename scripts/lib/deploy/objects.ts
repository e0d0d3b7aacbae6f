// Loading Kubernetes objects from YAML files and checking them against the API's schemas
// (kubernetes-models), for scripts/validate-deploy.ts.
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { parseAllDocuments } from "yaml";

export type Labels = Record<string, string>;

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } };
}

export interface Probe {
  httpGet?: { path?: string; port?: string | number };
}

export interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  securityContext?: { runAsNonRoot?: boolean; readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
}

export interface PodTemplate {
  metadata?: { labels?: Labels; annotations?: Record<string, string> };
  spec?: { containers?: Container[]; terminationGracePeriodSeconds?: number; securityContext?: { runAsNonRoot?: boolean } };
}

/** The fields the checks read; everything else is the schema's business. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Labels };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: LabelSelector | Labels;
    template?: PodTemplate;
    scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
    minReplicas?: number;
    metrics?: { type?: string; resource?: { name?: string; target?: { type?: string } } }[];
    ports?: { port?: number; targetPort?: string | number }[];
  } & Record<string, unknown>;
}

export interface Loaded {
  /** The file, relative to the directory checked. */
  file: string;
  object: KubeObject;
}

/** `Deployment/gateway (services/gateway.yaml)`: how problems name an object. */
export const describe = (loaded: Loaded): string => `${loaded.object.kind ?? "?"}/${loaded.object.metadata?.name ?? "?"} (${loaded.file})`;

/** Every object of a multi-document YAML file; parse errors are problems, empty documents are skipped. */
export async function loadObjects(path: string, base: string, problems: string[]): Promise<Loaded[]> {
  const file = relative(base, path);
  const text = await readFile(path, "utf8").catch(() => null);
  if (text === null) {
    problems.push(`${file}: listed but not found`);
    return [];
  }
  const loaded: Loaded[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length) {
      problems.push(...document.errors.map((error) => `${file}: not valid YAML: ${error.message}`));
      continue;
    }
    const object = document.toJS() as unknown;
    if (object === null || object === undefined) continue;
    if (typeof object !== "object" || Array.isArray(object)) {
      problems.push(`${file}: a document is not a Kubernetes object`);
      continue;
    }
    loaded.push({ file, object: object as KubeObject });
  }
  return loaded;
}

type Model = new (data: object) => { validate(): void };

/**
 * Custom resources we know, with the little we check of them (kubernetes-models has only the API's own
 * kinds). Any other kind is an error: a typo in apiVersion or kind would otherwise pass unchecked.
 */
export const KNOWN_CRDS: Record<string, (object: KubeObject) => string[]> = {
  // The MongoDB Community Operator's replica set (deploy/kubernetes/mongodb/, an example).
  "mongodbcommunity.mongodb.com/v1 MongoDBCommunity": (object) => {
    const spec = object.spec ?? {};
    const problems: string[] = [];
    const members = spec["members"];
    if (typeof members !== "number" || members < 3 || members % 2 === 0) problems.push("spec.members must be an odd number, at least 3 (a majority must survive one member lost)");
    if (spec["type"] !== "ReplicaSet") problems.push('spec.type must be "ReplicaSet"');
    if (typeof spec["version"] !== "string") problems.push("spec.version must name the MongoDB version, as a string");
    const users = (spec["users"] ?? []) as { name?: string; passwordSecretRef?: { name?: string } }[];
    for (const user of users) if (!user.passwordSecretRef?.name) problems.push(`user ${user.name ?? "?"} needs a passwordSecretRef (never a password in the file)`);
    return problems;
  },
};

const modelCache = new Map<string, Promise<Model | null>>();

/** The kubernetes-models class for an apiVersion and kind, or null when it has none. */
function modelFor(apiVersion: string, kind: string): Promise<Model | null> {
  const key = `${apiVersion} ${kind}`;
  let model = modelCache.get(key);
  if (!model) {
    // "v1" is the core group; every other group is "<group>/<version>", as the package's folders are.
    model = import(`kubernetes-models/${apiVersion}`)
      .then((module: Record<string, unknown>) => {
        const candidate = module[kind];
        return typeof candidate === "function" ? (candidate as Model) : null;
      })
      .catch(() => null);
    modelCache.set(key, model);
  }
  return model;
}

/** The object against its kind's schema: one problem per schema error, or one for a kind nobody knows. */
export async function validateSchema(loaded: Loaded): Promise<string[]> {
  const { apiVersion, kind } = loaded.object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return [`${describe(loaded)}: needs apiVersion and kind`];
  if (!loaded.object.metadata?.name) return [`${describe(loaded)}: needs metadata.name`];
  const crd = KNOWN_CRDS[`${apiVersion} ${kind}`];
  if (crd) return crd(loaded.object).map((problem) => `${describe(loaded)}: ${problem}`);
  const Model = await modelFor(apiVersion, kind);
  if (!Model) return [`${describe(loaded)}: unknown kind ${kind} of ${apiVersion} (not a Kubernetes API kind, nor a custom resource listed in KNOWN_CRDS)`];
  try {
    new Model(loaded.object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (!errors?.length) return [`${describe(loaded)}: ${(error as Error).message}`];
    return errors.map((entry) => `${describe(loaded)}: ${entry.instancePath || "/"} ${entry.message ?? "is invalid"}`);
  }
}

/** Whether a selector (matchLabels and matchExpressions, or a Service's plain map) selects these labels. */
export function selects(selector: LabelSelector | Labels | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const structured = "matchLabels" in selector || "matchExpressions" in selector;
  const matchLabels = (structured ? (selector as LabelSelector).matchLabels : (selector as Labels)) ?? {};
  const expressions = structured ? ((selector as LabelSelector).matchExpressions ?? []) : [];
  if (!Object.keys(matchLabels).length && !expressions.length) return false;
  if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) return false;
  return expressions.every(({ key, operator, values = [] }) => {
    const value = labels[key];
    if (operator === "In") return value !== undefined && values.includes(value);
    if (operator === "NotIn") return value === undefined || !values.includes(value);
    if (operator === "Exists") return value !== undefined;
    if (operator === "DoesNotExist") return value === undefined;
    return false;
  });
}

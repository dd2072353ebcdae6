// Reads the deployment files under infra/ (I/O, hence an int-spec; no database): every YAML file
// parses, and the pieces refer to each other correctly — what `kubectl kustomize` and
// `docker compose config` would catch, checked here because neither runs in CI.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '@dangjian/config';
import * as yamlPlugin from 'prettier/plugins/yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const INFRA = join(ROOT, 'infra');

// ---- YAML to plain values, through prettier's YAML parser (the one YAML parser in the workspace)

interface YamlNode {
  type: string;
  value?: string;
  anchor?: { value: string } | null;
  tag?: { value: string } | null;
  children?: Array<YamlNode | null>;
  position: { start: { line: number } };
}

type Anchors = Map<string, unknown>;

function scalar(text: string, tag: string | undefined): unknown {
  if (tag?.endsWith(':str')) return text;
  if (/^(null|Null|NULL|~|)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}

function toValue(node: YamlNode | null | undefined, anchors: Anchors, where: string): unknown {
  if (!node) return null;
  let value: unknown;
  switch (node.type) {
    case 'plain':
      value = scalar(node.value ?? '', node.tag?.value);
      break;
    case 'quoteDouble':
    case 'quoteSingle':
    case 'blockLiteral':
    case 'blockFolded':
      value = node.value ?? '';
      break;
    case 'alias':
      if (!anchors.has(node.value!))
        throw new Error(`${where}:${node.position.start.line}: unknown alias *${node.value}`);
      return anchors.get(node.value!);
    case 'mapping':
    case 'flowMapping': {
      const result: Record<string, unknown> = {};
      const explicit = new Set<string>();
      const merged: Array<Record<string, unknown>> = [];
      for (const item of node.children ?? []) {
        const [keyNode, valueNode] = item?.children ?? [];
        const key = String(toValue(keyNode?.children?.[0], anchors, where));
        const itemValue = toValue(valueNode?.children?.[0], anchors, where);
        if (key === '<<') {
          for (const source of Array.isArray(itemValue) ? itemValue : [itemValue])
            merged.push(source as Record<string, unknown>);
          continue;
        }
        if (explicit.has(key))
          throw new Error(`${where}:${item!.position.start.line}: duplicate key "${key}"`);
        explicit.add(key);
        result[key] = itemValue;
      }
      // Merge keys never override a key written out in the mapping itself.
      for (const source of merged) {
        for (const [key, v] of Object.entries(source ?? {}))
          if (!explicit.has(key) && !(key in result)) result[key] = v;
      }
      value = result;
      break;
    }
    case 'sequence':
    case 'flowSequence':
      value = (node.children ?? []).map((item) => toValue(item?.children?.[0], anchors, where));
      break;
    default:
      throw new Error(`${where}:${node.position.start.line}: unexpected YAML node ${node.type}`);
  }
  if (node.anchor) anchors.set(node.anchor.value, value);
  return value;
}

/** Every document of a YAML file as plain values; throws with file and line on a syntax error. */
async function parseYaml(file: string): Promise<unknown[]> {
  return parseYamlText(readFileSync(file, 'utf8'), relative(ROOT, file));
}

async function parseYamlText(text: string, where: string): Promise<unknown[]> {
  let root: YamlNode;
  try {
    root = (await yamlPlugin.parsers.yaml.parse(text, {} as never)) as YamlNode;
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const anchors: Anchors = new Map();
  return (root.children ?? [])
    .map((document) => document?.children?.find((part) => part?.type === 'documentBody'))
    .filter((body) => body?.children?.length)
    .map((body) => toValue(body!.children![0], anchors, where));
}

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, test));
    else if (test(name)) found.push(path);
  }
  return found.sort();
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The resources a kustomization folder brings in (following folders it includes), without patches. */
async function kustomizeResources(dir: string): Promise<Obj[]> {
  const [kustomization] = (await parseYaml(join(dir, 'kustomization.yaml'))) as Obj[];
  const resources: Obj[] = [];
  for (const entry of (kustomization.resources ?? []) as string[]) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) resources.push(...(await kustomizeResources(path)));
    else resources.push(...((await parseYaml(path)) as Obj[]));
  }
  return resources;
}

function podSpecOf(resource: Obj): Obj | null {
  if (resource.kind === 'CronJob') return resource.spec.jobTemplate.spec.template.spec;
  if (['Deployment', 'StatefulSet', 'Job'].includes(resource.kind)) return resource.spec.template.spec;
  return null;
}

function podLabelsOf(resource: Obj): Obj {
  if (resource.kind === 'CronJob') return resource.spec.jobTemplate.spec.template.metadata?.labels ?? {};
  return resource.spec.template.metadata?.labels ?? {};
}

/** Whether a selector picks pods with these template labels (labels the controller adds are taken as present). */
const matches = (selector: Obj, labels: Obj) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v || k.startsWith('statefulset.kubernetes.io/'));

/** Environment variables the processes read beyond the validated schema. */
const EXTRA_VARIABLES = new Set(['AUDIT_RETENTION_DAYS', 'DANGJIAN_DATA_DIR', 'NODE_OPTIONS']);
const SCHEMA_VARIABLES = new Set(Object.keys(configSchema.shape));

/** Metric names the gateway and worker register with prom-client, read from their source. */
function registeredMetrics(): { names: Set<string>; defaultPrefixes: string[] } {
  const names = new Set<string>();
  const defaultPrefixes: string[] = [];
  for (const app of ['gateway', 'worker']) {
    const dir = join(ROOT, 'apps', app, 'src');
    if (!existsSync(dir)) continue;
    for (const file of filesUnder(dir, (n) => n.endsWith('.ts') && !n.includes('.spec.'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/name:\s*['"`](dangjian_[a-z0-9_]+)['"`]/g)) names.add(match[1]);
      for (const match of text.matchAll(/collectDefaultMetrics\(\{[^}]*prefix:\s*['"`]([a-z0-9_]+)['"`]/g))
        defaultPrefixes.push(match[1]);
    }
  }
  return { names, defaultPrefixes };
}

/** prom-client's default process and Node.js metrics (collectDefaultMetrics). */
const DEFAULT_METRICS = [
  'process_cpu_seconds_total',
  'process_cpu_user_seconds_total',
  'process_cpu_system_seconds_total',
  'process_resident_memory_bytes',
  'process_start_time_seconds',
  'process_open_fds',
  'process_max_fds',
  'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_p99_seconds',
  'nodejs_heap_size_used_bytes',
  'nodejs_heap_size_total_bytes',
  'nodejs_gc_duration_seconds',
  'nodejs_active_handles_total',
];

/** The metric names a PromQL expression reads (identifiers followed by a selector, range or operator). */
function metricsIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, '{}');
  return [...withoutStrings.matchAll(/\b(dangjian_[a-z0-9_]+|up)\b/g)].map((m) => m[1]);
}

function knownMetric(name: string, metrics: ReturnType<typeof registeredMetrics>): boolean {
  if (name === 'up') return true;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  if (metrics.names.has(name) || metrics.names.has(base)) return true;
  return metrics.defaultPrefixes.some((prefix) =>
    DEFAULT_METRICS.some((d) => name === prefix + d || base === prefix + d),
  );
}

describe('deployment files under infra/', () => {
  it('parses every YAML file, with no duplicate keys', async () => {
    const files = filesUnder(INFRA, (name) => /\.ya?ml$/.test(name));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const documents = await parseYaml(file);
      expect(documents.length, relative(ROOT, file)).toBeGreaterThan(0);
    }
  });

  it('reports a broken YAML file with its name and line', async () => {
    await expect(parseYamlText('a: 1\n  b: 2\n', 'x.yaml')).rejects.toThrow(/^x\.yaml: .*\(1:4\)/);
    await expect(parseYamlText('a: 1\nb: 2\na: 3\n', 'x.yaml')).rejects.toThrow(
      'x.yaml:3: duplicate key "a"',
    );
    await expect(parseYamlText('a: *nowhere\n', 'x.yaml')).rejects.toThrow();
    expect(
      await parseYamlText('x: &base {p: 1, q: "2"}\ny:\n  <<: *base\n  q: 3\nz: !!str 5\n', 'x.yaml'),
    ).toEqual([{ x: { p: 1, q: '2' }, y: { p: 1, q: 3 }, z: '5' }]);
  });

  it('has kustomizations whose every file exists and that render what each manifest needs', async () => {
    const kustomizations = filesUnder(join(INFRA, 'k8s'), (name) => name === 'kustomization.yaml');
    expect(kustomizations.map((f) => relative(INFRA, f))).toEqual(
      expect.arrayContaining(['k8s/base/kustomization.yaml', 'k8s/overlays/example/kustomization.yaml']),
    );
    for (const file of kustomizations) {
      const [k] = (await parseYaml(file)) as Obj[];
      expect(k.apiVersion, file).toBe('kustomize.config.k8s.io/v1beta1');
      expect(k.kind, file).toBe('Kustomization');
      const paths = [
        ...(k.resources ?? []),
        ...((k.patches ?? []) as Obj[]).filter((p) => p.path).map((p) => p.path),
      ];
      for (const path of paths)
        expect(existsSync(join(dirname(file), path)), `${relative(ROOT, file)} → ${path}`).toBe(true);
    }

    const resources = await kustomizeResources(join(INFRA, 'k8s/overlays/example'));
    const byKind = (kind: string) => resources.filter((r) => r.kind === kind);
    for (const resource of resources) {
      expect(resource.apiVersion, JSON.stringify(resource).slice(0, 80)).toBeTruthy();
      expect(resource.metadata?.name, JSON.stringify(resource).slice(0, 80)).toMatch(/^[a-z0-9-]+$/);
    }
    const names = (kind: string) => new Set(byKind(kind).map((r) => r.metadata.name as string));
    const configMaps = names('ConfigMap');
    const secrets = names('Secret');

    const workloads = resources.filter((r) => podSpecOf(r));
    expect(workloads.map((w) => `${w.kind}/${w.metadata.name}`)).toEqual(
      expect.arrayContaining([
        'Deployment/dangjian-gateway',
        'Deployment/dangjian-worker',
        'Job/dangjian-migrate',
        'CronJob/dangjian-audit-retention',
        'StatefulSet/mysql',
        'StatefulSet/redis',
        'CronJob/mysql-backup',
      ]),
    );
    for (const workload of workloads) {
      const spec = podSpecOf(workload)!;
      const label = `${workload.kind}/${workload.metadata.name}`;
      if (workload.kind !== 'CronJob' && workload.kind !== 'Job') {
        expect(matches(workload.spec.selector.matchLabels, podLabelsOf(workload)), `${label} selector`).toBe(
          true,
        );
      }
      for (const container of spec.containers as Obj[]) {
        expect(container.resources?.limits?.memory, `${label} ${container.name} memory limit`).toBeTruthy();
      }
      for (const container of [...(spec.initContainers ?? []), ...spec.containers] as Obj[]) {
        for (const from of (container.envFrom ?? []) as Obj[]) {
          if (from.configMapRef)
            expect(
              configMaps.has(from.configMapRef.name),
              `${label} → ConfigMap ${from.configMapRef.name}`,
            ).toBe(true);
          if (from.secretRef)
            expect(secrets.has(from.secretRef.name), `${label} → Secret ${from.secretRef.name}`).toBe(true);
        }
        for (const env of (container.env ?? []) as Obj[]) {
          const ref = env.valueFrom?.secretKeyRef;
          if (!ref) continue;
          const secret = byKind('Secret').find((s) => s.metadata.name === ref.name);
          expect(secret?.stringData?.[ref.key], `${label} → Secret ${ref.name}/${ref.key}`).toBeDefined();
        }
      }
      for (const volume of (spec.volumes ?? []) as Obj[]) {
        if (volume.configMap)
          expect(configMaps.has(volume.configMap.name), `${label} → ConfigMap ${volume.configMap.name}`).toBe(
            true,
          );
        if (volume.persistentVolumeClaim)
          expect(
            names('PersistentVolumeClaim').has(volume.persistentVolumeClaim.claimName),
            `${label} → PVC`,
          ).toBe(true);
      }
      // The platform's own pods run unprivileged on a read-only root filesystem.
      if (podLabelsOf(workload)['app.kubernetes.io/name'] === 'dangjian') {
        expect(spec.securityContext?.runAsNonRoot, `${label} runAsNonRoot`).toBe(true);
        for (const container of spec.containers as Obj[]) {
          expect(container.securityContext?.readOnlyRootFilesystem, `${label} read-only root`).toBe(true);
          expect(container.securityContext?.allowPrivilegeEscalation, `${label} privilege escalation`).toBe(
            false,
          );
        }
      }
    }

    // Every Service and PodDisruptionBudget selects some pod; every Ingress backend is a Service.
    const podLabels = workloads.map(podLabelsOf);
    for (const service of byKind('Service')) {
      expect(
        podLabels.some((labels) => matches(service.spec.selector, labels)),
        `Service/${service.metadata.name}`,
      ).toBe(true);
      for (const port of service.spec.ports as Obj[]) {
        if (typeof port.targetPort !== 'string') continue;
        const named = workloads
          .filter((w) => matches(service.spec.selector, podLabelsOf(w)))
          .flatMap((w) => (podSpecOf(w)!.containers as Obj[]).flatMap((c) => (c.ports ?? []) as Obj[]));
        expect(
          named.some((p) => p.name === port.targetPort),
          `Service/${service.metadata.name} port ${port.targetPort}`,
        ).toBe(true);
      }
    }
    for (const pdb of byKind('PodDisruptionBudget')) {
      expect(
        podLabels.some((labels) => matches(pdb.spec.selector.matchLabels, labels)),
        `PDB/${pdb.metadata.name}`,
      ).toBe(true);
    }
    for (const ingress of byKind('Ingress')) {
      for (const rule of ingress.spec.rules as Obj[]) {
        for (const path of rule.http.paths as Obj[])
          expect(names('Service').has(path.backend.service.name)).toBe(true);
      }
    }

    const gateway = byKind('Deployment').find((d) => d.metadata.name === 'dangjian-gateway')!;
    const container = gateway.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(gateway.spec.replicas).toBeGreaterThan(1);
    const migrate = byKind('Job').find((j) => j.metadata.name === 'dangjian-migrate')!;
    expect(migrate.spec.template.spec.containers[0].command).toEqual([
      'node',
      'node_modules/@dangjian/domain/dist/cli/db.js',
      'migrate',
    ]);
  });

  it('keeps only placeholders in Secrets, and only variables the processes read in the configuration', async () => {
    const files = filesUnder(
      join(INFRA, 'k8s'),
      (name) => /\.ya?ml$/.test(name) && name !== 'kustomization.yaml',
    );
    let secretCount = 0;
    for (const file of files) {
      for (const document of (await parseYaml(file)) as Obj[]) {
        if (document?.kind !== 'Secret') continue;
        secretCount += 1;
        for (const [key, value] of Object.entries((document.stringData ?? {}) as Record<string, string>)) {
          expect(value, `${relative(ROOT, file)} ${key}`).toContain('change-me');
        }
        expect(document.data, `${relative(ROOT, file)} must use stringData placeholders`).toBeUndefined();
      }
    }
    expect(secretCount).toBeGreaterThanOrEqual(6);

    const resources = await kustomizeResources(join(INFRA, 'k8s/base'));
    const config = resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === 'dangjian-config')!;
    const secret = resources.find((r) => r.kind === 'Secret' && r.metadata.name === 'dangjian-secrets')!;
    for (const key of [...Object.keys(config.data), ...Object.keys(secret.stringData)]) {
      expect(SCHEMA_VARIABLES.has(key) || EXTRA_VARIABLES.has(key), `${key} is not read by any process`).toBe(
        true,
      );
    }
    expect(Object.keys(secret.stringData)).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'DATABASE_REPLICA_URLS',
        'REDIS_URL',
        'JWT_SECRET',
        'PII_ENCRYPTION_KEY',
      ]),
    );
    // What the configuration refuses in production must not be what the placeholders look like.
    expect(configSchema.safeParse({ ...config.data, ...secret.stringData }).success).toBe(false);
  });

  it('has a compose file whose services, dependencies and variables fit together', async () => {
    const [compose] = (await parseYaml(join(INFRA, 'docker-compose.yml'))) as Obj[];
    const services = compose.services as Record<string, Obj>;
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['mysql', 'redis', 'migrate', 'gateway', 'worker']),
    );
    expect(services.mysql.image).toMatch(/^mysql:8\.4/);
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(services.redis.command.join(' ')).toMatch(/--appendonly yes.*--maxmemory-policy noeviction/);
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(
        Array.isArray(service.depends_on)
          ? Object.fromEntries(service.depends_on.map((d: string) => [d, 1]))
          : (service.depends_on ?? {}),
      )) {
        expect(services[dependency], `${name} depends on ${dependency}`).toBeDefined();
      }
      if (service.build) {
        expect(
          existsSync(join(INFRA, service.build.context, service.build.dockerfile)),
          `${name} Dockerfile`,
        ).toBe(true);
      }
      for (const volume of (service.volumes ?? []) as string[]) {
        const source = volume.split(':')[0];
        if (source.startsWith('.'))
          expect(existsSync(join(INFRA, source)), `${name} mounts ${source}`).toBe(true);
      }
    }
    for (const name of ['migrate', 'gateway', 'worker']) {
      for (const key of Object.keys(services[name].environment)) {
        expect(SCHEMA_VARIABLES.has(key) || EXTRA_VARIABLES.has(key), `${name}: ${key}`).toBe(true);
      }
    }
  });

  it('builds small non-root images with health checks, laid out where the gateway looks for the console', () => {
    for (const app of ['gateway', 'worker', 'upstream-sim']) {
      const text = readFileSync(join(INFRA, 'docker', `${app}.Dockerfile`), 'utf8');
      const stages = text.split(/^FROM /m).slice(1);
      expect(stages.length, app).toBeGreaterThanOrEqual(2);
      const final = stages[stages.length - 1];
      expect(final, app).toMatch(/^USER [1-9]\d*(:\d+)?$/m);
      expect(final, app).toMatch(/^HEALTHCHECK /m);
      expect(final, app).toContain(`WORKDIR /app/apps/${app}`);
      expect(final, app).toMatch(/CMD \["node", "dist\/main\.js"/);
      expect(text, app).toContain('--frozen-lockfile');
    }
    // The image puts the console at apps/console/dist beside apps/gateway: the path the gateway uses.
    const consoleSource = readFileSync(join(ROOT, 'apps/gateway/src/console/console.ts'), 'utf8');
    expect(consoleSource).toContain("'../../../console/dist'");
    expect(readFileSync(join(INFRA, 'docker/gateway.Dockerfile'), 'utf8')).toContain(
      'cp -r apps/console/dist /out/apps/console/dist',
    );
  });

  it('alerts and charts only on metrics the gateway and worker register', async () => {
    const metrics = registeredMetrics();
    const [rules] = (await parseYaml(join(INFRA, 'prometheus/alerts.yml'))) as Obj[];
    const alerts = (rules.groups as Obj[]).flatMap((group) => group.rules as Obj[]);
    expect(alerts.length).toBeGreaterThan(5);
    for (const rule of alerts) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(['critical', 'warning', 'info']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      for (const name of metricsIn(String(rule.expr)))
        expect(knownMetric(name, metrics), `${rule.alert}: ${name}`).toBe(true);
    }
    const dashboard = JSON.parse(readFileSync(join(INFRA, 'grafana/dangjian.json'), 'utf8')) as Obj;
    const panels = (dashboard.panels as Obj[]).flatMap((p) => [p, ...((p.panels ?? []) as Obj[])]);
    const exprs = panels.flatMap((p) => ((p.targets ?? []) as Obj[]).map((t) => String(t.expr)));
    expect(exprs.length).toBeGreaterThan(8);
    for (const expr of exprs)
      for (const name of metricsIn(expr)) expect(knownMetric(name, metrics), `dashboard: ${name}`).toBe(true);
    const [scrape] = (await parseYaml(join(INFRA, 'prometheus/prometheus.yml'))) as Obj[];
    expect(scrape.rule_files).toContain('/etc/prometheus/alerts.yml');
  });
});

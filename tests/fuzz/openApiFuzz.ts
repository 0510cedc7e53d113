import type { App } from '../../src/server/app.ts';
import { TEST_ACTOR_HEADER } from '../../src/server/plugins/actor.ts';
import type { Actor } from '../../src/server/policy/policy.ts';

/** A JSON Schema as @fastify/swagger writes it from the Zod contracts (only what the fuzzer reads). */
type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[];
  format?: string; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; minimum?: number; maximum?: number;
  minLength?: number; pattern?: string; const?: unknown; $ref?: string; default?: unknown;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
export type Operation = { method: string; path: string; params: Parameter[]; body: Schema | null };
type Spec = { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };

/** Every operation of the app's OpenAPI document (the one served at /api/docs/json). */
export function operationsOf(app: App): Operation[] {
  const spec = app.swagger() as unknown as Spec;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      operations.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body });
    }
  }
  return operations;
}

/** A small deterministic generator (mulberry32), so a failing run can be repeated by its seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const deep = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** The bad values every field is tried with: NUL, wrong types, huge and odd numbers, bad ids and dates, odd JSON. */
export const BAD_VALUES: readonly unknown[] = [
  '\u0000', 'Ива\u0000нов', 'x'.repeat(100_000), '', ' ', -1, 0, 1.5, 1e308, -1e308, 2 ** 63, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2,
  'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-7fff-bfff-ffffffffffff', '2025-02-30', '0000-01-01', '9999-12-31T99:99:99Z',
  "' or 1=1 --", '../../etc/passwd', '%00', '<script>alert(1)</script>', '😀'.repeat(1000), 'zzz_unknown_enum',
  null, true, false, [], {}, [1, 2, 3], { $gt: '' }, deep(2_000), Array.from({ length: 10_000 }, (_, i) => i),
];

/** Path-parameter garbage (goes into the URL, so strings only). */
const BAD_PATH = ['\u0000', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'x'.repeat(5_000), '..', '%', '-1', '😀', "'"];

/** Real ids by parameter name (`studentId`, `lessonId`, …), so requests reach past the first lookup; `id` for the rest. */
export type World = { schoolId: string; ids: Record<string, string> };

/** A value the schema accepts, as far as a guess goes: what lets a request reach past the first field. */
function validValue(schema: Schema | undefined, world: World, name = ''): unknown {
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return validValue(alternatives.find((s) => s.type !== 'null') ?? alternatives[0], world, name);
  if (schema.allOf?.length) return validValue(schema.allOf[0], world, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return name === 'schoolId' ? world.schoolId : world.ids[name] ?? world.ids.id;
      if (schema.format === 'date') return '2025-10-06';
      if (schema.format === 'date-time') return '2025-10-06T09:00:00.000Z';
      return 'Проверка'.padEnd(schema.minLength ?? 1, 'я');
    case 'integer': case 'number': return schema.minimum ?? 1;
    case 'boolean': return true;
    case 'array': return [];
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) value[key] = validValue(schema.properties?.[key], world, key);
      return value;
    }
    default: return 'x';
  }
}

export type FuzzRequest = { method: string; url: string; payload?: unknown; rawPayload?: string; label: string };

/** One request of an operation with one field made bad (or the body replaced whole). */
export function mutate(op: Operation, world: World, rnd: ReturnType<typeof random>): FuzzRequest {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const query = op.params.filter((p) => p.in === 'query');
  const pathValues = Object.fromEntries(pathParams.map((p) => [p.name, String(validValue(p.schema, world, p.name))]));
  const queryValues: Record<string, unknown> = {};
  for (const p of query) if (p.required || rnd.next() < 0.3) queryValues[p.name] = validValue(p.schema, world, p.name);
  let body: unknown = op.body ? validValue(op.body, world) : undefined;
  let rawPayload: string | undefined;
  const targets: string[] = [
    ...pathParams.map((p) => `path:${p.name}`), ...query.map((p) => `query:${p.name}`),
    ...Object.keys(op.body?.properties ?? {}).map((k) => `body:${k}`),
    ...(op.method === 'GET' || op.method === 'DELETE' ? [] : ['body:*', 'body:missing', 'body:raw']),
  ];
  const target = targets.length ? rnd.pick(targets) : 'none';
  const [where, name = ''] = target.split(':') as [string, string];
  const bad = rnd.pick(BAD_VALUES);
  let label = `${op.method} ${op.path} ${target}`;
  if (where === 'path') pathValues[name] = rnd.pick(BAD_PATH);
  else if (where === 'query') queryValues[name] = bad;
  else if (where === 'body' && name === '*') body = bad;
  else if (where === 'body' && name === 'missing') body = {};
  else if (where === 'body' && name === 'raw') rawPayload = rnd.pick(['{', '{"a":', 'null', '[]'.repeat(50_000), '{"a":"\\u0000"}', `${'['.repeat(100_000)}${']'.repeat(100_000)}`]);
  else if (where === 'body') {
    body = { ...(body as object), [name]: bad };
    // One level deeper too: a bad value inside a nested object or list item.
    const inner = op.body?.properties?.[name];
    if (rnd.next() < 0.3 && inner) body = { ...(body as object), [name]: nestBad(inner, world, bad) };
  }
  label += ` ${where === 'path' ? shown(pathValues[name]) : where === 'body' && name === 'raw' ? shown(rawPayload) : shown(bad)}`;
  const url = op.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(pathValues[p] ?? 'x'));
  const qs = Object.entries(queryValues).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');
  return { method: op.method, url: qs ? `${url}?${qs}` : url, payload: rawPayload === undefined ? body : undefined, rawPayload, label };
}

function nestBad(schema: Schema, world: World, bad: unknown): unknown {
  const items = schema.items ?? schema.anyOf?.find((s) => s.items)?.items;
  if (items) {
    const props = Object.keys(items.properties ?? {});
    if (!props.length) return [bad];
    return [{ ...(validValue(items, world) as object), [props[0]!]: bad }];
  }
  const props = Object.keys(schema.properties ?? {});
  if (props.length) return { ...(validValue(schema, world) as object), [props[0]!]: bad };
  return bad;
}

const shown = (value: unknown) => {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
};

/** What must never reach a response body: stack traces, SQL, driver messages, file paths. */
const INTERNALS = /(\bat [\w.<>]+ \(|\bat \/|node_modules|\/src\/server|\.ts:\d+|\bselect .+ from\b|\binsert into\b|\bupdate \w+ set\b|relation "|violates .* constraint|duplicate key|syntax error at|invalid input syntax|PGlite|drizzle|ECONNREFUSED|TypeError|RangeError|ReferenceError|Cannot read properties)/i;

export type Finding = { label: string; status: number; body: string; actor: string };

/** Sends one request as the actor; a finding when it is a 5xx or its body shows internals. */
export async function send(app: App, request: FuzzRequest, actor: Actor | null, actorName: string): Promise<{ status: number; finding?: Finding }> {
  const headers: Record<string, string> = { 'x-klassny-csrf': '1' };
  if (actor) headers[TEST_ACTOR_HEADER] = JSON.stringify(actor);
  let payload: string | undefined;
  if (request.rawPayload !== undefined) payload = request.rawPayload;
  else if (request.payload !== undefined) payload = JSON.stringify(request.payload);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await app.inject({ method: request.method as 'GET', url: request.url, headers, payload });
  const type = String(res.headers['content-type'] ?? '');
  const textual = type.includes('json') || type.includes('text/plain') || type.includes('text/html') || type === '';
  const body = textual ? res.body : '';
  if (res.statusCode >= 500 || INTERNALS.test(body)) {
    return { status: res.statusCode, finding: { label: request.label, status: res.statusCode, body: body.slice(0, 300), actor: actorName } };
  }
  return { status: res.statusCode };
}

export type FuzzActor = { name: string; actor: Actor | null };
export type FuzzResult = { requests: number; byStatus: Record<number, number>; findings: Finding[] };

/**
 * Every operation × every actor, `rounds` mutated requests each (or round after round until `total`
 * requests): the same generator for `npm test` (bounded) and `npm run fuzz` (≥ 50,000).
 */
export async function runFuzz(app: App, world: World, actors: FuzzActor[], options: { seed: number; rounds?: number; total?: number }): Promise<FuzzResult> {
  const rnd = random(options.seed);
  const operations = operationsOf(app);
  const result: FuzzResult = { requests: 0, byStatus: {}, findings: [] };
  for (let round = 0; options.total ? result.requests < options.total : round < (options.rounds ?? 1); round++) {
    for (const op of operations) {
      for (const { name, actor } of actors) {
        const { status, finding } = await send(app, mutate(op, world, rnd), actor, name);
        result.requests++;
        result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
        if (finding) result.findings.push(finding);
      }
    }
  }
  return result;
}

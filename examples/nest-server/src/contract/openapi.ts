import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { TICKER_INPUT_PATTERN, tickerSchema } from './common.js';
import { requestSchemas, responseSchemas } from './registry.js';
import { WIRE_ROUTES, type WireBody, type WireRoute } from './routes.js';

/** A JSON Schema object as zod writes it (OpenAPI 3.0 dialect). */
type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown> & { parameters?: Record<string, unknown>[] };

const TARGET = 'openapi-3.0';

/**
 * Requests are documented as clients may send them: zod writes the pattern a value must match after
 * its normalisation (trim, upper case), which would refuse `aapl` although the server accepts it.
 */
const INPUT = {
  target: TARGET,
  io: 'input',
  override: ({ zodSchema, jsonSchema }) => {
    if (zodSchema === tickerSchema) jsonSchema.pattern = TICKER_INPUT_PATTERN;
  },
} as const satisfies Parameters<typeof z.toJSONSchema>[1];
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const uri = (id: string) => ref(id).$ref;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The JSON Schemas of the contract's named schemas, as `components.schemas` of the OpenAPI
 * document: responses as the server writes them, requests and queries as clients send them.
 */
export function wireComponentSchemas(): Record<string, JsonSchema> {
  const responses = z.toJSONSchema(responseSchemas, { target: TARGET, io: 'output', uri }).schemas;
  const requests = z.toJSONSchema(requestSchemas, { ...INPUT, uri }).schemas;
  const components: Record<string, JsonSchema> = {};
  for (const [id, schema] of [...Object.entries(responses), ...Object.entries(requests)]) {
    if (id in components) throw new Error(`The wire contract names two schemas ${id}`);
    // `$id` is not an OpenAPI 3.0 keyword; the component's key is its name.
    const { $id: _id, ...rest } = schema as JsonSchema;
    components[id] = withoutSafeIntegerBounds(rest);
  }
  return components;
}

/**
 * Completes the document Nest's swagger module scanned from the controllers (paths, summaries,
 * tags, security) with the wire contract: request bodies, path and query parameters, and every
 * answer's schema, all as references into `components.schemas`. An operation the server serves
 * that the contract lacks, or one the contract lists that the server does not serve, is an error:
 * the document at `/docs` is then complete by construction.
 */
export function applyWireContract(document: OpenAPIObject): OpenAPIObject {
  const routes = new Map<string, WireRoute>(
    Object.values(WIRE_ROUTES).map((route) => [`${route.method} ${route.path}`, route]),
  );
  const served = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    const operations = item as Record<string, Operation | undefined>;
    for (const method of METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      const key = `${method} ${path}`;
      const route = routes.get(key);
      if (!route)
        throw new Error(
          `${method.toUpperCase()} ${path} is served but missing from the wire contract (src/contract/routes.ts)`,
        );
      served.add(key);
      operations[method] = describeOperation(operation, route);
    }
  }
  const unserved = [...routes.keys()].filter((key) => !served.has(key));
  if (unserved.length > 0)
    throw new Error(`The wire contract lists operations the server does not serve: ${unserved.join(', ')}`);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...wireComponentSchemas() },
  };
  return document;
}

function describeOperation(operation: Operation, route: WireRoute): Operation {
  // Parameters other than path and query (none today) are Nest's; those two come from the contract.
  const kept = (operation.parameters ?? []).filter((p) => p.in !== 'path' && p.in !== 'query');
  const described: Operation = {
    ...operation,
    parameters: [...pathParameters(route), ...queryParameters(route), ...kept],
    responses: responses(route),
  };
  if (route.body) {
    described.requestBody = {
      required: true,
      content: { 'application/json': { schema: schemaOrRef(route.body, 'input') } },
    };
  } else {
    delete described.requestBody;
  }
  return described;
}

function pathParameters(route: WireRoute): Record<string, unknown>[] {
  return Object.entries(route.params ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema: withoutSafeIntegerBounds(z.toJSONSchema(schema, INPUT) as JsonSchema),
  }));
}

function queryParameters(route: WireRoute): Record<string, unknown>[] {
  if (!route.query) return [];
  const object = withoutSafeIntegerBounds(z.toJSONSchema(route.query, INPUT) as JsonSchema) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: 'query',
      required: object.required?.includes(name) ?? false,
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

function responses(route: WireRoute): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [status, body] of Object.entries(route.responses)) answers[status] = success(body);
  for (const [status, variant] of Object.entries(route.textVariants ?? {})) {
    const answer = answers[status] as { description: string; content?: Record<string, unknown> };
    answers[status] = {
      description: `${answer.description}. ${variant.description}`,
      content: { ...answer.content, [variant.mediaType]: { schema: { type: 'string' } } },
    };
  }
  for (const [status, description] of Object.entries(route.errors))
    answers[status] = { description, content: { 'application/json': { schema: ref('ErrorBody') } } };
  answers.default = {
    description: 'Any other error (429 over the rate limit, 503 without a database, 500)',
    content: { 'application/json': { schema: ref('ErrorBody') } },
  };
  return answers;
}

function success(body: WireBody): Record<string, unknown> {
  if ('empty' in body) return { description: 'No content' };
  if ('text' in body)
    return { description: body.text, content: { 'text/plain': { schema: { type: 'string' } } } };
  const meta = responseSchemas.get(body);
  return {
    description: meta?.description ?? 'OK',
    content: { 'application/json': { schema: schemaOrRef(body, 'output') } },
  };
}

/** A reference to the component of a named schema, else the schema itself. */
function schemaOrRef(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const id = (io === 'input' ? requestSchemas : responseSchemas).get(schema)?.id;
  return id
    ? ref(id)
    : (z.toJSONSchema(schema, io === 'input' ? INPUT : { target: TARGET, io }) as JsonSchema);
}

/**
 * zod writes every integer with the bounds of a safe integer (±2^53 − 1); in a document for people
 * they are noise, and JSON numbers beyond them are not integers to JavaScript clients anyway.
 */
function withoutSafeIntegerBounds(schema: JsonSchema): JsonSchema {
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) continue;
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    copy[key] = Array.isArray(value)
      ? value.map((item) => (isObject(item) ? withoutSafeIntegerBounds(item) : item))
      : isObject(value)
        ? withoutSafeIntegerBounds(value)
        : value;
  }
  return copy;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

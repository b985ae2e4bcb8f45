import { z } from 'zod';

/** What the contract records about a named schema: its OpenAPI component name. */
export interface WireSchemaMeta {
  /** Component name in `#/components/schemas/`. */
  id: string;
  description?: string;
}

/**
 * Named schemas of response bodies (and the parts they share), converted as the server sends them
 * (`io: 'output'`). Only named schemas become OpenAPI components; the rest are inlined.
 */
export const responseSchemas = z.registry<WireSchemaMeta>();

/**
 * Named schemas of request bodies and queries, converted as clients send them (`io: 'input'`: a
 * defaulted query field is optional, a coerced number accepts the string of the query).
 */
export const requestSchemas = z.registry<WireSchemaMeta>();

/** Registers `schema` as the response component `id` and returns it. */
export function responseComponent<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  responseSchemas.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

/** Registers `schema` as the request component `id` and returns it. */
export function requestComponent<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  requestSchemas.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

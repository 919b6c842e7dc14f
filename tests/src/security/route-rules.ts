import { ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Action, Resource } from '@attune/domain';
import { PUBLIC_ROUTE, ROUTE_PERMISSION, SIGNED_IN_ROUTE, WITHOUT_TOTP_ROUTE, type RoutePermission } from '@attune/api/testing';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'permission'; resource: Resource; action: Action }
  | { kind: 'none' };

/** One route of the running app with the access rule its decorators declare. */
export interface RouteRule {
  method: Method;
  /** OpenAPI form: /api/cases/{id}/progress */
  path: string;
  access: Access;
  withoutTotp: boolean;
  handler: string;
}

const METHODS: Record<number, Method> = { 0: 'GET', 1: 'POST', 2: 'PUT', 3: 'DELETE', 4: 'PATCH' };

/** Every route Nest registered, read from the controllers' own metadata (the metadata the guard reads). */
export function routeRules(app: NestExpressApplication): RouteRule[] {
  const rules: RouteRule[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata('path', controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor') continue;
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const methodCode = Reflect.getMetadata('method', handler) as number | undefined;
        if (methodCode === undefined) continue;
        const method = METHODS[methodCode];
        if (!method) throw new Error(`${controller.name}.${name}: unexpected HTTP method ${methodCode}`);
        const subPaths = ([] as string[]).concat(Reflect.getMetadata('path', handler) ?? '');
        const read = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
        const permission = read<RoutePermission>(ROUTE_PERMISSION);
        const access: Access = read<boolean>(PUBLIC_ROUTE)
          ? { kind: 'public' }
          : read<boolean>(SIGNED_IN_ROUTE)
            ? { kind: 'signed-in' }
            : permission
              ? { kind: 'permission', resource: permission.resource, action: permission.action }
              : { kind: 'none' };
        for (const prefix of prefixes) {
          for (const sub of subPaths) {
            const joined = ['api', prefix, sub].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
            rules.push({
              method,
              path: `/${joined}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
              access,
              withoutTotp: Boolean(read<boolean>(WITHOUT_TOTP_ROUTE)),
              handler: `${controller.name}.${name}`,
            });
          }
        }
      }
    }
  }
  return rules;
}

/** The operations of the OpenAPI document as "METHOD /path". */
export function openApiOperations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) ops.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return ops.sort();
}

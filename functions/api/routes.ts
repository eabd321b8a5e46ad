import { API_PREFIX } from '../contracts/console-api';
import { MethodNotAllowedError, UnknownRouteError } from './api-errors';
import { readRoutes } from './read-routes';
import { writeRoutes } from './write-routes';
import type { ApiRequest, ApiResponse, Route, RouteDeps } from './route-types';

const ROUTES: readonly Route[] = [...readRoutes, ...writeRoutes];

const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');

/** The segment decoded, or undefined when it is not valid percent-encoding. */
const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/** The route's parameters when the path is one of its paths; undefined otherwise. */
function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = segmentsOf(`${API_PREFIX}${pattern}`);
  const have = segmentsOf(path);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const segment = have[index] as string;
    if (part.startsWith(':')) {
      const value = decoded(segment);
      if (value === undefined) return undefined;
      params[part.slice(1)] = value;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/** Runs the request's route; an unknown path is a 404, a known one with another method a 405. */
export async function dispatch(request: ApiRequest, deps: RouteDeps): Promise<ApiResponse> {
  const onPath = ROUTES.flatMap((route) => {
    const params = matchPath(route.path, request.path);
    return params === undefined ? [] : [{ route, params }];
  });
  // A literal segment wins over a parameter (`/topics/test` over `/topics/:id`): listed first.
  const chosen = onPath.find(({ route }) => route.method === request.method);
  if (chosen) return chosen.route.handle(request, chosen.params, deps);
  if (onPath.length === 0) throw new UnknownRouteError(request.path);
  throw new MethodNotAllowedError(request.method, [...new Set(onPath.map(({ route }) => route.method))]);
}

import type { Request, RequestHandler } from 'express';
import { realmNameSchema } from '@session-desk/contracts';
import { parse } from './parse.js';

/** The realm named by the path (`:realm`); throws 400 bad_request when it is not a realm name. */
export function realmParam(req: Request): string {
  return parse(realmNameSchema, req.params.realm, 'realm name');
}

/**
 * The handler of an endpoint below `/:realm`: the realm is parsed from the path first, then
 * `answer(realm, req)` is sent as JSON with `status` (default 200). Whatever `answer` throws
 * (an HttpError from parsing or the service) goes to the error handler.
 */
export function inRealm(answer: (realm: string, req: Request) => Promise<unknown>, status = 200): RequestHandler {
  return async (req, res) => {
    const realm = realmParam(req);
    res.status(status).json(await answer(realm, req));
  };
}

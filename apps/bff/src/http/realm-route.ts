import type { Request, RequestHandler } from 'express';
import { realmNameSchema } from '@session-desk/contracts';
import { JsonText } from './json-text.js';
import { parse } from './parse.js';

/** The realm named by the path (`:realm`); throws 400 bad_request when it is not a realm name. */
export function realmParam(req: Request): string {
  return parse(realmNameSchema, req.params.realm, 'realm name');
}

/**
 * The handler of an endpoint below `/:realm`: the realm is parsed from the path first, then
 * `answer(realm, req)` is sent as JSON with `status` (default 200); a `JsonText` is sent as the JSON
 * it holds. Whatever `answer` throws (an HttpError from parsing or the service) goes to the error handler.
 */
export function inRealm(answer: (realm: string, req: Request) => Promise<unknown>, status = 200): RequestHandler {
  return async (req, res) => {
    const realm = realmParam(req);
    const body = await answer(realm, req);
    if (body instanceof JsonText) res.status(status).type('json').send(body.text);
    else res.status(status).json(body);
  };
}

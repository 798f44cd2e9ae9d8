import express, { type Request, type Response } from 'express';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '@session-desk/contracts';
import type { Operator } from '../auth/operator.js';
import { errorHandler } from '../http/error-handler.js';
import { HttpError } from '../http/errors.js';
import { actionOf, endpointPolicy } from './endpoint-policy.js';

const { reads, acts, guards } = endpointPolicy(['demo', 'acme']);

const operatorWith = (...roles: Role[]): Operator => ({ id: `op-${roles.join('-')}`, username: 'op', name: 'Op', email: null, roles, realm: 'operators' });

/** Just what the policy reads of a request: the path's realm, the signed-in operator, and for the audit actor its id and address. */
function requestOf(operator: Operator | undefined, realm?: string): Request {
  const fake = { params: realm === undefined ? {} : { realm }, session: { operator }, id: 'req-1', ip: '192.0.2.7', method: 'DELETE', originalUrl: '/api/x' };
  return fake as unknown as Request;
}

/** Runs a middleware: what it passed to next (undefined when it called next with nothing), or the HttpError it threw. */
function run(handler: ReturnType<typeof reads>, req: Request): { next: 'called' } | { thrown: HttpError } {
  const next = vi.fn<(error?: unknown) => void>();
  try {
    void handler(req, {} as Response, next);
  } catch (error) {
    expect(next).not.toHaveBeenCalled();
    if (error instanceof HttpError) return { thrown: error };
    throw error;
  }
  expect(next).toHaveBeenCalledTimes(1);
  expect(next).toHaveBeenCalledWith();
  return { next: 'called' };
}

describe('reads(...): checked before the handler', () => {
  it('lets an operator whose role grants the permission through', () => {
    expect(run(reads('sessions:read'), requestOf(operatorWith('auditor'), 'demo'))).toEqual({ next: 'called' });
    expect(run(reads('health:read'), requestOf(operatorWith('admin')))).toEqual({ next: 'called' });
  });

  it("refuses with 403 and the policy's reason when the role does not grant it", () => {
    const result = run(reads('events:read'), requestOf(operatorWith('helpdesk'), 'demo'));
    expect(result).toMatchObject({ thrown: { status: 403, code: 'forbidden', message: "The Help desk role cannot read Keycloak's events." } });
  });

  it('refuses an operator with no role (fails closed)', () => {
    const result = run(reads('sessions:read'), requestOf(operatorWith()));
    expect(result).toMatchObject({ thrown: { status: 403, code: 'forbidden', message: 'Your account cannot view sessions.' } });
  });

  it('answers 401 when nobody is signed in', () => {
    expect(run(reads('sessions:read'), requestOf(undefined))).toMatchObject({ thrown: { status: 401, code: 'unauthenticated' } });
  });

  it('answers 404 for a realm Session Desk does not manage, even to an administrator', () => {
    const result = run(reads('sessions:read'), requestOf(operatorWith('admin'), 'master'));
    expect(result).toMatchObject({ thrown: { status: 404, code: 'not_found', message: 'Session Desk does not manage a realm named "master".' } });
  });

  it('answers 400 for a realm name that is not one', () => {
    expect(run(reads('sessions:read'), requestOf(operatorWith('admin'), 'de/mo'))).toMatchObject({
      thrown: { status: 400, code: 'bad_request', message: expect.stringContaining('realm name') },
    });
  });

  it('with several permissions, any one of them is enough', () => {
    const auditRead = reads('audit:read', 'audit:read-own');
    expect(run(auditRead, requestOf(operatorWith('auditor')))).toEqual({ next: 'called' });
    expect(run(auditRead, requestOf(operatorWith('helpdesk')))).toEqual({ next: 'called' });
    expect(run(reads('health:read', 'audit:read-own'), requestOf(operatorWith('helpdesk')))).toEqual({ next: 'called' });
  });

  it('with several permissions none of which the role grants, refuses with the first one', () => {
    const result = run(reads('audit:read', 'health:read'), requestOf(operatorWith('helpdesk')));
    expect(result).toMatchObject({ thrown: { status: 403, message: 'The Help desk role cannot read the audit trail.' } });
  });
});

describe('guards(...): checked before the handler, its refusal handed over to be recorded', () => {
  /** Runs the (async) middleware: what it passed to next, or the HttpError it rejected with. */
  async function runGuard(handler: ReturnType<typeof guards>, req: Request): Promise<{ next: 'called' } | { thrown: HttpError }> {
    const next = vi.fn<(error?: unknown) => void>();
    try {
      await handler(req, {} as Response, next);
    } catch (error) {
      expect(next).not.toHaveBeenCalled();
      if (error instanceof HttpError) return { thrown: error };
      throw error;
    }
    expect(next).toHaveBeenCalledWith();
    return { next: 'called' };
  }

  it('lets a permitted operator through and records nothing', async () => {
    const record = vi.fn(async () => undefined);
    expect(await runGuard(guards('bulk:end', record), requestOf(operatorWith('helpdesk')))).toEqual({ next: 'called' });
    expect(record).not.toHaveBeenCalled();
  });

  it("hands a refusal and the policy's reason over before answering 403", async () => {
    const record = vi.fn(async (_req: Request, _why: string) => undefined);
    const req = requestOf(operatorWith('auditor'));
    expect(await runGuard(guards('bulk:end', record), req)).toMatchObject({ thrown: { status: 403, code: 'forbidden' } });
    expect(record).toHaveBeenCalledWith(req, expect.stringContaining('Auditor'));
  });

  it('answers what recording answers when the refusal cannot be recorded (no silent refusal)', async () => {
    const record = vi.fn(async () => {
      throw new HttpError(503, 'audit_unavailable', 'The audit trail cannot be written.');
    });
    expect(await runGuard(guards('bulk:end', record), requestOf(operatorWith('auditor')))).toMatchObject({ thrown: { status: 503 } });
  });

  it('answers 401, recording nothing, when nobody is signed in', async () => {
    const record = vi.fn(async () => undefined);
    expect(await runGuard(guards('bulk:end', record), requestOf(undefined))).toMatchObject({ thrown: { status: 401 } });
    expect(record).not.toHaveBeenCalled();
  });
});

describe('acts(...) and actionOf: the context of a destructive action', () => {
  it('gives the handler the operator, the audit actor and the declared permission', () => {
    const req = requestOf(operatorWith('helpdesk'), 'demo');
    expect(run(acts('sessions:end'), req)).toEqual({ next: 'called' });
    expect(actionOf(req)).toEqual({
      operator: operatorWith('helpdesk'),
      actor: { operator: { id: 'op-helpdesk', username: 'op', role: 'helpdesk' }, requestId: 'req-1', ip: '192.0.2.7' },
      standing: { confirm: expect.any(Function) },
      permission: 'sessions:end',
    });
  });

  it('takes the permission from the request when the route declares it as a function', () => {
    const declare = acts((req) => (req.params.realm === 'acme' ? 'realm:logout-all' : 'bulk:end'));
    const inAcme = requestOf(operatorWith('admin'), 'acme');
    const inDemo = requestOf(operatorWith('admin'), 'demo');
    run(declare, inAcme);
    run(declare, inDemo);
    expect(actionOf(inAcme).permission).toBe('realm:logout-all');
    expect(actionOf(inDemo).permission).toBe('bulk:end');
  });

  it('answers 401 when nobody is signed in', () => {
    expect(run(acts('sessions:end'), requestOf(undefined))).toMatchObject({ thrown: { status: 401 } });
  });

  it('throws for a request whose route declared no permission, naming the route', () => {
    const declared = requestOf(operatorWith('admin'));
    run(acts('sessions:end'), declared);
    expect(() => actionOf(requestOf(operatorWith('admin')))).toThrow('DELETE /api/x declares no permission (acts(...)) where its route is mapped');
  });

  it('fails closed over HTTP: a route mapped without acts(...) answers 500 and its action never runs', async () => {
    const action = vi.fn();
    const app = express();
    app.use((req, _res, next) => {
      Object.assign(req, { session: { operator: operatorWith('admin') } });
      next();
    });
    app.delete('/undeclared', (req, res) => {
      const context = actionOf(req);
      action(context);
      res.json({ ended: true });
    });
    app.use(errorHandler);
    const response = await request(app).delete('/undeclared');
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ error: 'internal' });
    expect(action).not.toHaveBeenCalled();
  });
});

import { listPath } from './context.ts';
import type { Operator } from './operator.ts';

/** Each operator pages the large realm (50 a page, pages spread over the first 100) for `seconds`; the requests made. */
export async function pageFor(operators: readonly Operator[], seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let requests = 0;
  await Promise.all(
    operators.map(async (operator, n) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await operator.status(listPath({ first: String(((n * 7 + i * 13) % 100) * 50), max: '50', sort: 'lastAccess:desc' }));
        requests++;
      }
    }),
  );
  return requests;
}

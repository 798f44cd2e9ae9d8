import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from './cli-args.ts';

describe('parseCliArgs', () => {
  it('defaults to the demo instance', () => {
    expect(parseCliArgs(['start'])).toEqual({ command: 'start', instance: 'demo' });
  });

  it.each([
    [['seed', '--instance', 'test'], { command: 'seed', instance: 'test' }],
    [['--instance=test', 'status'], { command: 'status', instance: 'test' }],
    [['fetch'], { command: 'fetch', instance: 'demo' }],
    [['stop', '--instance', 'demo'], { command: 'stop', instance: 'demo' }],
    [['seed-large', '--sessions', '100000', '--users=5000'], { command: 'seed-large', instance: 'demo', sessions: 100_000, users: 5_000 }],
  ])('parses %j', (argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  it('recognises help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['start', '-h'])).toEqual({ command: 'help' });
  });

  it.each([[[]], [['launch']], [['start', 'stop']], [['start', '--instance']], [['start', '--instance', 'prod']], [['start', '--verbose']], [['start', '--sessions', '10']], [['seed-large', '--users', 'many']]])(
    'rejects %j with usage',
    (argv) => {
      expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
      expect(() => parseCliArgs(argv)).toThrow(/Usage:/);
    },
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executedText, usedCssText } from './first-paint.ts';

const source = 'abcdefghij';

test('the top level counts as run, and a function V8 never called is left out', () => {
  assert.equal(executedText(source, [{ ranges: [{ startOffset: 3, endOffset: 8, count: 0 }] }]), 'abcij');
});

test('a block that did not run inside a function that did is left out', () => {
  assert.equal(executedText(source, [{ ranges: [{ startOffset: 0, endOffset: 10, count: 2 }, { startOffset: 2, endOffset: 5, count: 0 }] }]), 'abfghij');
});

test('each character takes its innermost range, whatever order the ranges come in', () => {
  const outerFirst = [{ ranges: [{ startOffset: 1, endOffset: 9, count: 0 }, { startOffset: 4, endOffset: 6, count: 1 }] }];
  const innerFirst = [{ ranges: [{ startOffset: 4, endOffset: 6, count: 1 }] }, { ranges: [{ startOffset: 1, endOffset: 9, count: 0 }] }];
  assert.equal(executedText(source, outerFirst), 'aefj');
  assert.equal(executedText(source, innerFirst), 'aefj');
});

test('nothing that ran is left out when every range ran', () => {
  assert.equal(executedText(source, [{ ranges: [{ startOffset: 0, endOffset: 10, count: 1 }] }]), source);
  assert.equal(executedText('', []), '');
});

test('the used CSS is the text of the used rules, in order', () => {
  const css = 'a{x:1}b{y:2}c{z:3}';
  assert.equal(usedCssText(css, [{ start: 0, end: 6 }, { start: 12, end: 18 }]), 'a{x:1}c{z:3}');
});

import { describe, expect, it } from 'vitest';
import { run, runEvent } from './test-helpers/run.js';

const EVENT = '{"a": {"b": [1, {"c": "deep"}]}, "tags": ["x", "y"], "s": "str"}';

describe('paths', () => {
  it('reads nested fields and indexes', () => {
    expect(run('.a.b[1].c', EVENT)).toBe('"deep"');
    expect(run('.tags[-1]', EVENT)).toBe('"y"');
    expect(run('.tags[-3]', EVENT)).toBe('null');
    expect(run('.missing.x', EVENT)).toBe('null');
    expect(run('.s.x', EVENT)).toBe('null');
    expect(run('."tags"[0]', EVENT)).toBe('"x"');
  });
  it('reads the root and metadata', () => {
    expect(run('.', '{"k": 1}')).toBe('{"k":1}');
    expect(run('%m = 1; %', '{}')).toBe('{"m":1}');
  });
  it('queries on expressions', () => {
    expect(run('{"a": {"b": 1}}.a.b')).toBe('1');
    expect(run('[1, [2, 3]][1][0]')).toBe('2');
  });
  it('writes create containers with null padding', () => {
    expect(runEvent('.x.y[2] = 1')).toBe('{"x":{"y":[null,null,1]}}');
    expect(runEvent('.t = [1, 2]; .t[-5] = 9')).toBe('{"t":[9,null,null,1,2]}');
    expect(runEvent('.t = [1, 2]; .t[-1] = 9')).toBe('{"t":[1,9]}');
    expect(runEvent('.s.inner = 1', EVENT)).toContain('"s":{"inner":1}');
  });
  it('assigning the root replaces the event', () => {
    expect(runEvent('. = {"z": 1}', EVENT)).toBe('{"z":1}');
    expect(runEvent('. = [1]', EVENT)).toBe('[1]');
  });
  it('containers do not alias', () => {
    expect(run('x = .a; x.b = 1; .a.b[0]', EVENT)).toBe('1');
    expect(run('x = .tags; .tags[0] = "q"; x', EVENT)).toBe('["x","y"]');
    expect(run('y = [.tags]; .tags = 1; y', EVENT)).toBe('[["x","y"]]');
  });
});

// The private channel's validation: what the page world may send (submissions, replay reports) and
// what the gate sends back. Anything malformed is dropped, never half-trusted.
import { describe, expect, it } from 'vitest';
import {
  MAX_FILES,
  parseAsking,
  parseReplay,
  parseReplayed,
  parseSettle,
  parseSubmit,
} from '../../src/core/page-channel';

const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'a.jpg', { type: 'image/jpeg' });
const submit = { type: 'submit', id: 'lx1-1', source: 'input', files: [file], accept: 'image/*' };

describe('parseSubmit', () => {
  it('accepts a well-formed submission', () => {
    expect(parseSubmit(submit)).toEqual(submit);
  });
  it('accepts an album of 300 photos (a bigger selection than it once allowed, which then never settled)', () => {
    const album = { ...submit, files: Array(300).fill(file) };
    expect(parseSubmit(album)).toEqual(album);
  });
  it.each([
    ['null', null],
    ['a string', 'submit'],
    ['another type (a forged approval)', { ...submit, type: 'settle', outcomes: ['keep'] }],
    ['an id with odd characters', { ...submit, id: '<img>' }],
    ['an unknown source', { ...submit, source: 'network' }],
    ['no files', { ...submit, files: [] }],
    ['a blob-like object instead of a File', { ...submit, files: [{ name: 'a.jpg', size: 3 }] }],
    ['too many files', { ...submit, files: Array(MAX_FILES + 1).fill(file) }],
    ['a missing accept', { ...submit, accept: undefined }],
  ])('rejects %s', (_, message) => {
    expect(parseSubmit(message)).toBeNull();
  });
});

describe('parseSettle', () => {
  it('accepts keep, drop and a File per outcome', () => {
    const settle = { type: 'settle', id: 'a-1', outcomes: ['keep', 'drop', file] };
    expect(parseSettle(settle)).toEqual(settle);
  });
  it('rejects unknown outcomes', () => {
    expect(parseSettle({ type: 'settle', id: 'a-1', outcomes: ['approve'] })).toBeNull();
  });
});

describe('parseAsking', () => {
  it('reads which files of a submission the person is asked about', () => {
    const asking = { type: 'asking', id: 'a-1', indexes: [0, 2] };
    expect(parseAsking(asking)).toEqual(asking);
  });
  it.each([
    ['a negative index', [-1]],
    ['a fraction', [0.5]],
    ['a string', ['0']],
  ])('rejects %s', (_, indexes) => {
    expect(parseAsking({ type: 'asking', id: 'a-1', indexes })).toBeNull();
  });
});

describe('replay messages', () => {
  const point = { clientX: 1, clientY: 2, screenX: 3, screenY: 4 };
  it('accepts a replay with files, strings and a point', () => {
    const replay = {
      type: 'replay',
      id: 'r1',
      kind: 'drop',
      files: [file],
      strings: [['text/plain', 'x']],
      point,
    };
    expect(parseReplay(replay)).toEqual(replay);
  });
  it('rejects a replay of another kind or with a bad point', () => {
    expect(
      parseReplay({ type: 'replay', id: 'r1', kind: 'input', files: [], strings: [], point }),
    ).toBeNull();
    expect(
      parseReplay({ type: 'replay', id: 'r1', kind: 'paste', files: [], strings: [], point: {} }),
    ).toBeNull();
  });
  it('reads a replay report only with a boolean', () => {
    expect(parseReplayed({ type: 'replayed', id: 'r1', handled: false })).toEqual({
      type: 'replayed',
      id: 'r1',
      handled: false,
    });
    expect(parseReplayed({ type: 'replayed', id: 'r1', handled: 'yes' })).toBeNull();
  });
});

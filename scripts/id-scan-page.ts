// Bundled by bench.ts and run in an extension page: how long the ID-number watch takes to read and scan
// a 20,000-character post, as a plain field's value and as a rich editor's 200 paragraphs (the same
// code the content script runs). Medians of 21 runs, in ms.
import { readEditable } from '../src/content/id-numbers/field-text';
import { cnCheckCharacter, findIdNumbers } from '../src/core/id-numbers';

const RUNS = 21;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(run: () => unknown): number {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

function faceguardIdScan(): { chars: number; field_ms: number; editor_ms: number; found: number } {
  const line = '今天去了趟银行，订单号 202406151234567890，电话 13800138000，金额 ¥1,234.56。';
  const lines: string[] = [];
  while (lines.join('\n').length < 20_000) lines.push(line);
  const body = '11010519900101002';
  lines[Math.floor(lines.length * 0.75)] = `我的身份证号 ${body}${cnCheckCharacter(body)}`;
  const text = lines.join('\n');
  const editor = document.createElement('div');
  editor.contentEditable = 'true';
  for (const l of lines) editor.append(Object.assign(document.createElement('p'), { textContent: l }));
  document.body.append(editor);
  const found = findIdNumbers(readEditable(editor).text).length;
  const result = {
    chars: text.length,
    field_ms: Number(time(() => findIdNumbers(text)).toFixed(2)),
    editor_ms: Number(time(() => findIdNumbers(readEditable(editor).text)).toFixed(2)),
    found,
  };
  editor.remove();
  return result;
}

(globalThis as unknown as { faceguardIdScan: typeof faceguardIdScan }).faceguardIdScan = faceguardIdScan;

// A virtual X display for the one thing headless Firefox cannot do: hold an image on its clipboard
// (its headless clipboard keeps text only). Xvfb picks a free display number itself (-displayfd).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

export interface VirtualDisplay {
  /** The DISPLAY value, e.g. ":5". */
  display: string;
  close(): void;
}

export const hasXvfb = () => spawnSync('which', ['Xvfb']).status === 0;

export function startXvfb(): Promise<VirtualDisplay> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      'Xvfb',
      ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
      {
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      },
    );
    let out = '';
    child.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, close: () => child.kill() });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
  });
}

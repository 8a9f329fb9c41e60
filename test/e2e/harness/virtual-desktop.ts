// A virtual X desktop for what headless Firefox cannot do: hold an image on its clipboard (its
// headless clipboard keeps text only) and receive files and folders dragged from another program
// (WebDriver BiDi cannot drag from the file system). Xvfb picks a free display number itself
// (-displayfd); drags come from a small GTK window (drag-source.py) moved with xdotool, so the
// browser gets a real X11 drag-and-drop.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface VirtualDisplay {
  /** The DISPLAY value, e.g. ":5". */
  display: string;
  close(): void;
}

const SOURCE_SCRIPT = fileURLToPath(new URL('./drag-source.py', import.meta.url));
/** Where the drag source window sits: right of the 1100 px browser window. */
const SOURCE_AT = { x: 1300, y: 100 };

/** What is missing to run a windowed scenario (Debian packages), or null. */
export function desktopMissing(): string | null {
  const missing = [
    spawnSync('which', ['Xvfb']).status === 0 ? null : 'xvfb',
    spawnSync('which', ['xdotool']).status === 0 ? null : 'xdotool',
    spawnSync('/usr/bin/python3', ['-c', "import gi; gi.require_version('Gtk', '3.0')"]).status === 0
      ? null
      : 'python3-gi gir1.2-gtk-3.0',
  ].filter(Boolean);
  return missing.length ? `needs ${missing.join(', ')} (apt-get install)` : null;
}

export function startVirtualDisplay(): Promise<VirtualDisplay> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      'Xvfb',
      ['-displayfd', '3', '-screen', '0', '1600x1024x24', '-nolisten', 'tcp'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] },
    );
    let out = '';
    child.stdio[3]!.on('error', () => undefined);
    child.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, close: () => child.kill() });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drags `paths` (files or folders) from another program and drops them at screen point `to`. */
export async function dragFromDesktop(display: string, paths: string[], to: { x: number; y: number }) {
  const env = { ...process.env, DISPLAY: display };
  const source = spawn(
    '/usr/bin/python3',
    [SOURCE_SCRIPT, String(SOURCE_AT.x), String(SOURCE_AT.y), ...paths],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      source.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      source.on('error', reject);
      source.on('exit', (code) => reject(new Error(`drag source exited (${code})`)));
    });
    const move = (x: number, y: number) =>
      execFileSync('xdotool', ['mousemove', String(Math.round(x)), String(Math.round(y))], { env });
    const from = { x: SOURCE_AT.x + 60, y: SOURCE_AT.y + 50 };
    move(from.x, from.y);
    await pause(200);
    execFileSync('xdotool', ['mousedown', '1'], { env });
    // In steps, as a hand moves: GTK starts the drag past its threshold, and the browser needs
    // several motion events over the target before it accepts the drop.
    for (let i = 1; i <= 20; i++) {
      move(from.x + ((to.x - from.x) * i) / 20, from.y + ((to.y - from.y) * i) / 20);
      await pause(40);
    }
    await pause(250);
    move(to.x + 2, to.y + 2);
    await pause(250);
    execFileSync('xdotool', ['mouseup', '1'], { env });
    // The browser fetches the dropped data from the source after the release: let it finish.
    await Promise.race([new Promise((resolve) => source.once('exit', resolve)), pause(3000)]);
  } finally {
    source.kill();
  }
}

// Memory of a browser's processes (Linux /proc), to check that repeated checks do not leak: the whole
// process tree (resident), and the extension's own processes (proportional).
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    // Field 4 of /proc/PID/stat, after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The browser's main process: the one whose command line names this profile folder. */
export function browserPid(profileDir: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const pid = Number(name);
      if (
        cmdline.some((arg) => arg.includes(profileDir)) &&
        !cmdline.some((arg) => arg.startsWith('--type='))
      ) {
        const parent = parentOf(pid);
        const parentCmd = parent ? readFileSync(`/proc/${parent}/cmdline`, 'utf8') : '';
        if (!parentCmd.includes(profileDir)) return pid;
      }
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no browser process for ${profileDir}`);
}

export function treeRssBytes(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentOf(Number(name));
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rssBytes(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Proportional set size (bytes) of a process, from /proc/PID/smaps_rollup. */
function pssBytes(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Whether a process is one the extension runs in: Chromium starts the renderer of the service worker,
 * the offscreen document and the extension's pages with --extension-process (it rewrites its
 * processes' titles, so the command line may be one string); Firefox names its extension process
 * WebExtensions.
 */
function isExtensionProcess(pid: number): boolean {
  try {
    return (
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--extension-process') ||
      readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'WebExtensions'
    );
  } catch {
    return false;
  }
}

/** The extension's processes among root's descendants: their summed PSS, and how many there are. */
export function extensionMemory(root: number): { bytes: number; processes: number } {
  let bytes = 0;
  let processes = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || !isExtensionProcess(Number(name))) continue;
    for (let pid: number | null = Number(name); pid !== null && pid > 1; pid = parentOf(pid)) {
      if (pid === root) {
        bytes += pssBytes(Number(name));
        processes += 1;
        break;
      }
    }
  }
  return { bytes, processes };
}

export function listFiles(dir: string, base?: string): string[];
export function zipEntries(entries: Array<[string, Uint8Array]>): Uint8Array;
export function zipFolder(dir: string): Uint8Array;

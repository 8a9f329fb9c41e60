export const SOURCE_FILES: string[];
export const SOURCE_FOLDERS: string[];
export function artifactNames(version: string): { chrome: string; firefox: string; source: string };

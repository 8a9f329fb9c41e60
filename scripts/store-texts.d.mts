export const STORE_DIR: string;
export function privacyBlocks(): Array<[string, string]>;
export function privacyPolicyMarkdown(
  lang: string,
  catalogs?: Record<string, Record<string, { message: string }>>,
): string;
export function listingSections(lang: string): Record<string, string>;

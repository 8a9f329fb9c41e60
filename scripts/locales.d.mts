export const LANGUAGES: string[];
export const CONTENT_AREAS: string[];
export function loadCatalogs(
  areas?: string[],
): Record<string, Record<string, { message: string; description?: string }>>;
export function runtimeCatalogs(areas?: string[]): Record<string, Record<string, string>>;
export function messagesPlugin(): import('vite').Plugin;
export function esbuildMessagesPlugin(options?: { areas?: string[] }): import('esbuild').Plugin;

export const LANGUAGES: string[];
export function loadCatalogs(): Record<string, Record<string, { message: string; description?: string }>>;
export function runtimeCatalogs(): Record<string, Record<string, string>>;
export function messagesPlugin(): import('vite').Plugin;
export function esbuildMessagesPlugin(): import('esbuild').Plugin;

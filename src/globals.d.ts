declare const __BROWSER__: 'chrome' | 'firefox';
/** How long the analyzer stays loaded after its last job (ms); see src/analysis/analyzer.ts. */
declare const __ANALYZER_IDLE_MS__: number;

declare const __BROWSER__: 'chrome' | 'firefox';

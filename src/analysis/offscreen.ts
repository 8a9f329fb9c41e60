// Chrome only: the offscreen document that hosts the analysis workers (a service worker cannot start
// workers). Content scripts reach it over the analyzer port. It is opened when a check or warm-up needs
// the analyzer, starts its first worker (which loads the model) when a check or a warm-up asks, never on
// its own, and asks the background to close it once the workers were released for being idle.
import { serveAnalyzer } from '../platform/analyzer-port';
import { send } from '../platform/messaging';
import { analyzerState, handleCheck, handleCopy, onAnalyzerReleased, warmAnalyzer } from './analyzer';

serveAnalyzer({
  'check-image': handleCheck,
  'make-copy': handleCopy,
  'analyzer-state': async () => ({ result: analyzerState() }),
  'prepare-analyzer': async () => {
    warmAnalyzer();
    return { result: null };
  },
});
onAnalyzerReleased(() => void send('release-analyzer', {}).catch(() => undefined));

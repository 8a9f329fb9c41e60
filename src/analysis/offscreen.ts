// Chrome only: the offscreen document that hosts the analysis workers (a service worker cannot start
// workers). Content scripts reach it over the analyzer port.
import { serveAnalyzer } from '../platform/analyzer-port';
import { handleCheck, handleCopy } from './analyzer';

serveAnalyzer({ 'check-image': handleCheck, 'make-copy': handleCopy });

// Chrome only: the offscreen document that runs the local check off the page's main thread, with a
// DOM (OffscreenCanvas, createImageBitmap) and wasm. Content scripts reach it over the analyzer port.
import { serveAnalyzer } from '../platform/analyzer-port';
import { handleCheck, handleCopy } from './analyzer';

serveAnalyzer({ 'check-image': handleCheck, 'make-copy': handleCopy });

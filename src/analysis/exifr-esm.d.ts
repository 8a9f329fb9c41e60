// Types for exifr's ESM build, imported by path so esbuild (browser) and Node (tests) run the same code.
declare module 'exifr/dist/full.esm.mjs' {
  export * from 'exifr';

  import exifr from 'exifr';
  export default exifr;
}

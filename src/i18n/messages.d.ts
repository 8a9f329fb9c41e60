declare module 'faceguard:messages' {
  /** JSON text of language -> key -> message, merged from src/i18n/<language>/*.json at build time. */
  const catalogsJson: string;
  export default catalogsJson;
}

declare module 'faceguard:messages' {
  /** language -> key -> message, merged from src/i18n/<language>/*.json at build time. */
  const catalogs: Record<'en' | 'zh_CN' | 'zh_TW', Record<string, string>>;
  export default catalogs;
}

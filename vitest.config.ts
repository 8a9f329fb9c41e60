import { defineConfig } from 'vitest/config';
import { messagesPlugin } from './scripts/locales.mjs';

export default defineConfig({
  plugins: [messagesPlugin()],
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});

export interface BrowserSpec {
  name: string;
  variable: 'CHROMIUM_PATH' | 'FIREFOX_PATH';
  path: string;
  custom: boolean;
  packages: string[];
}
export function browserSpec(
  browser: 'chromium' | 'firefox',
  env?: Record<string, string | undefined>,
): BrowserSpec;
export const FONT_PACKAGE: string;
export type Decision =
  | { action: 'run' }
  | { action: 'npm-ci'; command: string }
  | { action: 'install'; packages: string[]; command: string }
  | { action: 'instruct'; reason: string; command: string };
export function decide(facts: {
  spec: BrowserSpec;
  modulesPresent: boolean;
  browserPresent: boolean;
  custom: boolean;
  isRoot: boolean;
  isDebian: boolean;
  missingPackages: string[];
}): Decision;

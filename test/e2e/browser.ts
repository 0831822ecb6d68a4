import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's chromium, which the browser tests drive (`.ci/run` installs it when missing). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Where screenshots go; ignored by git, kept by CI as artifacts. */
export const ARTIFACTS_DIR = join(process.cwd(), "test-artifacts");

/** Why the browser tests cannot run here, printed when they are skipped; undefined when they can. */
export function browserUnavailableReason(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) {
    return `browser tests skipped: ${CHROMIUM_PATH} is missing (install Debian's chromium: apt-get install chromium)`;
  }
  return undefined;
}

/**
 * Starts headless chromium with nothing in the background (no network, updates or sync). `extraArgs`: more
 * command-line switches, e.g. `--host-resolver-rules` to point a made-up name at this machine.
 */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...extraArgs,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Saves a full-page screenshot as `test-artifacts/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A phone-sized viewport (an iPhone 13/14's CSS pixels). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

import type { Page } from '@playwright/test';

/** Holds the page's requests matching `url` until the returned function is called. */
export const holdRequests = async (page: Page, url: string | RegExp): Promise<() => void> => {
  const waiting: (() => void)[] = [];
  let isReleased = false;
  await page.route(url, async (route) => {
    if (!isReleased) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
      });
    }
    await route.fallback();
  });
  return () => {
    isReleased = true;
    for (const resolve of waiting) resolve();
  };
};

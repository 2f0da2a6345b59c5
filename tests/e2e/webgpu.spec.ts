import { expect, test } from '@playwright/test';

test('forcing webgpu uses the SwiftShader adapter and says so', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  const badge = page.getByLabel('Compute backend');
  await expect(badge).toContainText(/^webgpu — forced by \?backend=webgpu/, { timeout: 90_000 });
  await expect(badge).toContainText('software adapter');
});

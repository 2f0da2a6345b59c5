import { expect, test } from '@playwright/test';

test('before any training the Evaluate and Runs steps show their empty states', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/?backend=wasm');
  await expect(page.getByLabel('Compute backend')).toContainText('wasm', { timeout: 60_000 });

  const evaluate = page.getByRole('region', { name: /Evaluate/ });
  const button = evaluate.getByRole('button', { name: 'Evaluate on test set' });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription(/Train a model first/);
  await expect(evaluate).toContainText('No test results yet.');
  await expect(evaluate.getByRole('region', { name: 'Test results' })).toHaveCount(0);

  await expect(
    page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: /Runs/ }),
  ).toBeVisible();
  const runs = page.getByRole('region', { name: /Runs/ });
  await expect(runs.getByRole('table', { name: 'Runs table' })).toContainText(
    'No runs stored yet.',
  );
  await expect(runs.getByRole('figure', { name: 'Compare runs' })).toHaveAttribute(
    'data-points',
    '0',
  );
  await expect(runs.getByLabel('Metric')).toHaveValue('valAccuracy');

  // The grid form counts its runs and names a bad entry.
  await expect(runs).toContainText('4 runs');
  await runs.getByLabel('Learning rates').fill('0.01, fast');
  await runs.getByRole('button', { name: 'Queue grid' }).click();
  await expect(runs.getByRole('alert')).toHaveText('Learning rates: "fast" is not a number.');
  expect(problems).toEqual([]);
});

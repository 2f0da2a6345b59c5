import {
  type BenchResults,
  isUnavailable,
  type Measure,
  STEP_KINDS,
  type StepKind,
  type ThroughputRow,
} from './results.ts';

/** The bench's printed report: one table per question, every row with a number or a reason. */

const KIND_TITLES: Record<StepKind, string> = {
  forward: 'forward',
  train: 'train step',
  fineTune: 'fine-tune step',
  fineTuneAll: 'whole-base fine-tune',
};

function cell(m: Measure): string {
  return 'imagesPerSecond' in m ? m.imagesPerSecond.toFixed(m.imagesPerSecond < 10 ? 2 : 1) : '—';
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

function pad(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((v, c) => (c < 2 ? v.padEnd(widths[c] ?? 0) : v.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** The throughput table with its notes, as the report prints it. */
export function formatThroughput(rows: ThroughputRow[]): string[] {
  const lines = pad([
    ['runtime', 'backend', 'size', 'batch', ...STEP_KINDS.map((k) => KIND_TITLES[k])],
    ...rows.map((r) => [
      r.runtime,
      r.backend,
      String(r.size),
      String(r.batch),
      ...STEP_KINDS.map((k) => cell(r[k])),
    ]),
  ]);
  // One note per backend and reason; budget skips list what they would have cost.
  const notes = new Map<string, string[]>();
  for (const r of rows) {
    for (const kind of STEP_KINDS) {
      const m = r[kind];
      if (!('skipped' in m)) continue;
      const budget = /^time budget: a step would take about (\d+) s, .* of (\d+) s left$/.exec(
        m.skipped,
      );
      const why = budget ? `over the ${budget[2]} s time budget` : m.skipped;
      const what = `${r.size}/${r.batch}${budget ? ` ${KIND_TITLES[kind]} ~${budget[1]} s` : ''}`;
      const key = `${r.runtime} ${r.backend}${budget ? '' : ` ${KIND_TITLES[kind]}`}: ${why}`;
      notes.set(key, [...(notes.get(key) ?? []), what]);
    }
  }
  return [
    ...lines,
    ...[...notes].map(
      ([why, items]) => `  — ${why} (size/batch: ${[...new Set(items)].join(', ')})`,
    ),
  ];
}

/** PyTorch's images/s over the best tfjs backend's, config by config. */
export function torchRatios(rows: ThroughputRow[]): string[] {
  const torch = rows.filter((r) => r.runtime === 'pytorch');
  const tfjs = rows.filter((r) => r.runtime !== 'pytorch');
  const out: string[] = [];
  for (const t of torch) {
    for (const kind of STEP_KINDS) {
      const tm = t[kind];
      if (!('imagesPerSecond' in tm)) continue;
      let best: { rate: number; backend: string } | null = null;
      for (const r of tfjs.filter((x) => x.size === t.size && x.batch === t.batch)) {
        const m = r[kind];
        if ('imagesPerSecond' in m && (!best || m.imagesPerSecond > best.rate)) {
          best = { rate: m.imagesPerSecond, backend: `${r.runtime} ${r.backend}` };
        }
      }
      if (best) {
        out.push(
          `${t.size}px batch ${t.batch} ${KIND_TITLES[kind]}: PyTorch (${t.backend}) ${tm.imagesPerSecond.toFixed(1)} vs ${best.backend} ${best.rate.toFixed(1)} images/s: PyTorch is ${(tm.imagesPerSecond / best.rate).toFixed(2)}× as fast`,
        );
      }
    }
  }
  return out;
}

export function formatReport(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `CelebA Studio bench, ${r.startedAt}: ${m.cpus} × ${m.cpuModel}, ${mb(m.memoryBytes)} RAM, ${m.platform}, Node ${m.node}; ${(r.seconds / 60).toFixed(1)} min`,
    '',
    'VGG16 + head throughput, images/s (train step: head on the frozen base, as phase 1; fine-tune step: blocks 5 on; whole-base fine-tune: all 13 convolutions)',
    ...formatThroughput(r.throughput),
    ...r.unavailable.map((u) => `  — ${u.runtime} ${u.backend}: not run: ${u.reason}`),
  );
  const ratios = torchRatios(r.throughput);
  out.push('', 'PyTorch against tfjs (same VGG16 step, same run)');
  out.push(
    ...(ratios.length > 0 ? ratios.map((l) => `  ${l}`) : ['  — no PyTorch numbers (see above)']),
  );

  out.push(
    '',
    'Pipeline efficiency: one epoch zip → decode → augment → step over the same steps on pre-made tensors (target ≤ 1.10)',
  );
  for (const p of r.pipeline) {
    out.push(
      isUnavailable(p)
        ? `  — ${p.runtime} ${p.backend}: not run: ${p.reason}`
        : `  ${p.runtime} ${p.backend}, ${p.size}px batch ${p.batch}, ${p.images} images: ${p.wholePathSeconds.toFixed(2)} s / ${p.premadeSeconds.toFixed(2)} s = ${p.ratio.toFixed(2)} (${verdict(p.ratio <= 1.1)})`,
    );
  }

  out.push('', 'Decode + resize: 178×218 JPEGs to 224 × 224 RGB, images/s (target ≥ 300)');
  for (const d of r.decode) {
    if (isUnavailable(d)) {
      out.push(`  — ${d.runtime} ${d.backend}: not run: ${d.reason}`);
      continue;
    }
    const best = Math.max(...d.rows.map((row) => row.imagesPerSecond));
    out.push(
      `  ${d.runtime} ${d.decoder}, ${d.images} images: ${d.rows
        .map((row) => `${row.imagesPerSecond.toFixed(0)} with ${row.concurrency} in flight`)
        .join(', ')} (${verdict(best >= 300)})`,
    );
  }

  out.push(
    '',
    "Data wait: share of the trainer's image steps spent waiting for decoded batches (target ≤ 10 % when decode is faster than the step)",
  );
  for (const w of r.dataWait) {
    out.push(
      isUnavailable(w)
        ? `  — ${w.runtime} ${w.backend}: not run: ${w.reason}`
        : `  ${w.runtime} ${w.backend}, ${w.size}px batch ${w.batch}, ${w.batches} batches: waited ${w.waitedSeconds.toFixed(2)} s${w.firstBatchSeconds === undefined ? '' : ` (${w.firstBatchSeconds.toFixed(2)} s of it for the first batch)`} of ${w.spanSeconds.toFixed(1)} s = ${(100 * w.share).toFixed(1)} % (${verdict(w.share <= 0.1)}); the loop ran at ${w.stepImagesPerSecond.toFixed(1)} images/s`,
    );
  }

  out.push(
    '',
    'Feature cache: a head-only epoch with the base run per batch over one on cached features (target ≥ 20×)',
  );
  for (const f of r.featureCache) {
    out.push(
      isUnavailable(f)
        ? `  — ${f.runtime} ${f.backend}: not run: ${f.reason}`
        : `  ${f.runtime} ${f.backend}, ${f.size}px, ${f.images} images: ${f.epochWithoutCache.toFixed(2)} s / ${f.epochWithCache.toFixed(3)} s = ${f.speedup.toFixed(0)}× (${verdict(f.speedup >= 20)}); the cache took ${f.cacheBuildSeconds.toFixed(1)} s to build once`,
    );
  }

  out.push(
    '',
    'Main-thread long tasks over 50 ms during a full demo run, from "Use demo dataset" to the test results (target 0)',
  );
  const longest = (n: number, ms: number) => (n > 0 ? ` (longest ${ms.toFixed(0)} ms)` : '');
  for (const l of r.longTasks) {
    if (isUnavailable(l)) {
      out.push(`  — ${l.runtime} ${l.backend}: not run: ${l.reason}`);
      continue;
    }
    const cpu =
      l.longestCpuMs === undefined
        ? ''
        : `; by CPU time the run's longest task took ${l.longestCpuMs.toFixed(0)} ms and ${l.overBudgetCpuCount ?? 0} took over 50 ms`;
    out.push(
      `  ${l.runtime} ${l.backend}: ${l.indexingCount} while the demo dataset was made and indexed${longest(l.indexingCount, l.longestIndexingMs)}, ${l.count} during ${l.trainingSeconds.toFixed(0)} s of training and evaluation${longest(l.count, l.longestMs)} (${verdict(l.count === 0 && l.indexingCount === 0)})${cpu}`,
      `    page start-up before the run: ${l.startupCount} over 50 ms${longest(l.startupCount, l.longestStartupMs)}${l.longestStartupCpuMs === undefined ? '' : `; the longest took ${l.longestStartupCpuMs.toFixed(0)} ms of CPU`}`,
    );
  }

  out.push('', 'Tensors after epoch 1 and after epoch 5 (target equal)');
  for (const t of r.memory) {
    if (isUnavailable(t)) {
      out.push(`  — ${t.runtime} ${t.backend}: not run: ${t.reason}`);
      continue;
    }
    const [a, b] = t.epochs;
    out.push(
      a && b
        ? `  ${t.runtime} ${t.backend}: ${a.numTensors} tensors, ${mb(a.numBytes)} → ${b.numTensors} tensors, ${mb(b.numBytes)} (${verdict(a.numTensors === b.numTensors && a.numBytes === b.numBytes)}); ${t.afterDispose} left after dispose (${t.before} before the trainer)`
        : '  — the run ended before epoch 5',
    );
  }

  out.push('', 'Ingest: index the zip and the attribute CSV (target: linear growth)');
  // The growth series: zips of the same layout; the full-size CelebA row stands apart.
  const measured = r.ingest.filter((i) => 'seconds' in i && !i.layout);
  for (const i of r.ingest) {
    out.push(
      'seconds' in i
        ? `  ${i.entries.toLocaleString('en')} entries (${mb(i.zipBytes)} zip${i.layout ? `; ${i.layout}` : ''}): ${i.seconds.toFixed(2)} s, peak memory ${mb(i.peakRssBytes)} (${mb(i.peakRssBytes - i.baselineRssBytes)} above the process at rest)`
        : `  — ${i.entries.toLocaleString('en')} entries: not run: ${i.skipped}`,
    );
  }
  const first = measured[0];
  const last = measured.at(-1);
  if (first && last && last.entries > first.entries && 'seconds' in first && 'seconds' in last) {
    const n = Math.log(last.entries / first.entries);
    const time = Math.log(last.seconds / first.seconds) / n;
    const memory =
      Math.log(
        (last.peakRssBytes - last.baselineRssBytes) / (first.peakRssBytes - first.baselineRssBytes),
      ) / n;
    out.push(
      `  growth from ${first.entries.toLocaleString('en')} to ${last.entries.toLocaleString('en')} entries: time ∝ n^${time.toFixed(2)}, memory ∝ n^${memory.toFixed(2)} (${verdict(time <= 1.15 && memory <= 1.15)}: 1.00 is linear)`,
    );
  }
  return out.join('\n');
}

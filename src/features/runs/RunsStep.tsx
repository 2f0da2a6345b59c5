import { useEffect, useState } from 'react';
import { useActions, useStudio } from '../../studio/useStudio.ts';
import { ResultWarnings } from '../../ui/ResultWarnings.tsx';
import { Step } from '../../ui/Step.tsx';
import { ClusterExportStatus, useClusterExport } from '../training/ClusterExport.tsx';
import { CompareRunsChart } from './CompareRunsChart.tsx';
import { GridQueueForm } from './GridQueueForm.tsx';
import { RunsTable } from './RunsTable.tsx';
import { COMPARE_METRICS, type CompareMetric } from './runSummary.ts';

/** Stored runs side by side: settings, results and overlaid curves. */
export function RunsStep() {
  const actions = useActions();
  const stored = useStudio((s) => s.training.runs);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [metric, setMetric] = useState<CompareMetric>('valAccuracy');
  const exportJob = useClusterExport();

  useEffect(() => {
    void actions.training.listRuns();
  }, [actions]);

  const runs = [...stored].sort((a, b) => b.createdAt - a.createdAt);
  const compared = runs.filter((run) => chosen.has(run.id));
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Step id="runs" intro="Every run is kept in this browser. Compare their curves and results.">
      <ResultWarnings
        randomWeights={runs.some((r) => r.randomWeights)}
        synthetic={runs.some((r) => r.synthetic)}
      />
      <RunsTable
        runs={runs}
        chosen={chosen}
        onToggle={toggle}
        onDelete={(runId) => void actions.training.deleteRun(runId)}
        onClusterExport={(run) => exportJob(run.config, run.name)}
      />
      <ClusterExportStatus />
      <div className="row">
        <label className="inline">
          Metric
          <select
            value={metric}
            onChange={(e) => {
              const picked = COMPARE_METRICS.find((m) => m.value === e.currentTarget.value);
              if (picked) setMetric(picked.value);
            }}
          >
            {COMPARE_METRICS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        {compared.length === 0 && (
          <span className="hint">Tick “Compare” on runs to overlay their curves.</span>
        )}
      </div>
      <CompareRunsChart runs={compared} metric={metric} />
      <GridQueueForm />
    </Step>
  );
}

import { useEffect } from 'react';
import { DatasetStep } from '../features/dataset/DatasetStep.tsx';
import { EvaluationStep } from '../features/evaluation/EvaluationStep.tsx';
import { ExportStep } from '../features/export/ExportStep.tsx';
import { ModelStep } from '../features/model/ModelStep.tsx';
import { RunsStep } from '../features/runs/RunsStep.tsx';
import { TrainingStep } from '../features/training/TrainingStep.tsx';
import { STEPS } from '../ui/steps.ts';
import { useProgressiveCount } from '../ui/useProgressiveCount.ts';
import { warmDateFormatting } from '../ui/warmDateFormatting.ts';
import { BackendBadge } from './BackendBadge.tsx';
import { ErrorList } from './ErrorList.tsx';

/** The steps in page order, as `STEPS` lists them. */
const STEP_VIEWS = [
  <DatasetStep key="dataset" />,
  <ModelStep key="model" />,
  <TrainingStep key="training" />,
  <EvaluationStep key="evaluation" />,
  <RunsStep key="runs" />,
  <ExportStep key="export" />,
];

export function App() {
  // The shell first, then one step a frame: no start-up task builds and lays out the whole page.
  const shown = useProgressiveCount(STEP_VIEWS.length, 1);
  const mounted = shown === STEP_VIEWS.length;
  useEffect(() => (mounted ? warmDateFormatting() : undefined), [mounted]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          CelebA <span className="accent">Studio</span>
        </h1>
        <p className="tagline">
          VGG16 transfer learning in your browser. Your images never leave this machine.
        </p>
        <BackendBadge />
      </header>
      <nav className="steps" aria-label="Steps">
        <ol>
          {STEPS.map((step, i) => (
            <li key={step.id}>
              <a href={`#${step.id}`}>
                <span className="step-number">{i + 1}</span> {step.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <ErrorList />
      <main>{STEP_VIEWS.slice(0, shown)}</main>
    </div>
  );
}

import { DatasetStep } from '../features/dataset/DatasetStep.tsx';
import { EvaluationStep } from '../features/evaluation/EvaluationStep.tsx';
import { ExportStep } from '../features/export/ExportStep.tsx';
import { ModelStep } from '../features/model/ModelStep.tsx';
import { RunsStep } from '../features/runs/RunsStep.tsx';
import { TrainingStep } from '../features/training/TrainingStep.tsx';
import { STEPS } from '../ui/steps.ts';
import { BackendBadge } from './BackendBadge.tsx';
import { ErrorList } from './ErrorList.tsx';

export function App() {
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
      <main>
        <DatasetStep />
        <ModelStep />
        <TrainingStep />
        <EvaluationStep />
        <RunsStep />
        <ExportStep />
      </main>
    </div>
  );
}

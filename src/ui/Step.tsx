import type { ReactNode } from 'react';
import { STEPS, type StepId } from './steps.ts';

/** One step of the flow: a labelled region with its number and title. */
export function Step({ id, intro, children }: { id: StepId; intro: string; children?: ReactNode }) {
  const index = STEPS.findIndex((s) => s.id === id);
  const title = STEPS[index]?.title ?? id;
  return (
    <section id={id} className="step" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span className="step-number">{index + 1}</span> {title}
      </h2>
      <p className="intro">{intro}</p>
      {children}
    </section>
  );
}

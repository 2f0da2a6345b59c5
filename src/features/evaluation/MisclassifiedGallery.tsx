import type { Misclassified } from '../../domain/training.ts';
import { ImageCanvas } from '../../ui/ImageCanvas.tsx';
import { useProgressiveCount } from '../../ui/useProgressiveCount.ts';

/** Canvases mounted per frame while the gallery fills. */
const PER_FRAME = 6;

/** Test images the model got wrong at `threshold`, with the probability it gave. */
export function MisclassifiedGallery({
  images,
  classNames,
  threshold,
}: {
  images: Misclassified[];
  classNames: [string, string];
  threshold: number;
}) {
  // The worker sends the most confident mistakes at its threshold; keep those still wrong now.
  const wrong = images.filter(
    (m) => (m.probability >= threshold ? classNames[1] : classNames[0]) !== m.trueClass,
  );
  const shown = useProgressiveCount(wrong.length, PER_FRAME);
  return (
    <section aria-label="Misclassified images">
      <h3>Misclassified images</h3>
      <p className="intro">
        {wrong.length} of the {images.length} most confident mistakes are still wrong at threshold{' '}
        {threshold.toFixed(2)}.
      </p>
      <div className="gallery">
        {wrong.slice(0, shown).map((m) => {
          const caption = `true: ${m.trueClass} · p(${classNames[1]})=${m.probability.toFixed(2)}`;
          return (
            <figure key={m.name}>
              <ImageCanvas image={m.image} label={m.name} displaySize={96} />
              <figcaption>{caption}</figcaption>
            </figure>
          );
        })}
      </div>
    </section>
  );
}

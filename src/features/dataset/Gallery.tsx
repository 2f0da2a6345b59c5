import type { SampleImage } from '../../domain/dataset.ts';
import { ImageCanvas } from '../../ui/ImageCanvas.tsx';

/** A row of images with their class under each. */
export function Gallery({ images }: { images: SampleImage[] }) {
  return (
    <div className="gallery">
      {images.map((s) => (
        <figure key={s.name}>
          <ImageCanvas image={s.image} label={`${s.name}: ${s.className}`} />
          <figcaption>
            {s.className} · {s.name}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

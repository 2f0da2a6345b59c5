import { useEffect, useRef } from 'react';
import type { ImagePayload } from '../../protocol/images.ts';

/** Draws worker-decoded RGBA pixels; no image bytes are decoded on the main thread. */
export function ImageCanvas({ image, label }: { image: ImagePayload; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    context?.putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  }, [image]);
  return (
    <canvas ref={ref} width={image.width} height={image.height} role="img" aria-label={label} />
  );
}

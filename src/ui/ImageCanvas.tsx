import { useEffect, useRef } from 'react';
import type { ImagePayload } from '../domain/images.ts';

/**
 * Draws RGBA pixels decoded by the worker (no image bytes are decoded on the
 * main thread). `label` is the image's accessible name; `displaySize` scales
 * it on screen, else it shows at its own size.
 */
export function ImageCanvas({
  image,
  label,
  displaySize,
}: {
  image: ImagePayload;
  label: string;
  displaySize?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context || image.data.length !== image.width * image.height * 4) return;
    context.putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      width={image.width}
      height={image.height}
      role="img"
      aria-label={label}
      style={displaySize === undefined ? undefined : { width: displaySize, height: displaySize }}
    />
  );
}

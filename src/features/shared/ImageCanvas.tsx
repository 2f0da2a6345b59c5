import { useEffect, useRef } from 'react';
import type { ImagePayload } from '../../protocol/images.ts';

/** Draws RGBA pixels sent by the worker; `label` is the image's accessible name. */
export function ImageCanvas({
  image,
  label,
  displaySize = 96,
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
      style={{ width: displaySize, height: displaySize }}
    />
  );
}

/**
 * JPEG encoding with the browser's own encoder, which is far faster than the
 * pure-JS one; the demo dataset uses it when the worker has OffscreenCanvas.
 */
export async function canvasJpegEncode(
  rgba: Uint8Array,
  width: number,
  height: number,
): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser gives workers no 2D canvas to encode images with.');
  const pixels = new Uint8ClampedArray(width * height * 4);
  pixels.set(rgba);
  context.putImageData(new ImageData(pixels, width, height), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  return new Uint8Array(await blob.arrayBuffer());
}

export const canEncodeWithCanvas = typeof OffscreenCanvas === 'function';

/** Pixels sent to the page for display: RGBA, row-major; `data.buffer` is transferred. */
export interface ImagePayload {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

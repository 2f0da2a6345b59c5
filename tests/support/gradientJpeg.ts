import jpeg from 'jpeg-js';

/**
 * A JPEG with a colour gradient (red left to right, green top to bottom, a
 * constant blue): a photo of another size than the model's input.
 */
export function gradientJpeg(width: number, height: number, blue: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = Math.round((x / width) * 255);
      data[i + 1] = Math.round((y / height) * 255);
      data[i + 2] = blue;
      data[i + 3] = 255;
    }
  }
  return jpeg.encode({ data, width, height }, 90).data;
}

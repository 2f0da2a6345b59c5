import type { DecodeReply, DecodeRequest, DecodeTarget } from './decodeMessages.ts';
import { concurrencyLimit } from './decodePool.ts';
import { decodeLocated } from './imageLocation.ts';
import type { ImageDecoder, ImageLocation } from './types.ts';

export type ReplyPort = (reply: DecodeReply, transfer: Transferable[]) => void;

type Decode = Extract<DecodeRequest, { type: 'decode' }>;

/**
 * A decode worker's side: keeps the zips it is handed and answers each
 * request with the image read, checked and decoded here, its pixels'
 * buffer transferred. A bad image is answered with the message the
 * training thread would have given it; it never stops the worker.
 * At most `concurrency` images are worked on at once, oldest first, so
 * the batch needed next is answered first rather than with the later ones.
 */
export function decodeService(decoder: ImageDecoder, reply: ReplyPort, concurrency = 4) {
  const archives = new Map<number, { blob: Blob; name: string }>();
  const locate = (target: DecodeTarget): ImageLocation => {
    if (target.kind === 'file') return target;
    const archive = archives.get(target.archive);
    if (!archive) throw new Error(`Zip ${target.archive} was never handed to this decode worker.`);
    return { kind: 'zip', archive: archive.blob, archiveName: archive.name, entry: target.entry };
  };
  const places = concurrencyLimit(concurrency);
  const decode = async (request: Decode) => {
    const { id, name, size, target } = request;
    try {
      const image = await decodeLocated(locate(target), name, size, decoder);
      // Only a buffer the pixels fill alone is transferred; a view into a larger one is copied.
      const data =
        image.data.byteOffset === 0 && image.data.byteLength === image.data.buffer.byteLength
          ? image.data
          : image.data.slice();
      reply({ id, ok: true, width: image.width, height: image.height, data }, [data.buffer]);
    } catch (error) {
      reply({ id, ok: false, message: error instanceof Error ? error.message : String(error) }, []);
    }
  };
  return (request: DecodeRequest): void => {
    if (request.type === 'archive') archives.set(request.archive, request);
    else void places.run(() => decode(request));
  };
}

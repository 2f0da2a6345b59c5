/// <reference lib="webworker" />
import type { DecodeRequest } from '../core/dataset/decodeMessages.ts';
import { decodeService } from '../core/dataset/decodeService.ts';
import { localDecoder } from './browserDecoder.ts';

/** A decode worker, started by the training worker: reads, decodes and resizes images for it. */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = decodeService(localDecoder, (reply, transfer) => scope.postMessage(reply, transfer));
scope.addEventListener('message', (event: MessageEvent<DecodeRequest>) => handle(event.data));

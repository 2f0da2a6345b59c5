import { describe, expect, it } from 'vitest';
import { faultFromUrl } from '../../src/domain/faults.ts';

describe('faultFromUrl', () => {
  it('reads a crash or a device loss after an epoch, in either spelling', () => {
    expect(faultFromUrl('?backend=wasm&simulate=worker-crash-after-epoch-1')).toEqual({
      kind: 'worker-crash',
      afterEpoch: 1,
    });
    expect(faultFromUrl('?simulate=device-lost-after-epoch=3')).toEqual({
      kind: 'device-lost',
      afterEpoch: 3,
    });
  });

  it('ignores anything else, so a stray flag never arms a fault', () => {
    for (const search of [
      '',
      '?backend=wasm',
      '?simulate=',
      '?simulate=device-lost',
      '?simulate=device-lost-after-epoch-0',
      '?simulate=meltdown-after-epoch-1',
      '?simulate=worker-crash-after-epoch-1x',
    ]) {
      expect(faultFromUrl(search)).toBeNull();
    }
  });
});
